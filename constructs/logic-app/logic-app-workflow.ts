import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { ApiConnection } from "@cdktf/provider-azurerm/lib/api-connection";
import { DataAzurermManagedApi } from "@cdktf/provider-azurerm/lib/data-azurerm-managed-api";
import { LogicAppActionCustom } from "@cdktf/provider-azurerm/lib/logic-app-action-custom";
import { LogicAppTriggerHttpRequest } from "@cdktf/provider-azurerm/lib/logic-app-trigger-http-request";
import { LogicAppWorkflow as LogicAppWorkflowResource } from "@cdktf/provider-azurerm/lib/logic-app-workflow";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { ResourceGroupTemplateDeployment } from "@cdktf/provider-azurerm/lib/resource-group-template-deployment";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ValidationError, invalid, isUnresolved } from "../core/errors";
import { recordFlow } from "../core/flows";
import { IntegrationContext, IResourceGroup } from "../core/context";
import { Grantee, IPrincipal } from "../core/grants";
import { IdentityOptions, identityBlock, identityPrincipal } from "../core/identity";
import { validateName } from "../core/naming";
import { resourceIdOf } from "../core/resource-id";
import { ResourceConstructBase } from "../core/data-grants";
import { CommonResourceProps, KitProps } from "../core/resource-construct";
import { AccessControlOptions, accessControlBlock } from "./access-control";
import { CONNECTOR_ENDPOINTS, ConnectionOptions, MANAGED_IDENTITY_CONNECTION_TEMPLATE, checkConnection } from "./connections";
import { loadDefinition } from "./definition";
import { DefinitionAnalysis, checkDefinition } from "./definition-check";
import { parameterValueStrings, workflowParameters } from "./parameters";
import { ILogicAppWorkflow, ImportedLogicAppWorkflow, LOGIC_APP_WORKFLOW_TYPE, withWorkflowGrants } from "./workflow-ref";
import { WorkflowTrigger, addActions, addTriggers } from "./workflow-resources";
import { addDependency } from "../core/depends-on";

/**
 * The kit's `identity` (used by managed-identity connections and built-in actions) and
 * `diagnostics`: a Consumption workflow has no private endpoint, no customer-managed key and no lock.
 */
export interface LogicAppWorkflowProps extends Pick<KitProps, keyof CommonResourceProps | "identity" | "diagnostics">, AccessControlOptions {
  /**
   * Absolute path of the designer's JSON: `{ "definition": {...}, "parameters": {...} }`, the bare
   * definition, the portal's export or an ARM resource (`{ "properties": { "definition", "parameters" } }`,
   * unwrapped); a whole ARM template or a workflow with no trigger and no action is refused.
   * Use `path.resolve(__dirname, "...")`. Give this or `definition`.
   * @default none
   */
  readonly definitionFile?: string;
  /** The same document as an object, e.g. built in code. Give this or `definitionFile`. @default none */
  readonly definition?: object;
  /**
   * Values for the definition's parameters, over those in the file. `$connections` comes from
   * addConnection; secure parameters take only values resolved at deploy time.
   * @default the file's parameter values
   */
  readonly parameterValues?: Readonly<Record<string, unknown>>;
  /** Whether triggers fire. @default true */
  readonly enabled?: boolean;
}

/** A managed API connection wired into the workflow's `$connections`. */
export interface WorkflowConnection {
  /** The key actions use: `parameters('$connections')['<name>']`. */
  readonly name: string;
  readonly connectionId: string;
  readonly connectionName: string;
  readonly managedApiId: string;
  readonly managedIdentity: boolean;
  /** The created connection: an `azurerm_api_connection`, or the ARM deployment of a managed-identity one; none when imported. */
  readonly resource?: ApiConnection | ResourceGroupTemplateDeployment;
}

/**
 * A Logic Apps (Consumption) workflow built from the designer's JSON. azurerm has no definition
 * attribute, so each trigger and top-level action becomes its own resource (`triggers`,
 * `actions`), ordered by runAfter; the definition is checked at synth. Secure by default:
 * system-assigned identity, run history inputs/outputs closed to every address, trigger callers
 * limited to the environment's allowed ranges when it has any, connections by managed identity
 * (literal secrets are refused), and the callback URL (a SAS-signed secret) only ever output as
 * sensitive. Consumption workflows have no private endpoints, and no lock is added: a workflow
 * holds no data, and redeploying recreates it. Every other L1 setting is reachable through
 * {@link LogicAppWorkflow.resource}.
 */
