import { Construct, IConstruct } from "constructs";
import { ITerraformDependable, TerraformStack } from "cdktf";
import { EventgridEventSubscription, EventgridEventSubscriptionConfig } from "@cdktf/provider-azurerm/lib/eventgrid-event-subscription";
import { EventgridSystemTopicEventSubscription } from "@cdktf/provider-azurerm/lib/eventgrid-system-topic-event-subscription";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IntegrationContext } from "../core/context";
import { addDependency } from "../core/depends-on";
import { closest } from "../core/closest";
import { invalid, isUnresolved, requireLiteral } from "../core/errors";
import { functionCodeDeployment } from "../core/function-code";
import { BuiltInRole, BuiltInRoleName, IPrincipal, Principal, grantRole } from "../core/grants";
import { resourceName } from "../core/naming";
import { validateChildName } from "../core/child-names";
import { ResolvedDestination, resolveDestination, validateRange } from "./destinations";
import { advancedFilterBlock, validateAdvancedFilters } from "./filters";
import { validateLogicAppWebhook } from "./logic-app-webhook";
import { recordDeliveries } from "./flows";
import { EventGridInputSchema, validateDeliverySchema, validateSchema } from "./schemas";
import { IEventGridSource, SubscriptionTarget } from "./source";
import {
  DeadLetterOptions,
  EventGridSubscriptionProps,
  EventSubscriptionOptions,
  RETRY_DEFAULTS,
  SubscriptionIdentity,
} from "./subscription-options";

// Options and their defaults are in subscription-options.ts; the sources' files import them from here.
export { RETRY_DEFAULTS } from "./subscription-options";
export type { DeadLetterOptions, EventGridSubscriptionProps, EventSubscriptionOptions, SubscriptionIdentity } from "./subscription-options";

/**
 * An Event Grid event subscription with explicit retries, typed filters and managed-identity
 * delivery. Sources create them with `addSubscription(name, options)`. Every other L1 setting
 * (labels, expiration, delivery properties) is reachable through {@link EventGridSubscription.resource}.
 */
export class EventGridSubscription extends Construct {
  public readonly resource: EventgridEventSubscription | EventgridSystemTopicEventSubscription;
  public readonly id: string;
  public readonly name: string;
  /** Role assignment that lets the delivery identity send to the destination (may be shared by the source's subscriptions). */
  public readonly deliveryGrant?: RoleAssignment;
  /** Role assignment that lets the dead-letter identity write to the container (may be shared). */
  public readonly deadLetterGrant?: RoleAssignment;

  constructor(scope: Construct, id: string, props: EventGridSubscriptionProps) {
    super(scope, id);
    const target = props.source.subscriptionTarget;
    const name = resourceName(this, "eventGridSubscription", props.name, { prefix: IntegrationContext.of(this).namePrefix });
    const destination = resolveDestination(this, props.destination);
    const delivery = this.validateDelivery(props, target);
    const identities = this.chooseIdentities(props, target, destination);
    // Grants come first so the subscription can wait for them: Event Grid needs the role to deliver.
    if (props.grantDeliveryRoles ?? true) {
      this.deliveryGrant = this.sharedGrant(destination.deliveryRole, identities.delivery, props.source);
      this.deadLetterGrant = this.sharedGrant(deadLetterRole(props.deadLetter), identities.deadLetter, props.source);
    }
    const config: Omit<EventgridEventSubscriptionConfig, "scope" | "name"> = {
      ...destination.endpoint,
      includedEventTypes: props.includedEventTypes ? [...props.includedEventTypes] : undefined,
      subjectFilter:
        props.subjectBeginsWith !== undefined || props.subjectEndsWith !== undefined
          ? { subjectBeginsWith: props.subjectBeginsWith, subjectEndsWith: props.subjectEndsWith, caseSensitive: props.caseSensitive ?? false }
          : undefined,
      advancedFilter: advancedFilterBlock(props.advancedFilters ?? []),
      advancedFilteringOnArraysEnabled: props.advancedFilteringOnArrays ?? false,
      eventDeliverySchema: props.eventDeliverySchema ?? delivery.inputSchema,
      retryPolicy: delivery.retryPolicy,
      storageBlobDeadLetterDestination: props.deadLetter
        ? { storageAccountId: props.deadLetter.storageAccountId, storageBlobContainerName: props.deadLetter.containerName }
        : undefined,
      deliveryIdentity: identityAttribute(identities.delivery),
      deadLetterIdentity: identityAttribute(identities.deadLetter),
      dependsOn: this.waitsFor(props),
    };
    this.resource = this.createSubscription(name, props.source, config);
    this.id = this.resource.id;
    this.name = this.resource.name;
    recordDeliveries(this, this.resource, props.destination, props.deadLetter?.storageAccountId);
  }

