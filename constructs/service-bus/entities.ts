import { Construct } from "constructs";
import { invalid } from "../core/errors";
import { EntityHost } from "./entity-options";
import { EntityKind, validateEntityName } from "./names";
import { QueueOptions, ServiceBusQueue } from "./queue";
import { ServiceBusTopic, TopicOptions } from "./topic";

/**
 * The queues and topics of a namespace, implemented once for {@link ServiceBusNamespace} and its
 * import: entities are children of `host` (their construct ids are Terraform addresses) and take
 * its id as `namespace_id`, so an existing namespace gets them by id too (azurerm @v4.55.0:
 * website/docs/r/servicebus_queue.html.markdown). Names are case-insensitive and shared by queues and topics.
 */
export class NamespaceEntities {
  public readonly queues = new Map<string, ServiceBusQueue>();
  public readonly topics = new Map<string, ServiceBusTopic>();
  private readonly kinds = new Map<string, EntityKind>();

  /** `refuse` runs after the name checks, before the entity is added (e.g. a geo-DR secondary takes none). */
  constructor(
    private readonly host: Construct & EntityHost,
    private readonly refuse?: (kind: EntityKind, name: string) => void,
  ) {}

  public addQueue(name: string, options: QueueOptions): ServiceBusQueue {
    this.claim("queue", name);
    const queue = new ServiceBusQueue(this.host, `Queue-${name}`, { ...options, name });
    this.queues.set(name, queue);
    return queue;
  }

  public addTopic(name: string, options: TopicOptions): ServiceBusTopic {
    this.claim("topic", name);
    const topic = new ServiceBusTopic(this.host, `Topic-${name}`, { ...options, name });
    this.topics.set(name, topic);
    return topic;
  }

  private claim(kind: EntityKind, name: string): void {
    validateEntityName(this.host, kind, name);
    const key = name.toLowerCase();
    const existing = this.kinds.get(key);
    if (existing) {
      invalid(this.host, {
        field: `${kind} name`,
        value: name,
        rule: `is already used by a ${existing} of this namespace`,
        fix: "give each queue and topic its own name",
      });
    }
    this.refuse?.(kind, name);
    this.kinds.set(key, kind);
  }
}
