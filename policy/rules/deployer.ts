import { DeployerPosition } from "../../constructs/core/deployer";
import { EndpointSettings, endpointNetwork, networkPath } from "../../constructs/core/deploy-time";
import { valueAt } from "../checks";
import { CheckedResource, CheckedScope, PolicyRule } from "../types";

/**
 * Deploy-time data-plane writes: resources whose creation makes Terraform (the deployer) call a
 * service's data plane, and the roles that allow it. A `terraform_data` counts when a construct
 * marked it (`input.deploy_time_operation` and `input.target`, see FunctionApp's one deploy).
 */
const WRITES: Readonly<Record<string, readonly string[]>> = {
  azurerm_storage_blob: ["Storage Blob Data Contributor", "Storage Blob Data Owner"],
  azurerm_key_vault_key: ["Key Vault Crypto Officer", "Key Vault Administrator"],
  azurerm_key_vault_secret: ["Key Vault Secrets Officer", "Key Vault Administrator"],
  azurerm_key_vault_certificate: ["Key Vault Certificates Officer", "Key Vault Administrator"],
  terraform_data: ["Website Contributor", "Contributor"],
};

/** What a write targets: the scopes a role may be granted on and the endpoint it calls. */
interface WriteTarget {
  /** Scope strings that cover the target: its own id (or a child's), its parents'. */
  readonly scopes: readonly string[];
  /** The endpoint's settings; undefined when they cannot be read (the network is not judged). */
  readonly endpoint?: EndpointSettings;
}

/** The address `value` references as exactly `${<address>.<attribute>}`. */
function addressIn(value: unknown, attribute: string): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^\$\{([a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)\.([a-z_]+)\}$/.exec(value);
  return match && match[2] === attribute ? match[1] : undefined;
}

const idOf = (resource: CheckedResource, attribute = "id") => `\${${resource.address}.${attribute}}`;

/** The target's own scopes plus its resource group's (when the stack creates it). */
function withResourceGroup(target: CheckedResource, scopes: string[]): string[] {
  const group = addressIn(target.config.resource_group_name, "name");
  return group?.startsWith("azurerm_resource_group.") ? [...scopes, `\${${group}.id}`] : scopes;
}

function find(scope: CheckedScope, address: string | undefined, type?: string): CheckedResource | undefined {
  return address === undefined ? undefined : scope.resources.find((r) => r.address === address && (type === undefined || r.type === type));
}

/**
 * Whether `write` waits for a private endpoint of `target`'s `subresource`: one it does not wait
 * for may not exist (or resolve) yet when a private deployer calls the endpoint on a first deploy.
 */
function waitsForPrivateEndpoint(write: CheckedResource, target: CheckedResource, subresource: string, scope: CheckedScope): boolean {
  return scope.referencing("azurerm_private_endpoint", "private_service_connection.private_connection_resource_id", target).some((pe) => {
    const names = valueAt(pe.config, "private_service_connection.subresource_names");
    return Array.isArray(names) && names.includes(subresource) && scope.graph.dependsOn(write.address, pe.address);
  });
}

function storageTarget(blob: CheckedResource, scope: CheckedScope): WriteTarget | undefined {
  const account = find(scope, addressIn(blob.config.storage_account_name, "name"), "azurerm_storage_account");
  if (!account) return undefined;
  const containerName = blob.config.storage_container_name;
  const container = find(scope, addressIn(containerName, "name"), "azurerm_storage_container");
  const containerScopes = container
    ? [idOf(container), idOf(container, "resource_manager_id")]
    : typeof containerName === "string"
    ? [`${idOf(account)}/blobServices/default/containers/${containerName}`]
    : [];
  return {
    scopes: withResourceGroup(account, [...containerScopes, idOf(account)]),
    endpoint: {
      publicNetworkAccess: account.config.public_network_access_enabled,
      defaultAction: valueAt(account.config, "network_rules.default_action"),
      ipRules: valueAt(account.config, "network_rules.ip_rules"),
      privateEndpoint: waitsForPrivateEndpoint(blob, account, "blob", scope),
    },
  };
}

function vaultTarget(item: CheckedResource, scope: CheckedScope): WriteTarget | undefined {
  const vault = find(scope, addressIn(item.config.key_vault_id, "id"), "azurerm_key_vault");
  if (!vault) return undefined;
  return {
    scopes: withResourceGroup(vault, [idOf(vault)]),
    endpoint: {
      publicNetworkAccess: vault.config.public_network_access_enabled,
      defaultAction: valueAt(vault.config, "network_acls.default_action"),
      ipRules: valueAt(vault.config, "network_acls.ip_rules"),
      privateEndpoint: waitsForPrivateEndpoint(item, vault, "vault", scope),
    },
  };
}