  /** Checks filters, event types, retries and schemas; returns the retry policy and the source's input schema. */
  private validateDelivery(
    props: EventGridSubscriptionProps,
    target: SubscriptionTarget,
  ): { retryPolicy: { maxDeliveryAttempts: number; eventTimeToLive: number }; inputSchema: EventGridInputSchema | undefined } {
    validateAdvancedFilters(this, props.advancedFilters ?? []);
    this.validateFilters(props);
    this.validateEventTypes(props.includedEventTypes, target);
    const maxDeliveryAttempts = props.maxDeliveryAttempts ?? RETRY_DEFAULTS.maxDeliveryAttempts;
    const eventTimeToLive = props.eventTimeToLive ?? RETRY_DEFAULTS.eventTimeToLive;
    validateRange(this, "maxDeliveryAttempts", maxDeliveryAttempts, 1, 30);
    validateRange(this, "eventTimeToLive", eventTimeToLive, 1, 1440);
    if (props.eventDeliverySchema !== undefined) validateSchema(this, "eventDeliverySchema", props.eventDeliverySchema);
    const inputSchema = target.inputSchema ?? (target.kind === "systemTopic" ? "EventGridSchema" : undefined);
    validateDeliverySchema(this, inputSchema, props.eventDeliverySchema);
    if (props.destination.kind === "webhook") validateLogicAppWebhook(this, props.destination.url, props.eventDeliverySchema ?? inputSchema);
    if (props.deadLetter) validateChildName(this, "container", props.deadLetter.containerName);
    return { retryPolicy: { maxDeliveryAttempts, eventTimeToLive }, inputSchema };
  }

  /** The delivery and dead-letter identities, each refused where it cannot apply. */
  private chooseIdentities(
    props: EventGridSubscriptionProps,
    target: SubscriptionTarget,
    destination: ResolvedDestination,
  ): { delivery: SubscriptionIdentity | undefined; deadLetter: SubscriptionIdentity | undefined } {
    const delivery = this.chooseIdentity("deliveryIdentity", props.deliveryIdentity, target, {
      applies: destination.deliveryRole !== undefined,
      rule: `cannot be used with the ${props.destination.kind} destination: Event Grid uses managed identities only for Service Bus, ` +
        `Event Hubs and storage-queue destinations`,
      fix: "remove deliveryIdentity (protect a webhook with activeDirectoryAppIdOrUri instead)",
    });
    const deadLetter = this.chooseIdentity("deadLetterIdentity", props.deadLetterIdentity, target, {
      applies: props.deadLetter !== undefined,
      rule: "is set without deadLetter",
      fix: "add deadLetter: { storageAccountId, containerName } or remove deadLetterIdentity",
    });
    return { delivery, deadLetter };
  }

  /** What the subscription waits for: the user's dependencies, a function's code, the grants and the dead-letter container. */
  private waitsFor(props: EventGridSubscriptionProps): ITerraformDependable[] | undefined {
    const deadLetterContainer = props.deadLetter?.container;
    if (deadLetterContainer && this.deadLetterGrant) addDependency(this.deadLetterGrant, deadLetterContainer);
    // Event Grid checks that the function exists when the subscription is created (azurerm #8415):
    // wait for whatever deploys the code of a FunctionApp of this app.
    const code = props.destination.kind === "azureFunction" ? functionCodeDeployment(this, props.destination.functionAppId) : undefined;
    const dependsOn = [
      ...(props.dependsOn ?? []),
      ...(code && !(props.dependsOn ?? []).includes(code) ? [code] : []),
      ...[this.deliveryGrant, this.deadLetterGrant].filter((g): g is RoleAssignment => g !== undefined),
      ...(deadLetterContainer ? [deadLetterContainer] : []),
    ];
    return dependsOn.length > 0 ? dependsOn : undefined;
  }

  /** A system topic's subscriptions name the topic and its resource group; every other source's name its id. */
  private createSubscription(
    name: string,
    source: IEventGridSource,
    config: Omit<EventgridEventSubscriptionConfig, "scope" | "name">,
  ): EventgridEventSubscription | EventgridSystemTopicEventSubscription {
    const target = source.subscriptionTarget;
    if (target.kind !== "systemTopic") return new EventgridEventSubscription(this, "Resource", { ...config, name, scope: source.id });
    const systemTopic = target.systemTopic ??
      invalid(this, {
        field: "source",
        rule: "is a system topic without a name and resource group",
        fix: "subscribe through EventGridSystemTopic",
      });
    return new EventgridSystemTopicEventSubscription(this, "Resource", {
      ...config,
      name,
      systemTopic: systemTopic.name,
      resourceGroupName: systemTopic.resourceGroupName,
    });
  }

  /** Event Grid accepts any string here, and a type the source never publishes silently matches nothing. */
  private validateEventTypes(included: readonly string[] | undefined, target: SubscriptionTarget): void {
    const published = target.publishedEventTypes;
    if (included === undefined || published === undefined) return;
    for (const type of included) {
      if (isUnresolved(type) || published.some((p) => p.toLowerCase() === type.toLowerCase())) continue;
      const guess = closest(type, published);
      invalid(this, {
        field: "includedEventTypes",
        value: type,
        rule: `is not an event type ${target.publisher ?? "the source"} publishes, so the subscription would never deliver it`,
        fix: guess ? `use "${guess}"` : `use one of ${published.join(", ")}`,
      });
    }
  }

