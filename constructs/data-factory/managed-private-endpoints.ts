import { Construct } from "constructs";
import { TerraformResource } from "cdktf";
import { DataFactoryManagedPrivateEndpoint } from "@cdktf/provider-azurerm/lib/data-factory-managed-private-endpoint";
import { addDependency } from "../core/depends-on";
import { invalid } from "../core/errors";
import { FactoryEntities, FactoryEntity } from "./entities";
import { APPROVABLE_TARGET_TYPES, ManagedPrivateEndpointApproval, targetTypeOf } from "./managed-private-endpoint-approval";

/** A managed private endpoint from the factory's managed VNet to one sub-resource of a store. */
export type ManagedPrivateEndpoint = FactoryEntity<DataFactoryManagedPrivateEndpoint>;

/** Options of {@link DataFactory.addManagedPrivateEndpoint}. */
export interface ManagedPrivateEndpointOptions {
  /** FQDNs the endpoint serves (needed for some targets, e.g. private link services). @default none */
  readonly fqdns?: readonly string[];
  /**
   * Resource type of the target (e.g. `Microsoft.Storage/storageAccounts`), so the factory can
   * approve the connection during deploy (`approveManagedPrivateEndpoints`). One of
   * {@link APPROVABLE_TARGET_TYPES}; others are left for the target's owner to approve.
   * @default read from a literal target id; none for a token (then the connection stays pending)
   */
  readonly targetType?: string;
}

/** Where the factory approves its endpoints' connections (see {@link ManagedPrivateEndpointApproval}). */
export interface ManagedPrivateEndpointApprovalSettings {
  readonly enabled: boolean;
  readonly factoryName: string;
  readonly resourceGroupName: string;
}

/**
 * The factory's managed private endpoints, one per target sub-resource (Azure allows one managed
 * private endpoint per target and group id in a factory).
 */
export class ManagedPrivateEndpoints {
  private readonly byTarget = new Map<string, ManagedPrivateEndpoint>();
  private approvalValue?: ManagedPrivateEndpointApproval;
  private readonly waiting: TerraformResource[] = [];

  constructor(
    private readonly scope: Construct,
    private readonly entities: FactoryEntities,
    private readonly dataFactoryId: string,
    private readonly enabled: boolean,
    private readonly approvalSettings: ManagedPrivateEndpointApprovalSettings = { enabled: false, factoryName: "", resourceGroupName: "" },
  ) {}

  /** The deploy-time approval of the endpoints' connections; undefined until an approvable endpoint exists. */
  public get approval(): ManagedPrivateEndpointApproval | undefined {
    return this.approvalValue;
  }

  /** Makes `resource` (e.g. a trigger) wait for the approval, now or once there is one. */
  public waitForApproval(resource: TerraformResource): void {
    this.waiting.push(resource);
    if (this.approvalValue) addDependency(resource, this.approvalValue.resource);
  }

  /** Creates an endpoint; a second endpoint to the same target sub-resource is an error. */
  public add(name: string, targetResourceId: string, subresourceName: string, options: ManagedPrivateEndpointOptions = {}): ManagedPrivateEndpoint {
    this.requireManagedNetwork(name);
    const existing = this.byTarget.get(key(targetResourceId, subresourceName));
    if (existing) {
      invalid(this.scope, {
        field: "managed private endpoint",
        value: name,
        rule: `targets the same "${subresourceName}" sub-resource as "${existing.name}"`,
        fix: `reuse "${existing.name}": a factory has one managed private endpoint per target sub-resource`,
      });
    }
    this.entities.claim("managedPrivateEndpoint", name);
    const resource = new DataFactoryManagedPrivateEndpoint(this.scope, `ManagedPrivateEndpoint-${name}`, {
      name,
      dataFactoryId: this.dataFactoryId,
      targetResourceId,
      subresourceName,
      fqdns: options.fqdns ? [...options.fqdns] : undefined,
    });
    const endpoint = this.entities.add("managedPrivateEndpoint", new FactoryEntity(name, resource));
    this.byTarget.set(key(targetResourceId, subresourceName), endpoint);
    this.approve(name, targetResourceId, options.targetType ?? targetTypeOf(targetResourceId), resource);
    return endpoint;
  }

  private approve(name: string, targetResourceId: string, targetType: string | undefined, resource: DataFactoryManagedPrivateEndpoint): void {
    if (!this.approvalSettings.enabled || targetType === undefined) return;
    if (APPROVABLE_TARGET_TYPES[targetType] === undefined) {
      invalid(this.scope, {
        field: `managed private endpoint "${name}" targetType`,
        value: targetType,
        rule: "is not a type the factory can approve connections on",
        fix: `use one of ${Object.keys(APPROVABLE_TARGET_TYPES).join(", ")}, or leave targetType unset and approve the connection on the target`,
      });
    }
    if (!this.approvalValue) {
      this.approvalValue = new ManagedPrivateEndpointApproval(this.scope, "ManagedPrivateEndpointApproval", this.approvalSettings);
      for (const waiting of this.waiting) addDependency(waiting, this.approvalValue.resource);
    }
    this.approvalValue.add({ name, targetResourceId, targetType, resource });
  }

  /**
   * The endpoint to a target sub-resource for a linked service: the existing one, or a new one
   * named after the linked service. Undefined when the factory has no managed VNet.
   */
  public forLinkedService(
    linkedServiceName: string,
    targetResourceId: string,
    subresourceName: string,
    targetType?: string,
  ): ManagedPrivateEndpoint | undefined {
    if (!this.enabled) return undefined;
    return (
      this.byTarget.get(key(targetResourceId, subresourceName)) ??
      this.add(endpointName(linkedServiceName, subresourceName), targetResourceId, subresourceName, { targetType })
    );
  }

  private requireManagedNetwork(name: string): void {
    if (!this.enabled) {
      invalid(this.scope, {
        field: "managed private endpoint",
        value: name,
        rule: "needs the factory's managed virtual network",
        fix: "leave managedVirtualNetwork on (the default) to reach stores through managed private endpoints",
      });
    }
  }
}

function key(targetResourceId: string, subresourceName: string): string {
  return `${targetResourceId}|${subresourceName.toLowerCase()}`;
}

/** `mpe-<linked service>-<sub-resource>`, within the managed private endpoint naming rule. */
function endpointName(linkedServiceName: string, subresourceName: string): string {
  const base = linkedServiceName.replace(/[^A-Za-z0-9_.-]/g, "_");
  const tail = `-${subresourceName.replace(/[^A-Za-z0-9]/g, "")}`;
  return `mpe-${base}`.slice(0, 80 - tail.length) + tail;
}
