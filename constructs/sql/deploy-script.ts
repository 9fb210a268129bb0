import { createHash } from "crypto";
import { Construct } from "constructs";
import { DataResource, ITerraformDependable } from "cdktf";
import { MssqlFirewallRule } from "@cdktf/provider-azurerm/lib/mssql-firewall-rule";
import { Deployer, DeployerPosition } from "../core/deployer";
import { terraformData } from "../core/terraform-data";
import { NetworkPath, networkPath } from "../core/deploy-time";
import { invalid } from "../core/errors";
import { ipRangesOf } from "../core/ip-range";

/** Where the T-SQL runs and what it must wait for. */
export interface SqlDeployScriptProps {
  /** Host name of the logical server. */
  readonly serverFqdn: string;
  /** Resource id of the server: a new server (another id) runs the script again. */
  readonly serverId: string;
  /** The database the script runs in (not `master`). */
  readonly databaseName: string;
  /** T-SQL, re-runnable: it runs on every change of its text. `GO` separates batches. */
  readonly script: string;
  /** The deploying principal and its network position (see `deployerOf`). */
  readonly deployer: Deployer;
  /** Firewall rules for a public deployer's egress ranges are created here. */
  readonly firewall: { readonly serverId: string; readonly publicNetworkAccess: boolean };
  /** The server's private endpoint, which a private deployer goes through. @default none */
  readonly privateEndpoint?: ITerraformDependable;
  /** What must exist first: the server and database, and every identity the script names. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** Whether the deployer can reach a server at deploy time, and if not why and what to do. */
export type SqlReachability = NetworkPath;

/**
 * Whether a `terraform apply` run by `deployer` can open a connection to the server: a private
 * deployer through the server's private endpoint, a public one through the firewall rules the
 * deploy script adds for its egress ranges (SQL's firewall admits nothing else).
 */
export function sqlReachability(deployer: DeployerPosition, publicNetworkAccess: boolean, hasPrivateEndpoint: boolean): SqlReachability {
  const ipRules = deployer.network === "public" ? deployer.egressIpRanges : [];
  const path = networkPath(deployer, { publicNetworkAccess, defaultAction: "Deny", ipRules, privateEndpoint: hasPrivateEndpoint });
  return path.reachable ? path : { ...path, reason: `the server ${path.reason}` };
}

/**
 * The shell command of the `local-exec` provisioner. sqlcmd (Go) signs in with
 * `ActiveDirectoryDefault`: the Azure CLI login, a workload identity or the environment's
 * service principal, never a password (learn.microsoft.com/sql/tools/sqlcmd/sqlcmd-authentication).
 * Retries cover identities created moments before, which Entra has not replicated yet.
 */
export const SQLCMD_COMMAND = [
  "set -eu",
  'command -v sqlcmd >/dev/null || { echo "sqlcmd (go-sqlcmd) must be on the PATH of the machine running terraform apply" >&2; exit 1; }',
  'script_file="$(mktemp)"',
  "trap 'rm -f \"$script_file\"' EXIT",
  'printf \'%s\\n\' "$SQL_SCRIPT" > "$script_file"',
  "attempt=1",
  'until sqlcmd -S "tcp:$SQL_SERVER,1433" -d "$SQL_DATABASE" --authentication-method ActiveDirectoryDefault -b -l 60 -i "$script_file"; do',
  '  [ "$attempt" -ge 5 ] && exit 1',
  '  echo "sqlcmd failed (attempt $attempt of 5); retrying in 30 s" >&2',
  "  attempt=$((attempt + 1))",
  "  sleep 30",
  "done",
].join("\n");

/**
 * T-SQL run by `terraform apply` in one database: a `terraform_data` whose `local-exec`
 * provisioner runs sqlcmd as the deploying principal, which must be the server's Entra
 * administrator (or a member of its group). azurerm has no T-SQL resource and no prebuilt cdktf
 * binding of a SQL provider exists, so this is the in-apply path. The script runs again when its
 * text, the server or the database changes; it must be idempotent (`IF NOT EXISTS`).
 *
 * Prerequisites on the machine running apply: a POSIX shell and go-sqlcmd on the PATH, signed in
 * to Entra (e.g. `az login`), and a network path: firewall rules are created here for a public
 * deployer's egress ranges; a private deployer goes through the server's private endpoint.
 */
export class SqlDeployScript extends Construct {
  /** The `terraform_data` resource carrying the provisioner. */
  public readonly resource: DataResource;
  /** Firewall rules admitting a public deployer's egress ranges. */
  public readonly firewallRules: readonly MssqlFirewallRule[];

  constructor(scope: Construct, id: string, props: SqlDeployScriptProps) {
    super(scope, id);
    const reach = sqlReachability(props.deployer, props.firewall.publicNetworkAccess, props.privateEndpoint !== undefined);
    if (!reach.reachable)
      invalid(this, { field: "deployer", value: props.deployer.network, rule: `cannot reach the SQL server: ${reach.reason}`, fix: reach.fix });
    if (props.script.trim() === "") invalid(this, { field: "script", rule: "is empty", fix: "pass the T-SQL to run" });

    this.firewallRules =
      props.deployer.network === "public"
        ? ipRangesOf(this, props.deployer.egressIpRanges).map(
            (range) =>
              new MssqlFirewallRule(this, `FirewallRule-${range.name}`, {
                name: `deployer-${range.name.replace(/^allow-/, "")}`,
                serverId: props.firewall.serverId,
                startIpAddress: range.startIpAddress,
                endIpAddress: range.endIpAddress,
              })
          )
        : [];

    this.resource = terraformData(this, "Resource", {
      // A new server or database, or new text, replaces the resource and so runs the script again.
      triggersReplace: {
        server: props.serverId,
        database: props.databaseName,
        script_sha256: createHash("sha256").update(props.script).digest("hex"),
      },
      dependsOn: [...props.dependsOn, ...this.firewallRules, ...(props.privateEndpoint ? [props.privateEndpoint] : [])],
      provisioners: [
        {
          type: "local-exec",
          // Explicit, so a runner without a POSIX shell fails at once instead of in cmd.exe.
          interpreter: ["/bin/sh", "-c"],
          command: SQLCMD_COMMAND,
          environment: { SQL_SERVER: props.serverFqdn, SQL_DATABASE: props.databaseName, SQL_SCRIPT: escapeTemplate(props.script) },
        },
      ],
    });
  }
}

/** Terraform reads `${` and `%{` in strings as template syntax; T-SQL must reach sqlcmd as written. */
function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}