export class LogicAppWorkflow extends withWorkflowGrants(ResourceConstructBase) implements ILogicAppWorkflow {
  /** An existing workflow by resource id (a literal is checked now; a token is split at deploy time). */
  public static fromId(scope: Construct, id: string, resourceId: string): ILogicAppWorkflow {
    return new ImportedLogicAppWorkflow(scope, id, resourceId);
  }

  /** An existing workflow by name, in `resourceGroup` or the IntegrationContext's resource group. */
  public static fromName(scope: Construct, id: string, name: string, resourceGroup?: IResourceGroup): ILogicAppWorkflow {
    validateName(scope, "logicApp", name);
    const groupId = IntegrationContext.resourceGroup(scope, resourceGroup).id;
    return new ImportedLogicAppWorkflow(scope, id, resourceIdOf(groupId, LOGIC_APP_WORKFLOW_TYPE, [name]));
  }

  public readonly resource: LogicAppWorkflowResource;
  public readonly id: string;
  public readonly name: string;
  /** The workflow's access endpoint (without the trigger's signature). */
  public readonly accessEndpoint: string;
  /** Trigger resources by definition name. */
  public readonly triggers: ReadonlyMap<string, WorkflowTrigger>;
  /** One custom action resource per top-level action (nested actions are in their parent's body). */
  public readonly actions: ReadonlyMap<string, LogicAppActionCustom>;
  /** Connections added with {@link addConnection}, by `$connections` key. */
  public readonly connections: ReadonlyMap<string, WorkflowConnection>;
  public readonly diagnostics?: MonitorDiagnosticSetting;

  private readonly connectionMap = new Map<string, WorkflowConnection>();
  private readonly connectionValues: Record<string, unknown> = {};
  private readonly parameterStrings: Record<string, string>;
  private readonly analysis: DefinitionAnalysis;
  private readonly source: string;
  private readonly identityOptions: IdentityOptions | undefined;
  private readonly givenName: string;

