import "cdktf/lib/testing/adapters/jest";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { ApiManagement } from "../../constructs/api-management";
import { IntegrationContextProps } from "../../constructs/core/context";
import { KitProps } from "../../constructs/core/resource-construct";
import { CosmosDbAccount } from "../../constructs/cosmos-db";
import { DataFactory } from "../../constructs/data-factory";
import { EventGridDomain, EventGridSystemTopic, EventGridTopic } from "../../constructs/event-grid";
import { EventHubNamespace } from "../../constructs/event-hubs";
import { FunctionApp } from "../../constructs/function-app";
import { KeyVault } from "../../constructs/key-vault";
import { LogicAppWorkflow } from "../../constructs/logic-app";
import { LogicAppStandard } from "../../constructs/logic-app-standard";
import { Network } from "../../constructs/network";
import { ServiceBusNamespace } from "../../constructs/service-bus";
import { SqlDatabase } from "../../constructs/sql";
import { StorageAccount } from "../../constructs/storage";
import { SynapseWorkspace } from "../../constructs/synapse";
import { Json, makeStack, PROD_CONTEXT } from "../helpers";
import { HIGH_VALUE_FILE } from "./logic-app-standard/app";

Testing.setupJest();

// The kit (KitProps + ResourceConstruct.wireKit) on every construct built on it, one row each: what
// dev and prod give by default, and what `false` takes away. Every row's construct has the id
// "Subject", so its own resources are told apart from those of its dependencies by logical id.

type Kit = Pick<KitProps, "diagnostics" | "lock" | "privateEndpoint">;

interface Row {
  readonly name: string;
  readonly create: (stack: TerraformStack, kit: Kit) => void;
  /** Type of the resource the diagnostics and lock target. */
  readonly main: string;
  /** Type of the resource the private endpoints target (and whose public access they switch). @default main */
  readonly endpointTarget?: string;
  /** Sub-resources with an endpoint in prod; none where the service has no private endpoint. */
  readonly endpoints: readonly string[];
  /** Diagnostic settings on the main resource (its services' included). */
  readonly diagnostics: number;
  /** Locked by the prod profile when `lock` is left out (a data store). */
  readonly dataStore: boolean;
  /** Whether `lock` is a prop at all. */
  readonly lockProp: boolean;
  /** Public access as the resource renders it: true for on; undefined where the service has no such switch. */
  readonly publicAccess?: (config: Json) => boolean;
  /** Public access stays on with an endpoint: API Management can only turn it off after one is approved (azurerm #21506). */
  readonly publicStaysOn?: boolean;
  /** Type of the resource whose `identity` is the construct's, when it has one. */
  readonly identityOn?: string;
}

const ADMIN = { login: "admins", objectId: "11111111-1111-1111-1111-111111111111" };
const WORKFLOW = path.resolve(__dirname, "logic-app", "fixtures", "order-approval.workflow.json");
const FUNCTIONS = path.resolve(__dirname, "function-app", "fixtures", "hello");
const STORAGE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st";
const flag = (attribute: string) => (config: Json) => config[attribute] as boolean;

