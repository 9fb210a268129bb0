import { IConstruct } from "constructs";
import { TerraformStack, Token, Tokenization } from "cdktf";
import { LogicAppTriggerHttpRequest } from "@cdktf/provider-azurerm/lib/logic-app-trigger-http-request";
import { invalid, isUnresolved } from "../core/errors";

const CALLBACK_URL = /^azurerm_logic_app_trigger_http_request\.([^.]+)\.callback_url$/;

/** The Logic App request triggers of this stack whose callback URL `url` refers to (only tokens can). */
export function logicAppTriggersOf(scope: IConstruct, url: string): LogicAppTriggerHttpRequest[] {
  if (!Token.isUnresolved(url)) return [];
  const ids = Tokenization.reverseString(url)
    .tokens.map((token) => (token as { identifier?: unknown }).identifier)
    .map((identifier) => (typeof identifier === "string" ? CALLBACK_URL.exec(identifier)?.[1] : undefined))
    .filter((id): id is string => id !== undefined);
  if (ids.length === 0) return [];
  return TerraformStack.of(scope)
    .node.findAll()
    .filter((c): c is LogicAppTriggerHttpRequest => c instanceof LogicAppTriggerHttpRequest && ids.includes(c.friendlyUniqueId));
}

/**
 * A webhook subscription to a Logic App request trigger must be one Event Grid can validate and
 * deliver to:
 * - Event Grid delivers by POST (https://learn.microsoft.com/azure/event-grid/webhook-event-delivery),
 *   and a request trigger takes one method only
 *   (https://learn.microsoft.com/azure/logic-apps/logic-apps-http-endpoint#select-expected-request-method);
 * - with CloudEvents, Event Grid validates the endpoint with an HTTP OPTIONS handshake instead of the
 *   validation event (same webhook-event-delivery page), which a POST-only trigger never receives.
 * A trigger with no method is left to the workflow, which must answer that OPTIONS request
 * (whether Logic Apps routes OPTIONS to such a trigger is unverified).
 */
export function validateLogicAppWebhook(scope: IConstruct, url: string, deliverySchema: string | undefined): void {
  for (const trigger of logicAppTriggersOf(scope, url)) {
    const method = trigger.methodInput;
    if (method === undefined || isUnresolved(method)) continue;
    const where = `the callback URL of Logic App request trigger ${trigger.node.path}`;
    if (method.toUpperCase() !== "POST") {
      invalid(scope, {
        field: "destination.url",
        rule: `is ${where}, which accepts ${method} only, but Event Grid delivers events by POST`,
        fix: 'set the trigger\'s method to "POST" (or leave it unset)',
      });
    }
    if (deliverySchema === "CloudEventSchemaV1_0") {
      invalid(scope, {
        field: "eventDeliverySchema",
        value: deliverySchema,
        rule:
          `makes Event Grid validate ${where} with an HTTP OPTIONS handshake (WebHook-Request-Origin), ` +
          "which the trigger cannot answer: it accepts POST only",
        fix:
          'deliver "EventGridSchema" (the source must publish the Event Grid schema), or leave the trigger\'s method unset and ' +
          "answer OPTIONS in the workflow with a WebHook-Allowed-Origin header (workloads/logic-apps/high-value-order.workflow.json)",
      });
    }
  }
}
