import { BuiltInRole } from "../core/grants";
import { MessagingDataRoles, withMessagingGrants, GrantTargetClass } from "../core/data-grants";

/** The least-privilege Service Bus data roles behind `grantSend`, `grantReceive` and `grantManage`. */
export const SERVICE_BUS_ROLES: MessagingDataRoles = {
  send: BuiltInRole.serviceBusDataSender,
  receive: BuiltInRole.serviceBusDataReceiver,
  manage: BuiltInRole.serviceBusDataOwner,
};

/**
 * The one implementation of the Service Bus data grants, on `this.id`: namespaces (created and
 * imported), queues and topics extend it. Assignments live under each construct, so each entity keeps its own.
 */
export function withServiceBusGrants<TBase extends GrantTargetClass>(Base: TBase) {
  return withMessagingGrants(Base, SERVICE_BUS_ROLES);
}
