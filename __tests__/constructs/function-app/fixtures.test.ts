import { HttpRequest, InvocationContext, output } from "@azure/functions";

// Outside the Functions worker @azure/functions registers nothing and says so; keep the test log clean.
jest.spyOn(console, "warn").mockImplementation(() => undefined);

// Imported after the spy so the registration warnings are silenced.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { processOrder } = require("./fixtures/orders/src/functions/process-order") as typeof import("./fixtures/orders/src/functions/process-order");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { submitOrder } = require("./fixtures/orders/src/functions/submit-order") as typeof import("./fixtures/orders/src/functions/submit-order");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { hello } = require("./fixtures/hello") as typeof import("./fixtures/hello");

/** The handlers the fixture apps ship, run with real @azure/functions types. */
describe("fixture handlers", () => {
  test("processOrder publishes an Orders.OrderProcessed event through its Event Grid output", async () => {
    const context = invocation("processOrder");
    await processOrder({ id: "o-1", total: 42 }, context);
    const events = [...collectExtraOutputs(context)];
    expect(events).toEqual([
      expect.objectContaining({ id: "o-1", eventType: "Orders.OrderProcessed", subject: "orders/o-1", dataVersion: "1.0", data: { orderId: "o-1", total: 42 } }),
    ]);
  });

  test("submitOrder queues a valid order and refuses one without an id", async () => {
    const accepted = invocation("submitOrder");
    const response = await submitOrder(new HttpRequest({ url: "https://x/api/orders", method: "POST", body: { string: JSON.stringify({ id: "o-2" }) } }), accepted);
    expect(response).toEqual({ status: 202, jsonBody: { accepted: "o-2" } });
    expect([...collectExtraOutputs(accepted)]).toEqual([{ id: "o-2" }]);

    const refused = invocation("submitOrder");
    const bad = await submitOrder(new HttpRequest({ url: "https://x/api/orders", method: "POST", body: { string: "{}" } }), refused);
    expect(bad.status).toBe(400);
    expect([...collectExtraOutputs(refused)]).toEqual([]);
  });

  test("hello greets by name", async () => {
    const response = await hello(new HttpRequest({ url: "https://x/api/hello?name=Ada", method: "GET" }), invocation("hello"));
    expect(response).toEqual({ status: 200, jsonBody: { message: "Hello, Ada!" } });
  });
});

/** A context whose logs go nowhere. */
function invocation(functionName: string): InvocationContext {
  return new InvocationContext({ functionName, logHandler: () => undefined });
}

/** Every value the handler set on an output binding, whatever its generated binding name. */
function collectExtraOutputs(context: InvocationContext): unknown[] {
  const probe = [output.eventGrid({ connection: "EventGridConnection" }), output.serviceBusQueue({ queueName: "orders", connection: "ServiceBusConnection" })];
  return probe.map((binding) => context.extraOutputs.get(binding)).filter((value) => value !== undefined);
}
