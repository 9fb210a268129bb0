import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRoleName, Grantee, grantRole } from "./grants";
import { CommonResourceProps, ResourceConstruct } from "./resource-construct";

/** The built-in roles behind a messaging service's three data-plane grants (Service Bus, Event Hubs). */
export interface MessagingDataRoles {
  readonly send: BuiltInRoleName;
  readonly receive: BuiltInRoleName;
  readonly manage: BuiltInRoleName;
}

/** Data-plane grants of a messaging resource (a namespace, queue, topic or event hub): Entra ID roles, no keys. */
export interface IMessagingGrants {
  /** Send messages or events (the service's Data Sender role on this resource). */
  grantSend(grantee: Grantee): RoleAssignment;
  /** Receive, peek and settle messages or read events (the service's Data Receiver role on this resource). */
  grantReceive(grantee: Grantee): RoleAssignment;
  /** Full data-plane access, including managing entities (the service's Data Owner role on this resource). */
  grantManage(grantee: Grantee): RoleAssignment;
}

/** A construct class whose instances name the resource grants go to by `id`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the TypeScript mixin pattern requires `any[]` constructor arguments
export type GrantTargetClass = abstract new (...args: any[]) => Construct & { readonly id: string };

/**
 * {@link ResourceConstruct} as a mixin base: a protected constructor cannot be a mixin's base type,
 * so it is typed with its real parameters instead (the class stays abstract: no one news it).
 */
export const ResourceConstructBase = ResourceConstruct as unknown as abstract new (
  scope: Construct,
  id: string,
  props: CommonResourceProps,
) => ResourceConstruct;

/**
 * `Base` with the send/receive/manage grants of `roles` on `this.id`, implemented once for every
 * construct of a messaging service (created, child entity and imported alike). The assignments
 * live under the construct, so each resource keeps its own ids.
 */
export function withMessagingGrants<TBase extends GrantTargetClass>(Base: TBase, roles: MessagingDataRoles) {
  abstract class MessagingGrants extends Base implements IMessagingGrants {
    /** Send messages or events (the service's Data Sender role on this resource). */
    public grantSend(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, roles.send, grantee);
    }

    /** Receive, peek and settle messages or read events (the service's Data Receiver role on this resource). */
    public grantReceive(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, roles.receive, grantee);
    }

    /** Full data-plane access, including managing entities (the service's Data Owner role on this resource). */
    public grantManage(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, roles.manage, grantee);
    }
  }
  return MessagingGrants;
}
