import { KnownDefect, RuleTable, diagnosticsTable, identityTable, privateEndpointTable, publicAccessTable } from "../harness";

const DEAD_LETTER = { storage_account_id: "${azurerm_storage_account.Data.id}", storage_blob_container_name: "deadletter" };
const RETRY = { max_delivery_attempts: 30, event_time_to_live: 1440 };

export const EVENT_GRID_TABLES: RuleTable[] = [
  {
    id: "AIC-EG-001",
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
    id: "AIC-EG-002",
    pass: [
      { name: "storage_blob_dead_letter_destination as an object", config: { storage_blob_dead_letter_destination: DEAD_LETTER } },
      { name: "storage_blob_dead_letter_destination as a one-element list", config: { storage_blob_dead_letter_destination: [DEAD_LETTER] } },
    ],
    fail: [
      { name: "no dead-letter destination", config: { retry_policy: RETRY } },
      { name: "dead-letter destination an empty list", config: { storage_blob_dead_letter_destination: [] } },
    ],
  },
  {
    id: "AIC-EG-003",
    pass: [
      { name: "retry_policy as an object", config: { retry_policy: RETRY } },
      { name: "retry_policy as a one-element list", config: { retry_policy: [RETRY] } },
    ],
    fail: [
      { name: "retry_policy absent", config: { storage_blob_dead_letter_destination: DEAD_LETTER } },
      { name: "retry_policy an empty list", config: { retry_policy: [] } },
    ],
  },
  diagnosticsTable("AIC-EG-020"),
  privateEndpointTable("AIC-EG-022"),
  publicAccessTable("AIC-EG-023"),
  identityTable("AIC-EG-024"),
];

export const EVENT_GRID_DEFECTS: KnownDefect[] = [];
