import { IConstruct } from "constructs";
import { invalid, isUnresolved } from "../core/errors";

/** Dedicated SQL pool performance levels Azure offers. */
export const SQL_POOL_SKUS = [
  "DW100c", "DW200c", "DW300c", "DW400c", "DW500c", "DW1000c", "DW1500c", "DW2000c",
  "DW2500c", "DW3000c", "DW5000c", "DW6000c", "DW7500c", "DW10000c", "DW15000c", "DW30000c",
] as const;

export type SqlPoolSku = (typeof SQL_POOL_SKUS)[number];

/** Synapse reserves `<workspace>-ondemand` for the serverless SQL endpoint. */
export function validateWorkspaceName(scope: IConstruct, name: string): void {
  if (!isUnresolved(name) && name.includes("-ondemand")) {
    invalid(scope, {
      field: "name",
      value: name,
      rule: 'contains "-ondemand", which Synapse reserves for the serverless SQL endpoint',
      fix: "choose a name without it",
    });
  }
}

/** SQL pool names: 1-60 characters without `< > * % & : \ / ? @ -`, not ending with '.' or a space. */
export function validateSqlPoolName(scope: IConstruct, name: string): void {
  if (isUnresolved(name)) return;
  if (!/^[^<>*%&:\\/?@-]{0,59}[^\s.<>*%&:\\/?@-]$/.test(name)) {
    invalid(scope, {
      field: "sql pool name",
      value: name,
      rule: "breaks the dedicated SQL pool naming rule",
      fix: "use 1-60 characters without < > * % & : \\ / ? @ -, not ending with '.' or a space (e.g. \"dwh_sales\")",
    });
  }
}

export function validateSqlPoolSku(scope: IConstruct, sku: string): void {
  if (isUnresolved(sku)) return;
  if (!(SQL_POOL_SKUS as readonly string[]).includes(sku)) {
    invalid(scope, {
      field: "sku",
      value: sku,
      rule: "is not a dedicated SQL pool performance level",
      fix: `use one of ${SQL_POOL_SKUS.join(", ")}`,
    });
  }
}

/** azurerm's rule for `sql_administrator_login` (azurerm @v4.55.0:internal/services/synapse/validate/sql_administrator_login_name.go). */
export function validateSqlAdministratorLogin(scope: IConstruct, login: string): void {
  if (isUnresolved(login)) return;
  if (!/^[a-zA-Z][a-zA-Z\d-]{0,127}$/.test(login)) {
    invalid(scope, {
      field: "sqlAdministratorLogin",
      value: login,
      rule: "breaks azurerm's SQL administrator login rule",
      fix: 'use 1-128 letters, digits and hyphens starting with a letter, e.g. "sqladminuser"',
    });
  }
}
