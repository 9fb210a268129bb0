import { Construct, IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IMessagingGrants, MessagingDataRoles, withMessagingGrants } from "../core/data-grants";
import { GrantableResource } from "../core/imported-resource";
import { BuiltInRole, BuiltInRoleName, Grantee } from "../core/grants";
import { isUnresolved } from "../core/errors";
import { validateName } from "../core/naming";
import { parseResourceId, resourceIdOf } from "../core/resource-id";
import { IResourceGroup, IntegrationContext } from "../core/context";

/** Resource type of a namespace, as `parseResourceId` and `resourceIdOf` take it. */
export const EVENT_HUB_NAMESPACE_TYPE = "Microsoft.EventHub/namespaces";

/**
 * The least-privilege Event Hubs data roles behind `grantSend`, `grantReceive` and `grantManage`:
 * namespaces (created and imported) and event hubs take them from `withMessagingGrants(Base, EVENT_HUBS_ROLES)`.
 */
export const EVENT_HUBS_ROLES: MessagingDataRoles = {
  send: BuiltInRole.eventHubsDataSender,
  receive: BuiltInRole.eventHubsDataReceiver,
  manage: BuiltInRole.eventHubsDataOwner,
};

/**
 * An Event Hubs namespace, created here or imported: what identity-based clients and grants need.
 * `grantSend`/`grantReceive`/`grantManage` grant Azure Event Hubs Data Sender/Receiver/Owner on every event hub.
 */
export interface IEventHubNamespace extends IConstruct, IMessagingGrants {
  /** Resource id of the namespace. */
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  /**
   * Host name for identity-based connections, `<name>.servicebus.windows.net`, e.g. the app setting
   * `EventHubConnection__fullyQualifiedNamespace` of a Functions trigger.
   */
  readonly fullyQualifiedNamespace: string;
  /** Grants any role (built-in or custom, by name) on the namespace. */
  grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment;
}

/** `<name>.servicebus.windows.net` (Azure public cloud). */
export function fullyQualifiedNamespace(name: string): string {
  return `${name}.servicebus.windows.net`;
}

/** An existing namespace; see {@link EventHubNamespace.fromId} and {@link EventHubNamespace.fromName}. */
export class ImportedEventHubNamespace extends withMessagingGrants(GrantableResource, EVENT_HUBS_ROLES) implements IEventHubNamespace {
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  public readonly fullyQualifiedNamespace: string;

  /**
   * `ref` is a resource id (a literal one is checked, its form and the name's rule; a token one is
   * split at deploy time) or a name in `resourceGroup` (default: the IntegrationContext's). Errors
   * name this construct's path.
   */
  constructor(scope: Construct, id: string, ref: string | { readonly name: string; readonly resourceGroup?: IResourceGroup }) {
    super(scope, id);
    let parsed: { readonly id: string; readonly name: string; readonly resourceGroupName: string };
    if (typeof ref === "string") {
      parsed = parseResourceId(this, ref, EVENT_HUB_NAMESPACE_TYPE, { field: "namespaceId" });
      if (!isUnresolved(ref)) validateName(this, "eventHubNamespace", parsed.name, "namespaceId");
    } else {
      validateName(this, "eventHubNamespace", ref.name);
      const group = IntegrationContext.resourceGroup(this, ref.resourceGroup);
      parsed = { id: resourceIdOf(group.id, EVENT_HUB_NAMESPACE_TYPE, [ref.name]), name: ref.name, resourceGroupName: group.name };
    }
    this.id = parsed.id;
    this.name = parsed.name;
    this.resourceGroupName = parsed.resourceGroupName;
    this.fullyQualifiedNamespace = fullyQualifiedNamespace(parsed.name);
  }
}
