import { hasDiagnostics, hasIdentity, hasLock, hasPrivateEndpoint } from "../../../policy/checks";
import { sharedRules } from "../../../policy/rules/common";

// sharedRules is how every rule file declares its 020-024 rules; the rule tables prove each service's behaviour.
const EVERY = { diagnostics: true, lock: true, privateEndpoint: true, publicAccess: true, identity: true } as const;

test("every family: AIC-<service>-020 to -024 in number order, each family's title, level and check", () => {
  const rules = sharedRules("XY", ["azurerm_thing"], "Things", EVERY);
  expect(rules.map((r) => [r.id, r.level, r.title, r.profiles])).toEqual([
    ["AIC-XY-020", "error", "Things send logs and metrics to Log Analytics", undefined],
    ["AIC-XY-021", "error", "Things are protected by a CanNotDelete lock in prod", ["prod"]],
    ["AIC-XY-022", "error", "Things are reached through a private endpoint in prod", ["prod"]],
    ["AIC-XY-023", "error", "Things disable public network access in prod", ["prod"]],
    ["AIC-XY-024", "warning", "Things have a managed identity", undefined],
  ]);
  expect(rules.map((r) => r.check).filter((_check, i) => i !== 3)).toEqual([hasDiagnostics, hasLock, hasPrivateEndpoint, hasIdentity]);
  expect(rules[3].closesPublicEndpoint).toBe(true);
  for (const rule of rules) expect(rule.resourceTypes).toEqual(["azurerm_thing"]);
});

test("a family left out skips its number; a level or target applies to that family only", () => {
  const servers = { resourceTypes: ["azurerm_server"], what: "Servers" };
  const rules = sharedRules("XY", ["azurerm_db"], "Databases", {
    diagnostics: { level: "warning" },
    publicAccess: { target: servers },
    identity: { level: "error", target: servers },
  });
  expect(rules.map((r) => [r.id, r.level, r.resourceTypes, r.title])).toEqual([
    ["AIC-XY-020", "warning", ["azurerm_db"], "Databases send logs and metrics to Log Analytics"],
    ["AIC-XY-023", "error", ["azurerm_server"], "Servers disable public network access in prod"],
    ["AIC-XY-024", "error", ["azurerm_server"], "Servers have a managed identity"],
  ]);
  expect(sharedRules("XY", ["azurerm_db"], "Databases", {})).toEqual([]);
});
