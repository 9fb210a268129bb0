import { parseResourceId } from "../core/resource-id";
import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { BuiltInRole, Grantee, grantRole } from "../core/grants";
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

/** One of the workflow grants on `workflowId`, under `scope` (created and imported workflows alike). */
export function grantWorkflow(scope: Construct, workflowId: string, grant: keyof typeof WORKFLOW_ROLES, grantee: Grantee): RoleAssignment {
  return grantRole(scope, workflowId, WORKFLOW_ROLES[grant], grantee);
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
export class ImportedLogicAppWorkflow extends ImportedResource implements ILogicAppWorkflow {
  constructor(scope: Construct, id: string, resourceId: string) {
    super(scope, id, (self) => parseResourceId(self, resourceId, LOGIC_APP_WORKFLOW_TYPE));
  }

  public grantRun(grantee: Grantee): RoleAssignment {
    return grantWorkflow(this, this.id, "run", grantee);
  }

  public grantOperator(grantee: Grantee): RoleAssignment {
    return grantWorkflow(this, this.id, "operator", grantee);
  }

  public grantContributor(grantee: Grantee): RoleAssignment {
    return grantWorkflow(this, this.id, "contributor", grantee);
  }
}
