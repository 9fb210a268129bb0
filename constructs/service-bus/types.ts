import { IConstruct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IMessagingGrants } from "../core/data-grants";
import { BuiltInRoleName, Grantee } from "../core/grants";

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
}

/** A queue or topic: something messages can be sent or forwarded to. */
export interface IServiceBusEntity extends IConstruct, IServiceBusGrantable {
  readonly entityType: "queue" | "topic";
  readonly id: string;
  readonly name: string;
  readonly namespace: IServiceBusNamespace;
}
