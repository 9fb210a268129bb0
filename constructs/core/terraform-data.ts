import { Construct } from "constructs";
import { DataResource, DataConfig } from "cdktf";

/** What cdktf's Terraform version check looks like: `ValidateBinaryVersion("terraform", ...)`. */
interface VersionCheck {
  readonly binary?: unknown;
  readonly versionCommand?: unknown;
}

/**
 * A built-in `terraform_data` resource (deploy-time commands) without cdktf's per-resource
 * Terraform version check. cdktf adds one to every instance, and each runs `terraform version` in a
 * child process at synth: about 150 ms apiece, a third of the synth of all stacks. The deploy
 * prerequisites already require Terraform >= 1.4 (README), and `terraform_data` needs 1.4.
 */
export function terraformData(scope: Construct, id: string, config: DataConfig): DataResource {
  const resource = new DataResource(scope, id, config);
  // constructs keeps validations in a private array; where it has another shape, the check stays.
  const node = resource.node as unknown as { _validations?: VersionCheck[] };
  if (Array.isArray(node._validations)) {
    node._validations = node._validations.filter((v) => !(v.binary === "terraform" && typeof v.versionCommand === "string"));
  }
  return resource;
}
