import { Construct, IConstruct } from "constructs";
import { TerraformResource } from "cdktf";
import { ApiManagementApi } from "@cdktf/provider-azurerm/lib/api-management-api";
import { ApiManagementApiOperation } from "@cdktf/provider-azurerm/lib/api-management-api-operation";
import { ApiManagementApiOperationPolicy } from "@cdktf/provider-azurerm/lib/api-management-api-operation-policy";
import { ApiManagementApiPolicy } from "@cdktf/provider-azurerm/lib/api-management-api-policy";
import { invalid } from "../core/errors";
import { terraformLiteral } from "../core/terraform-text";
import { validateChildName, validateHttpsUrl } from "./names";
import { ApiDefinition, readApiDefinition } from "./openapi";
import { PolicyDocument } from "./policy-check";

/** What APIs and products need from their service: where it lives and the service-wide policy checks. */
export interface IPolicyHost extends IConstruct {
  readonly serviceName: string;
  readonly resourceGroupName: string;
  /** Reads and checks a policy file; a broken file throws. */
  loadPolicy(file: string): PolicyDocument;
  /** Records the resource carrying `policy`, so it waits for the named values and backends it references. */
  attachPolicy(policy: PolicyDocument, resource: TerraformResource): void;
}

/** An operation declared in code (APIs without an OpenAPI document). */
export interface ApiOperationOptions {
  /** Operation id, unique in the API. */
  readonly id: string;
  /** HTTP method, upper case. */
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "TRACE";
  /** URL template starting with '/', e.g. "/orders/{id}"; each `{param}` becomes a required string parameter. */
  readonly urlTemplate: string;
  /** @default the id */
  readonly displayName?: string;
  /** @default none */
  readonly description?: string;
  /** Absolute path of the operation's policy XML. @default no operation policy */
  readonly policyFile?: string;
}

export interface ApiOptions {
  /** URL segment after the gateway host, without leading or trailing '/', e.g. "orders". */
  readonly path: string;
  /** @default the API name */
  readonly displayName?: string;
  /** @default none */
  readonly description?: string;
  /**
   * Absolute path of an OpenAPI document, read and parsed at synth: OpenAPI 3 or Swagger 2.0 JSON
   * (`.json`), or OpenAPI 3 YAML (`.yaml`/`.yml`). Operations come from the document, and
   * `addOperationPolicy` takes its operationIds. A syntax error (with its line and column), a `$ref`
   * that resolves to nothing in the document, or one to another file or URL stops synthesis.
   * Not together with `operations`.
   * @default none
   */
  readonly openApiFile?: string;
  /** Operations declared in code. Not together with `openApiFile`. @default none */
  readonly operations?: readonly ApiOperationOptions[];
  /** Backend base URL; literal URLs must be https. @default the document's server, or none (route with set-backend-service) */
  readonly serviceUrl?: string;
  /** Callers need a subscription key. @default true */
  readonly subscriptionRequired?: boolean;
  /** API revision. @default "1" */
  readonly revision?: string;
  /** Absolute path of the API-level policy XML. @default no API policy */
  readonly policyFile?: string;
}

/** An API of `service`; create it with the service's `addApi`, which also checks names and paths are unique. */
export interface ApimApiProps extends ApiOptions {
  /** The service the API belongs to; errors are reported at its path. */
  readonly service: IPolicyHost;
  /** The API's name (its `name` in Azure). */
  readonly name: string;
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"]);

/**
 * An API of an API Management service (HTTPS only, subscription required by default), with its
 * operations and policies. Created by `addApi`; every L1 setting is reachable through `resource`.
 */
export class ApimApi extends Construct {
  public readonly resource: ApiManagementApi;
  /** The API's name (literal). */
  public readonly apiName: string;
  /** The API's path (literal). */
  public readonly path: string;
  /** The `azurerm_api_management_api_policy`, when a policy file was given. */
  public readonly policy?: ApiManagementApiPolicy;
  /** Operations declared in code, by id. */
  public readonly operations: ReadonlyMap<string, ApiManagementApiOperation>;
  /** Operation policies, by operation id. */
  public readonly operationPolicies: ReadonlyMap<string, ApiManagementApiOperationPolicy>;
  /** The service the API belongs to. */
  public readonly service: IPolicyHost;

  private readonly definition?: ApiDefinition;
  private readonly operationMap = new Map<string, ApiManagementApiOperation>();
  private readonly operationPolicyMap = new Map<string, ApiManagementApiOperationPolicy>();

