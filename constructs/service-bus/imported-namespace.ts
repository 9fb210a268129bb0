import { Construct } from "constructs";
import { withMessagingGrants } from "../core/data-grants";
import { GrantableResource } from "../core/imported-resource";
import { parseResourceId } from "../core/resource-id";
import { SERVICE_BUS_ROLES } from "./data-access";
import { IServiceBusNamespace } from "./types";

/** Resource type of a namespace, as {@link parseResourceId} and `resourceIdOf` take it. */
export const SERVICE_BUS_NAMESPACE_TYPE = "Microsoft.ServiceBus/namespaces";

/** An existing namespace: usable for grants and wherever an {@link IServiceBusNamespace} is taken. */
export class ImportedServiceBusNamespace extends withMessagingGrants(GrantableResource, SERVICE_BUS_ROLES) implements IServiceBusNamespace {
  public readonly id: string;
  public readonly name: string;
  public readonly resourceGroupName: string;
  public readonly fullyQualifiedNamespace: string;

  /**
   * A literal `namespaceId` is checked; a token one is split at deploy time. `known` names the
   * namespace when the caller has its literal name (`fromName`), so it is not split from a token id.
   */
  constructor(scope: Construct, id: string, namespaceId: string, known?: { readonly name: string; readonly resourceGroupName: string }) {
    super(scope, id);
    const parsed = known ?? parseResourceId(this, namespaceId, SERVICE_BUS_NAMESPACE_TYPE, { field: "namespaceId" });
    this.id = namespaceId;
    this.name = parsed.name;
    this.resourceGroupName = parsed.resourceGroupName;
    this.fullyQualifiedNamespace = `${this.name}.servicebus.windows.net`;
  }
}
