import { Construct } from "constructs";
import { TerraformResource } from "cdktf";
import { invalid, isUnresolved } from "../core/errors";
import { FlowTarget, recordFlow } from "../core/flows";
import { FactoryHost } from "./host";
import { ManagedPrivateEndpoint } from "./managed-private-endpoints";

// What every linked service kind shares: input checks, the connection-string form, the managed
// private endpoint choice, the recorded flows and the per-service grant scope.

/** Connection-string pieces of ours never carry a password: the identity or Key Vault supplies it. */
export function sqlConnectionString(parts: Record<string, string>): string {
  return Object.entries(parts)
    .map(([key, value]) => `${key}=${value}`)
    .join(";");
}

/** A SQL connection string without credentials (Azure SQL, Synapse): the factory signs in with its managed identity. */
export function identityConnectionString(host: FactoryHost, server: string, database: string): string {
  connectionPart(host, "server", server);
  connectionPart(host, "database", database);
  return sqlConnectionString({
    "Integrated Security": "False",
    Encrypt: "True",
    "Connection Timeout": "30",
    "Data Source": server,
    "Initial Catalog": database,
  });
}

/** The managed private endpoint of the target (one per target), unless `wanted` is false or the target's id is unknown. */
export function privateEndpoint(
  host: FactoryHost,
  name: string,
  targetId: string | undefined,
  targetField: string,
  subresource: string,
  wanted: boolean | undefined,
  targetType: string,
): ManagedPrivateEndpoint | undefined {
  if (wanted === false) return undefined;
  if (targetId === undefined) {
    if (wanted === true) {
      invalid(host.scope, {
        field: "managedPrivateEndpoint",
        value: true,
        rule: `needs the target's resource id (${targetField})`,
        fix: `set ${targetField}, or leave managedPrivateEndpoint unset`,
      });
    }
    return undefined;
  }
  return host.managedPrivateEndpoints.forLinkedService(name, targetId, subresource, targetType);
}

/**
 * Records the calls a linked service makes from `runtime` (the managed VNet runtime, an Azure
 * runtime or a self-hosted one: the policy pack reads which from the synthesized runtime) with
 * the factory's system-assigned identity, which Storage and Key Vault trust.
 */
export function recordStoreCalls(name: string, linkedService: Construct, runtime: TerraformResource, target: FlowTarget, endpoint?: string): void {
  const caller = { runsIn: "managed-vnet", service: "DataFactory", resource: runtime, identity: "SystemAssigned" } as const;
  recordFlow(linkedService, { caller, target, endpoint, purpose: `linked service ${name}` });
}

/** Grants on plain resource ids live under a scope per linked service, so each keeps its own address. */
export function grantScope(host: FactoryHost, name: string): Construct {
  const id = `LinkedService-${name}-Grants`;
  return (host.scope.node.tryFindChild(id) as Construct | undefined) ?? new Construct(host.scope, id);
}

/** A plain value inside a connection string: non-empty, without the separators `;` and `=`. */
export function connectionPart(host: FactoryHost, field: string, value: string): void {
  if (isUnresolved(value)) return;
  if (value.trim() === "" || /[;=]/.test(value)) {
    invalid(host.scope, {
      field,
      value,
      rule: "is empty or holds ';' or '=', which would break the connection string",
      fix: `set ${field} to the plain value only; secrets come from Key Vault or the managed identity`,
    });
  }
}

/** An https URL (tokens pass: their value is known at deploy time only). */
export function httpsUrl(host: FactoryHost, field: string, url: string): void {
  if (isUnresolved(url)) return;
  if (!/^https:\/\/[^\s/]+/.test(url)) {
    invalid(host.scope, { field, value: url, rule: "is not an https URL", fix: "use https://<host>/..." });
  }
}
