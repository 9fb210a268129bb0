import { IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IPrincipal } from "../core/grants";

/** Data-plane grants on a namespace, queue, topic or subscription (Entra ID; no keys). */
export interface IServiceBusGrantable {
  /** Send messages (Azure Service Bus Data Sender). */
  grantSend(principal: IPrincipal): RoleAssignment;
  /** Receive, peek and settle messages (Azure Service Bus Data Receiver). */
  grantReceive(principal: IPrincipal): RoleAssignment;
  /** Full data-plane access, including managing entities (Azure Service Bus Data Owner). */
  grantManage(principal: IPrincipal): RoleAssignment;
}

/** A Service Bus namespace, created here or imported with `ServiceBusNamespace.fromId`/`fromName`. */
export interface IServiceBusNamespace extends IConstruct, IServiceBusGrantable {
  readonly id: string;
  readonly name: string;
  /**
   * `<name>.servicebus.windows.net` (Azure public cloud), for identity-based connections such as the
   * Functions app setting `ServiceBusConnection__fullyQualifiedNamespace`.
   */
  readonly fullyQualifiedNamespace: string;
}

/** A queue or topic: something messages can be sent or forwarded to. */
export interface IServiceBusEntity extends IConstruct, IServiceBusGrantable {
  readonly entityType: "queue" | "topic";
  readonly id: string;
  readonly name: string;
  readonly namespace: IServiceBusNamespace;
}
