import { KnownDefect, RuleTable } from "../harness";
import { API_MANAGEMENT_DEFECTS, API_MANAGEMENT_TABLES } from "./api-management";
import { APPLICATION_GATEWAY_DEFECTS, APPLICATION_GATEWAY_TABLES } from "./application-gateway";
import { DATA_FACTORY_DEFECTS, DATA_FACTORY_TABLES } from "./data-factory";
import { DATA_STORE_DEFECTS, DATA_STORE_TABLES } from "./data-stores";
import { DEPLOYER_DEFECTS, DEPLOYER_TABLES } from "./deployer";
import { ENCRYPTION_DEFECTS, ENCRYPTION_TABLES } from "./encryption";
import { EVENT_GRID_DEFECTS, EVENT_GRID_TABLES } from "./event-grid";
import { EVENT_HUBS_DEFECTS, EVENT_HUBS_TABLES } from "./event-hubs";
import { FUNCTIONS_DEFECTS, FUNCTIONS_TABLES } from "./functions";
import { KEY_VAULT_DEFECTS, KEY_VAULT_TABLES } from "./key-vault";
import { LOGIC_APPS_DEFECTS, LOGIC_APPS_TABLES } from "./logic-apps";
import { PLATFORM_DEFECTS, PLATFORM_TABLES } from "./platform";
import { REACHABILITY_DEFECTS, REACHABILITY_TABLES } from "./reachability";
import { REFERENCE_DEFECTS, REFERENCE_TABLES } from "./references";
import { SERVICE_BUS_DEFECTS, SERVICE_BUS_TABLES } from "./service-bus";
import { STORAGE_DEFECTS, STORAGE_TABLES } from "./storage";

/** Every rule table, one file per policy/rules file. */
export const ALL_TABLES: readonly RuleTable[] = [
  ...PLATFORM_TABLES,
  ...REACHABILITY_TABLES,
  ...REFERENCE_TABLES,
  ...STORAGE_TABLES,
  ...KEY_VAULT_TABLES,
  ...SERVICE_BUS_TABLES,
  ...EVENT_GRID_TABLES,
  ...EVENT_HUBS_TABLES,
  ...FUNCTIONS_TABLES,
  ...API_MANAGEMENT_TABLES,
  ...APPLICATION_GATEWAY_TABLES,
  ...LOGIC_APPS_TABLES,
  ...DATA_FACTORY_TABLES,
  ...DATA_STORE_TABLES,
  ...ENCRYPTION_TABLES,
  ...DEPLOYER_TABLES,
];

export const ALL_DEFECTS: readonly KnownDefect[] = [
  ...PLATFORM_DEFECTS,
  ...REACHABILITY_DEFECTS,
  ...REFERENCE_DEFECTS,
  ...STORAGE_DEFECTS,
  ...KEY_VAULT_DEFECTS,
  ...SERVICE_BUS_DEFECTS,
  ...EVENT_GRID_DEFECTS,
  ...EVENT_HUBS_DEFECTS,
  ...FUNCTIONS_DEFECTS,
  ...API_MANAGEMENT_DEFECTS,
  ...APPLICATION_GATEWAY_DEFECTS,
  ...LOGIC_APPS_DEFECTS,
  ...DATA_FACTORY_DEFECTS,
  ...DATA_STORE_DEFECTS,
  ...ENCRYPTION_DEFECTS,
  ...DEPLOYER_DEFECTS,
];
