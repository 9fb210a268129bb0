import { IConstruct } from "constructs";
import { invalid, requireLiteral } from "../core/errors";
import { validateName } from "../core/naming";

/** The kinds of Service Bus entity whose names become construct ids. */
export type EntityKind = "queue" | "topic" | "subscription";

const RULE_TYPE = { queue: "serviceBusQueue", topic: "serviceBusTopic", subscription: "serviceBusSubscription" } as const;

/**
 * Validates a queue, topic or subscription name. The name must be a literal: it becomes part of the
 * construct id, and construct ids are Terraform addresses.
 */
export function validateEntityName(scope: IConstruct, kind: EntityKind, name: string): void {
  requireLiteral(scope, `${kind} name`, name);
  validateName(scope, RULE_TYPE[kind], name, `${kind} name`);
}

/** Validates a subscription rule name; `$Default` is Azure's own rule and cannot be managed here. */
export function validateRuleName(scope: IConstruct, name: string): void {
  requireLiteral(scope, "rule name", name);
  if (name === "$Default") {
    invalid(scope, {
      field: "rule name",
      value: name,
      rule: "is the match-all rule Azure creates itself",
      fix: "give the rule a name of your own",
    });
  }
  validateName(scope, "serviceBusSubscriptionRule", name, "rule name");
}

/** Forwarding by name: the target is a queue or topic of the same namespace. */
export function validateForwardName(scope: IConstruct, field: string, name: string): void {
  validateName(scope, "serviceBusQueue", name, field);
}

