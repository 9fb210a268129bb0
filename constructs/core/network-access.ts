import { ResolvedContext } from "./context";

/** Public network settings shared by every construct with a service firewall. */
export interface NetworkAccessOptions {
  /**
   * Whether the public endpoint is reachable at all.
   * @default false when the construct has a private endpoint, else true (behind the firewall below)
   */
  readonly publicNetworkAccess?: boolean;
  /** Firewall default for traffic not matched by an allow rule. @default "Deny" */
  readonly firewallDefaultAction?: "Allow" | "Deny";
  /** Public CIDR ranges allowed through the firewall. @default the IntegrationContext's allowedIpRanges */
  readonly allowedIpRanges?: readonly string[];
}

export interface ResolvedNetworkAccess {
  readonly publicNetworkAccessEnabled: boolean;
  readonly defaultAction: "Allow" | "Deny";
  readonly ipRules: string[];
}

/** Public access is off once a private endpoint exists; otherwise the firewall denies by default. */
export function resolveNetworkAccess(
  context: ResolvedContext,
  options: NetworkAccessOptions,
  hasPrivateEndpoint: boolean,
): ResolvedNetworkAccess {
  return {
    publicNetworkAccessEnabled: options.publicNetworkAccess ?? !hasPrivateEndpoint,
    defaultAction: options.firewallDefaultAction ?? "Deny",
    ipRules: [...(options.allowedIpRanges ?? context.allowedIpRanges ?? [])],
  };
}
