import { Construct } from "constructs";
import { DataFactoryManagedPrivateEndpoint } from "@cdktf/provider-azurerm/lib/data-factory-managed-private-endpoint";
import { invalid } from "../core/errors";
import { FactoryEntities, FactoryEntity } from "./entities";

/** A managed private endpoint from the factory's managed VNet to one sub-resource of a store. */
export type ManagedPrivateEndpoint = FactoryEntity<DataFactoryManagedPrivateEndpoint>;

/** Options of {@link DataFactory.addManagedPrivateEndpoint}. */
export interface ManagedPrivateEndpointOptions {
  /** FQDNs the endpoint serves (needed for some targets, e.g. private link services). @default none */
  readonly fqdns?: readonly string[];
}

/**
 * The factory's managed private endpoints, one per target sub-resource (Azure allows one managed
 * private endpoint per target and group id in a factory).
 */
export class ManagedPrivateEndpoints {
  private readonly byTarget = new Map<string, ManagedPrivateEndpoint>();

  constructor(
    private readonly scope: Construct,
    private readonly entities: FactoryEntities,
    private readonly dataFactoryId: string,
    private readonly enabled: boolean,
  ) {}

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
    return endpoint;
  }

  /**
   * The endpoint to a target sub-resource for a linked service: the existing one, or a new one
   * named after the linked service. Undefined when the factory has no managed VNet.
   */
  public forLinkedService(linkedServiceName: string, targetResourceId: string, subresourceName: string): ManagedPrivateEndpoint | undefined {
    if (!this.enabled) return undefined;
    return this.byTarget.get(key(targetResourceId, subresourceName)) ?? this.add(endpointName(linkedServiceName, subresourceName), targetResourceId, subresourceName);
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
