import { DeployerPosition } from "../../../../constructs/core/deployer";
import { CheckedResource } from "../../../../policy/types";
import { KnownDefect, RuleCase, RuleTable, checked, ref } from "../harness";

/** The principal Terraform runs as: the deployer when the environment names none. */
const DEPLOYER = "${data.azurerm_client_config.ClientConfig.object_id}";
const ACCOUNT = "azurerm_storage_account.Account";
const CONTAINER_SCOPE = `${ref(ACCOUNT)}/blobServices/default/containers/pkg`;
const VAULT = "azurerm_key_vault.Vault";
const APP = "azurerm_function_app_flex_consumption.App";

const PRIVATE: DeployerPosition = { network: "private", egressIpRanges: [] };
const PUBLIC_FROM = (...egressIpRanges: string[]): DeployerPosition => ({ network: "public", egressIpRanges });

/** A storage account in the stack, open to every network unless `config` says otherwise. */
function account(config: Record<string, unknown> = {}, name = "Account"): CheckedResource {
  return checked(
    "azurerm_storage_account",
    {
      name: "stpkg",
      resource_group_name: "${azurerm_resource_group.Rg.name}",
      public_network_access_enabled: true,
      network_rules: { default_action: "Allow", ip_rules: [] },
      ...config,
    },
    "prod",
    name
  );
}

function grant(scope: string, role = "Storage Blob Data Contributor", principal = DEPLOYER, name = "Grant"): CheckedResource {
  return checked("azurerm_role_assignment", { scope, role_definition_name: role, principal_id: principal }, "prod", name);
}

/** The propagation wait between the grant and the write (the write depends on `time_sleep.Wait`). */
function wait(after = "azurerm_role_assignment.Grant"): CheckedResource {
  return checked("time_sleep", { create_duration: "120s", depends_on: [after] }, "prod", "Wait");
}

function privateEndpoint(target: string, subresource: string): CheckedResource {
  return checked(
    "azurerm_private_endpoint",
    {
      name: "pe",
      subnet_id: "/subnets/pe",
      private_service_connection: {
        name: "psc",
        is_manual_connection: false,
        private_connection_resource_id: ref(target),
        subresource_names: [subresource],
      },
    },
    "prod",
    "PrivateEndpoint"
  );
}

/** A package blob in container `pkg` of the account, waiting for `time_sleep.Wait`. */
const BLOB = {
  name: "p.zip",
  storage_account_name: ref(ACCOUNT, "name"),
  storage_container_name: "pkg",
  type: "Block",
  depends_on: ["time_sleep.Wait"],
};
const blob = (name: string, withResources: () => CheckedResource[], extra: Partial<RuleCase> = {}): RuleCase => ({
  name,
  config: BLOB,
  types: ["azurerm_storage_blob"],
  with: withResources,
  ...extra,
});

const vault = (config: Record<string, unknown> = {}) =>
  checked(
    "azurerm_key_vault",
    { name: "kv", public_network_access_enabled: true, network_acls: { default_action: "Allow", bypass: "AzureServices" }, ...config },
    "prod",
    "Vault"
  );
const vaultItem = (
  type: string,
  name: string,
  role: string | undefined,
  vaultConfig: Record<string, unknown> = {},
  extra: Partial<RuleCase> = {}
): RuleCase => ({
  name,
  config: { name: "x", key_vault_id: ref(VAULT), depends_on: ["azurerm_role_assignment.Grant"] },
  types: [type],
  with: () => [vault(vaultConfig), ...(role ? [grant(ref(VAULT), role)] : [])],
  ...extra,
});

/** A terraform_data marked as a deploy-time operation on the app (FunctionApp's one deploy). */
const MARKED = { input: { deploy_time_operation: "publish the code package (one deploy)", target: ref(APP) }, depends_on: ["time_sleep.Wait"] };
const app = (config: Record<string, unknown> = {}) =>
  checked("azurerm_function_app_flex_consumption", { name: "func", public_network_access_enabled: true, ...config }, "prod", "App");
const marked = (name: string, withResources: () => CheckedResource[], extra: Partial<RuleCase> = {}): RuleCase => ({
  name,
  config: MARKED,
  types: ["terraform_data"],
  with: withResources,
  ...extra,
});

