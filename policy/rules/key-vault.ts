import { durationSeconds } from "../../constructs/core/duration";
import { atLeast, either, equals, isReference, valueAt } from "../checks";
import { CheckedResource, PolicyRule } from "../types";
import { sharedRules } from "./common";

const VAULT = ["azurerm_key_vault"];
const KEY = ["azurerm_key_vault_key"];
const RSA_2048 = atLeast("key_size", 2048);

export const KEY_VAULT_RULES: PolicyRule[] = [
  {
    id: "AIC-KV-001",
    level: "error",
    resourceTypes: VAULT,
    title: "Key Vaults authorize with Azure RBAC, not access policies",
    remediation: "keep `rbac_authorization_enabled` true and grant with `grantSecretsRead`",
    check: either(equals("rbac_authorization_enabled", true), equals("enable_rbac_authorization", true)),
  },
  {
    id: "AIC-KV-002",
    level: "error",
    resourceTypes: VAULT,
    title: "Key Vaults have purge protection",
    remediation: "keep `purgeProtection` true",
    check: equals("purge_protection_enabled", true),
  },
  {
    id: "AIC-KV-003",
    level: "error",
    resourceTypes: VAULT,
    title: "Key Vault firewalls deny by default",
    remediation: "keep `firewallDefaultAction: \"Deny\"`; list `allowedIpRanges`",
    check: equals("network_acls.default_action", "Deny"),
  },
  {
    id: "AIC-KV-004",
    level: "warning",
    resourceTypes: VAULT,
    profiles: ["prod"],
    title: "Key Vaults keep deleted secrets for 90 days in prod",
    remediation: "keep `softDeleteRetentionDays` at the prod default (90)",
    check: atLeast("soft_delete_retention_days", 90, true),
  },
  {
    id: "AIC-KV-005",
    level: "error",
    resourceTypes: KEY,
    title: "Key Vault keys rotate automatically before they expire",
    remediation: "give the key a `rotation_policy` with `expire_after` and an `automatic` rotation earlier than the expiry (the stack's " +
      "EncryptionKey rotates yearly, expires after two)",
    check: rotatesBeforeExpiry,
  },
  {
    id: "AIC-KV-006",
    level: "error",
    resourceTypes: KEY,
    title: "RSA keys are at least 2048 bits",
    remediation: "use `key_size` 2048 or more (2048, 3072 or 4096: every CMK consumer of the library accepts 2048)",
    check: (key, scope) => !String(key.config.key_type ?? "").startsWith("RSA") || RSA_2048(key, scope),
  },
  ...sharedRules("KV", VAULT, "Key Vaults", { diagnostics: true, lock: true, privateEndpoint: true, publicAccess: true }),
];

/**
 * A rotation policy that rotates (after creation, or before expiry) and expires later than it
 * rotates: a key that expires unrotated takes down every service encrypting with it. Durations
 * known only at deploy time comply. azurerm @v4.55.0 website/docs/r/key_vault_key.html.markdown:
 * `rotation_policy.{expire_after, automatic.time_after_creation, automatic.time_before_expiry}`.
 */
function rotatesBeforeExpiry(key: CheckedResource): boolean {
  const expireAfter = valueAt(key.config, "rotation_policy.expire_after");
  const afterCreation = valueAt(key.config, "rotation_policy.automatic.time_after_creation");
  const beforeExpiry = valueAt(key.config, "rotation_policy.automatic.time_before_expiry");
  if (typeof expireAfter !== "string" || (afterCreation === undefined && beforeExpiry === undefined)) return false;
  if ([expireAfter, afterCreation, beforeExpiry].some(isReference)) return true;
  const expiry = durationSeconds(expireAfter);
  if (expiry === undefined) return false;
  if (typeof afterCreation === "string") return (durationSeconds(afterCreation) ?? Infinity) < expiry;
  return typeof beforeExpiry === "string" && (durationSeconds(beforeExpiry) ?? 0) > 0;
}
