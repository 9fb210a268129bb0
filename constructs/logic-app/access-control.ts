import { isIPv4, isIPv6 } from "net";
import { IConstruct } from "constructs";
import { LogicAppWorkflowAccessControl } from "@cdktf/provider-azurerm/lib/logic-app-workflow";
import { ResolvedContext } from "../core/context";
import { invalid, isUnresolved } from "../core/errors";

/** Entra ID (OAuth) authorization of calls to request triggers: the claims a caller's token must carry. */
export interface TriggerAuthenticationOptions {
  /** Token issuer (`iss`), e.g. `https://sts.windows.net/<tenant id>/`. */
  readonly issuer: string;
  /** Token audience (`aud`), e.g. the application ID URI the callers request tokens for. */
  readonly audience: string;
  /** Further claims every token must carry, e.g. `{ appid: "<client id>" }`. @default none */
  readonly additionalClaims?: Readonly<Record<string, string>>;
  /** Name of the authorization policy. @default "entra-id" */
  readonly policyName?: string;
}

/** Who may call the workflow's endpoints (the `access_control` block). */
export interface AccessControlOptions {
  /**
   * CIDR or IPv4 ranges (`a.b.c.d-e.f.g.h`) that may call request triggers, e.g. API Management's
   * public IPs so that only APIM reaches the workflow. `[]` admits only other Logic Apps (the
   * built-in "Azure Logic Apps" action).
   * @default the IntegrationContext's allowedIpRanges; with none, any address holding the signed callback URL
   */
  readonly allowedCallerIpRanges?: readonly string[];
  /** Entra ID tokens accepted by request triggers, in addition to the IP ranges. @default none (the callback URL's SAS signature only) */
  readonly triggerAuthentication?: TriggerAuthenticationOptions;
  /**
   * Ranges that may read run history inputs and outputs (the `content` block). The default
   * `0.0.0.0-0.0.0.0` admits nobody, keeping payloads out of reach of everyone but an
   * administrator who lifts it; `[]` leaves run history unrestricted.
   * @default ["0.0.0.0-0.0.0.0"]
   */
  readonly runHistoryAllowedIpRanges?: readonly string[];
  /**
   * Ranges that may call the workflow's action endpoints (e.g. webhook callbacks, resubmits).
   * @default the trigger ranges, as the portal does; unrestricted when those are unset
   */
  readonly actionAllowedIpRanges?: readonly string[];
}

/** Run history closed to every address: Logic Apps' documented "block all" range. */
export const NO_ADDRESS = "0.0.0.0-0.0.0.0";

const ENTRA_ISSUERS = ["https://sts.windows.net/", "https://login.microsoftonline.com/"];

/** The `access_control` block for the options, or undefined when nothing is restricted. */
export function accessControlBlock(
  scope: IConstruct,
  context: ResolvedContext,
  options: AccessControlOptions,
): LogicAppWorkflowAccessControl | undefined {
  const triggerRanges = ranges(scope, "allowedCallerIpRanges", options.allowedCallerIpRanges ?? context.allowedIpRanges);
  const actionRanges = ranges(scope, "actionAllowedIpRanges", options.actionAllowedIpRanges) ?? triggerRanges;
  const contentRanges = ranges(scope, "runHistoryAllowedIpRanges", options.runHistoryAllowedIpRanges ?? [NO_ADDRESS]);
  const auth = options.triggerAuthentication;
  if (auth && triggerRanges === undefined) {
    invalid(scope, {
      field: "triggerAuthentication",
      rule: "needs allowedCallerIpRanges, because azurerm then sends an empty range list, which Logic Apps reads as \"only other Logic Apps\"",
      fix: 'set allowedCallerIpRanges to the callers\' ranges (e.g. API Management\'s public IPs), or ["0.0.0.0/0"] to rely on the token alone',
    });
  }
  const block: LogicAppWorkflowAccessControl = {
    trigger:
      triggerRanges !== undefined
        ? { allowedCallerIpAddressRange: triggerRanges, openAuthenticationPolicy: auth ? [authenticationPolicy(scope, auth)] : undefined }
        : undefined,
    action: actionRanges !== undefined ? { allowedCallerIpAddressRange: actionRanges } : undefined,
    // An empty content list would read as "no restriction", so leave the block out instead.
    content: contentRanges !== undefined && contentRanges.length > 0 ? { allowedCallerIpAddressRange: contentRanges } : undefined,
  };
  return block.trigger || block.action || block.content ? block : undefined;
}

function authenticationPolicy(scope: IConstruct, auth: TriggerAuthenticationOptions) {
  if (!isUnresolved(auth.issuer) && !ENTRA_ISSUERS.some((prefix) => auth.issuer.startsWith(prefix))) {
    invalid(scope, {
      field: "triggerAuthentication.issuer",
      value: auth.issuer,
      rule: "is not an Entra ID issuer",
      fix: `use ${ENTRA_ISSUERS.map((p) => `${p}<tenant id>/`).join(" or ")} (Logic Apps requires one of these)`,
    });
  }
  const claims = { iss: auth.issuer, aud: auth.audience, ...auth.additionalClaims };
  return { name: auth.policyName ?? "entra-id", claim: Object.entries(claims).map(([name, value]) => ({ name, value })) };
}

function ranges(scope: IConstruct, field: string, values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  // A list known only at deploy time (e.g. Token.asList(Fn.formatlist("%s/32", [ips]))) is passed on as it is.
  if (isUnresolved(values)) return values as string[];
  for (const value of values) {
    if (isUnresolved(value) || isIpRange(value)) continue;
    invalid(scope, {
      field,
      value,
      rule: "is not a CIDR block or an IPv4 range",
      fix: "write ranges as a.b.c.d/n, an IPv6 prefix, or a.b.c.d-e.f.g.h",
    });
  }
  return [...values];
}

/** What azurerm accepts: an IPv4/IPv6 CIDR block or an ascending IPv4 range. */
function isIpRange(value: string): boolean {
  const cidr = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (cidr) {
    const bits = Number(cidr[2]);
    return (isIPv4(cidr[1]) && bits <= 32) || (isIPv6(cidr[1]) && bits <= 128);
  }
  const range = value.split("-");
  return range.length === 2 && range.every((ip) => isIPv4(ip)) && ipv4Number(range[0]) <= ipv4Number(range[1]);
}

function ipv4Number(ip: string): number {
  return ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}
