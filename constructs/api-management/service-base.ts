import { Construct, IConstruct } from "constructs";
import { TerraformResource } from "cdktf";
import { ApiManagementBackend } from "@cdktf/provider-azurerm/lib/api-management-backend";
import { ApiManagementNamedValue } from "@cdktf/provider-azurerm/lib/api-management-named-value";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { addDependency } from "../core/depends-on";
import { invalid, isUnresolved, ValidationError } from "../core/errors";
import { FlowCaller, FlowTarget, recordFlow } from "../core/flows";
import { BuiltInRoleName, Grantee, IPrincipal } from "../core/grants";
import { UserAssignedIdentity } from "../core/identity";
import { CommonResourceProps, ResourceConstruct } from "../core/resource-construct";
import { ApimApi, ApiOptions, IPolicyHost } from "./api";
import {
  BackendOptions,
  createBackend,
  LOGIC_APP_QUERY_PARAMETERS,
  logicAppCallbackParts,
  logicAppNamedValueName,
  logicAppRewriteUri,
} from "./backend";
import { createNamedValue, NamedValueOptions, NamedValueTarget } from "./named-value";
import { validateApiPath, validateChildName } from "./names";
import { PolicyDocument, readPolicyFile } from "./policy-check";
import { ApiManagementTier, VirtualNetworkType } from "./sku";
import { closest } from "../core/closest";
import { ApimProduct, ProductOptions } from "./product";
import { addSignatureWriter, StandardWorkflowBackendOptions, standardWorkflowBackendParts } from "./standard-workflow-backend";

/** An API Management service this app creates or imports: APIs, products, named values and backends are added to it. */
export interface IApiManagement extends IConstruct {
  readonly id: string;
  /** Service name (for ours, a reference to the resource). */
  readonly name: string;
  /** The same as `name` (the azurerm children's `api_management_name`). */
  readonly serviceName: string;
  readonly resourceGroupName: string;
  /** The tier; on an import, as given to `fromName`/`fromId` (undefined when not told: tier checks are then skipped). */
  readonly sku?: ApiManagementTier;
  /** How the service joins a VNet; on an import, as given (default `"None"`). */
  readonly virtualNetworkType: "None" | VirtualNetworkType;
  /** The gateway's public IP addresses (a list token), for firewalls that admit it. */
  readonly publicIpAddresses: string[];
  /** Gateway URL, e.g. `https://apim-x.azure-api.net`. */
  readonly gatewayUrl: string;
  /** The service's identity, for grants such as `queue.grantSend(apim.principal)`. */
  readonly principal: IPrincipal;
  /** Records a call the service's policies make to `target`, for the policy pack's reachability check. */
  recordCall(target: FlowTarget, purpose: string, endpoint?: string): void;
  /** Grants any role (built-in or custom, by name) on the service, e.g. API Management Service Contributor. */
  grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment;
  addApi(name: string, options: ApiOptions): ApimApi;
  addProduct(id: string, options: ProductOptions): ApimProduct;
  addNamedValue(name: string, options: NamedValueOptions): ApiManagementNamedValue;
  addBackend(name: string, options: BackendOptions): ApiManagementBackend;
  addStandardWorkflowBackend(name: string, options: StandardWorkflowBackendOptions & { readonly description?: string }): ApiManagementBackend;
}

/**
 * What a service and an imported service share: child resources and the policy checks. Every
 * policy is checked for structure when it is added; its `{{named-value}}` references are checked
 * when the app is synthesized (validations run with `app.synth()` / `Testing.synth(stack, true)`),
 * so named values may be added after the policies that use them.
 */