  constructor(scope: Construct, id: string, props: LogicAppWorkflowProps) {
    super(scope, id, props);
    const loaded = loadDefinition(this, props.definitionFile, props.definition);
    this.source = loaded.source;
    this.analysis = checkDefinition(this, loaded);
    this.identityOptions = props.identity;
    const definition = loaded.definition;
    const types = this.analysis.parameterTypes;
    this.parameterStrings = {
      ...parameterValueStrings(this, types, loaded.parameterValues, (n) => `parameter value "${n}" in ${loaded.source}`),
      ...parameterValueStrings(this, types, props.parameterValues ?? {}, (n) => `parameterValues.${n}`),
    };
    if (props.parameterValues?.$connections !== undefined) {
      invalid(this, {
        field: "parameterValues.$connections",
        rule: "is managed by the construct",
        fix: "add connections with addConnection(name, { api, ... })",
      });
    }

    this.givenName = this.nameFor("logicApp", props.name);
    this.resource = new LogicAppWorkflowResource(this, "Resource", {
      name: this.givenName,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      enabled: props.enabled ?? true,
      identity: identityBlock(props.identity),
      accessControl: accessControlBlock(this, this.context, props),
      workflowSchema: definition.$schema,
      workflowVersion: definition.contentVersion,
      workflowParameters: workflowParameters(definition, types),
      parameters: this.parameterValues(),
      tags: this.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.accessEndpoint = this.resource.accessEndpoint;
    this.triggers = addTriggers(this, this.id, definition, loaded.source);
    this.actions = addActions(this, this.id, definition, this.triggers);
    this.connections = this.connectionMap;
    this.diagnostics = this.wireKit(props, { resourceId: this.id, name: this.name, dataStore: false }).diagnostics.Diagnostics;
    this.node.addValidation({ validate: () => this.missingConnections() });
  }

  /**
   * The database user name SQL grants use (`CREATE USER [<name>] FROM EXTERNAL PROVIDER`): the system-assigned identity's
   * display name, which is the workflow's name. Written into scripts at synth, so the name must be a literal.
   */
  public get sqlPrincipalName(): string {
    if (isUnresolved(this.givenName)) {
      invalid(this, {
        field: "name",
        rule: "is known only at deploy time, so the SQL grant script cannot name the workflow's identity",
        fix: "pass a literal name",
      });
    }
    return this.givenName;
  }

  /**
   * The identity the workflow acts as: the system-assigned one, else the first user-assigned one.
   * Grant it roles on what the workflow reaches, e.g. `bus.grantSend(workflow)`.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.identityOptions, () => this.resource.identity.principalId);
  }

  public get resourceGroupName(): string {
    return this.resourceGroup.name;
  }

  /**
   * The callback URL of the HTTP request trigger. It carries a SAS signature, so treat it as a
   * secret: pass it to what calls the workflow (e.g. a Key Vault secret or an APIM backend), or
   * output it with {@link callbackUrlOutput}.
   */
  public get callbackUrl(): string {
    return this.requestTrigger(undefined).callbackUrl;
  }

  /**
   * A sensitive stack output `id` holding the callback URL of a request trigger.
   * @param triggerName the trigger, when the workflow has more than one request trigger
   */
  public callbackUrlOutput(id: string, triggerName?: string): TerraformOutput {
    const trigger = this.requestTrigger(triggerName);
    return new TerraformOutput(TerraformStack.of(this), id, {
      value: trigger.callbackUrl,
      sensitive: true,
      description: `Callback URL (with SAS signature) of trigger "${trigger.nameInput}" of ${this.node.path}`,
    });
  }

  /**
   * Wires a managed API connection into `$connections` under `name` (the key actions use). A
   * plain connection is an `azurerm_api_connection`; `managedIdentity: true` creates it through an
   * ARM deployment and makes the workflow authenticate as its identity.
   */
  public addConnection(name: string, options: ConnectionOptions): WorkflowConnection {
    if (this.connectionMap.has(name)) {
      invalid(this, { field: "connection name", value: name, rule: "is already added to this workflow", fix: "add each connection once" });
    }
    if (!this.analysis.parameterTypes.has("$connections")) {
      invalid(this, {
        field: `connection "${name}"`,
        rule: `cannot be wired: ${this.source} does not declare the $connections parameter`,
        fix: 'declare "$connections": { "type": "Object", "defaultValue": {} } under definition.parameters',
      });
    }
    if (isUnresolved(options.api)) {
      invalid(this, {
        field: `connection "${name}" api`,
        rule: "is known only at deploy time",
        fix: 'pass the connector name as a literal, e.g. "servicebus"',
      });
    }
    const parameterValueSet = checkConnection(this, name, options);
    const managedIdentity = options.managedIdentity ?? false;
    const managedApiId = this.managedApi(options.api).id;
    const identity = managedIdentity ? this.connectionIdentity(name, options) : undefined;
    let connection: WorkflowConnection;
    if (options.existingConnectionId !== undefined) {
      connection = {
        name,
        connectionId: options.existingConnectionId,
        connectionName: this.existingName(name, options),
        managedApiId,
        managedIdentity,
      };
    } else {
      // `con-<namePrefix>-<workflow id>-<name>`, shortened to fit.
      const connectionName = this.nameFor("apiConnection", options.connectionName, { base: `${this.node.id}-${name}`, field: "connectionName" });
      const common = { name, connectionName, managedApiId, managedIdentity };
      const displayName = options.displayName ?? name;
      if (parameterValueSet === undefined) {
        const resource = new ApiConnection(this, `Connection-${name}`, {
          name: connectionName,
          resourceGroupName: this.resourceGroup.name,
          managedApiId,
          displayName,
          parameterValues: options.parameterValues ? { ...options.parameterValues } : undefined,
          tags: this.tags,
        });
        connection = { ...common, connectionId: resource.id, resource };
      } else {
        const resource = new ResourceGroupTemplateDeployment(this, `Connection-${name}`, {
          name: `deploy-${connectionName}`.slice(0, 64),
          resourceGroupName: this.resourceGroup.name,
          deploymentMode: "Incremental",
          templateContent: MANAGED_IDENTITY_CONNECTION_TEMPLATE,
          parametersContent: JSON.stringify({
            connectionName: { value: connectionName },
            displayName: { value: displayName },
            location: { value: this.location },
            managedApiId: { value: managedApiId },
            parameterValueSetName: { value: parameterValueSet },
            parameterValueSetValues: { value: Object.fromEntries(Object.entries(options.parameterValues ?? {}).map(([k, v]) => [k, { value: v }])) },
            tags: { value: this.tags ?? {} },
          }),
          tags: this.tags,
        });
        // The id is known before the deployment runs; the explicit dependency orders them.
        connection = { ...common, connectionId: `${this.resourceGroup.id}/providers/Microsoft.Web/connections/${connectionName}`, resource };
        addDependency(this.resource, resource);
      }
    }
    this.connectionMap.set(name, connection);
    const target = options.target ?? options.parameterValues?.namespaceEndpoint;
    if (target !== undefined) {
      const caller = { runsIn: "multi-tenant", service: "AzureConnectors" } as const;
      const purpose = `${options.api} connector${name === options.api ? "" : ` (connection ${name})`}`;
      recordFlow(this, { caller, target, endpoint: CONNECTOR_ENDPOINTS[options.api], purpose });
    }
    this.connectionValues[name] = {
      connectionId: connection.connectionId,
      connectionName: connection.connectionName,
      id: managedApiId,
      ...(managedIdentity ? { connectionProperties: { authentication: { type: "ManagedServiceIdentity", ...(identity ? { identity } : {}) } } } : {}),
    };
    this.resource.parameters = this.parameterValues() ?? {};
    return connection;
  }

  /** @deprecated use {@link grantOperator} (the same assignment). */
  public grantOperate(grantee: Grantee): RoleAssignment {
    return this.grantOperator(grantee);
  }

  /** @deprecated use {@link grantContributor} (the same assignment). */
  public grantContribute(grantee: Grantee): RoleAssignment {
    return this.grantContributor(grantee);
  }

  private parameterValues(): Record<string, string> | undefined {
    const values = { ...this.parameterStrings };
    if (this.analysis.parameterTypes.has("$connections")) values.$connections = JSON.stringify(this.connectionValues);
    return Object.keys(values).length > 0 ? values : undefined;
  }

  private requestTrigger(triggerName: string | undefined): LogicAppTriggerHttpRequest {
    const requests = [...this.triggers.entries()].filter(
      (e): e is [string, LogicAppTriggerHttpRequest] => e[1] instanceof LogicAppTriggerHttpRequest,
    );
    const names = requests.map(([n]) => `"${n}"`).join(", ");
    if (triggerName !== undefined) {
      const found = requests.find(([n]) => n === triggerName);
      if (!found) {
        invalid(this, {
          field: "triggerName",
          value: triggerName,
          rule: "is not a request trigger of this workflow",
          fix: requests.length > 0 ? `use one of ${names}` : "add a Request trigger to the definition",
        });
      }
      return found[1];
    }
    if (requests.length !== 1) {
      invalid(this, {
        field: "callbackUrl",
        rule: requests.length === 0
          ? "is not available: the workflow has no HTTP request trigger"
          : `is ambiguous: the workflow has request triggers ${names}`,
        fix: requests.length === 0
          ? 'add a trigger of type "Request" (kind "Http") to the definition'
          : "pass the trigger's name to callbackUrlOutput, or use triggers.get(name)",
      });
    }
    return requests[0][1];
  }

  private managedApi(api: string): DataAzurermManagedApi {
    const id = `ManagedApi-${api}`;
    return (this.node.tryFindChild(id) as DataAzurermManagedApi | undefined) ??
      new DataAzurermManagedApi(this, id, { name: api, location: this.location });
  }

  /** The user-assigned identity id a managed-identity connection names, or undefined for the system-assigned one. */
  private connectionIdentity(name: string, options: ConnectionOptions): string | undefined {
    const userAssigned = this.identityOptions?.userAssigned ?? [];
    if (options.userAssignedIdentity !== undefined) {
      if (!userAssigned.includes(options.userAssignedIdentity)) {
        invalid(this, {
          field: `connection "${name}" userAssignedIdentity`,
          rule: "is not one of the workflow's identities",
          fix: "add it to identity.userAssigned",
        });
      }
      return options.userAssignedIdentity.id;
    }
    if (this.identityOptions?.systemAssigned ?? true) return undefined;
    if (userAssigned.length === 0) {
      invalid(this, {
        field: `connection "${name}" managedIdentity`,
        rule: "is set but the workflow has no managed identity",
        fix: "keep identity.systemAssigned on (the default) or add a user-assigned identity",
      });
    }
    return userAssigned[0].id;
  }

  private existingName(name: string, options: ConnectionOptions): string {
    if (options.connectionName !== undefined) return options.connectionName;
    const id = options.existingConnectionId ?? "";
    const match = /\/providers\/Microsoft\.Web\/connections\/([^/]+)$/i.exec(id);
    if (isUnresolved(id) || !match) {
      invalid(this, {
        field: `connection "${name}" existingConnectionId`,
        value: isUnresolved(id) ? undefined : id,
        rule: isUnresolved(id)
          ? "is known only at deploy time, so its name cannot be read from it"
          : "is not a Microsoft.Web/connections resource id",
        fix: isUnresolved(id)
          ? "pass connectionName as well"
          : "pass /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Web/connections/<name>",
      });
    }
    return match[1];
  }

  /** Connections the definition reads that were never added (checked at synth, after every addConnection). */
  private missingConnections(): string[] {
    return [...this.analysis.connectionsUsed]
      .filter(([name]) => !this.connectionMap.has(name))
      .map(
        ([name, user]) =>
          new ValidationError(this.node.path, {
            field: `${user} in ${this.source}`,
            rule: `reads connection "${name}" from $connections, but no connection of that name was added`,
            fix: `call addConnection("${name}", { api: "<connector>", managedIdentity: true, ... }) on the workflow`,
          }).message,
      );
  }
}
