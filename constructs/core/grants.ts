import { createHash } from "crypto";
import { Construct, IConstruct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { invalid } from "./errors";

/** Built-in Azure roles the constructs grant (least privilege for each use). */
export const BuiltInRole = {
  reader: "Reader",
  storageBlobDataReader: "Storage Blob Data Reader",
  storageBlobDataContributor: "Storage Blob Data Contributor",
  storageBlobDataOwner: "Storage Blob Data Owner",
  storageQueueDataMessageSender: "Storage Queue Data Message Sender",
  storageQueueDataMessageProcessor: "Storage Queue Data Message Processor",
  storageQueueDataContributor: "Storage Queue Data Contributor",
  storageQueueDataReader: "Storage Queue Data Reader",
  storageTableDataReader: "Storage Table Data Reader",
  storageTableDataContributor: "Storage Table Data Contributor",
  keyVaultSecretsUser: "Key Vault Secrets User",
  keyVaultSecretsOfficer: "Key Vault Secrets Officer",
  keyVaultCryptoUser: "Key Vault Crypto Service Encryption User",
  keyVaultCryptoOfficer: "Key Vault Crypto Officer",
  keyVaultCertificateUser: "Key Vault Certificate User",
  keyVaultCertificatesOfficer: "Key Vault Certificates Officer",
  keyVaultAdministrator: "Key Vault Administrator",
  monitoringMetricsPublisher: "Monitoring Metrics Publisher",
  logAnalyticsReader: "Log Analytics Reader",
  serviceBusDataSender: "Azure Service Bus Data Sender",
  serviceBusDataReceiver: "Azure Service Bus Data Receiver",
  serviceBusDataOwner: "Azure Service Bus Data Owner",
  eventHubsDataSender: "Azure Event Hubs Data Sender",
  eventHubsDataReceiver: "Azure Event Hubs Data Receiver",
  eventHubsDataOwner: "Azure Event Hubs Data Owner",
  eventGridDataSender: "EventGrid Data Sender",
  logicAppContributor: "Logic App Contributor",
  logicAppOperator: "Logic App Operator",
  sentinelPlaybookOperator: "Microsoft Sentinel Playbook Operator",
  dataFactoryContributor: "Data Factory Contributor",
  sqlDbContributor: "SQL DB Contributor",
  websiteContributor: "Website Contributor",
  apiManagementServiceContributor: "API Management Service Contributor",
} as const;

export type BuiltInRoleName = (typeof BuiltInRole)[keyof typeof BuiltInRole];

export type PrincipalType = "ServicePrincipal" | "User" | "Group";

/** Something a role can be granted to: a managed identity, a user or a group. */
export interface IPrincipal {
  /** Entra object id (usually a token resolved at deploy time). */
  readonly principalId: string;
  readonly principalType: PrincipalType;
  /**
   * Stable key naming the principal in construct ids, so the same grant keeps its Terraform
   * address across runs. Identities use their construct path.
   */
  readonly grantKey: string;
}

/** A construct that acts as a principal: anything with a managed identity (AWS CDK's `IGrantable`). */
export interface IGrantable {
  readonly principal: IPrincipal;
}

/** What every grant method accepts: a principal, or a construct whose `principal` is granted. */
export type Grantee = IPrincipal | IGrantable;

/** The principal a grant goes to. */
export function principalOf(grantee: Grantee): IPrincipal {
  return "grantKey" in grantee ? grantee : grantee.principal;
}

/** Principals that are not constructs of this app. */
export class Principal {
  /** A user, group or service principal by its Entra object id (a GUID literal). */
  public static fromObjectId(objectId: string, principalType: PrincipalType): IPrincipal {
    return { principalId: objectId, principalType, grantKey: objectId };
  }

  /** The identity of `owner` (e.g. a system-assigned identity), keyed by the owner's path. */
  public static ofConstruct(owner: IConstruct, principalId: string): IPrincipal {
    return { principalId, principalType: "ServicePrincipal", grantKey: owner.node.path };
  }
}

/**
 * Grants `role` on `resourceId` to `principal` with an `azurerm_role_assignment` created under
 * `scope`. Granting the same role to the same principal twice returns the first assignment.
 */
export function grantRole(scope: Construct, resourceId: string, role: BuiltInRoleName | string, grantee: Grantee): RoleAssignment {
  const principal = principalOf(grantee);
  const key = createHash("sha256").update(principal.grantKey).digest("hex").slice(0, 8);
  const id = `Grant${role.replace(/[^A-Za-z0-9]/g, "")}${key}`;
  const existing = scope.node.tryFindChild(id) as RoleAssignment | undefined;
  if (existing) {
    // Ids carry no scope (resource ids are tokens whose numbering is not stable across apps):
    // grants on another scope belong under another construct.
    if (existing.scopeInput !== resourceId) {
      invalid(scope, {
        field: "role",
        value: role,
        rule: "is already granted to this principal on another scope",
        fix: "create grants on a narrower scope under a child construct",
      });
    }
    return existing;
  }
  return new RoleAssignment(scope, id, {
    scope: resourceId,
    roleDefinitionName: role,
    principalId: principal.principalId,
    principalType: principal.principalType,
    // New managed identities take a while to replicate in Entra; skipping the check avoids
    // spurious "PrincipalNotFound" failures on the first deploy.
    skipServicePrincipalAadCheck: principal.principalType === "ServicePrincipal" ? true : undefined,
  });
}

/**
 * Repeats on `targetResourceId` every role assignment {@link grantRole} made under `from` (the same
 * role, principal and type), each under `scope` as `<idPrefix>-<grant's id>`, created after
 * `dependsOn`. For a copy of a resource that RBAC does not follow, e.g. a geo-DR secondary
 * (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-geo-dr: role assignments are not replicated).
 */
export function copyGrants(
  from: IConstruct,
  scope: Construct,
  idPrefix: string,
  targetResourceId: string,
  dependsOn: ITerraformDependable[] = [],
): RoleAssignment[] {
  return from.node.children
    .filter((child): child is RoleAssignment => child instanceof RoleAssignment)
    .map(
      (grant) =>
        new RoleAssignment(scope, `${idPrefix}-${grant.node.id}`, {
          scope: targetResourceId,
          roleDefinitionName: grant.roleDefinitionNameInput,
          principalId: grant.principalIdInput as string,
          principalType: grant.principalTypeInput,
          skipServicePrincipalAadCheck: grant.skipServicePrincipalAadCheckInput,
          dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
        }),
    );
}