export const DEPLOYER_TABLES: RuleTable[] = [
  {
    id: "AIC-DEP-001",
    pass: [
      blob("the deployer may write the container and the upload waits for the grant (public deployer, open account)", () => [
        account(),
        grant(CONTAINER_SCOPE),
        wait(),
      ]),
      blob("the grant is on the account, a parent scope", () => [account(), grant(ref(ACCOUNT)), wait()]),
      blob("the grant is on the account's resource group", () => [account(), grant("${azurerm_resource_group.Rg.id}"), wait()]),
      blob("Storage Blob Data Owner on the subscription", () => [
        account(),
        grant("/subscriptions/00000000-0000-0000-0000-000000000000", "Storage Blob Data Owner"),
        wait(),
      ]),
      blob(
        "a private deployer and a private account with a blob private endpoint the upload waits for",
        () => [
          account({ public_network_access_enabled: false, network_rules: { default_action: "Deny" } }),
          privateEndpoint(ACCOUNT, "blob"),
          grant(CONTAINER_SCOPE),
          wait(),
        ],
        { deployer: PRIVATE, config: { ...BLOB, depends_on: [...BLOB.depends_on, "azurerm_private_endpoint.PrivateEndpoint"] } }
      ),
      blob(
        "a public deployer whose egress range the firewall admits",
        () => [account({ network_rules: { default_action: "Deny", ip_rules: ["203.0.113.0/24"] } }), grant(CONTAINER_SCOPE), wait()],
        { deployer: PUBLIC_FROM("203.0.113.16/28") }
      ),
      blob(
        "the configured deployer's object id",
        () => [account(), grant(CONTAINER_SCOPE, "Storage Blob Data Contributor", "11111111-1111-1111-1111-111111111111"), wait()],
        { deployer: { network: "public", egressIpRanges: [], objectId: "11111111-1111-1111-1111-111111111111" } }
      ),
      {
        name: "an account outside the stack is not judged",
        config: { ...BLOB, storage_account_name: "stelsewhere" },
        types: ["azurerm_storage_blob"],
      },
      vaultItem("azurerm_key_vault_key", "Key Vault Crypto Officer on the vault", "Key Vault Crypto Officer"),
      vaultItem("azurerm_key_vault_secret", "Key Vault Secrets Officer on the vault", "Key Vault Secrets Officer"),
      vaultItem("azurerm_key_vault_certificate", "Key Vault Administrator on the vault", "Key Vault Administrator"),
      marked("a marked terraform_data with Website Contributor on its target app", () => [app(), grant(ref(APP), "Website Contributor"), wait()]),
      { name: "an unmarked terraform_data is no data-plane write", config: { input: { anything: "else" } }, types: ["terraform_data"] },
    ],
    fail: [
      blob("no role assignment", () => [account()]),
      blob("the deployer's grant exists, but the upload does not wait for it", () => [
        account(),
        grant(CONTAINER_SCOPE),
        checked("time_sleep", { create_duration: "120s" }, "prod", "Wait"),
      ]),
      blob("a reader role cannot write", () => [account(), grant(CONTAINER_SCOPE, "Storage Blob Data Reader"), wait()]),
      blob("the role is the app's, not the deployer's", () => [
        account(),
        grant(CONTAINER_SCOPE, "Storage Blob Data Contributor", "${azurerm_user_assigned_identity.App.principal_id}"),
        wait(),
      ]),
      blob("the role is on another container", () => [account(), grant(`${ref(ACCOUNT)}/blobServices/default/containers/other`), wait()]),
      blob("the role is on another account", () => [account(), account({}, "Other"), grant(ref("azurerm_storage_account.Other")), wait()]),
      blob("a public deployer against an account with public access off", () => [
        account({ public_network_access_enabled: false }),
        privateEndpoint(ACCOUNT, "blob"),
        grant(CONTAINER_SCOPE),
        wait(),
      ]),
      blob("a public deployer, a firewall that denies and no egress ranges", () => [
        account({ network_rules: { default_action: "Deny", ip_rules: [] } }),
        grant(CONTAINER_SCOPE),
        wait(),
      ]),
      blob(
        "a public deployer whose egress range the firewall does not admit",
        () => [account({ network_rules: { default_action: "Deny", ip_rules: ["198.51.100.0/24"] } }), grant(CONTAINER_SCOPE), wait()],
        { deployer: PUBLIC_FROM("203.0.113.0/24") }
      ),
      blob(
        "a private deployer and a blob private endpoint the upload does not wait for (a first deploy calls it before it resolves)",
        () => [
          account({ public_network_access_enabled: false, network_rules: { default_action: "Deny" } }),
          privateEndpoint(ACCOUNT, "blob"),
          grant(CONTAINER_SCOPE),
          wait(),
        ],
        { deployer: PRIVATE }
      ),
      blob(
        "a private deployer without a blob private endpoint, the firewall denying",
        () => [account({ network_rules: { default_action: "Deny" } }), privateEndpoint(ACCOUNT, "queue"), grant(CONTAINER_SCOPE), wait()],
        { deployer: PRIVATE }
      ),
      blob(
        "the grant goes to the client-config principal while the environment names another deployer",
        () => [account(), grant(CONTAINER_SCOPE), wait()],
        { deployer: { network: "public", egressIpRanges: [], objectId: "11111111-1111-1111-1111-111111111111" } }
      ),
      vaultItem("azurerm_key_vault_key", "a secrets role cannot create keys", "Key Vault Secrets Officer"),
      vaultItem("azurerm_key_vault_secret", "no role on the vault", undefined),
      vaultItem("azurerm_key_vault_certificate", "a public deployer against a vault with public access off", "Key Vault Certificates Officer", {
        public_network_access_enabled: false,
      }),
      marked("a marked terraform_data without the deployer's role", () => [app(), wait()]),
      marked("a public deployer against an app with public access off", () => [
        app({ public_network_access_enabled: false }),
        privateEndpoint(APP, "sites"),
        grant(ref(APP), "Website Contributor"),
        wait(),
      ]),
    ],
  },
];

export const DEPLOYER_DEFECTS: KnownDefect[] = [];