export abstract class ApiManagementBase extends ResourceConstruct implements IApiManagement, IPolicyHost, NamedValueTarget {
  public abstract override readonly id: string;
  public abstract readonly name: string;
  public abstract readonly serviceName: string;
  public abstract readonly resourceGroupName: string;
  public abstract readonly sku?: ApiManagementTier;
  public abstract readonly virtualNetworkType: "None" | VirtualNetworkType;
  public abstract readonly publicIpAddresses: string[];
  public abstract readonly gatewayUrl: string;
  public abstract readonly principal: IPrincipal;
  /** APIs by name. */
  public readonly apis: ReadonlyMap<string, ApimApi>;
  /** Products by id. */
  public readonly products: ReadonlyMap<string, ApimProduct>;
  /** Named values by name. */
  public readonly namedValues: ReadonlyMap<string, ApiManagementNamedValue>;
  /** Backends by name. */
  public readonly backends: ReadonlyMap<string, ApiManagementBackend>;

  private readonly apiMap = new Map<string, ApimApi>();
  private readonly productMap = new Map<string, ApimProduct>();
  private readonly namedValueMap = new Map<string, ApiManagementNamedValue>();
  private readonly backendMap = new Map<string, ApiManagementBackend>();
  private readonly logicAppBackends = new Set<string>();
  /** Named values a deploy-time operation writes (not Terraform resources), by name: policies wait for the writer. */
  private readonly writtenNamedValues = new Map<string, TerraformResource>();
  private readonly policies: PolicyDocument[] = [];
  private readonly attachedPolicies: { document: PolicyDocument; resource: TerraformResource }[] = [];

  protected constructor(scope: Construct, id: string, props: CommonResourceProps) {
    super(scope, id, props);
    this.apis = this.apiMap;
    this.products = this.productMap;
    this.namedValues = this.namedValueMap;
    this.backends = this.backendMap;
    this.node.addValidation({ validate: () => [...this.undefinedNamedValues(), ...this.undefinedBackends(), ...this.unsignedLogicAppCalls()] });
  }

  /**
   * Adds an API (HTTPS only, subscription required by default) from an OpenAPI document or from
   * operations declared in code, with API- and operation-level policies from XML files.
   */
  public addApi(name: string, options: ApiOptions): ApimApi {
    validateChildName(this, "api", name);
    if (this.apiMap.has(name)) {
      invalid(this, { field: "api name", value: name, rule: "is already defined on this service", fix: "add each API once" });
    }
    validateApiPath(this, name, options.path);
    const clash = [...this.apiMap.values()].find((a) => a.path === options.path);
    if (clash) {
      invalid(this, {
        field: `path of api "${name}"`,
        value: options.path,
        rule: `is already used by api "${clash.apiName}"`,
        fix: "give each API its own path",
      });
    }
    const api = new ApimApi(this, `Api-${name}`, { ...options, service: this, name });
    this.apiMap.set(name, api);
    return api;
  }

  /** Adds a product (subscription required by default) with its APIs and policy. */
  public addProduct(id: string, options: ProductOptions): ApimProduct {
    validateChildName(this, "product", id);
    if (this.productMap.has(id)) {
      invalid(this, { field: "product id", value: id, rule: "is already defined on this service", fix: "add each product once" });
    }
    const product = new ApimProduct(this, `Product-${id}`, { ...options, service: this, productId: id });
    this.productMap.set(id, product);
    return product;
  }

  /**
   * Adds a named value, referenced in policies as `{{name}}`: plain, secret (a token, never a
   * literal) or backed by a Key Vault secret read with the service's managed identity.
   */
  public addNamedValue(name: string, options: NamedValueOptions): ApiManagementNamedValue {
    validateChildName(this, "named value", name);
    if (this.namedValueMap.has(name) || this.writtenNamedValues.has(name) || this.knownNamedValues().has(name)) {
      invalid(this, { field: "named value name", value: name, rule: "is already defined on this service", fix: "add each named value once" });
    }
    const namedValue = createNamedValue(this, `NamedValue-${name}`, this, name, options);
    this.namedValueMap.set(name, namedValue);
    for (const { document, resource } of this.attachedPolicies) {
      if (document.namedValues.includes(name)) addDependency(resource, namedValue);
    }
    return namedValue;
  }

