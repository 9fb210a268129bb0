import { Construct } from "constructs";
import { UserAssignedIdentity as UserAssignedIdentityResource } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { CommonResourceProps, ResourceConstruct } from "./resource-construct";
import { IConstruct } from "constructs";
import { invalid } from "./errors";
import { IPrincipal, Principal, PrincipalType } from "./grants";

/** Managed identities of a construct (the AVM `managed_identities` interface). */
export interface IdentityOptions {
  /** @default true */
  readonly systemAssigned?: boolean;
  /** @default none */
  readonly userAssigned?: readonly UserAssignedIdentity[];
}

/**
 * The one principal rule of every construct with managed identities: the system-assigned identity,
 * else the first user-assigned one, else an error at `owner` (the construct has no identity to grant).
 * `systemPrincipalId` is read only when the system-assigned identity is on.
 */
export function identityPrincipal(owner: IConstruct, identity: IdentityOptions | undefined, systemPrincipalId: () => string): IPrincipal {
  if (identity?.systemAssigned ?? true) return Principal.ofConstruct(owner, systemPrincipalId());
  const first = identity?.userAssigned?.[0];
  if (first) return first;
  return invalid(owner, {
    field: "principal",
    rule: "is not available: the resource has no managed identity (identity.systemAssigned is false and no userAssigned is given)",
    fix: "keep identity.systemAssigned on (the default) or add a user-assigned identity",
  });
}

/** The `identity` block of an azurerm resource, or undefined when no identity is wanted. */
export function identityBlock(options: IdentityOptions | undefined): { type: string; identityIds?: string[] } | undefined {
  const system = options?.systemAssigned ?? true;
  const user = options?.userAssigned ?? [];
  const types = [system ? "SystemAssigned" : undefined, user.length > 0 ? "UserAssigned" : undefined].filter(Boolean);
  if (types.length === 0) return undefined;
  return { type: types.join(", "), identityIds: user.length > 0 ? user.map((u) => u.id) : undefined };
}

export type UserAssignedIdentityProps = CommonResourceProps;

/** A user-assigned managed identity; shareable between resources and granted roles like any principal. */
export class UserAssignedIdentity extends ResourceConstruct implements IPrincipal {
  public readonly resource: UserAssignedIdentityResource;
  public readonly id: string;
  public readonly name: string;
  public readonly principalId: string;
  public readonly clientId: string;
  public readonly principalType: PrincipalType = "ServicePrincipal";
  public readonly grantKey: string;

  constructor(scope: Construct, id: string, props: UserAssignedIdentityProps = {}) {
    super(scope, id, props);
    this.resource = new UserAssignedIdentityResource(this, "Resource", {
      name: this.nameFor("userAssignedIdentity", props.name),
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      tags: this.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.principalId = this.resource.principalId;
    this.clientId = this.resource.clientId;
    this.grantKey = this.node.path;
  }
}
