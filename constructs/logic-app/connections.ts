import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { FlowTarget } from "../core/flows";
import { UserAssignedIdentity } from "../core/identity";
import { validateName } from "../core/naming";

/** The connectors whose managed-identity parameter set this library knows (`managedIdentity: true` needs nothing more). */
export type ManagedIdentityConnector = "servicebus" | "eventhubs" | "azureblob" | "keyvault" | "sql" | "documentdb";

/** Managed connectors commonly wired into workflows; any other managed API name works too. */
export type ManagedApiName = ManagedIdentityConnector | "office365" | (string & {});

/** A managed API connection (`Microsoft.Web/connections`) for the workflow's `$connections`. */
export interface ConnectionOptions {
  /** Managed connector name, the last part of `/providers/Microsoft.Web/locations/<location>/managedApis/<api>`. */
  readonly api: ManagedApiName;
  /**
   * Connection parameters. For a plain connection these are the connector's `parameterValues`;
   * secrets (connection strings, keys, passwords) are refused as literals. For a managed-identity
   * connection they are the parameter set's values, e.g. `namespaceEndpoint` for Service Bus.
   * @default none
   */
  readonly parameterValues?: Readonly<Record<string, string>>;
  /**
   * Authenticate with the workflow's managed identity instead of keys; the connection is then
   * created by an ARM deployment (azurerm_api_connection cannot set a parameter value set). Grant
   * the identity a role on the target, e.g. `bus.grantSend(workflow.principal)`. The parameter set is
   * known for every {@link ManagedIdentityConnector}; another connector needs `parameterValueSetName`.
   * @default false
   */
  readonly managedIdentity?: boolean;
  /**
   * The user-assigned identity a managed-identity connection uses.
   * @default the system-assigned identity, else the workflow's first user-assigned one
   */
  readonly userAssignedIdentity?: UserAssignedIdentity;
  /** Parameter set for a managed-identity connection. @default the connector's known set (see MANAGED_IDENTITY_CONNECTORS) */
  readonly parameterValueSetName?: string;
  /**
   * An existing connection's resource id, e.g. an Office 365 connection a user authorized in the
   * portal (OAuth connectors need interactive consent). Nothing is created.
   * @default a new connection
   */
  readonly existingConnectionId?: string;
  /** Azure name of the connection resource. @default `con-<namePrefix>-<workflow id>-<name>` (the existing connection's name when importing) */
  readonly connectionName?: string;
  /** @default the connection's key in `$connections` */
  readonly displayName?: string;
  /**
   * What the connector calls: its L1, a construct with `resource`, or a token of one of its
   * attributes. Managed connectors run in Azure's multi-tenant connector service, so the call is
   * recorded as a flow and the policy pack checks the target admits them (AIC-NET-010).
   * @default the namespace `parameterValues.namespaceEndpoint` names (servicebus, eventhubs); else none is recorded
   */
  readonly target?: FlowTarget;
}

/** The private-link sub-resource each connector calls (for the reachability check). */
export const CONNECTOR_ENDPOINTS: Readonly<Record<string, string>> = {
  servicebus: "namespace",
  eventhubs: "namespace",
  documentdb: "Sql",
  sql: "sqlServer",
  azureblob: "blob",
  keyvault: "vault",
};

/** The parameter set and required values of connectors that support managed identities. */
export const MANAGED_IDENTITY_CONNECTORS: Readonly<
  Record<ManagedIdentityConnector, { readonly parameterValueSet: string; readonly required: readonly string[] }>
> = {
  servicebus: { parameterValueSet: "managedIdentityAuth", required: ["namespaceEndpoint"] },
  eventhubs: { parameterValueSet: "managedIdentityAuth", required: ["namespaceEndpoint"] },
  azureblob: { parameterValueSet: "managedIdentityAuth", required: [] },
  keyvault: { parameterValueSet: "oauthMI", required: ["vaultName"] },
  sql: { parameterValueSet: "oauthMI", required: [] },
  documentdb: { parameterValueSet: "managedIdentityAuth", required: [] },
};

const CONNECTION_KEY = /^[A-Za-z0-9_-]+$/;
const SECRET_KEY = /connectionstring|password|passwd|secret|sharedaccesskey|sharedkey|accountkey|accesskey|apikey|sastoken/i;
const SECRET_VALUE = /(accountkey|sharedaccesskey|sharedaccesssignature|password|pwd)\s*=|[?&]sig=/i;
const NAMESPACE_ENDPOINT: Record<string, RegExp> = {
  servicebus: /^sb:\/\/[A-Za-z0-9-]+\.servicebus\.windows\.net\/?$/,
  eventhubs: /^sb:\/\/[A-Za-z0-9-]+\.servicebus\.windows\.net\/?$/,
};

