import { IConstruct } from "constructs";
import { exclusiveProps, invalid, isUnresolved } from "../../constructs/core";
import type { EventDrivenProps } from "./props";

/** The service tag of Event Grid's delivery addresses (App Service access restrictions take it). */
export const EVENT_GRID_SERVICE_TAG = "AzureEventGrid";

/** Checks the combinations and values the pattern cannot work with; tokens are skipped. */
export function validateEventDrivenProps(scope: IConstruct, props: EventDrivenProps): void {
  exclusiveProps(scope, [
    ["existingUploadsAccount", props.existingUploadsAccount, "uploadsAccountProps", props.uploadsAccountProps],
    ["existingCosmosDb", props.existingCosmosDb, "cosmosDbProps", props.cosmosDbProps],
    ["existingDeadLetterAccount", props.existingDeadLetterAccount, "deadLetterAccountProps", props.deadLetterAccountProps],
  ]);

  const threshold = props.highValueThreshold;
  if (threshold !== undefined && !isUnresolved(threshold) && (!Number.isInteger(threshold) || threshold < 0)) {
    invalid(scope, {
      field: "highValueThreshold",
      value: threshold,
      rule: "is not a whole number of 0 or more (the workflow's highValueThreshold parameter is an Int)",
      fix: "pass a whole amount, e.g. 1000",
    });
  }
  if (props.functionAppProps?.publicNetworkAccess === false) {
    invalid(scope, {
      field: "functionAppProps.publicNetworkAccess",
      value: false,
      rule: "would cut the functions off from Event Grid, whose push delivery cannot reach private endpoints",
      fix: `leave it unset: the app keeps its public endpoint, open only to the ${EVENT_GRID_SERVICE_TAG} service tag and allowedIpRanges`,
    });
  }
  if (props.deadLetterAccountProps?.publicNetworkAccess === false) {
    invalid(scope, {
      field: "deadLetterAccountProps.publicNetworkAccess",
      value: false,
      rule:
        "would stop dead-lettering: Event Grid writes dead letters through the public endpoint as a trusted Microsoft service, " +
        "which Azure refuses once public network access is disabled",
      fix: "leave it unset (public endpoint behind a deny-by-default firewall with the AzureServices bypass)",
    });
  }
  validateDelivery(scope, props);
}

/** What Event Grid delivers to: the workflow's callers and the partner's webhook. */
function validateDelivery(scope: IConstruct, props: EventDrivenProps): void {
  const callers = props.workflowProps?.allowedCallerIpRanges;
  if (callers !== undefined && callers.length === 0) {
    invalid(scope, {
      field: "workflowProps.allowedCallerIpRanges",
      value: [],
      rule: "admits only other Logic Apps, so Event Grid could not deliver high-value orders to the workflow",
      fix: 'leave it unset (["0.0.0.0/0"]: the callback URL\'s signature is the credential) or list the ranges Event Grid delivers from',
    });
  }
  const url = props.externalWebhook?.url;
  // The URL stays out of the message: it may carry a credential.
  if (url !== undefined && !isUnresolved(url) && !/^https:\/\/[^/?#\s]+/i.test(url)) {
    invalid(scope, {
      field: "externalWebhook.url",
      rule: "is not an https:// URL",
      fix: "use the partner's HTTPS endpoint; Event Grid delivers to webhooks over HTTPS only",
    });
  }
}


