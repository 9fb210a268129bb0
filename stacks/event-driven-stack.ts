import { Construct } from "constructs";
import { Environment } from "../config/environment";
import { EventDriven } from "../patterns/event-driven";
import { PatternStack } from "./pattern-stack";

/** Event-driven: Blob Storage, Cosmos DB and applications → Event Grid topic → Functions, a Logic App and a webhook. */
export class EventDrivenStack extends PatternStack {
  public readonly eventDriven: EventDriven;

  constructor(scope: Construct, environment: Environment) {
    super(scope, "event-driven", environment);
    // The external webhook is a partner's endpoint, which the environment files do not name; the
    // pattern takes one in `externalWebhook`. A placeholder URL would fail Event Grid's validation
    // handshake at deploy time, so the stack deploys without it.
    this.eventDriven = new EventDriven(this, "EventDriven", {
      alerts: { actionGroupId: this.actionGroup?.id },
      disasterRecovery: environment.disasterRecovery,
    });
  }
}