const APP_TYPES = ["azurerm_function_app_flex_consumption", "azurerm_linux_function_app", "azurerm_linux_web_app"];

/** A marked `terraform_data`: its target, and for an app the SCM site it publishes to. */
function markedTarget(data: CheckedResource, scope: CheckedScope): WriteTarget | undefined {
  const target = find(scope, addressIn(valueAt(data.config, "input.target"), "id"));
  if (!target) return undefined;
  const scopes = withResourceGroup(target, [idOf(target)]);
  if (!APP_TYPES.includes(target.type)) return { scopes };
  const useMain = valueAt(target.config, "site_config.scm_use_main_ip_restriction") === true;
  const restrictions = valueAt(target.config, useMain ? "site_config.ip_restriction" : "site_config.scm_ip_restriction");
  const list = Array.isArray(restrictions) ? restrictions : restrictions ? [restrictions] : [];
  return {
    scopes,
    endpoint: {
      publicNetworkAccess: target.config.public_network_access_enabled,
      defaultAction: valueAt(target.config, useMain ? "site_config.ip_restriction_default_action" : "site_config.scm_ip_restriction_default_action"),
      ipRules: list.filter((r: { action?: string }) => r?.action !== "Deny").map((r: { ip_address?: unknown }) => r?.ip_address),
      privateEndpoint: waitsForPrivateEndpoint(data, target, "sites", scope),
    },
  };
}

function targetOf(write: CheckedResource, scope: CheckedScope): WriteTarget | undefined {
  if (write.type === "azurerm_storage_blob") return storageTarget(write, scope);
  if (write.type === "terraform_data") return markedTarget(write, scope);
  return vaultTarget(write, scope);
}

const DEFAULT_DEPLOYER: DeployerPosition = { network: "public", egressIpRanges: [] };

/** Whether `principalId` is the deployer: its configured object id, else the principal Terraform runs as. */
export function isDeployerPrincipal(principalId: unknown, deployer: DeployerPosition = DEFAULT_DEPLOYER): boolean {
  if (typeof principalId !== "string") return false;
  if (deployer.objectId !== undefined) return principalId === deployer.objectId;
  return /^\$\{data\.azurerm_client_config\.[\w-]+\.object_id\}$/.test(principalId);
}

/** A role assignment scope that covers one of the target's scopes (or the whole subscription). */
function covers(roleScope: unknown, target: WriteTarget): boolean {
  if (typeof roleScope !== "string") return false;
  if (/^\/subscriptions\/[^/]+\/?$/i.test(roleScope) || /^\$\{data\.azurerm_subscription\.[\w-]+\.id\}$/.test(roleScope)) return true;
  return target.scopes.some((s) => s === roleScope || s.startsWith(`${roleScope}/`));
}

/** The write depends on a deployer role on its target and the deployer can reach the endpoint. */
function deployerCanWrite(write: CheckedResource, scope: CheckedScope): boolean {
  if (write.type === "terraform_data" && valueAt(write.config, "input.deploy_time_operation") === undefined) return true;
  const target = targetOf(write, scope);
  // A target outside the stack (or only known at deploy time) cannot be judged here.
  if (!target) return true;
  const deployer = scope.deployer ?? DEFAULT_DEPLOYER;
  const roles = WRITES[write.type];
  const waitsFor = scope.graph.dependenciesOf(write.address);
  const granted = scope.resources.some(
    (r) =>
      r.type === "azurerm_role_assignment" &&
      waitsFor.has(r.address) &&
      isDeployerPrincipal(r.config.principal_id, deployer) &&
      roles.includes(String(r.config.role_definition_name)) &&
      covers(r.config.scope, target)
  );
  if (!granted) return false;
  return target.endpoint === undefined || networkPath(deployer, endpointNetwork("endpoint", target.endpoint)).reachable;
}

export const DEPLOYER_RULES: PolicyRule[] = [
  {
    id: "AIC-DEP-001",
    level: "error",
    resourceTypes: Object.keys(WRITES),
    title:
      "Deploy-time data-plane writes (blobs, Key Vault keys, secrets, certificates, marked terraform_data) depend on a deployer role " +
      "on their target and the deployer can reach its endpoint",
    remediation:
      "grant the deployer a data-plane role on the target or a parent scope (`grantToDeployer`) and make the write depend on it " +
      "(`waitFor` the propagation); " +
      "give a private deployer a private endpoint the write waits for, or a public one public access and a firewall that admits " +
      "`deployer.egressIpRanges`",
    check: deployerCanWrite,
  },
];
