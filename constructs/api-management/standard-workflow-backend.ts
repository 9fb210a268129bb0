import { Construct } from "constructs";
import { DataResource, TerraformResource } from "cdktf";
import { ApiManagementBackend } from "@cdktf/provider-azurerm/lib/api-management-backend";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { clientConfig } from "../core/client-config";
import { recordDeployTimeOperation } from "../core/deploy-time";
import { grantToDeployer } from "../core/deployer";
import { invalid, isUnresolved } from "../core/errors";
import { BuiltInRole } from "../core/grants";
import { terraformData } from "../core/terraform-data";
import { ROLE_PROPAGATION, waitFor } from "../core/time";
import { BackendTarget, LOGIC_APP_QUERY_PARAMETERS, logicAppNamedValueName } from "./backend";

/** The Logic Apps Standard app a workflow runs in (a `LogicAppStandard` fits). */
export interface StandardWorkflowHost {
  /** ARM id of the app (`.../providers/Microsoft.Web/sites/<name>`). */
  readonly id: string;
  /** Default host name, e.g. `logic-x.azurewebsites.net`; private (its `sites` private endpoint) when public access is off. */
  readonly defaultHostname: string;
  /** The app's L1 resource: the call is recorded against it and the signature is read once it exists. */
  readonly resource: TerraformResource;
}

/**
 * A workflow of a Logic Apps Standard app behind an HTTP request trigger. The trigger's URL is
 * `https://<host>/api/<workflow>/triggers/<trigger>/invoke?api-version=2022-05-01&sp=%2Ftriggers%2F<trigger>%2Frun&sv=1.0&sig=...`
 * (shape: https://learn.microsoft.com/azure/logic-apps/logic-apps-http-endpoint; the query's literal values are unverified
 * against a live app). azurerm 4.55 exposes no Standard trigger's callback URL, so the signature is read during the
 * apply by the deployer: a `terraform_data` runs the Azure CLI to call ARM's `listCallbackUrl` on the app's host runtime
 * and writes `sig` into the secret named value `<backend>-sig`. The signature never enters the synthesized JSON or the
 * Terraform state; the backend URL and the other three named values are plain.
 */
export interface StandardWorkflowBackendOptions {
  readonly app: StandardWorkflowHost;
  /** Workflow name (its folder in the app). */
  readonly workflow: string;
  /** Name of the workflow's Request trigger. @default "manual" */
  readonly trigger?: string;
  /**
   * Changes that make the deployer read the signature again (e.g. the app's package blob name): a new
   * app always does. @default the app id only
   */
  readonly revision?: string;
}

/** The Standard trigger query's fixed values (Learn "logic-apps-http-endpoint" examples; unverified against a live app). */
export const STANDARD_TRIGGER_API_VERSION = "2022-05-01";

/**
 * ARM's host-runtime API of a Standard app: POST .../sites/{name}/hostruntime/runtime/webhooks/workflow/api/management/
 * workflows/{workflowName}/triggers/{triggerName}/listCallbackUrl, whose response carries `queries.sig` as Consumption's
 * listCallbackUrl does. The path and api-version 2018-11-01 are those of the host-runtime workflow APIs documented by
 * blog.sandro-pereira.com ("Azure Logic Apps Standard REST APIs", 2023); not confirmed on Microsoft Learn (unverified).
 */
export const LIST_CALLBACK_URL_API_VERSION = "2018-11-01";

const WORKFLOW_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,42}$/;
const TRIGGER_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** What a Standard workflow backend adds: the backend, the plain named values and the signature's writer. */
export interface StandardWorkflowBackendParts {
  readonly url: string;
  /** Plain named values by name (`<backend>-api-version`, `-sp`, `-sv`). */
  readonly plainValues: Readonly<Record<string, string>>;
  /** The secret named value `<backend>-sig` the deploy-time operation writes. */
  readonly signatureName: string;
}

export function standardWorkflowBackendParts(
  scope: Construct,
  backend: string,
  options: StandardWorkflowBackendOptions,
): StandardWorkflowBackendParts {
  const trigger = options.trigger ?? "manual";
  if (isUnresolved(options.workflow) || !WORKFLOW_NAME.test(options.workflow)) {
    invalid(scope, {
      field: `standardWorkflow.workflow of backend "${backend}"`,
      value: options.workflow,
      rule: "is not a literal workflow name (1-43 letters, digits, '-' and '_', starting with a letter)",
      fix: "pass the workflow's folder name in the Standard app",
    });
  }
  if (isUnresolved(trigger) || !TRIGGER_NAME.test(trigger)) {
    invalid(scope, {
      field: `standardWorkflow.trigger of backend "${backend}"`,
      value: trigger,
      rule: "is not a literal trigger name (letters, digits, '-' and '_')",
      fix: 'pass the name of the workflow\'s Request trigger, e.g. "manual"',
    });
  }
  const values: Record<(typeof LOGIC_APP_QUERY_PARAMETERS)[number], string> = {
    "api-version": STANDARD_TRIGGER_API_VERSION,
    // Decoded, as the Consumption backends' sp (API Management encodes the template's value).
    sp: `/triggers/${trigger}/run`,
    sv: "1.0",
    sig: "",
  };
  const plainValues: Record<string, string> = {};
  for (const p of LOGIC_APP_QUERY_PARAMETERS) if (p !== "sig") plainValues[logicAppNamedValueName(backend, p)] = values[p];
  return {
    url: `https://${options.app.defaultHostname}/api/${options.workflow}/triggers/${trigger}/invoke`,
    plainValues,
    signatureName: logicAppNamedValueName(backend, "sig"),
  };
}

