import { Construct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { ApplicationGatewayProps } from "./props";

/** The props with their defaults, resolved and validated once. */
export interface GatewaySettings {
  readonly prod: boolean;
  readonly min: number;
  readonly max: number;
  readonly sslPolicyName: string;
  readonly ruleSet: { readonly type: string; readonly version: string };
  readonly zones?: readonly string[];
  /** The gateway's name, also its public IP's DNS label. */
  readonly name: string;
}

const SSL_POLICIES = ["AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"];

/** What the settings read from the construct: its profile, and its name (derived when asked, after the other checks). */
export interface GatewaySettingsContext {
  readonly prod: boolean;
  readonly zoneRedundancy: boolean;
  readonly name: () => string;
}

/** The settings with their defaults, validated; the name is the gateway's and its public IP's DNS label. */
export function resolveGatewaySettings(scope: Construct, props: ApplicationGatewayProps, context: GatewaySettingsContext): GatewaySettings {
  const prod = context.prod;
  const min = props.autoscale?.minCapacity ?? (prod ? 2 : 1);
  const max = props.autoscale?.maxCapacity ?? 10;
  validateCapacity(scope, min, max);
  const sslPolicyName = props.sslPolicyName ?? "AppGwSslPolicy20220101S";
  if (!SSL_POLICIES.includes(sslPolicyName)) {
    invalid(scope, {
      field: "sslPolicyName",
      value: sslPolicyName,
      rule: "is not a TLS 1.2+ predefined policy",
      fix: `use one of ${SSL_POLICIES.join(", ")}`,
    });
  }
  const ruleSet = props.managedRuleSet ?? { type: "OWASP", version: "3.2" };
  const allowedVersion = ruleSet.type === "OWASP" ? "3.2" : "2.1";
  if (ruleSet.version !== allowedVersion) {
    // azurerm @v4.55.0:website/docs/r/web_application_firewall_policy.html.markdown: 3.2 for OWASP, 2.1 for Microsoft_DefaultRuleSet.
    invalid(scope, {
      field: "managedRuleSet.version",
      value: ruleSet.version,
      rule: `is not the supported version of ${ruleSet.type}`,
      fix: `use "${allowedVersion}"`,
    });
  }
  const zones = props.zones ?? (context.zoneRedundancy ? ["1", "2", "3"] : undefined);
  const name = context.name();
  // The name is the public IP's DNS label: 3-63 lower-case letters, digits and hyphens, starting with a letter
  // (Learn "Public IP addresses: DNS name label").
  if (!isUnresolved(name) && !/^[a-z][a-z0-9-]{1,61}[a-z0-9]$/.test(name.toLowerCase())) {
    invalid(scope, {
      field: "name",
      value: name,
      rule: "cannot be the public IP's DNS label",
      fix: "use 3-63 letters, digits and hyphens, starting with a letter",
    });
  }
  return { prod, min, max, sslPolicyName, ruleSet, zones, name };
}

function validateCapacity(scope: Construct, min: number, max: number): void {
  // azurerm @v4.55.0:website/docs/r/application_gateway.html.markdown: min 0-100, max 2-125.
  if (!Number.isInteger(min) || min < 0 || min > 100)
    invalid(scope, {
      field: "autoscale.minCapacity",
      value: min,
      rule: "is not a whole number from 0 to 100",
      fix: "pass 0-100 (2+ in prod for zone resilience)",
    });
  if (!Number.isInteger(max) || max < 2 || max > 125 || max < min)
    invalid(scope, {
      field: "autoscale.maxCapacity",
      value: max,
      rule: `is not a whole number from max(2, minCapacity ${min}) to 125`,
      fix: "pass a value in that range",
    });
}
