import { Construct } from "constructs";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { SynapseSqlPool } from "@cdktf/provider-azurerm/lib/synapse-sql-pool";
import { DiagnosticsOptions, addDiagnostics } from "../core/diagnostics";
import { SqlPoolSku, validateSqlPoolName, validateSqlPoolSku } from "./validation";

/** Options of a dedicated SQL pool; used by `SynapseWorkspace.addSqlPool`. */
export interface DedicatedSqlPoolOptions {
  /** Performance level. @default "DW100c" */
  readonly sku?: SqlPoolSku;
  /**
   * Backup storage; `GRS` also keeps geo-backups in the paired region.
   * @default "LRS" in dev, "GRS" where the profile replicates beyond LRS (prod)
   */
  readonly storageAccountType?: "LRS" | "GRS";
  /** Transparent data encryption. @default true */
  readonly dataEncrypted?: boolean;
  /** @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface DedicatedSqlPoolProps extends DedicatedSqlPoolOptions {
  /** Pool name (1-60 characters, no hyphens). */
  readonly name: string;
  /** Resource id of the workspace the pool belongs to. */
  readonly synapseWorkspaceId: string;
  /** @default "LRS" */
  readonly storageAccountType?: "LRS" | "GRS";
  /** Where its logs and metrics go; `false` opts out. @default the IntegrationContext's destination */
  readonly diagnostics?: DiagnosticsOptions | false;
}

/**
 * A dedicated SQL pool (data warehouse) in a Synapse workspace, encrypted at rest, with geo-backups
 * whenever its storage is geo-redundant. It bills while running: pause it when idle.
 */
export class DedicatedSqlPool extends Construct {
  public readonly resource: SynapseSqlPool;
  public readonly id: string;
  public readonly name: string;
  public readonly diagnostics?: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: DedicatedSqlPoolProps) {
    super(scope, id);
    validateSqlPoolName(this, props.name);
    const sku = props.sku ?? "DW100c";
    validateSqlPoolSku(this, sku);
    const storageAccountType = props.storageAccountType ?? "LRS";

    this.resource = new SynapseSqlPool(this, "Resource", {
      name: props.name,
      synapseWorkspaceId: props.synapseWorkspaceId,
      skuName: sku,
      createMode: "Default",
      storageAccountType,
      // Azure refuses geo-backups on locally redundant storage.
      geoBackupPolicyEnabled: storageAccountType === "GRS",
      dataEncrypted: props.dataEncrypted ?? true,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.diagnostics = addDiagnostics(this, "Diagnostics", this.id, props.diagnostics);
  }
}
