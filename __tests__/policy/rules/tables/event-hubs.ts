import { KnownDefect, RuleTable, diagnosticsTable, identityTable, lockTable, privateEndpointTable, publicAccessTable } from "../harness";

export const EVENT_HUBS_TABLES: RuleTable[] = [
  {
    id: "AIC-EH-001",
    pass: [
      { name: "local_authentication_enabled false", config: { local_authentication_enabled: false } },
      { name: "local_authentication_enabled is a reference", config: { local_authentication_enabled: "${var.local_auth}" } },
    ],
    fail: [
      { name: "local_authentication_enabled true", config: { local_authentication_enabled: true } },
      { name: "local_authentication_enabled absent (azurerm default: true)", config: {} },
    ],
  },
  {
    id: "AIC-EH-002",
    pass: [
      { name: "minimum_tls_version 1.2", config: { minimum_tls_version: "1.2" } },
      { name: "minimum_tls_version absent (absentOk: the azurerm default complies)", config: {} },
    ],
    fail: [
      { name: "minimum_tls_version 1.0", config: { minimum_tls_version: "1.0" } },
    ],
  },
  diagnosticsTable("AIC-EH-020"),
  lockTable("AIC-EH-021"),
  privateEndpointTable("AIC-EH-022"),
  publicAccessTable("AIC-EH-023"),
  identityTable("AIC-EH-024"),
];

export const EVENT_HUBS_DEFECTS: KnownDefect[] = [];
