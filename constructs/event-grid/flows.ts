import { IConstruct } from "constructs";
import { TerraformResource } from "cdktf";
import { FlowProps, recordFlow } from "../core/flows";
import { EventDestination } from "./destinations";

/** Where each destination kind delivers, for the reachability check: the target (an id or URL token) and its sub-resource. */
function deliveryTarget(destination: EventDestination): Pick<FlowProps, "target" | "endpoint"> {
  switch (destination.kind) {
    case "azureFunction":
      return { target: destination.functionAppId, endpoint: "sites" };
    case "serviceBusQueue":
      return { target: destination.queueId, endpoint: "namespace" };
    case "serviceBusTopic":
      return { target: destination.topicId, endpoint: "namespace" };
    case "storageQueue":
      return { target: destination.storageAccountId, endpoint: "queue" };
    case "eventHub":
      return { target: destination.eventHubId, endpoint: "namespace" };
    case "webhook":
      return { target: destination.url };
  }
}

/**
 * Records a subscription's deliveries and dead-lettering as flows. Event Grid pushes from its
 * multi-tenant service and cannot use private endpoints; with a managed identity it is a trusted
 * service of Service Bus, Event Hubs and Storage (learn.microsoft.com/azure/event-grid/consume-private-endpoints).
 * The identities are read from the synthesized subscription, so escape-hatch changes count.
 */
export function recordDeliveries(
  scope: IConstruct,
  subscription: TerraformResource,
  destination: EventDestination,
  deadLetterAccountId: string | undefined,
): void {
  const caller = (attribute: string) => ({ runsIn: "multi-tenant", service: "EventGrid", resource: subscription, identity: { attribute } } as const);
  recordFlow(scope, { caller: caller("delivery_identity"), ...deliveryTarget(destination), purpose: `event delivery (${destination.kind})` });
  if (deadLetterAccountId !== undefined) {
    recordFlow(scope, { caller: caller("dead_letter_identity"), target: deadLetterAccountId, endpoint: "blob", purpose: "dead-lettering" });
  }
}
