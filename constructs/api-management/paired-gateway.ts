import { IConstruct } from "constructs";
import { Annotations } from "cdktf";
import { invalid } from "../core/errors";
import { AdditionalLocationOptions } from "./tier-rules";

/** What a pattern knows when it adds API Management's gateway in its disaster-recovery region. */
export interface PairedGatewayOptions {
  /** The pattern's paired region; undefined without disaster recovery. */
  readonly pairedLocation: string | undefined;
  readonly sku: string;
  /** The service is in a VNet: a gateway in another region would need a subnet there. */
  readonly inVirtualNetwork: boolean;
  /** The prop that sets the tier, for the fix (e.g. `apiManagementProps.sku`). */
  readonly skuField: string;
  /** How the user adds the region themselves, for the warning. */
  readonly ownRegionHint: string;
}

/**
 * The gateway in the paired region: Premium only
 * (https://learn.microsoft.com/azure/api-management/api-management-howto-deploy-multi-region). A service in a VNet
 * would need a subnet (and public IP) in a VNet of the paired region, which the patterns do not build: it stays in
 * one region, with a warning.
 */
export function pairedRegionGateway(scope: IConstruct, options: PairedGatewayOptions): AdditionalLocationOptions[] | undefined {
  const { pairedLocation, sku } = options;
  if (pairedLocation === undefined) return undefined;
  if (sku !== "Premium") {
    invalid(scope, {
      field: "disasterRecovery",
      value: pairedLocation,
      rule: `needs an API Management gateway in the paired region, which only Premium deploys, but the service is "${sku}"`,
      fix: `use the prod profile, set ${options.skuField} "Premium", or drop disasterRecovery`,
    });
  }
  if (options.inVirtualNetwork) {
    Annotations.of(scope).addWarning(
      `disasterRecovery: API Management is VNet-injected, and a gateway in ${pairedLocation} needs a subnet there, which this ` +
        "pattern does not create; the gateway stays in one region (see the README's Disaster recovery). " +
        options.ownRegionHint,
    );
    return undefined;
  }
  return [{ location: pairedLocation }];
}
