import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";
import { validateName } from "../core/naming";

/** The consumer group Azure creates on every event hub; it cannot be created or deleted. */
export const DEFAULT_CONSUMER_GROUP = "$Default";

/** Throws a clear error when a consumer group name breaks Azure's rule; tokens are skipped. */
export function validateConsumerGroupName(scope: IConstruct, name: string): void {
  if (isUnresolved(name)) return;
  const field = "consumer group name";
  if (name === DEFAULT_CONSUMER_GROUP) {
    invalid(scope, { field, value: name, rule: "exists on every event hub already", fix: "leave $Default out of consumerGroups" });
  }
  validateName(scope, "eventHubConsumerGroup", name, field);
}
