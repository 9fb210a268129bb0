import { IConstruct } from "constructs";
import { invalid } from "../core/errors";
import { EntityKind, FlowTarget, recordEntityReference } from "../core/flows";
import { IPrincipal } from "../core/grants";
import { IStorageAccount } from "../storage";
import { DataConnectionAccess, connectionFix, isConnectionDefined, receives, sends } from "./connections";
import { RegisteredFunction } from "./registrations";

// What the bundle's bindings need, read from the registered functions: the least-privilege grants
// of connectStorage, the entities the policy pack checks exist, the settings every connection needs,
// and the Event Grid functions subscriptions may deliver to.

/** A storage service a connection's bindings use, with the container or queue a binding names literally. */
export interface StorageUse {
  readonly service: "blob" | "queue" | "table";
  readonly target?: string;
}

/** The storage services (and literal containers or queues) the app's bindings reach through `connectionName`. */
export function storageUses(functions: readonly RegisteredFunction[], connectionName: string): StorageUse[] {
  const uses = new Map<string, StorageUse>();
  for (const binding of functions.flatMap((f) => f.bindings)) {
    const service = binding.type.replace(/Trigger$/, "");
    if ((service !== "blob" && service !== "queue" && service !== "table") || !binding.connections.includes(connectionName)) continue;
    // Tables are granted on the account (no table-scoped helper); one grant covers every table binding.
    const target = service === "table" ? undefined : binding.storageTarget;
    uses.set(`${service}/${target ?? ""}`, { service, target });
  }
  if (uses.size === 0) return [{ service: "blob" }, { service: "queue" }, { service: "table" }];
  // An account-wide grant of a service already covers its containers or queues.
  return [...uses.values()].filter((u) => u.target === undefined || !uses.has(`${u.service}/`));
}

/** The roles `access` asks for on each storage use (blob, queue or table data roles). */
export function grantStorageUses(account: IStorageAccount, principal: IPrincipal, uses: readonly StorageUse[], access: DataConnectionAccess): void {
  for (const { service, target } of uses) {
    if (service === "blob") {
      if (receives(access)) account.grantBlobRead(principal, target);
      if (sends(access)) account.grantBlobWrite(principal, target);
    } else if (service === "queue") {
      if (receives(access)) {
        account.grantQueueProcess(principal, target);
        account.grantQueueRead(principal, target); // queue triggers read the message count too
      }
      if (sends(access)) account.grantQueueSend(principal, target);
    } else {
      if (receives(access)) account.grantTableRead(principal);
      if (sends(access)) account.grantTableWrite(principal);
    }
  }
}

/**
 * Records the containers, queues, topics and subscriptions the bindings on `connectionName` name
 * literally, for the policy pack's rule that the stack creates them (AIC-REF-001): a blob trigger
 * on a missing container never fires, a Service Bus trigger on a missing entity fails
 * (MessagingEntityNotFound), and a grant scoped to a missing container or queue has no scope.
 */
export function recordBindingEntities(scope: IConstruct, functions: readonly RegisteredFunction[], connectionName: string, parent: FlowTarget): void {
  for (const fn of functions) {
    for (const binding of fn.bindings.filter((b) => b.connections.includes(connectionName))) {
      const caller = `function "${fn.name}" (${binding.type}${binding.direction === "out" ? " output" : ""})`;
      const service = binding.type.replace(/Trigger$/, "");
      const record = (kind: EntityKind, name: string, topic?: string) =>
        recordEntityReference(scope, { kind, name, parent, caller, ...(topic ? { topic } : {}) });
      if (service === "blob" && binding.storageTarget) record("blob container", binding.storageTarget);
      if (service === "queue" && binding.storageTarget) record("storage queue", binding.storageTarget);
      const bus = service === "serviceBus" ? binding.serviceBusTarget : undefined;
      if (bus?.queue) record("servicebus queue", bus.queue);
      if (bus?.topic) record("servicebus topic", bus.topic);
      if (bus?.topic && bus.subscription) record("servicebus subscription", bus.subscription, bus.topic);
    }
  }
}

/**
 * Every connection the bundle's bindings name must have app settings (`defined`: the settings'
 * names); runs at synth, after all connect* calls, and stops synthesis at the first missing one.
 */
export function checkConnections(scope: IConstruct, functions: readonly RegisteredFunction[], defined: readonly string[]): string[] {
  for (const fn of functions) {
    for (const binding of fn.bindings) {
      for (const connection of binding.connections) {
        if (isConnectionDefined(connection, defined)) continue;
        invalid(scope, {
          field: `function "${fn.name}" binding ${binding.type} connection`,
          value: connection,
          rule: `has no app setting "${connection}" or "${connection}__*"`,
          fix: connectionFix(binding, connection),
        });
      }
    }
  }
  return [];
}

/** Throws unless the code registers `functionName` with an Event Grid trigger (what Event Grid can deliver to). */
export function requireEventGridFunction(scope: IConstruct, functions: readonly RegisteredFunction[], functionName: string): void {
  const registered = functions.find((f) => f.name === functionName);
  const eventGridFunctions = functions.filter((f) => f.trigger === "eventGridTrigger").map((f) => `"${f.name}"`);
  const fix =
    eventGridFunctions.length > 0 ? `use one of ${eventGridFunctions.join(", ")}` : "register a function with app.eventGrid(...) in the code";
  if (!registered) invalid(scope, { field: "function", value: functionName, rule: "is not registered by the app's code", fix });
  if (registered.trigger !== "eventGridTrigger") {
    invalid(scope, {
      field: "function",
      value: functionName,
      rule: `has a ${registered.trigger}, so Event Grid cannot deliver to it`,
      fix: `${fix}, or deliver the events to what its trigger reads (e.g. EventDestination.serviceBusQueue)`,
    });
  }
}
