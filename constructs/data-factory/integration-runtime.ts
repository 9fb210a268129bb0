import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { DataFactoryIntegrationRuntimeAzure } from "@cdktf/provider-azurerm/lib/data-factory-integration-runtime-azure";
import { DataFactoryIntegrationRuntimeSelfHosted } from "@cdktf/provider-azurerm/lib/data-factory-integration-runtime-self-hosted";
import { invalid, isUnresolved } from "../core/errors";
import { FactoryEntity } from "./entities";

/** The Azure integration runtime that runs copies, lookups and data flows inside the managed VNet. */
export interface ManagedIntegrationRuntimeOptions {
  /** @default "ir-managed-vnet" */
  readonly name?: string;
  /** Region the runtime computes in; `AutoResolve` lets Azure pick. @default the factory's location */
  readonly location?: string;
  /** Data flow cluster type. @default "General" */
  readonly computeType?: "General" | "MemoryOptimized";
  /** Data flow cluster cores. @default 8 */
  readonly coreCount?: 8 | 16 | 32 | 48 | 80 | 144 | 272;
  /**
   * Minutes a data flow cluster stays warm for the next run (0 starts a cluster per run; warm
   * clusters are billed while idle). @default 0
   */
  readonly timeToLiveMin?: number;
}

/** Data flow cluster sizes Azure offers (azurerm `core_count`). */
const CORE_COUNTS = [8, 16, 32, 48, 80, 144, 272];

/** Creates the managed-VNet Azure integration runtime (validated options). */
export function createManagedIntegrationRuntime(
  scope: Construct,
  dataFactoryId: string,
  location: string,
  managedVirtualNetwork: boolean,
  options: ManagedIntegrationRuntimeOptions,
): DataFactoryIntegrationRuntimeAzure {
  const coreCount = options.coreCount ?? 8;
  if (!isUnresolved(coreCount) && !CORE_COUNTS.includes(coreCount)) {
    invalid(scope, {
      field: "integrationRuntime.coreCount",
      value: coreCount,
      rule: "is not a data flow cluster size",
      fix: `use one of ${CORE_COUNTS.join(", ")}`,
    });
  }
  const ttl = options.timeToLiveMin ?? 0;
  if (!isUnresolved(ttl) && (!Number.isInteger(ttl) || ttl < 0)) {
    invalid(scope, { field: "integrationRuntime.timeToLiveMin", value: ttl, rule: "is not a whole number of minutes", fix: "set 0 or more minutes" });
  }
  return new DataFactoryIntegrationRuntimeAzure(scope, "ManagedIntegrationRuntime", {
    name: options.name ?? "ir-managed-vnet",
    dataFactoryId,
    location: options.location ?? location,
    virtualNetworkEnabled: managedVirtualNetwork,
    computeType: options.computeType ?? "General",
    coreCount,
    timeToLiveMin: ttl,
    description: managedVirtualNetwork ? "Azure integration runtime in the factory's managed virtual network" : "Azure integration runtime",
  });
}

/** Options of {@link DataFactory.addSelfHostedIntegrationRuntime}. */
export interface SelfHostedIntegrationRuntimeOptions {
  /** @default none */
  readonly description?: string;
}

/**
 * A self-hosted integration runtime: the agent installed on on-premises machines that reaches
 * private sources (see README.md for registration). Its registration keys are secrets; they leave
 * Terraform state only through {@link authorizationKeyOutput}.
 */
export class SelfHostedIntegrationRuntime extends FactoryEntity<DataFactoryIntegrationRuntimeSelfHosted> {
  constructor(
    name: string,
    resource: DataFactoryIntegrationRuntimeSelfHosted,
    private readonly scope: Construct,
  ) {
    super(name, resource);
  }

  /** The key that registers a node (sensitive; wire it into a secret store, never into plain text). */
  public get primaryAuthorizationKey(): string {
    return this.resource.primaryAuthorizationKey;
  }

  /**
   * A sensitive Terraform output named `id` holding the primary registration key, read once on
   * the on-premises machine with `terraform output -raw <id>` (cdktf: `cdktf output`).
   */
  public authorizationKeyOutput(id: string): TerraformOutput {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(id)) {
      invalid(this.scope, {
        field: "output id",
        value: id,
        rule: "is not a Terraform output name",
        fix: "use letters, digits, '_' and '-', starting with a letter or '_'",
      });
    }
    return new TerraformOutput(this.scope, id, {
      value: this.resource.primaryAuthorizationKey,
      sensitive: true,
      staticId: true,
      description: `Registration key of the self-hosted integration runtime "${this.name}"`,
    });
  }
}
