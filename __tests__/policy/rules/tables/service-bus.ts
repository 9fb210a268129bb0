import { KnownDefect, RuleTable, diagnosticsTable, identityTable, lockTable, privateEndpointTable, publicAccessTable } from "../harness";

const QUEUE = ["azurerm_servicebus_queue"];

export const SERVICE_BUS_TABLES: RuleTable[] = [
  {
    id: "AIC-SB-001",
    pass: [
      { name: "local_auth_enabled false", config: { local_auth_enabled: false } },
      { name: "local_auth_enabled is a reference", config: { local_auth_enabled: "${var.local_auth}" } },
    ],
    fail: [
      { name: "local_auth_enabled true", config: { local_auth_enabled: true } },
      { name: "local_auth_enabled absent (azurerm default: true)", config: {} },
    ],
  },
  {
    id: "AIC-SB-002",
    pass: [
      { name: "minimum_tls_version 1.2", config: { minimum_tls_version: "1.2" } },
      { name: "minimum_tls_version absent (absentOk: the azurerm default complies)", config: {} },
    ],
    fail: [
      { name: "minimum_tls_version 1.0", config: { minimum_tls_version: "1.0" } },
      { name: "minimum_tls_version 1.1", config: { minimum_tls_version: "1.1" } },
    ],
  },
  {
    id: "AIC-SB-003",
    pass: [
      { name: "sku Premium", config: { sku: "Premium", premium_messaging_partitions: 1, capacity: 1 } },
      { name: "sku is a reference", config: { sku: "${var.sku}" } },
    ],
    fail: [
      { name: "sku Standard", config: { sku: "Standard" } },
      { name: "sku Basic", config: { sku: "Basic" } },
      { name: "sku absent", config: {} },
    ],
    notApplicable: [{ name: "Standard in dev (prod-only)", config: { sku: "Standard" }, profile: "dev" }],
  },
  {
    id: "AIC-SB-004",
    pass: [{ name: "dead_lettering_on_message_expiration true", config: { dead_lettering_on_message_expiration: true } }],
    fail: [
      { name: "dead_lettering_on_message_expiration false", config: { dead_lettering_on_message_expiration: false } },
      { name: "dead_lettering_on_message_expiration absent (azurerm default: false)", config: {} },
    ],
  },
  {
    id: "AIC-SB-005",
    pass: [
      { name: "max_delivery_count 10", config: { max_delivery_count: 10 } },
      { name: "max_delivery_count 1", config: { max_delivery_count: 1 } },
      { name: "max_delivery_count is a reference", config: { max_delivery_count: "${var.max_delivery}" } },
    ],
    fail: [
      { name: "max_delivery_count 0", config: { max_delivery_count: 0 } },
      { name: "max_delivery_count negative", config: { max_delivery_count: -1 } },
    ],
  },
  {
    id: "AIC-SB-006",
    pass: [
      { name: "dead_lettering_on_filter_evaluation_error true", config: { dead_lettering_on_filter_evaluation_error: true } },
      { name: "dead_lettering_on_filter_evaluation_error absent (absentOk: azurerm default true)", config: {} },
    ],
    fail: [{ name: "dead_lettering_on_filter_evaluation_error false", config: { dead_lettering_on_filter_evaluation_error: false } }],
  },
  diagnosticsTable("AIC-SB-020"),
  lockTable("AIC-SB-021"),
  privateEndpointTable("AIC-SB-022"),
  publicAccessTable("AIC-SB-023"),
  identityTable("AIC-SB-024"),
];

export const SERVICE_BUS_DEFECTS: KnownDefect[] = [
  {
    id: "AIC-SB-005",
    type: QUEUE[0],
    name: "max_delivery_count absent on a queue (azurerm default 10, already bounded)",
    config: { dead_lettering_on_message_expiration: true },
    should: "comply",
  },
];
