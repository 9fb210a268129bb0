import { Construct } from "constructs";
import { EventgridDomain } from "@cdktf/provider-azurerm/lib/eventgrid-domain";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { invalid, isUnresolved } from "../core/errors";
import { BuiltInRole, IPrincipal, Principal, grantRole } from "../core/grants";
import { PrivateEndpoint } from "../core/private-endpoint";
import { ResourceConstruct } from "../core/resource-construct";
import { EventGridDomainTopic, validateDomainTopicName } from "./domain-topic";
import { EventGridSubscription, EventSubscriptionOptions, addSubscriptionTo } from "./event-subscription";
import { IEventGridPublisher, ImportedEventGridPublisher } from "./imported";
import { EventGridPublisherProps, hardenPublisher, publisherIdentity } from "./publisher";
import { EventGridInputSchema, validateSchema } from "./schemas";
import { SubscriptionTarget } from "./source";

export interface EventGridDomainProps extends EventGridPublisherProps {
  /** Domain topics to create (`addTopic` adds more). @default none */
  readonly topics?: readonly string[];
  /**
   * Let a subscription to an unknown domain topic create it. Off so that every topic is in code
   * (`addTopic`) and Terraform sees no resources it does not manage.
   * @default false
   */
  readonly autoCreateTopicWithFirstSubscription?: boolean;
  /** Delete a domain topic when its last subscription goes. @default false */
  readonly autoDeleteTopicWithLastSubscription?: boolean;
}

/**
 * An Event Grid domain: one endpoint and one access policy for many topics (e.g. one per tenant
 * or per consumer). Same hardening as {@link EventGridTopic}: Entra ID only, managed identity,
 * private endpoint (`domain` sub-resource) and public access off where the environment has a
 * network, no lock by default. Every other L1 setting is reachable through {@link EventGridDomain.resource}.
 */
export class EventGridDomain extends ResourceConstruct implements IEventGridPublisher {
  /** An existing domain, to subscribe to or grant publishing on. `domainId` is checked when it is a literal. */
  public static fromId(scope: Construct, id: string, domainId: string): IEventGridPublisher {
    return new ImportedEventGridPublisher(scope, id, domainId, "domain");
  }

  public readonly resource: EventgridDomain;
  public readonly id: string;
  public readonly name: string;
  /** Publishing endpoint of every topic of the domain. */
  public readonly endpoint: string;
  public readonly inputSchema: EventGridInputSchema;
  /** The system-assigned identity, to grant it roles elsewhere; undefined without one. */
  public readonly principal?: IPrincipal;
  public readonly privateEndpoint?: PrivateEndpoint;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;
  public readonly subscriptionTarget: SubscriptionTarget;
  /** Domain topics by name. */
  public readonly topics: ReadonlyMap<string, EventGridDomainTopic>;

  private readonly topicMap = new Map<string, EventGridDomainTopic>();

  constructor(scope: Construct, id: string, props: EventGridDomainProps = {}) {
    super(scope, id, props);
    this.inputSchema = props.inputSchema ?? "EventGridSchema";
    validateSchema(this, "inputSchema", this.inputSchema);
    const identity = publisherIdentity(this, props.identity);
    const name = this.nameFor("eventGridDomain", props.name);
    this.topics = this.topicMap;

    this.resource = new EventgridDomain(this, "Resource", {
      name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      inputSchema: this.inputSchema,
      localAuthEnabled: props.localAuthEnabled ?? false,
      autoCreateTopicWithFirstSubscription: props.autoCreateTopicWithFirstSubscription ?? false,
      autoDeleteTopicWithLastSubscription: props.autoDeleteTopicWithLastSubscription ?? false,
      identity: identity.block,
      tags: this.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.endpoint = this.resource.endpoint;

    ({ privateEndpoint: this.privateEndpoint, diagnostics: this.diagnostics, lock: this.lock } = hardenPublisher(this, this.resource, name, "domain", this.tags, props));

    const principalId = identity.systemAssigned ? this.resource.identity.principalId : undefined;
    this.principal = principalId === undefined ? undefined : Principal.ofConstruct(this, principalId);
    this.subscriptionTarget = {
      kind: "domain",
      inputSchema: this.inputSchema,
      identities: { systemAssignedPrincipalId: principalId, userAssigned: identity.userAssigned },
      identityOwner: this,
    };

    for (const topic of props.topics ?? []) this.addTopic(topic);
  }

  /** Adds domain topic `name` (construct id `Topic-<name>`). */
  public addTopic(name: string): EventGridDomainTopic {
    if (isUnresolved(name)) {
      invalid(this, { field: "topic name", rule: "is a value known only at deploy time", fix: "pass a literal name: it also names the construct (its Terraform address)" });
    }
    validateDomainTopicName(this, name);
    if (this.topicMap.has(name)) {
      invalid(this, { field: "topic name", value: name, rule: "is already defined on this domain", fix: "add each domain topic once" });
    }
    const topic = new EventGridDomainTopic(this, `Topic-${name}`, {
      name,
      domainName: this.name,
      resourceGroupName: this.resourceGroup.name,
      domainTarget: this.subscriptionTarget,
    });
    this.topicMap.set(name, topic);
    return topic;
  }

  /** Adds event subscription `name` to events of every topic of the domain (construct id `Subscription-<name>`). */
  public addSubscription(name: string, options: EventSubscriptionOptions): EventGridSubscription {
    return addSubscriptionTo(this, name, options);
  }

  /** Lets `principal` publish to every topic of the domain (EventGrid Data Sender). */
  public grantPublish(principal: IPrincipal): RoleAssignment {
    return grantRole(this, this.id, BuiltInRole.eventGridDataSender, principal);
  }
}