  /**
   * Adds a backend (an HTTPS URL or a Logic App workflow), optionally with a circuit breaker. A Logic
   * App backend also adds the named values its policy rebuilds the trigger's query from
   * (`<name>-api-version`, `-sp`, `-sv`, and `-sig` as a secret); a policy that routes to it must
   * carry `logicAppRewriteUri(name)`, which synthesis checks.
   */
  public addBackend(name: string, options: BackendOptions): ApiManagementBackend {
    validateChildName(this, "backend", name);
    if (this.backendMap.has(name)) {
      invalid(this, { field: "backend name", value: name, rule: "is already defined on this service", fix: "add each backend once" });
    }
    const backend = createBackend(this, `Backend-${name}`, this, name, options);
    this.backendMap.set(name, backend);
    if (options.logicApp) {
      this.logicAppBackends.add(name);
      const { query } = logicAppCallbackParts(options.logicApp.callbackUrl);
      for (const parameter of LOGIC_APP_QUERY_PARAMETERS) {
        const valueName = logicAppNamedValueName(name, parameter);
        if (parameter !== "sig") this.addNamedValue(valueName, { value: query[parameter] });
        else this.addNamedValue(valueName, options.logicApp.signature ?? { secretValue: query.sig });
      }
    }
    const url = options.logicApp?.callbackUrl ?? options.url;
    if (url !== undefined && isUnresolved(url)) this.recordCall(url, `backend ${name}`);
    for (const { document, resource } of this.attachedPolicies) {
      if (document.backends.includes(name)) addDependency(resource, backend);
    }
    return backend;
  }

  /**
   * Adds a backend for a Logic Apps Standard workflow's Request trigger (see {@link StandardWorkflowBackendOptions}): the
   * URL without its query, the plain named values `<name>-api-version`, `-sp`, `-sv`, and the secret `<name>-sig` that
   * the deployer writes during the apply from ARM's `listCallbackUrl`, so the signature is in neither the synthesized JSON
   * nor the state. A policy that routes to it must carry `logicAppRewriteUri(name)`, as for a Consumption workflow.
   */
  public addStandardWorkflowBackend(name: string, options: StandardWorkflowBackendOptions & { readonly description?: string }): ApiManagementBackend {
    validateChildName(this, "backend", name);
    if (this.backendMap.has(name)) {
      invalid(this, { field: "backend name", value: name, rule: "is already defined on this service", fix: "add each backend once" });
    }
    const parts = standardWorkflowBackendParts(this, name, options);
    const backend = createBackend(this, `Backend-${name}`, this, name, { url: parts.url, description: options.description });
    this.backendMap.set(name, backend);
    this.logicAppBackends.add(name);
    for (const [valueName, value] of Object.entries(parts.plainValues)) this.addNamedValue(valueName, { value });
    if (this.namedValueMap.has(parts.signatureName) || this.knownNamedValues().has(parts.signatureName)) {
      invalid(this, {
        field: "named value name",
        value: parts.signatureName,
        rule: "is already defined on this service",
        fix: "add each named value once",
      });
    }
    const writer = addSignatureWriter(this, backend, name, parts.signatureName, options);
    this.writtenNamedValues.set(parts.signatureName, writer);
    // Through the app's sites private endpoint from an injected gateway; the policy pack judges the path (AIC-NET-010).
    this.recordCall(options.app.resource, `backend ${name}`, "sites");
    for (const { document, resource } of this.attachedPolicies) {
      if (document.backends.includes(name)) addDependency(resource, backend);
      if (document.namedValues.includes(parts.signatureName)) addDependency(resource, writer);
    }
    return backend;
  }

  /**
   * Reads and checks a policy file of this service (well-formed once C# expressions are masked,
   * only known sections); its named-value references are checked at synth. APIs and products call
   * this; use it (with {@link attachPolicy}) for policies you put on L1 resources yourself.
   */
  public loadPolicy(file: string): PolicyDocument {
    const document = readPolicyFile(this, file);
    this.policies.push(document);
    return document;
  }

