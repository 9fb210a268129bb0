import { Construct } from "constructs";
import { withMessagingGrants } from "../core/data-grants";
import { invalid } from "../core/errors";
import { ImportedResource, ImportedResourceType, referenceFromId } from "../core/imported-resource";
import { SERVICE_BUS_ROLES } from "./data-access";
import { NamespaceEntities } from "./entities";
import { EntityHost } from "./entity-options";
import { QueueOptions, ServiceBusQueue } from "./queue";
import { ServiceBusSku } from "./tiers";
import { ServiceBusTopic, TopicOptions } from "./topic";

/** Resource type of a namespace, as `parseResourceId` and `resourceIdOf` take it. */
export const SERVICE_BUS_NAMESPACE_TYPE = "Microsoft.ServiceBus/namespaces";
const SERVICE_BUS_NAMESPACE: ImportedResourceType = { type: SERVICE_BUS_NAMESPACE_TYPE, naming: "serviceBusNamespace" };

/** What an import knows of the existing namespace beyond its id, for the queues and topics added to it. */
export interface ImportedServiceBusNamespaceOptions {
  /** The namespace's tier: needed to add queues or topics (their options depend on it). @default unknown (adding an entity is an error) */
  readonly sku?: ServiceBusSku;
  /** Partitions of a Premium namespace (entities of a partitioned namespace are partitioned). @default 1 */
  readonly premiumMessagingPartitions?: number;
}

/** An existing namespace: for grants, queues and topics by id, and wherever an {@link IServiceBusNamespace} is taken. */
export class ImportedServiceBusNamespace extends withMessagingGrants(ImportedResource, SERVICE_BUS_ROLES) implements EntityHost {
  public readonly fullyQualifiedNamespace: string;
  /** ARM's `serviceBusEndpoint` form (unverified for clouds other than the Azure public cloud). */
  public readonly endpoint: string;
  public readonly premiumMessagingPartitions?: number;
  private readonly knownSku?: ServiceBusSku;
  private readonly entities = new NamespaceEntities(this);

  /**
   * A literal `namespaceId` is checked; a token one is split at deploy time. `known` names the
   * namespace when the caller has its literal name (`fromName`), so it is not split from a token id.
   */
  constructor(
    scope: Construct,
    id: string,
    namespaceId: string,
    known?: { readonly name: string; readonly resourceGroupName: string },
    options: ImportedServiceBusNamespaceOptions = {},
  ) {
    super(scope, id, (self) => (known ? { id: namespaceId, ...known } : referenceFromId(self, namespaceId, SERVICE_BUS_NAMESPACE, "namespaceId")));
    this.fullyQualifiedNamespace = `${this.name}.servicebus.windows.net`;
    this.endpoint = `https://${this.fullyQualifiedNamespace}:443/`;
    this.knownSku = options.sku;
    this.premiumMessagingPartitions = options.premiumMessagingPartitions;
  }

  public get sku(): ServiceBusSku {
    if (this.knownSku === undefined) {
      invalid(this, {
        field: "sku",
        rule: "of the existing namespace is not known, and the queue and topic options allowed depend on it",
        fix: 'pass { sku } (e.g. "Premium") to ServiceBusNamespace.fromId or fromName',
      });
    }
    return this.knownSku;
  }

  public get queues(): ReadonlyMap<string, ServiceBusQueue> {
    return this.entities.queues;
  }

  public get topics(): ReadonlyMap<string, ServiceBusTopic> {
    return this.entities.topics;
  }

  public addQueue(name: string, options: QueueOptions = {}): ServiceBusQueue {
    return this.entities.addQueue(name, options);
  }

  public addTopic(name: string, options: TopicOptions = {}): ServiceBusTopic {
    return this.entities.addTopic(name, options);
  }
}
