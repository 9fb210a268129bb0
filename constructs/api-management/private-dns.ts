import { Construct } from "constructs";
import { Annotations } from "cdktf";
import { PrivateDnsARecord } from "@cdktf/provider-azurerm/lib/private-dns-a-record";
import { requireLiteral } from "../core/errors";
import { Network } from "../network";

/**
 * The host names of an Internal-mode service, as labels under `azure-api.net` (`<name>` is the
 * gateway, `<name>.developer` the developer portal, ...). An Internal service has no public DNS
 * records, so VNet callers resolve these through DNS of ours: Learn "Configure DNS for API
 * Management in a VNet (internal mode)",
 * https://learn.microsoft.com/azure/api-management/api-management-using-with-internal-vnet#dns-configuration
 */
export const API_MANAGEMENT_HOST_LABELS = ["", ".portal", ".developer", ".management", ".scm"] as const;

/** The zone all default host names of API Management live in. */
const ZONE = "azure-api.net";

export interface ApiManagementPrivateDnsProps {
  /** The network whose private DNS zones hold the records (its `azure-api.net` zone, created and linked on first use). */
  readonly network: Network;
  /** The service name (literal: it names the records). */
  readonly serviceName: string;
  /** The service's private VIP, e.g. `apim.resource.privateIpAddresses` element 0. */
  readonly privateIpAddress: string;
  /** Record TTL in seconds. @default 300 */
  readonly ttl?: number;
}

/**
 * A records for an Internal-mode API Management service's default host names (gateway, legacy
 * portal, developer portal, management, Git) in the network's private zone `azure-api.net`, so
 * the Application Gateway and other VNet callers resolve them to the private VIP.
 *
 * The zone answers every `*.azure-api.net` lookup from the linked VNet: another API Management
 * service's public name does not resolve there unless it gets a record too.
 *
 * When the network's zones are a hub's (`network.hub`), no records are created (the provider of this
 * stack cannot write a hub zone in another subscription): a warning names the records the hub's
 * zone needs. The Application Gateway of the patterns targets the VIP, so ingress works either way.
 */
export class ApiManagementPrivateDns extends Construct {
  /** The A records, by host label (`""` is the gateway); empty when the hub holds the zone. */
  public readonly records: Readonly<Record<string, PrivateDnsARecord>>;

  constructor(scope: Construct, id: string, props: ApiManagementPrivateDnsProps) {
    super(scope, id);
    requireLiteral(this, "serviceName", props.serviceName, "names the DNS records", "pass the service name as a literal");
    const source = props.network.privateDnsZoneSource(ZONE);
    const records: Record<string, PrivateDnsARecord> = {};
    if (source !== "created") {
      const names = API_MANAGEMENT_HOST_LABELS.map((l) => `${props.serviceName}${l}.${ZONE}`).join(", ");
      Annotations.of(this).addWarning(
        `API Management is Internal and the network's private DNS is ${source === "existing" ? "the hub's" : "managed outside the stacks"}: ` +
          `add A records ${names} for the service's private IP address to the ${ZONE} zone the VNet resolves.`
      );
    } else {
      props.network.privateDnsZoneId(ZONE);
      const zone = props.network.privateDnsZones[ZONE];
      for (const label of API_MANAGEMENT_HOST_LABELS) {
        records[label] = new PrivateDnsARecord(this, `Record${label === "" ? "-gateway" : label.replace(".", "-")}`, {
          name: `${props.serviceName}${label}`,
          zoneName: zone.name,
          resourceGroupName: zone.resourceGroupName,
          ttl: props.ttl ?? 300,
          records: [props.privateIpAddress],
        });
      }
    }
    this.records = records;
  }
}
