// The API gateway's API: the named values its policy reads, the backends it routes to and the product that publishes it.
import { ApiManagementBackend } from "@cdktf/provider-azurerm/lib/api-management-backend";
import { ApiManagementNamedValue } from "@cdktf/provider-azurerm/lib/api-management-named-value";
import { ApiManagementSubscription } from "@cdktf/provider-azurerm/lib/api-management-subscription";
import { ApimApi, ApimProduct } from "../../constructs/api-management";
import { clientConfig } from "../../constructs/core";
import { LogicAppStandard } from "../../constructs/logic-app-standard";
import type { ApiGateway } from "./api-gateway";
import type { ApiGatewayProps } from "./props";
import { API_GATEWAY_NAMES, API_GATEWAY_WORKLOADS } from "./workloads";

/** The values the policy reads: the token's issuer and audience, and the rate limit. */
export function addNamedValues(gateway: ApiGateway, props: ApiGatewayProps): Record<string, ApiManagementNamedValue> {
  const apim = gateway.apiManagement;
  const names = API_GATEWAY_NAMES.namedValues;
  const rateLimit = props.rateLimit ?? {};
  return {
    [names.jwtIssuer]: apim.addNamedValue(names.jwtIssuer, {
      value: props.jwt?.issuer ?? `https://login.microsoftonline.com/${clientConfig(gateway).tenantId}/v2.0`,
    }),
    [names.jwtAudience]: apim.addNamedValue(names.jwtAudience, { value: gateway.jwtAudience }),
    [names.rateLimitCalls]: apim.addNamedValue(names.rateLimitCalls, { value: String(rateLimit.calls ?? 100) }),
    [names.rateLimitPeriod]: apim.addNamedValue(names.rateLimitPeriod, { value: String(rateLimit.renewalPeriodSeconds ?? 60) }),
  };
}

/** The routes to the workflows: their callback URLs on Consumption, the Standard app's triggers through its private endpoint. */
export function addBackends(gateway: ApiGateway): { getOrder: ApiManagementBackend; createOrder: ApiManagementBackend } {
  const apim = gateway.apiManagement;
  if (gateway.getOrderWorkflow && gateway.createOrderWorkflow) {
    return {
      getOrder: apim.addBackend(API_GATEWAY_NAMES.getOrderBackend, {
        logicApp: { callbackUrl: gateway.getOrderWorkflow.callbackUrl, resourceId: gateway.getOrderWorkflow.id },
        description: "Logic App get-order: GET /orders/{id}",
      }),
      createOrder: apim.addBackend(API_GATEWAY_NAMES.createOrderBackend, {
        logicApp: { callbackUrl: gateway.createOrderWorkflow.callbackUrl, resourceId: gateway.createOrderWorkflow.id },
        description: "Logic App create-order: POST /orders",
      }),
    };
  }
  // The same backend names and rewrite-uri: the policy file serves both hosts.
  const app = gateway.workflowApp as LogicAppStandard;
  // A new package (a new blob name) reads the signatures again; they only change with the app's keys.
  const host = { app, revision: app.deployment.blob.name };
  return {
    getOrder: apim.addStandardWorkflowBackend(API_GATEWAY_NAMES.getOrderBackend, {
      ...host,
      workflow: API_GATEWAY_NAMES.getOrderWorkflow,
      description: "Logic App Standard get-order: GET /orders/{id}",
    }),
    createOrder: apim.addStandardWorkflowBackend(API_GATEWAY_NAMES.createOrderBackend, {
      ...host,
      workflow: API_GATEWAY_NAMES.createOrderWorkflow,
      description: "Logic App Standard create-order: POST /orders",
    }),
  };
}

/** The orders API, the partners product that publishes it and the product's subscription. */
export function publishApi(
  gateway: ApiGateway,
  props: ApiGatewayProps,
): { api: ApimApi; product: ApimProduct; subscription: ApiManagementSubscription } {
  const api = gateway.apiManagement.addApi(API_GATEWAY_NAMES.api, {
    path: props.apiPath ?? "api",
    displayName: "Orders",
    description: "Orders of the partner channel, served by Logic Apps over the orders database.",
    openApiFile: API_GATEWAY_WORKLOADS.openApiFile,
    policyFile: API_GATEWAY_WORKLOADS.policyFile,
    subscriptionRequired: true,
  });
  const product = gateway.apiManagement.addProduct(API_GATEWAY_NAMES.product, {
    displayName: "Partners",
    description: "Partner access to the orders API: a subscription key and an Entra ID token per call.",
    subscriptionRequired: true,
    // An administrator approves every partner; one subscription per developer account.
    approvalRequired: true,
    subscriptionsLimit: 1,
    apis: [api],
  });
  return { api, product, subscription: product.addSubscription(props.subscriptionName ?? "partners-default") };
}
