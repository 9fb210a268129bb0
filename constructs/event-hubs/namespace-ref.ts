import { Construct, IConstruct } from "constructs";
import { Fn, Token } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IResourceGroup, IntegrationContext } from "../core/context";
import { isUnresolved } from "../core/errors";
import { BuiltInRole, IPrincipal, grantRole } from "../core/grants";
import { validateName } from "../core/naming";
import { parseNamespaceId } from "./names";

/** An Event Hubs namespace, created here or imported: what identity-based clients and grants need. */
export interface IEventHubNamespace extends IConstruct {
  /** Resource id of the namespace. */
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  /**
   * Host name for identity-based connections, `<name>.servicebus.windows.net`, e.g. the app setting
   * `EventHubConnection__fullyQualifiedNamespace` of a Functions trigger.
   */
  readonly fullyQualifiedNamespace: string;
  /** Send events to every event hub (Azure Event Hubs Data Sender). */
  grantSend(principal: IPrincipal): RoleAssignment;
  /** Receive events from every event hub (Azure Event Hubs Data Receiver). */
  grantReceive(principal: IPrincipal): RoleAssignment;
  /** Full data-plane access (Azure Event Hubs Data Owner). */
  grantManage(principal: IPrincipal): RoleAssignment;
}

/** `<name>.servicebus.windows.net` (Azure public cloud). */
export function fullyQualifiedNamespace(name: string): string {
  return `${name}.servicebus.windows.net`;
}

/** The namespace-wide grants, shared by created and imported namespaces. */
export function grantOnNamespace(scope: Construct, namespaceId: string, kind: "send" | "receive" | "manage", principal: IPrincipal): RoleAssignment {
  const role = { send: BuiltInRole.eventHubsDataSender, receive: BuiltInRole.eventHubsDataReceiver, manage: BuiltInRole.eventHubsDataOwner }[kind];
  return grantRole(scope, namespaceId, role, principal);
}

interface NamespaceRef {
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
}

/** An existing namespace; see {@link EventHubNamespace.fromId} and {@link EventHubNamespace.fromName}. */
export class ImportedEventHubNamespace extends Construct implements IEventHubNamespace {
  /** By resource id; a token id is split at deploy time. */
  public static fromId(scope: Construct, id: string, namespaceId: string): IEventHubNamespace {
    return new ImportedEventHubNamespace(scope, id, (self) => {
      if (!isUnresolved(namespaceId)) {
        const parsed = parseNamespaceId(self, namespaceId);
        validateName(self, "eventHubNamespace", parsed.name, "namespaceId");
        return { id: namespaceId, ...parsed };
      }
      const part = (index: number) => Token.asString(Fn.element(Fn.split("/", namespaceId), index));
      return { id: namespaceId, name: part(8), resourceGroupName: part(4) };
    });
  }

  /** By name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): IEventHubNamespace {
    return new ImportedEventHubNamespace(scope, id, (self) => {
      validateName(self, "eventHubNamespace", name);
      const rg = IntegrationContext.resourceGroup(self, resourceGroup);
      return { id: `${rg.id}/providers/Microsoft.EventHub/namespaces/${name}`, name, resourceGroupName: rg.name };
    });
  }

  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  public readonly fullyQualifiedNamespace: string;

  // Errors while resolving the reference name this construct's path, so it exists first.
  private constructor(scope: Construct, id: string, resolveRef: (self: IConstruct) => NamespaceRef) {
    super(scope, id);
    const ref = resolveRef(this);
    this.id = ref.id;
    this.name = ref.name;
    this.resourceGroupName = ref.resourceGroupName;
    this.fullyQualifiedNamespace = fullyQualifiedNamespace(ref.name);
  }

  public grantSend(principal: IPrincipal): RoleAssignment {
    return grantOnNamespace(this, this.id, "send", principal);
  }

  public grantReceive(principal: IPrincipal): RoleAssignment {
    return grantOnNamespace(this, this.id, "receive", principal);
  }

  public grantManage(principal: IPrincipal): RoleAssignment {
    return grantOnNamespace(this, this.id, "manage", principal);
  }
}
