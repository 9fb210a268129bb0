import { Construct, IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IMessagingGrants, MessagingDataRoles, withMessagingGrants } from "../core/data-grants";
import { ImportedResource, ImportedResourceType, referenceFromId, referenceFromName } from "../core/imported-resource";
import { BuiltInRole, BuiltInRoleName, Grantee } from "../core/grants";
import { IResourceGroup } from "../core/context";

/** Resource type of a namespace, as `parseResourceId` and `resourceIdOf` take it. */
export const EVENT_HUB_NAMESPACE_TYPE = "Microsoft.EventHub/namespaces";
const EVENT_HUB_NAMESPACE: ImportedResourceType = { type: EVENT_HUB_NAMESPACE_TYPE, naming: "eventHubNamespace" };

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
export class ImportedEventHubNamespace extends withMessagingGrants(ImportedResource, EVENT_HUBS_ROLES) implements IEventHubNamespace {
  public readonly fullyQualifiedNamespace: string;

  /**
   * `ref` is a resource id (a literal one is checked, its form and the name's rule; a token one is
   * split at deploy time) or a name in `resourceGroup` (default: the IntegrationContext's). Errors
   * name this construct's path.
   */
  constructor(scope: Construct, id: string, ref: string | { readonly name: string; readonly resourceGroup?: IResourceGroup }) {
    super(scope, id, (self) =>
      typeof ref === "string"
        ? referenceFromId(self, ref, EVENT_HUB_NAMESPACE, "namespaceId")
        : referenceFromName(self, ref.name, EVENT_HUB_NAMESPACE, ref.resourceGroup),
    );
    this.fullyQualifiedNamespace = fullyQualifiedNamespace(this.name);
  }
}
