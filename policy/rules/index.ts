import { PolicyRule } from "../types";
import { API_MANAGEMENT_RULES } from "./api-management";
import { APPLICATION_GATEWAY_RULES } from "./application-gateway";
import { DATA_FACTORY_RULES } from "./data-factory";
import { DATA_STORE_RULES } from "./data-stores";
import { DEPLOYER_RULES } from "./deployer";
import { ENCRYPTION_RULES } from "./encryption";
import { EVENT_GRID_RULES } from "./event-grid";
import { EVENT_HUBS_RULES } from "./event-hubs";
import { FUNCTIONS_RULES } from "./functions";
import { KEY_VAULT_RULES } from "./key-vault";
import { LOGIC_APPS_RULES } from "./logic-apps";
import { PLATFORM_RULES } from "./platform";
import { REACHABILITY_RULES } from "./reachability";
import { REFERENCE_RULES } from "./references";
import { SERVICE_BUS_RULES } from "./service-bus";
import { STORAGE_RULES } from "./storage";

/** The rule pack: every rule, by service. */
export const RULES: readonly PolicyRule[] = [
  ...PLATFORM_RULES,
  ...REACHABILITY_RULES,
  ...REFERENCE_RULES,
  ...STORAGE_RULES,
  ...KEY_VAULT_RULES,
  ...SERVICE_BUS_RULES,
  ...EVENT_GRID_RULES,
  ...EVENT_HUBS_RULES,
  ...FUNCTIONS_RULES,
  ...API_MANAGEMENT_RULES,
  ...APPLICATION_GATEWAY_RULES,
  ...LOGIC_APPS_RULES,
  ...DATA_FACTORY_RULES,
  ...DATA_STORE_RULES,
  ...ENCRYPTION_RULES,
  ...DEPLOYER_RULES,
];