  private validateFilters(props: EventSubscriptionOptions): void {
    if (props.includedEventTypes !== undefined && props.includedEventTypes.length === 0) {
      invalid(this, {
        field: "includedEventTypes",
        value: [],
        rule: "is empty",
        fix: "list the event types to deliver, or leave includedEventTypes unset for all types",
      });
    }
    if (props.caseSensitive !== undefined && props.subjectBeginsWith === undefined && props.subjectEndsWith === undefined) {
      invalid(this, {
        field: "caseSensitive",
        value: props.caseSensitive,
        rule: "is set without a subject filter",
        fix: "add subjectBeginsWith or subjectEndsWith, or remove caseSensitive",
      });
    }
  }

  /** The identity to use: the user's (checked against the source), a default where it applies, or none. */
  private chooseIdentity(
    field: string,
    option: SubscriptionIdentity | false | undefined,
    target: SubscriptionTarget,
    use: { applies: boolean; rule: string; fix: string },
  ): SubscriptionIdentity | undefined {
    if (option === false) return undefined;
    if (option === undefined) {
      if (!use.applies || !target.identities) return undefined;
      return target.identities.systemAssignedPrincipalId !== undefined ? "SystemAssigned" : target.identities.userAssigned[0];
    }
    if (!use.applies) invalid(this, { field, value: label(option), rule: use.rule, fix: use.fix });
    const identities = target.identities;
    if (identities && option === "SystemAssigned" && identities.systemAssignedPrincipalId === undefined) {
      invalid(this, {
        field,
        value: label(option),
        rule: "is not available: the source has no system-assigned identity",
        fix: "turn on identity.systemAssigned on the source, or pass one of its user-assigned identities",
      });
    }
    if (identities && option !== "SystemAssigned" && !identities.userAssigned.some((u) => u.id === option.id)) {
      invalid(this, {
        field,
        value: label(option),
        rule: "is not assigned to the source",
        fix: "add the identity to the source's identity.userAssigned",
      });
    }
    return option;
  }

  /**
   * Azure allows one assignment per scope, role and principal, so subscriptions of a source that
   * deliver to the same destination share the first one's grant (looked up, never keyed by ids).
   */
  private sharedGrant(
    target: { scope: string; role: BuiltInRoleName } | undefined,
    identity: SubscriptionIdentity | undefined,
    source: IEventGridSource,
  ): RoleAssignment | undefined {
    if (!target || !identity) return undefined;
    const principal = principalOf(identity, source);
    if (!principal) return undefined;
    const grants = grantsOf(this);
    const key = `${target.scope}|${target.role}|${principal.grantKey}`;
    const existing = grants.get(key);
    if (existing) return existing;
    const assignment = grantRole(this, target.scope, target.role, principal);
    grants.set(key, assignment);
    return assignment;
  }
}

const GRANTS = new WeakMap<TerraformStack, Map<string, RoleAssignment>>();

function grantsOf(scope: IConstruct): Map<string, RoleAssignment> {
  const stack = TerraformStack.of(scope);
  const grants = GRANTS.get(stack) ?? new Map<string, RoleAssignment>();
  GRANTS.set(stack, grants);
  return grants;
}

/** The principal behind an identity; undefined for the system identity of an imported source. */
function principalOf(identity: SubscriptionIdentity, source: IEventGridSource): IPrincipal | undefined {
  if (identity !== "SystemAssigned") return identity;
  const target = source.subscriptionTarget;
  const principalId = target.identities?.systemAssignedPrincipalId;
  return principalId === undefined ? undefined : Principal.ofConstruct(target.identityOwner ?? source, principalId);
}

function identityAttribute(identity: SubscriptionIdentity | undefined): { type: string; userAssignedIdentity?: string } | undefined {
  if (identity === undefined) return undefined;
  return identity === "SystemAssigned" ? { type: "SystemAssigned" } : { type: "UserAssigned", userAssignedIdentity: identity.id };
}

function label(identity: SubscriptionIdentity): string {
  return identity === "SystemAssigned" ? identity : identity.grantKey;
}

/**
 * Adds subscription `name` under `source` with the stable construct id `Subscription-<name>`.
 * The name is the Azure name too, so it must be a literal.
 */
export function addSubscriptionTo(source: Construct & IEventGridSource, name: string, options: EventSubscriptionOptions): EventGridSubscription {
  requireLiteral(source, "subscription name", name);
  const id = `Subscription-${name}`;
  if (source.node.tryFindChild(id)) {
    invalid(source, {
      field: "subscription name",
      value: name,
      rule: "is already defined on this source",
      fix: "give each subscription of a source its own name",
    });
  }
  return new EventGridSubscription(source, id, { ...options, name, source });
}

/** Storage Blob Data Contributor on the dead-letter container, when there is one. */
function deadLetterRole(deadLetter: DeadLetterOptions | undefined): { scope: string; role: BuiltInRoleName } | undefined {
  if (!deadLetter) return undefined;
  const scope = `${deadLetter.storageAccountId}/blobServices/default/containers/${deadLetter.containerName}`;
  return { scope, role: BuiltInRole.storageBlobDataContributor };
}
