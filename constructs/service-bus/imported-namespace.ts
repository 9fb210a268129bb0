import { Construct } from "constructs";
import { Fn } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { invalid, isUnresolved } from "../core/errors";
import { IPrincipal } from "../core/grants";
import { grantData } from "./data-access";
import { IServiceBusNamespace } from "./types";

const NAMESPACE_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ServiceBus\/namespaces\/([^/]+)$/i;

/** An existing namespace: usable for grants and wherever an {@link IServiceBusNamespace} is taken. */
export class ImportedServiceBusNamespace extends Construct implements IServiceBusNamespace {
  public readonly id: string;
  public readonly name: string;
  public readonly fullyQualifiedNamespace: string;

  /** `name` is taken from `namespaceId` when not given. */
  constructor(scope: Construct, id: string, namespaceId: string, name?: string) {
    super(scope, id);
    this.id = namespaceId;
    this.name = name ?? namespaceName(this, namespaceId);
    this.fullyQualifiedNamespace = `${this.name}.servicebus.windows.net`;
  }

  public grantSend(principal: IPrincipal): RoleAssignment {
    return grantData(this, this.id, "send", principal);
  }

  public grantReceive(principal: IPrincipal): RoleAssignment {
    return grantData(this, this.id, "receive", principal);
  }

  public grantManage(principal: IPrincipal): RoleAssignment {
    return grantData(this, this.id, "manage", principal);
  }
}

/** The name in a namespace id: parsed when literal, else the id's ninth segment at deploy time. */
function namespaceName(scope: Construct, namespaceId: string): string {
  if (isUnresolved(namespaceId)) return Fn.element(Fn.split("/", namespaceId), 8);
  const match = NAMESPACE_ID.exec(namespaceId);
  if (!match) {
    invalid(scope, {
      field: "namespaceId",
      value: namespaceId,
      rule: "is not a Service Bus namespace id",
      fix: "pass /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ServiceBus/namespaces/<name>",
    });
  }
  return match[1];
}
