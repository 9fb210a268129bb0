import { parseResourceId } from "../core/resource-id";
import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRole, Grantee, grantRole } from "../core/grants";
import { GrantTargetClass } from "../core/data-grants";
import { IAzureResource, ImportedResource } from "../core/imported-resource";
import { LOGIC_APP_RUN_ROLE } from "./roles";

/** The ARM type of Consumption workflows. */
export const LOGIC_APP_WORKFLOW_TYPE = "Microsoft.Logic/workflows";

/** The workflow grants, by what they allow: the construct's and the import's methods. */
export const WORKFLOW_ROLES = {
  run: LOGIC_APP_RUN_ROLE,
  operator: BuiltInRole.logicAppOperator,
  contributor: BuiltInRole.logicAppContributor,
} as const;

/**
 * `Base` with the workflow grants on `this.id`: the one implementation for {@link LogicAppWorkflow}
 * (over `ResourceConstructBase`) and its import (over `ImportedResource`); assignments live under it.
 */
export function withWorkflowGrants<TBase extends GrantTargetClass>(Base: TBase) {
  abstract class WorkflowGrants extends Base {
    /**
     * Run request triggers: read the workflow and list trigger callback URLs, the SAS-signed URLs a
     * caller invokes ("Microsoft Sentinel Playbook Operator", the narrowest built-in role with
     * `Microsoft.Logic/workflows/triggers/listCallbackUrl/action`); no editing, no enabling or disabling.
     * A data-plane verb: what the role is for here is running the workflow, whatever Sentinel calls it.
     */
    public grantRun(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, WORKFLOW_ROLES.run, grantee);
    }

    /** Read the workflow and its run history, enable and disable it (Logic App Operator); it cannot run triggers. */
    public grantOperator(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, WORKFLOW_ROLES.operator, grantee);
    }

    /** Manage and edit the workflow, run any trigger, resubmit runs (Logic App Contributor). */
    public grantContributor(grantee: Grantee): RoleAssignment {
      return grantRole(this, this.id, WORKFLOW_ROLES.contributor, grantee);
    }
  }
  return WorkflowGrants;
}

/** A Consumption workflow, created here or imported with `LogicAppWorkflow.fromId`/`fromName`. */
export interface ILogicAppWorkflow extends IAzureResource {
  /**
   * Run request triggers: read the workflow and list trigger callback URLs, the SAS-signed URLs a
   * caller invokes ("Microsoft Sentinel Playbook Operator", the narrowest built-in role with
   * `Microsoft.Logic/workflows/triggers/listCallbackUrl/action`); no editing, no enabling or disabling.
   */
  grantRun(grantee: Grantee): RoleAssignment;
  /** Read the workflow and its run history, enable and disable it (Logic App Operator); it cannot run triggers. */
  grantOperator(grantee: Grantee): RoleAssignment;
  /** Manage and edit the workflow, run any trigger, resubmit runs (Logic App Contributor). */
  grantContributor(grantee: Grantee): RoleAssignment;
}

/** An existing Consumption workflow: for grants and for whatever takes an {@link ILogicAppWorkflow}. */
export class ImportedLogicAppWorkflow extends withWorkflowGrants(ImportedResource) implements ILogicAppWorkflow {
  constructor(scope: Construct, id: string, resourceId: string) {
    super(scope, id, (self) => parseResourceId(self, resourceId, LOGIC_APP_WORKFLOW_TYPE));
  }
}