/** Checks a connection's options; returns the parameter set of a new managed-identity connection. */
export function checkConnection(scope: IConstruct, name: string, options: ConnectionOptions): string | undefined {
  const subject = `connection "${name}"`;
  if (!CONNECTION_KEY.test(name)) {
    invalid(scope, {
      field: "connection name",
      value: name,
      rule: "is not a $connections key",
      fix: "use letters, digits, '_' and '-', e.g. \"servicebus\"",
    });
  }
  if (!isUnresolved(options.api) && !/^[a-z0-9-]+$/.test(options.api)) {
    invalid(scope, {
      field: `${subject} api`,
      value: options.api,
      rule: "is not a managed API name",
      fix: 'use the connector\'s lower-case name, e.g. "servicebus", "sql" or "office365"',
    });
  }
  if (options.connectionName !== undefined) validateName(scope, "apiConnection", options.connectionName, "connectionName");
  const values = options.parameterValues ?? {};
  for (const [key, value] of Object.entries(values)) {
    if (isUnresolved(value) || (!SECRET_KEY.test(key) && !SECRET_VALUE.test(value))) continue;
    invalid(scope, {
      field: `${subject} parameterValues.${key}`,
      rule: "is a literal secret, which would sit in the Terraform configuration and state",
      fix: `use managedIdentity: true (supported by ${Object.keys(MANAGED_IDENTITY_CONNECTORS).join(", ")}) and grant the workflow's identity a ` +
        `role on the target`,
    });
  }
  if (options.existingConnectionId !== undefined) {
    const extra = (["parameterValues", "parameterValueSetName", "userAssignedIdentity"] as const).filter((k) => options[k] !== undefined);
    if (extra.length > 0) {
      invalid(scope, {
        field: `${subject} existingConnectionId`,
        rule: `is given together with ${extra.join(", ")}, which only configure a new connection`,
        fix: "configure the existing connection where it was created, or drop existingConnectionId to create one",
      });
    }
    return undefined;
  }
  if (!(options.managedIdentity ?? false)) {
    if (options.parameterValueSetName !== undefined || options.userAssignedIdentity !== undefined) {
      invalid(scope, {
        field: `${subject} ${options.parameterValueSetName !== undefined ? "parameterValueSetName" : "userAssignedIdentity"}`,
        rule: "applies only to managed-identity connections",
        fix: "set managedIdentity: true or remove it",
      });
    }
    return undefined;
  }
  const known = MANAGED_IDENTITY_CONNECTORS[options.api as ManagedIdentityConnector] as 
    | (typeof MANAGED_IDENTITY_CONNECTORS)[ManagedIdentityConnector]
    | undefined;
  const set = options.parameterValueSetName ?? known?.parameterValueSet;
  if (set === undefined) {
    invalid(scope, {
      field: `${subject} api`,
      value: options.api,
      rule: "has no known managed-identity parameter set",
      fix: `pass parameterValueSetName from the connector's reference, or use a connector with managed identity support ` +
        `(${Object.keys(MANAGED_IDENTITY_CONNECTORS).join(", ")})`,
    });
  }
  for (const required of known?.required ?? []) {
    if (values[required] === undefined) {
      invalid(scope, {
        field: `${subject} parameterValues.${required}`,
        rule: `is missing; a managed-identity ${options.api} connection needs it`,
        fix: required === "namespaceEndpoint" ? 'pass namespaceEndpoint: "sb://<namespace>.servicebus.windows.net/"' : `pass ${required}`,
      });
    }
  }
  const endpoint = values.namespaceEndpoint;
  const pattern = NAMESPACE_ENDPOINT[options.api];
  if (pattern && endpoint !== undefined && !isUnresolved(endpoint) && !pattern.test(endpoint)) {
    invalid(scope, {
      field: `${subject} parameterValues.namespaceEndpoint`,
      value: endpoint,
      rule: "is not a namespace endpoint",
      fix: 'use "sb://<namespace>.servicebus.windows.net/"',
    });
  }
  return set;
}

/**
 * The ARM template creating a managed-identity connection, identical for every connector: all
 * that differs travels in its parameters, so the template text is a deterministic constant.
 */
export const MANAGED_IDENTITY_CONNECTION_TEMPLATE = JSON.stringify({
  $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  contentVersion: "1.0.0.0",
  parameters: {
    connectionName: { type: "string" },
    displayName: { type: "string" },
    location: { type: "string" },
    managedApiId: { type: "string" },
    parameterValueSetName: { type: "string" },
    parameterValueSetValues: { type: "object" },
    tags: { type: "object", defaultValue: {} },
  },
  resources: [
    {
      type: "Microsoft.Web/connections",
      apiVersion: "2016-06-01",
      name: "[parameters('connectionName')]",
      location: "[parameters('location')]",
      kind: "V1",
      tags: "[parameters('tags')]",
      properties: {
        displayName: "[parameters('displayName')]",
        api: { id: "[parameters('managedApiId')]" },
        parameterValueSet: { name: "[parameters('parameterValueSetName')]", values: "[parameters('parameterValueSetValues')]" },
      },
    },
  ],
  outputs: {
    connectionId: { type: "string", value: "[resourceId('Microsoft.Web/connections', parameters('connectionName'))]" },
  },
});
