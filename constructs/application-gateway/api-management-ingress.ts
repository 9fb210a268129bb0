import { Construct } from "constructs";
import { Fn } from "cdktf";
import { ApiManagement } from "../api-management";
import { ApiManagementPrivateDns } from "../api-management";
import { invalid, isUnresolved } from "../core/errors";
import { recordFlow } from "../core/flows";
import * as ipv4 from "../core/ipv4";
import { Network } from "../network";
import { KeyVault } from "../key-vault";
import { ApplicationGateway, ApplicationGatewayCertificate, ApplicationGatewayProps } from "./application-gateway";

/** How partners reach an Internal-mode API Management service. */
export interface ApiManagementIngressOptions {
  /** Range of the Application Gateway subnet. @default the fourth /24 of the network's first address space */
  readonly subnetPrefix?: string;
  /**
   * The listener's certificate: your own in Key Vault (`keyVaultSecretId`, the production choice), or
   * a self-signed one. @default a self-signed certificate for the gateway's public FQDN, created during
   * apply in a new Key Vault `IngressVault` (replace it with a CA-issued certificate for partners)
   */
  readonly certificate?: ApplicationGatewayCertificate;
  /** Further gateway settings (autoscale, zones, WAF mode, rule set, TLS policy). @default the ApplicationGateway defaults */
  readonly gatewayProps?: Pick<
    ApplicationGatewayProps,
    "autoscale" | "zones" | "wafMode" | "managedRuleSet" | "sslPolicyName" | "diagnostics" | "lock" | "name"
  >;
  /** Tags on the created resources. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface ApiManagementIngressProps extends ApiManagementIngressOptions {
  /** The Internal-mode service (classic injection) the gateway fronts. */
  readonly service: ApiManagement;
  /** The network the service is injected in. */
  readonly network: Network;
}

/**
 * The landing-zone-accelerator ingress of an Internal API Management service: an Application
 * Gateway WAF_v2 whose back end is the service's private VIP (host name `<name>.azure-api.net`,
 * so TLS to the gateway validates against API Management's own certificate), and the private DNS
 * records of the service's host names in the VNet. Learn "Integrate API Management in an internal
 * virtual network with Application Gateway",
 * https://learn.microsoft.com/azure/api-management/api-management-howto-integrate-internal-vnet-appgateway
 */
export class ApiManagementIngress extends Construct {
  public readonly gateway: ApplicationGateway;
  public readonly dns: ApiManagementPrivateDns;
  /** The vault of the self-signed certificate, when no certificate was given. */
  public readonly keyVault?: KeyVault;
  /** The URL partners call, e.g. `https://agw-x.westeurope.cloudapp.azure.com`. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: ApiManagementIngressProps) {
    super(scope, id);
    const service = props.service;
    if (service.resource.virtualNetworkTypeInput !== "Internal") {
      invalid(this, {
        field: "service",
        value: service.resource.virtualNetworkTypeInput,
        rule: "is not in Internal VNet mode, which is what this ingress fronts",
        fix: 'inject the service with virtualNetwork: { type: "Internal", subnetId } (ApiManagementSubnet)',
      });
    }
    const serviceName = service.resource.nameInput;
    if (serviceName === undefined || isUnresolved(serviceName)) {
      invalid(this, {
        field: "service.name",
        rule: "is known only at deploy time, but it names the back-end host and the DNS records",
        fix: "pass a literal name",
      });
    }
    const privateIp = Fn.element(service.resource.privateIpAddresses, 0);
    this.dns = new ApiManagementPrivateDns(this, "Dns", { network: props.network, serviceName, privateIpAddress: privateIp });

    const subnetPrefix = props.subnetPrefix ?? fourthSlash24(this, props.network);
    const gatewayName = props.gatewayProps?.name;
    let certificate = props.certificate;
    if (certificate === undefined) {
      this.keyVault = new KeyVault(this, "Vault", { tags: props.tags });
      certificate = { selfSigned: { keyVault: this.keyVault } };
    }
    this.gateway = new ApplicationGateway(this, "Gateway", {
      ...props.gatewayProps,
      name: gatewayName,
      network: props.network,
      subnetPrefix,
      backend: { addresses: [privateIp], hostName: `${serviceName}.azure-api.net` },
      certificate,
      tags: props.tags,
    });
    this.url = `https://${this.gateway.fqdn}`;
    // The gateway calls from its subnet; AIC-NET-010 checks the service is still reachable there as synthesized.
    recordFlow(this.gateway, {
      caller: { runsIn: "vnet", resource: this.gateway.resource },
      target: service.resource,
      purpose: "back end: API Management's private VIP (https, azure-api.net host name)",
    });
  }
}

/** The fourth /24 of the first address space (the address plan's Application Gateway quarter of a /22). */
function fourthSlash24(scope: Construct, network: Network): string {
  const space = network.addressSpace[0];
  const length = isUnresolved(space) ? undefined : ipv4.parseCidr(space)?.prefixLength;
  if (length === undefined || length > 22) {
    invalid(scope, {
      field: "subnetPrefix",
      value: isUnresolved(space) ? undefined : space,
      rule: "cannot be derived: the network's first address space is not a literal /22 or larger, so it has no fourth /24",
      fix: "pass subnetPrefix (a free /26 or larger range of the network, e.g. the address plan's applicationGateway subnet)",
    });
  }
  return ipv4.subnet(space, 24, 3);
}