  /**
   * Makes `resource` (which carries `policy`) wait for the named values and backends the policy
   * references, whichever order they are added in: API Management resolves them when the policy
   * is saved.
   */
  public attachPolicy(policy: PolicyDocument, resource: TerraformResource): void {
    this.attachedPolicies.push({ document: policy, resource });
    for (const name of policy.namedValues) {
      const namedValue = this.namedValueMap.get(name) ?? this.writtenNamedValues.get(name);
      if (namedValue) addDependency(resource, namedValue);
    }
    for (const name of policy.backends) {
      const backend = this.backendMap.get(name);
      if (backend) addDependency(resource, backend);
    }
  }

  /**
   * Records a call the service's policies make (a `send-request`, a `set-backend-service` URL) to
   * `target`, so the policy pack checks the gateway can reach it from where it runs (AIC-NET-010).
   * Backends added with {@link addBackend} are recorded already.
   */
  public recordCall(target: FlowTarget, purpose: string, endpoint?: string): void {
    const caller = this.flowCaller();
    if (caller) recordFlow(this, { caller, target, endpoint, purpose });
  }

  /** Where the service's outbound calls start; undefined where this app does not know (an imported service). */
  protected flowCaller(): FlowCaller | undefined {
    return undefined;
  }

  /** The identity that reads Key Vault secrets for named values. */
  public abstract keyVaultReader(name: string, identity: UserAssignedIdentity | undefined): IPrincipal;

  /** Named values that exist on the service without being added here (imported services). */
  protected knownNamedValues(): ReadonlySet<string> {
    return new Set();
  }

  /** A Logic App backend's URL has no query: without the rebuilt one the trigger answers 401. */
  private unsignedLogicAppCalls(): string[] {
    const referenced = new Set(this.policies.flatMap((p) => p.namedValues));
    const errors: string[] = [];
    for (const policy of this.policies) {
      for (const backend of policy.backends.filter((b) => this.logicAppBackends.has(b))) {
        if (referenced.has(logicAppNamedValueName(backend, "sig"))) continue;
        errors.push(
          new ValidationError(this.node.path, {
            field: "policy file",
            value: policy.file,
            rule: `routes to Logic App backend "${backend}", but no policy of this service rebuilds its trigger query ` +
              `(the backend URL carries no signature, so the trigger would answer 401)`,
            fix: `add ${logicAppRewriteUri(backend)} where the policy picks the backend`,
          }).message,
        );
      }
    }
    return errors;
  }

  /** Backends that exist on the service without being added here; undefined where this app cannot know (an imported service). */
  protected knownBackends(): ReadonlySet<string> | undefined {
    return new Set();
  }

  /**
   * A `backend-id` naming no backend of the service: API Management refuses to save the policy
   * ("Backend with id '...' could not be found"), so the apply would fail at the policy.
   */
  private undefinedBackends(): string[] {
    const known = this.knownBackends();
    if (known === undefined) return [];
    const defined = [...this.backendMap.keys(), ...known];
    const errors: string[] = [];
    for (const policy of this.policies) {
      for (const name of policy.backends.filter((b) => !defined.includes(b))) {
        const guess = closest(name, defined);
        errors.push(
          new ValidationError(this.node.path, {
            field: "policy file",
            value: policy.file,
            rule: `routes to backend-id "${name}", which is not a backend of this service`,
            fix: `${guess ? `did you mean "${guess}"? ` : ""}add it with addBackend("${name}", { ... }) or fix the backend-id`,
          }).message,
        );
      }
    }
    return errors;
  }

  private undefinedNamedValues(): string[] {
    const defined = new Set([...this.namedValueMap.keys(), ...this.writtenNamedValues.keys(), ...this.knownNamedValues()]);
    const errors: string[] = [];
    for (const policy of this.policies) {
      for (const name of policy.namedValues.filter((n) => !defined.has(n))) {
        errors.push(
          new ValidationError(this.node.path, {
            field: "policy file",
            value: policy.file,
            rule: `uses named value {{${name}}}, which is not defined on this service`,
            fix: `add it with addNamedValue("${name}", { ... }) or fix the reference`,
          }).message,
        );
      }
    }
    return errors;
  }
}



/** Adds `target` to `resource`'s depends_on once (as a plain address, like the dependsOn config). */