const ROWS: Row[] = [
  {
    name: "StorageAccount",
    create: (stack, kit) => new StorageAccount(stack, "Subject", kit),
    main: "azurerm_storage_account",
    endpoints: ["blob"],
    diagnostics: 2,
    dataStore: true,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
    identityOn: "azurerm_storage_account",
  },
  {
    name: "StorageAccount (Data Lake)",
    create: (stack, kit) => new StorageAccount(stack, "Subject", { dataLake: true, ...kit }),
    main: "azurerm_storage_account",
    endpoints: ["blob", "dfs"],
    diagnostics: 2,
    dataStore: true,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
    identityOn: "azurerm_storage_account",
  },
  {
    name: "CosmosDbAccount",
    create: (stack, kit) => new CosmosDbAccount(stack, "Subject", kit),
    main: "azurerm_cosmosdb_account",
    endpoints: ["Sql"],
    diagnostics: 1,
    dataStore: true,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
    identityOn: "azurerm_cosmosdb_account",
  },
  {
    name: "KeyVault (no identity)",
    create: (stack, kit) => new KeyVault(stack, "Subject", kit),
    main: "azurerm_key_vault",
    endpoints: ["vault"],
    diagnostics: 1,
    dataStore: true,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
  },
  {
    name: "ServiceBusNamespace",
    create: (stack, kit) => new ServiceBusNamespace(stack, "Subject", kit),
    main: "azurerm_servicebus_namespace",
    endpoints: ["namespace"],
    diagnostics: 1,
    dataStore: true,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
    identityOn: "azurerm_servicebus_namespace",
  },
  {
    name: "EventHubNamespace",
    create: (stack, kit) => new EventHubNamespace(stack, "Subject", kit),
    main: "azurerm_eventhub_namespace",
    endpoints: ["namespace"],
    diagnostics: 1,
    dataStore: true,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
    identityOn: "azurerm_eventhub_namespace",
  },
  {
    name: "SqlDatabase (endpoint on the server, lock on the database)",
    create: (stack, kit) => new SqlDatabase(stack, "Subject", { administrator: ADMIN, ...kit }),
    main: "azurerm_mssql_database",
    endpointTarget: "azurerm_mssql_server",
    endpoints: ["sqlServer"],
    diagnostics: 1,
    dataStore: true,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
    identityOn: "azurerm_mssql_server",
  },
  {
    name: "SynapseWorkspace",
    create: (stack, kit) => {
      const lake = new StorageAccount(stack, "Lake", { dataLake: true });
      new SynapseWorkspace(stack, "Subject", { dataLake: lake, administrator: ADMIN, ...kit });
    },
    main: "azurerm_synapse_workspace",
    endpoints: ["Sql", "SqlOnDemand", "Dev"],
    diagnostics: 1,
    dataStore: true,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
    identityOn: "azurerm_synapse_workspace",
  },
  {
    name: "DataFactory",
    create: (stack, kit) => new DataFactory(stack, "Subject", kit),
    main: "azurerm_data_factory",
    endpoints: ["dataFactory"],
    diagnostics: 1,
    dataStore: false,
    lockProp: true,
    publicAccess: flag("public_network_enabled"),
    identityOn: "azurerm_data_factory",
  },
  {
    name: "ApiManagement",
    create: (stack, kit) => new ApiManagement(stack, "Subject", { publisherName: "Contoso", publisherEmail: "api@contoso.com", ...kit }),
    main: "azurerm_api_management",
    endpoints: ["Gateway"],
    diagnostics: 1,
    dataStore: false,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
    publicStaysOn: true,
    identityOn: "azurerm_api_management",
  },
  {
    name: "EventGridTopic",
    create: (stack, kit) => new EventGridTopic(stack, "Subject", kit),
    main: "azurerm_eventgrid_topic",
    endpoints: ["topic"],
    diagnostics: 1,
    dataStore: false,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
    identityOn: "azurerm_eventgrid_topic",
  },
  {
    name: "EventGridDomain",
    create: (stack, kit) => new EventGridDomain(stack, "Subject", kit),
    main: "azurerm_eventgrid_domain",
    endpoints: ["domain"],
    diagnostics: 1,
    dataStore: false,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
    identityOn: "azurerm_eventgrid_domain",
  },
  {
    name: "EventGridSystemTopic (no endpoint)",
    create: (stack, kit) => new EventGridSystemTopic(stack, "Subject", { sourceResourceId: STORAGE_ID, topicType: "Microsoft.Storage.StorageAccounts", ...kit }),
    main: "azurerm_eventgrid_system_topic",
    endpoints: [],
    diagnostics: 1,
    dataStore: false,
    lockProp: true,
    identityOn: "azurerm_eventgrid_system_topic",
  },
  {
    name: "LogicAppWorkflow (identity and diagnostics only)",
    create: (stack, kit) => new LogicAppWorkflow(stack, "Subject", { definitionFile: WORKFLOW, ...kit }),
    main: "azurerm_logic_app_workflow",
    endpoints: [],
    diagnostics: 1,
    dataStore: false,
    lockProp: false,
    identityOn: "azurerm_logic_app_workflow",
  },
  {
    name: "LogicAppStandard",
    create: (stack, kit) => new LogicAppStandard(stack, "Subject", { workflows: { flow: { definitionFile: HIGH_VALUE_FILE } }, ...kit }),
    main: "azurerm_logic_app_standard",
    endpoints: ["sites"],
    diagnostics: 1,
    dataStore: false,
    lockProp: true,
    publicAccess: (config) => config.public_network_access === "Enabled",
    identityOn: "azurerm_logic_app_standard",
  },
  {
    // One plan in dev and prod, so the main resource has one type (Flex Consumption is azurerm_function_app_flex_consumption).
    name: "FunctionApp",
    create: (stack, kit) => new FunctionApp(stack, "Subject", { code: { path: FUNCTIONS }, plan: "ElasticPremium", ...kit }),
    main: "azurerm_linux_function_app",
    endpoints: ["sites"],
    diagnostics: 1,
    dataStore: false,
    lockProp: true,
    publicAccess: flag("public_network_access_enabled"),
    identityOn: "azurerm_linux_function_app",
  },
  {
    name: "Network (diagnostics and lock on the VNet only)",
    create: (stack, kit) => new Network(stack, "Subject", { addressSpace: ["10.0.0.0/22"], ...kit }),
    main: "azurerm_virtual_network",
    endpoints: [],
    diagnostics: 1,
    dataStore: false,
    lockProp: true,
  },
];

