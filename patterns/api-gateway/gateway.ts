// The API gateway's new API Management service: Developer in dev, Premium injected in the VNet (Internal mode) in prod,
// with the Application Gateway in front of it; and the addresses it calls the workflows from.
import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { DataAzurermApiManagement } from "@cdktf/provider-azurerm/lib/data-azurerm-api-management";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import {
  ApiManagement,
  apiManagementPlacement,
  ApiManagementSubnet,
  ApiManagementTier,
  contextApiManagementSubnet,
  IApiManagement,
  pairedRegionGateway,
} from "../../constructs/api-management";
import { ApiManagementIngress } from "../../constructs/application-gateway";
import { invalid } from "../../constructs/core";
import type { ApiGatewayProps } from "./props";

/** Tiers without dedicated public IP addresses to admit at the workflows' triggers. */
const NO_DEDICATED_IPS: readonly ApiManagementTier[] = ["Consumption", "BasicV2", "StandardV2", "PremiumV2"];

/** A new service and what it is injected into and fronted by (`scope` is the ApiGateway: the construct ids hang off it). */
export interface GatewayService {
  readonly service: ApiManagement;
  readonly subnet?: ApiManagementSubnet;
  readonly publicIp?: PublicIp;
  readonly ingress?: ApiManagementIngress;
}

/** A new service: where the profile injects (prod: Developer or Premium, a Network in the context) Internal mode in a subnet created here. */
export function createApiManagement(
  scope: Construct,
  props: ApiGatewayProps,
  pairedLocation: string | undefined,
): GatewayService {
  const tags = props.tags;
  const { sku, network } = apiManagementPlacement(scope, props.apiManagementSku, props.apiManagementVirtualNetwork !== undefined);
  if (!network) checkNotInjected(scope, props);
  const subnet = network ? contextApiManagementSubnet(scope, network, props.apiManagementSubnetPrefix, tags) : undefined;
  const virtualNetwork = subnet ? { type: "Internal" as const, subnetId: subnet.subnetId } : props.apiManagementVirtualNetwork || undefined;
  const service = new ApiManagement(scope, "Gateway", {
    publisherName: props.publisherName as string,
    publisherEmail: props.publisherEmail as string,
    sku,
    virtualNetwork,
    additionalLocations: pairedRegionGateway(scope, {
      pairedLocation,
      sku,
      inVirtualNetwork: virtualNetwork !== undefined,
      skuField: "apiManagementSku",
      ownRegionHint: "To extend it, create the ApiManagement with additionalLocations in subnets of your own and pass it as existingApiManagement.",
    }),
    monitoring: props.monitoring?.applicationInsightsId !== undefined ? props.monitoring : undefined,
    tags,
  });
  if (!subnet || !network) return { service };
  // Classic injection: a Standard public IP for management and the gateway's outbound calls.
  const publicIp = subnet.inject(service);
  const ingress = props.ingress !== false ? new ApiManagementIngress(scope, "Ingress", { ...props.ingress, tags, service, network }) : undefined;
  return { service, subnet, publicIp, ingress };
}

/** The props that shape the injected service are a mistake on one that is not injected: they would be silently ignored. */
function checkNotInjected(scope: Construct, props: ApiGatewayProps): void {
  if (props.apiManagementSubnetPrefix !== undefined) {
    invalid(scope, {
      field: "apiManagementSubnetPrefix",
      value: props.apiManagementSubnetPrefix,
      rule:
        "is only used for the Internal-mode subnet created in prod " +
        "(Developer or Premium, a Network in the IntegrationContext, no apiManagementVirtualNetwork)",
      fix: "drop it, or pass apiManagementVirtualNetwork with your own subnet instead",
    });
  }
  if (props.ingress) {
    invalid(scope, {
      field: "ingress",
      rule: "fronts only the Internal-mode service the pattern injects (prod, Developer or Premium, a Network in the IntegrationContext)",
      fix: "drop ingress, or let the pattern inject the service (no apiManagementVirtualNetwork)",
    });
  }
}

/**
 * The service's public address as a /32 range, read from the service (or, for an existing one,
 * looked up). A classic service has one public address per region and this pattern deploys one
 * region; the workflow's access control takes a list of string values, not a list token.
 */
export function apiManagementAddresses(scope: Construct, service: ApiManagement | undefined, existing: IApiManagement | undefined): string[] {
  const sku = service?.sku;
  if (sku !== undefined && NO_DEDICATED_IPS.includes(sku)) {
    invalid(scope, {
      field: "allowedCallerIpRanges",
      rule: `cannot default to the service's addresses: sku "${sku}" has no dedicated public IP addresses`,
      fix: 'pass the ranges the gateway calls from, or ["0.0.0.0/0"] to rely on the callback URL\'s signature alone',
    });
  }
  const addresses = service
    ? service.publicIpAddresses
    : new DataAzurermApiManagement(scope, "ExistingApiManagement", {
        name: (existing as IApiManagement).serviceName,
        resourceGroupName: (existing as IApiManagement).resourceGroupName,
      }).publicIpAddresses;
  // Every address the service has (one per region), each as a /32.
  return Token.asList(Fn.formatlist("%s/32", [addresses]));
}