  constructor(scope: Construct, id: string, props: ApimApiProps) {
    super(scope, id);
    const { service, name, ...options } = props;
    this.service = service;
    this.apiName = name;
    this.path = options.path;
    this.operations = this.operationMap;
    this.operationPolicies = this.operationPolicyMap;

    if (options.openApiFile !== undefined && options.operations !== undefined) {
      invalid(service, {
        field: `api "${name}"`,
        rule: "sets both openApiFile and operations",
        fix: "take operations from the OpenAPI document or declare them, not both",
      });
    }
    const revision = options.revision ?? "1";
    if (!/^[1-9][0-9]*$/.test(revision)) {
      invalid(service, { field: `revision of api "${name}"`, value: revision, rule: "is not a positive whole number", fix: 'use "1", "2", ...' });
    }
    if (options.serviceUrl !== undefined) validateHttpsUrl(service, `serviceUrl of api "${name}"`, options.serviceUrl);
    this.definition = options.openApiFile !== undefined ? readApiDefinition(service, name, options.openApiFile) : undefined;
    const policy = options.policyFile !== undefined ? service.loadPolicy(options.policyFile) : undefined;

    this.resource = new ApiManagementApi(this, "Resource", {
      name,
      apiManagementName: service.serviceName,
      resourceGroupName: service.resourceGroupName,
      revision,
      displayName: options.displayName ?? name,
      description: options.description,
      path: options.path,
      protocols: ["https"],
      subscriptionRequired: options.subscriptionRequired ?? true,
      serviceUrl: options.serviceUrl,
      import: this.definition ? { contentFormat: this.definition.contentFormat, contentValue: terraformLiteral(this.definition.content) } : undefined,
    });

    if (policy !== undefined) {
      this.policy = new ApiManagementApiPolicy(this, "Policy", {
        apiName: this.resource.name,
        apiManagementName: service.serviceName,
        resourceGroupName: service.resourceGroupName,
        xmlContent: terraformLiteral(policy.xml),
      });
      service.attachPolicy(policy, this.policy);
    }
    for (const operation of options.operations ?? []) this.addOperation(operation);
  }

  /** Declares an operation (APIs without an OpenAPI document), with its policy when given. */
  public addOperation(options: ApiOperationOptions): ApiManagementApiOperation {
    const subject = `operation "${options.id}" of api "${this.apiName}"`;
    if (this.definition) {
      invalid(this.service, {
        field: subject,
        rule: "is declared on an API imported from an OpenAPI document",
        fix: "add the operation to the document (use addOperationPolicy for a policy on an imported operation)",
      });
    }
    validateChildName(this.service, "operation", options.id);
    if (this.operationMap.has(options.id)) {
      invalid(this.service, {
        field: "operation id",
        value: options.id,
        rule: `is already defined on api "${this.apiName}"`,
        fix: "give each operation its own id",
      });
    }
    if (!METHODS.has(options.method)) {
      invalid(this.service, {
        field: `method of ${subject}`,
        value: options.method,
        rule: "is not an HTTP method",
        fix: `use one of ${[...METHODS].join(", ")} (upper case)`,
      });
    }
    if (!options.urlTemplate.startsWith("/")) {
      invalid(this.service, {
        field: `urlTemplate of ${subject}`,
        value: options.urlTemplate,
        rule: "does not start with '/'",
        fix: `write it as "/${options.urlTemplate}"`,
      });
    }
    // API Management rejects an operation whose template parameters are not declared.
    const parameters = [...new Set([...options.urlTemplate.matchAll(/\{([^{}*]+)\*?\}/g)].map((m) => m[1]))];
    const operation = new ApiManagementApiOperation(this, `Operation-${options.id}`, {
      operationId: options.id,
      apiName: this.resource.name,
      apiManagementName: this.service.serviceName,
      resourceGroupName: this.service.resourceGroupName,
      displayName: options.displayName ?? options.id,
      method: options.method,
      urlTemplate: options.urlTemplate,
      description: options.description,
      templateParameter: parameters.length > 0 ? parameters.map((p) => ({ name: p, required: true, type: "string" })) : undefined,
    });
    this.operationMap.set(options.id, operation);
    if (options.policyFile !== undefined) this.addOperationPolicy(options.id, options.policyFile);
    return operation;
  }

  /**
   * Attaches a policy to an operation: one declared in code, or one imported from the OpenAPI
   * document (API Management names imported operations by their `operationId`).
   */
  public addOperationPolicy(operationId: string, policyFile: string): ApiManagementApiOperationPolicy {
    const declared = this.operationMap.get(operationId);
    if (!declared && !this.definition?.operationIds.has(operationId)) {
      invalid(this.service, {
        field: `operation "${operationId}" of api "${this.apiName}"`,
        rule: this.definition ? "is not an operationId of the OpenAPI document" : "is not declared",
        fix: this.definition ? "use an operationId from the document" : "declare it with addOperation first",
      });
    }
    if (this.operationPolicyMap.has(operationId)) {
      invalid(this.service, {
        field: `policy of operation "${operationId}"`,
        rule: `is already set on api "${this.apiName}"`,
        fix: "put all of the operation's policies in one file",
      });
    }
    const document = this.service.loadPolicy(policyFile);
    const policy = new ApiManagementApiOperationPolicy(this, `OperationPolicy-${operationId}`, {
      apiName: this.resource.name,
      operationId: declared ? declared.operationId : operationId,
      apiManagementName: this.service.serviceName,
      resourceGroupName: this.service.resourceGroupName,
      xmlContent: terraformLiteral(document.xml),
      // Imported operations exist once the API's import has run.
      dependsOn: declared ? undefined : [this.resource],
    });
    this.service.attachPolicy(document, policy);
    this.operationPolicyMap.set(operationId, policy);
    return policy;
  }
}
