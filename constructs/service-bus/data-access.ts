import { BuiltInRole } from "../core/grants";
import { MessagingDataRoles } from "../core/data-grants";

/**
 * The least-privilege Service Bus data roles behind `grantSend`, `grantReceive` and `grantManage`:
 * namespaces (created and imported), queues and topics take them from `withMessagingGrants(Base, SERVICE_BUS_ROLES)`.
 */
export const SERVICE_BUS_ROLES: MessagingDataRoles = {
  send: BuiltInRole.serviceBusDataSender,
  receive: BuiltInRole.serviceBusDataReceiver,
  manage: BuiltInRole.serviceBusDataOwner,
};
