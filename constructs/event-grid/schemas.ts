import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";

/**
 * The schema publishers send to a custom topic or domain. Azure cannot change it on an existing
 * topic: changing it replaces the topic (Terraform ForceNew), with a new endpoint and no subscriptions.
 * (`CustomEventSchema` with input mappings stays reachable through the L1 `resource`.)
 */
export type EventGridInputSchema = "EventGridSchema" | "CloudEventSchemaV1_0";

/** The schema a subscription delivers events in. */
export type EventDeliverySchema = "EventGridSchema" | "CloudEventSchemaV1_0";

const SCHEMAS: readonly string[] = ["EventGridSchema", "CloudEventSchemaV1_0"];

/** Throws when `schema` is not one of the schemas above; tokens are skipped. */
export function validateSchema(scope: IConstruct, field: string, schema: string): void {
  if (isUnresolved(schema) || SCHEMAS.includes(schema)) return;
  invalid(scope, {
    field,
    value: schema,
    rule: "is not a supported schema",
    fix: 'use "EventGridSchema" or "CloudEventSchemaV1_0"',
  });
}

/**
 * Event Grid converts Event Grid schema to CloudEvents on delivery, but not back: a CloudEvents
 * topic can only deliver CloudEvents.
 */
export function validateDeliverySchema(scope: IConstruct, input: string | undefined, delivery: string | undefined): void {
  if (delivery === undefined || input === undefined || isUnresolved(delivery) || isUnresolved(input)) return;
  if (input === "CloudEventSchemaV1_0" && delivery === "EventGridSchema") {
    invalid(scope, {
      field: "eventDeliverySchema",
      value: delivery,
      rule: "cannot deliver events of a source whose input schema is CloudEventSchemaV1_0 " +
        "(Event Grid does not convert CloudEvents to the Event Grid schema)",
      fix: 'use eventDeliverySchema "CloudEventSchemaV1_0" or leave it unset',
    });
  }
}
