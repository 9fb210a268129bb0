import { Construct } from "constructs";
import { PrivateEndpoint as PrivateEndpointResource } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { IntegrationContext, IPrivateNetwork, IResourceGroup } from "./context";
import { resourceName } from "./naming";

/** Private DNS zone of each private-link sub-resource we use (Azure public cloud). */
export const PRIVATE_DNS_ZONES = {
  blob: "privatelink.blob.core.windows.net",
  dfs: "privatelink.dfs.core.windows.net",
  queue: "privatelink.queue.core.windows.net",
  table: "privatelink.table.core.windows.net",
  file: "privatelink.file.core.windows.net",
  vault: "privatelink.vaultcore.azure.net",
  namespace: "privatelink.servicebus.windows.net",
  topic: "privatelink.eventgrid.azure.net",
  domain: "privatelink.eventgrid.azure.net",
  sites: "privatelink.azurewebsites.net",
  Gateway: "privatelink.azure-api.net",
  dataFactory: "privatelink.datafactory.azure.net",
  portal: "privatelink.adf.azure.com",
  sqlServer: "privatelink.database.windows.net",
  // Cosmos DB's SQL API; Synapse's "Sql" endpoint passes privateDnsZone "privatelink.sql.azuresynapse.net".
  Sql: "privatelink.documents.azure.com",
  SqlOnDemand: "privatelink.sql.azuresynapse.net",
  Dev: "privatelink.dev.azuresynapse.net",
} as const;

export type PrivateLinkSubresource = keyof typeof PRIVATE_DNS_ZONES;

/** A private endpoint for a construct (the AVM `private_endpoints` interface). */
export interface PrivateEndpointOptions {
  /** @default the IntegrationContext network's private endpoint subnet */
  readonly subnetId?: string;
  /**
   * Private DNS zones to register the endpoint in; `[]` leaves DNS to a hub (Azure Policy).
   * @default the zone the network provides for the sub-resource, if any
   */
  readonly privateDnsZoneIds?: readonly string[];
  /**
   * Region of the endpoint: the region of its subnet's VNet, which may differ from the resource's
   * (e.g. a disaster recovery secondary reached from the primary region's VNet).
   * @default the resource's location
   */
  readonly location?: string;
}

export interface PrivateEndpointProps {
  /** Name of the resource the endpoint connects to; the endpoint is named after it. */
  readonly ownerName: string;
  readonly resourceGroup: IResourceGroup;
  readonly location: string;
  readonly targetResourceId: string;
  readonly subresource: PrivateLinkSubresource;
  /** @default the zone of the sub-resource in {@link PRIVATE_DNS_ZONES} */
  readonly privateDnsZone?: string;
  readonly subnetId: string;
  readonly privateDnsZoneIds: readonly string[];
  readonly tags?: Record<string, string>;
}

/** A private endpoint to one sub-resource of a service, with an optional DNS zone group. */
export class PrivateEndpoint extends Construct {
  public readonly resource: PrivateEndpointResource;

  /**
   * The private endpoint a construct gets: from `options`, else from the context's network
   * (the prod profile), else none. `false` opts out.
   */
  public static forResource(
    scope: Construct,
    id: string,
    props: Omit<PrivateEndpointProps, "subnetId" | "privateDnsZoneIds">,
    options: PrivateEndpointOptions | false | undefined,
  ): PrivateEndpoint | undefined {
    if (options === false) return undefined;
    const network: IPrivateNetwork | undefined = IntegrationContext.of(scope).network;
    const subnetId = options?.subnetId ?? network?.privateEndpointSubnetId;
    if (!subnetId) return undefined;
    const zoneId = network?.privateDnsZoneId(props.privateDnsZone ?? PRIVATE_DNS_ZONES[props.subresource]);
    const privateDnsZoneIds = options?.privateDnsZoneIds ?? (zoneId ? [zoneId] : []);
    return new PrivateEndpoint(scope, id, { ...props, location: options?.location ?? props.location, subnetId, privateDnsZoneIds });
  }

  constructor(scope: Construct, id: string, props: PrivateEndpointProps) {
    super(scope, id);
    const name = resourceName(this, "privateEndpoint", undefined, { base: props.ownerName, qualifier: props.subresource });
    this.resource = new PrivateEndpointResource(this, "Resource", {
      name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location,
      subnetId: props.subnetId,
      customNetworkInterfaceName: `${name}-nic`,
      privateServiceConnection: {
        name: `${name}-connection`,
        privateConnectionResourceId: props.targetResourceId,
        subresourceNames: [props.subresource],
        isManualConnection: false,
      },
      privateDnsZoneGroup:
        props.privateDnsZoneIds.length > 0 ? { name: "default", privateDnsZoneIds: [...props.privateDnsZoneIds] } : undefined,
      tags: props.tags,
    });
  }
}
