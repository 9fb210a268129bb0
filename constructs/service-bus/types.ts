import { IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IMessagingGrants } from "../core/data-grants";
import { BuiltInRoleName, Grantee } from "../core/grants";
import type { QueueOptions, ServiceBusQueue } from "./queue";
import type { ServiceBusSku } from "./tiers";
import type { ServiceBusTopic, TopicOptions } from "./topic";

/**
 * Data-plane grants on a namespace, queue or topic (Entra ID; no keys): Azure Service Bus Data Sender
 * (`grantSend`), Data Receiver (`grantReceive`) and Data Owner (`grantManage`), plus any role with `grant`.
 */
export interface IServiceBusGrantable extends IMessagingGrants {
  /** Grants any role (built-in or custom, by name) on the resource. */
  grant(grantee: Grantee, role: BuiltInRoleName | string): RoleAssignment;
}

/** A Service Bus namespace, created here or imported with `ServiceBusNamespace.fromId`/`fromName`. */
export interface IServiceBusNamespace extends IConstruct, IServiceBusGrantable {
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  /**
   * `<name>.servicebus.windows.net` (Azure public cloud), for identity-based connections such as the
   * Functions app setting `ServiceBusConnection__fullyQualifiedNamespace`.
   */
  readonly fullyQualifiedNamespace: string;
  /** The namespace's URL (`https://<name>.servicebus.windows.net:443/`), e.g. for an API Management `send-request`. */
  readonly endpoint: string;
  /** The tier, which decides the entity options allowed; an import knows it only when `fromId`/`fromName` is told (else reading it is an error). */
  readonly sku: ServiceBusSku;
  /** Partitions of a Premium namespace; more than 1 means every entity is partitioned. @default 1 */
  readonly premiumMessagingPartitions?: number;
  /** Queues added through this construct, by name (an import knows only those it added). */
  readonly queues: ReadonlyMap<string, ServiceBusQueue>;
  /** Topics added through this construct, by name. */
  readonly topics: ReadonlyMap<string, ServiceBusTopic>;
  /** Adds a queue (on an import: in the existing namespace, by its id). */
  addQueue(name: string, options?: QueueOptions): ServiceBusQueue;
  /** Adds a topic (Standard and Premium; on an import: in the existing namespace, by its id). */
  addTopic(name: string, options?: TopicOptions): ServiceBusTopic;
}

/** A queue or topic: something messages can be sent or forwarded to. */
export interface IServiceBusEntity extends IConstruct, IServiceBusGrantable {
  readonly entityType: "queue" | "topic";
  readonly id: string;
  readonly name: string;
  readonly namespace: IServiceBusNamespace;
}
