import { app, InvocationContext } from "@azure/functions";
import { OrderChangedData, requireCloudEvent } from "../cloud-event";
import { EVENT_TYPES, FUNCTIONS } from "../contract";

/** What fulfilment does about an order in a given status. */
export const FULFILMENT_ACTIONS: Readonly<Record<string, string>> = {
  Created: "reserve stock",
  Paid: "release for picking",
  Shipped: "notify the customer",
  Cancelled: "release reserved stock",
};

/** The fulfilment instruction for an `Orders.Changed` event. */
export function fulfilmentInstruction(data: OrderChangedData): string {
  const action = FULFILMENT_ACTIONS[data.status];
  if (!action) throw new Error(`order ${data.orderId} has status "${data.status}", which fulfilment does not handle`);
  return `order ${data.orderId} (${data.customerId}, ${data.total} ${data.currency}) is ${data.status}: ${action}`;
}

/** Handles `Orders.Changed` from the business-events topic (CloudEvents 1.0, one event per call). */
export async function onOrderChanged(event: unknown, context: InvocationContext): Promise<void> {
  const received = requireCloudEvent<OrderChangedData>(event, EVENT_TYPES.orderChanged, ["orderId", "customerId", "status", "total", "currency"]);
  context.log(fulfilmentInstruction(received.data as OrderChangedData));
}

app.eventGrid(FUNCTIONS.onOrderChanged, { handler: onOrderChanged });
