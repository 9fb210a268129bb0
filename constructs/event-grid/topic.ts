import { Construct } from "constructs";
import { EventgridTopic } from "@cdktf/provider-azurerm/lib/eventgrid-topic";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRole, IPrincipal, Principal, grantRole } from "../core/grants";
import { PrivateEndpoint } from "../core/private-endpoint";
import { ResourceConstruct } from "../core/resource-construct";
import { EventGridSubscription, EventSubscriptionOptions, addSubscriptionTo } from "./event-subscription";
import { IEventGridPublisher, ImportedEventGridPublisher } from "./imported";
import { EventGridPublisherProps, hardenPublisher, publisherIdentity } from "./publisher";
import { EventGridInputSchema, validateSchema } from "./schemas";
import { SubscriptionTarget } from "./source";

export type EventGridTopicProps = EventGridPublisherProps;

/**
 * A custom Event Grid topic that accepts only Entra ID (local auth off), with a managed identity
 * for delivery, a private endpoint and public access off where the environment has a network,
 * and no lock by default (no data at rest). Publishers get `grantPublish`; handlers are added
 * with `addSubscription`. Every other L1 setting is reachable through {@link EventGridTopic.resource}.
 */
export class EventGridTopic extends ResourceConstruct implements IEventGridPublisher {
  /**
   * An existing topic, e.g. one owned by another team, to subscribe to or grant publishing on.
   * `topicId` is checked when it is a literal.
   */
  public static fromId(scope: Construct, id: string, topicId: string): IEventGridPublisher {
    return new ImportedEventGridPublisher(scope, id, topicId, "topic");
  }

  public readonly resource: EventgridTopic;
  public readonly id: string;
  public readonly name: string;
  /** Publishing endpoint, e.g. `https://evgt-x.westeurope-1.eventgrid.azure.net/api/events`. */
  public readonly endpoint: string;
  public readonly inputSchema: EventGridInputSchema;
  /** The system-assigned identity, to grant it roles elsewhere; undefined without one. */
  public readonly principal?: IPrincipal;
  public readonly privateEndpoint?: PrivateEndpoint;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;
  public readonly subscriptionTarget: SubscriptionTarget;

  constructor(scope: Construct, id: string, props: EventGridTopicProps = {}) {
    super(scope, id, props);
    this.inputSchema = props.inputSchema ?? "EventGridSchema";
    validateSchema(this, "inputSchema", this.inputSchema);
    const identity = publisherIdentity(this, props.identity);
    const name = this.nameFor("eventGridTopic", props.name);

    this.resource = new EventgridTopic(this, "Resource", {
      name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      inputSchema: this.inputSchema,
      localAuthEnabled: props.localAuthEnabled ?? false,
      identity: identity.block,
      tags: this.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.endpoint = this.resource.endpoint;

    ({ privateEndpoint: this.privateEndpoint, diagnostics: this.diagnostics, lock: this.lock } = hardenPublisher(this, this.resource, name, "topic", this.tags, props));

    const principalId = identity.systemAssigned ? this.resource.identity.principalId : undefined;
    this.principal = principalId === undefined ? undefined : Principal.ofConstruct(this, principalId);
    this.subscriptionTarget = {
      kind: "topic",
      inputSchema: this.inputSchema,
      identities: { systemAssignedPrincipalId: principalId, userAssigned: identity.userAssigned },
      identityOwner: this,
    };
  }

  /** Adds event subscription `name` (the Azure name; construct id `Subscription-<name>`). */
  public addSubscription(name: string, options: EventSubscriptionOptions): EventGridSubscription {
    return addSubscriptionTo(this, name, options);
  }

  /** Lets `principal` publish events to the topic (EventGrid Data Sender). */
  public grantPublish(principal: IPrincipal): RoleAssignment {
    return grantRole(this, this.id, BuiltInRole.eventGridDataSender, principal);
  }
}