/** The deployer's roles the signature writer needs, created once per service and app. */
function writerGrants(service: Construct, serviceId: string, app: StandardWorkflowHost): RoleAssignment[] {
  const scope = (service.node.tryFindChild("TriggerSignatureAccess") as Construct | undefined) ?? new Construct(service, "TriggerSignatureAccess");
  // Named values: Microsoft.ApiManagement/service/namedValues/write is in API Management Service Contributor
  // (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/integration).
  const serviceGrant = grantToDeployer(scope, serviceId, BuiltInRole.apiManagementServiceContributor);
  // listCallbackUrl on the app's host runtime: Microsoft.Web/sites/* is in Website Contributor (same page, web-and-mobile).
  // Named after the app's path inside its stack, so the id is the same in every stack.
  const appScopeId = `App-${app.resource.node.scopes.slice(2).map((s) => s.node.id.replace(/[^A-Za-z0-9]/g, "")).join("")}`;
  const appScope = (scope.node.tryFindChild(appScopeId) as Construct | undefined) ?? new Construct(scope, appScopeId);
  const appGrant = grantToDeployer(appScope, app.id, BuiltInRole.websiteContributor);
  return [serviceGrant, appGrant];
}

/**
 * The shell the deployer runs (POSIX sh, Azure CLI signed in as the deployer): read the signature
 * from ARM, retrying while the app starts on its package, then write it as a secret named value.
 * Inputs come from the environment so no value is quoted into the command; no `${` (Terraform would interpolate it).
 */
export const SIGNATURE_COMMAND = [
  "set -eu",
  'url="https://management.azure.com$APP_ID/hostruntime/runtime/webhooks/workflow/api/management/workflows/$WORKFLOW' +
    '/triggers/$TRIGGER/listCallbackUrl?api-version=$LIST_API_VERSION"',
  'sig=""',
  // The app loads its workflows from the package after (re)starting: the trigger may not exist for a few minutes.
  "for attempt in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do " +
    'sig=$(az rest --method post --url "$url" --query queries.sig --output tsv 2>/dev/null || true); [ -n "$sig" ] && break; sleep 30; done',
  '[ -n "$sig" ] || { echo "listCallbackUrl of workflow $WORKFLOW trigger $TRIGGER on $APP_ID returned no signature" >&2; exit 1; }',
  // create is a create-or-update PUT in the CLI; update covers a CLI that refuses an existing value (both unverified).
  'az apim nv create --subscription "$SUBSCRIPTION" --resource-group "$RESOURCE_GROUP" --service-name "$SERVICE" --named-value-id "$NAMED_VALUE" ' +
    '--display-name "$NAMED_VALUE" --secret true --value "$sig" --output none || ' +
    'az apim nv update --subscription "$SUBSCRIPTION" --resource-group "$RESOURCE_GROUP" --service-name "$SERVICE" --named-value-id "$NAMED_VALUE" ' +
    '--secret true --value "$sig" --output none',
].join("\n");

/**
 * The deploy-time operation writing `<backend>-sig`: after the deployer's roles propagated and the app exists. Policies
 * that read the named value wait for it (the service's `attachPolicy`).
 */
export function addSignatureWriter(
  service: Construct & BackendTarget & { readonly id: string },
  backend: ApiManagementBackend,
  name: string,
  signatureName: string,
  options: StandardWorkflowBackendOptions,
): DataResource {
  const grants = writerGrants(service, service.id, options.app);
  const wait = waitFor(service, `TriggerSignatureRolePropagation-${name}`, {
    after: grants,
    duration: ROLE_PROPAGATION,
    triggers: { service: grants[0].id, app: grants[1].id },
  });
  const writer = terraformData(service, `TriggerSignature-${name}`, {
    triggersReplace: {
      app: options.app.id,
      service: service.id,
      namedValue: signatureName,
      ...(options.revision ? { revision: options.revision } : {}),
    },
    // Marks the resource for policy rule AIC-DEP-001 (a deploy-time operation on the target, as the deployer).
    input: { deploy_time_operation: `write the ${options.workflow} trigger signature into named value ${signatureName}`, target: options.app.id },
    provisioners: [
      {
        type: "local-exec",
        command: SIGNATURE_COMMAND,
        interpreter: ["/bin/sh", "-c"],
        environment: {
          APP_ID: options.app.id,
          WORKFLOW: options.workflow,
          TRIGGER: options.trigger ?? "manual",
          LIST_API_VERSION: LIST_CALLBACK_URL_API_VERSION,
          SUBSCRIPTION: clientConfig(service).subscriptionId,
          RESOURCE_GROUP: service.resourceGroupName,
          SERVICE: service.serviceName,
          NAMED_VALUE: signatureName,
        },
      },
    ],
    dependsOn: [wait, options.app.resource, backend],
  });
  // ARM's management plane is public whatever the app's network; the host runtime proxies to the app (unverified for an
  // app with public access off: the deployer of such an app runs in the VNet anyway, for its package).
  recordDeployTimeOperation(service, {
    resource: writer,
    operation: `read the ${options.workflow} trigger signature (listCallbackUrl)`,
    targetId: options.app.id,
    grant: grants[1],
    endpoint: { name: "Azure Resource Manager endpoint", publicNetworkAccess: true, defaultAction: "Allow", ipRules: [], privateEndpoint: false },
  });
  return writer;
}