interface Wired {
  readonly endpoints: string[];
  readonly settings: Json[];
  readonly locks: number;
  readonly publicAccess?: boolean;
  readonly identityType?: string;
}

/** The subject's own resource of `type` (logical id `Subject_…`, the shortest: its `Resource`, not a child). */
function subjectOf(json: Json, type: string): { ref: string; config: Json } {
  const ids = Object.keys(json.resource?.[type] ?? {}).filter((id) => id.startsWith("Subject_"));
  if (ids.length === 0) throw new Error(`no ${type} under Subject`);
  const id = ids.sort((a, b) => a.length - b.length)[0];
  return { ref: `${type}.${id}.`, config: json.resource[type][id] };
}

function wire(row: Row, context: IntegrationContextProps, kit: Kit = {}): Wired {
  const stack = makeStack(context);
  row.create(stack, kit);
  const json = JSON.parse(Testing.synth(stack));
  const main = subjectOf(json, row.main);
  const target = row.endpointTarget ? subjectOf(json, row.endpointTarget) : main;
  const all = (type: string): Json[] => Object.values(json.resource?.[type] ?? {});
  const endpoints = all("azurerm_private_endpoint")
    .filter((pe) => String(pe.private_service_connection.private_connection_resource_id).includes(target.ref))
    .flatMap((pe) => pe.private_service_connection.subresource_names as string[]);
  const settings = all("azurerm_monitor_diagnostic_setting").filter((d) => String(d.target_resource_id).includes(main.ref));
  const locks = all("azurerm_management_lock").filter((l) => String(l.scope).includes(main.ref)).length;
  const identity = row.identityOn ? subjectOf(json, row.identityOn).config.identity : undefined;
  return { endpoints, settings, locks, publicAccess: row.publicAccess?.(target.config), identityType: identity?.type };
}

const DEV: IntegrationContextProps = { diagnostics: { logAnalyticsWorkspaceId: "/ws" } };
// A Standard logic app in a private network needs a subnet delegated to Microsoft.Web/serverFarms.
const PROD: IntegrationContextProps = {
  ...PROD_CONTEXT,
  network: { ...PROD_CONTEXT.network!, integrationSubnetId: `${PROD_CONTEXT.network!.privateEndpointSubnetId}-apps` },
};

describe.each(ROWS)("the kit on $name", (row) => {
  const dev = wire(row, DEV);
  const prod = wire(row, PROD);

  test("private endpoints: none in dev, one per sub-resource in prod, none with privateEndpoint: false", () => {
    expect(dev.endpoints).toEqual([]);
    expect([...prod.endpoints].sort()).toEqual([...row.endpoints].sort()); // the JSON orders by logical id
    if (row.endpoints.length > 0) expect(wire(row, PROD, { privateEndpoint: false }).endpoints).toEqual([]);
  });

  test("public access: on in dev; off in prod once the endpoint exists", () => {
    if (!row.publicAccess) return expect(row.endpoints).toEqual([]);
    expect(dev.publicAccess).toBe(true);
    expect(prod.publicAccess).toBe(row.publicStaysOn ?? false);
    expect(wire(row, PROD, { privateEndpoint: false }).publicAccess).toBe(true);
  });

  test("diagnostics: every setting to the context's destination; none with diagnostics: false", () => {
    for (const settings of [dev.settings, prod.settings]) {
      expect(settings).toHaveLength(row.diagnostics);
      expect(settings.map((s) => s.log_analytics_workspace_id)).toEqual(Array(row.diagnostics).fill("/ws"));
    }
    expect(wire(row, PROD, { diagnostics: false }).settings).toEqual([]);
  });

  test("lock: none in dev; in prod on data stores only, unless lock says otherwise", () => {
    expect(dev.locks).toBe(0);
    expect(prod.locks).toBe(row.dataStore ? 1 : 0);
    if (!row.lockProp) return;
    expect(wire(row, PROD, { lock: false }).locks).toBe(0);
    expect(wire(row, DEV, { lock: true }).locks).toBe(1);
  });

  test("principal: a system-assigned identity by default", () => {
    if (!row.identityOn) return expect(dev.identityType).toBeUndefined();
    expect(dev.identityType).toContain("SystemAssigned");
    expect(prod.identityType).toContain("SystemAssigned");
  });
});

