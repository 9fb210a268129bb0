import { IConstruct } from "constructs";
import { invalid } from "../core/errors";

/** Settings the FunctionApp writes itself; a user value would break storage, telemetry or code loading. */
const MANAGED_SETTINGS = [
  "AzureWebJobsStorage",
  "APPLICATIONINSIGHTS_CONNECTION_STRING",
  "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
  "APPINSIGHTS_INSTRUMENTATIONKEY",
  "WEBSITE_RUN_FROM_PACKAGE",
  "WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID",
  "FUNCTIONS_EXTENSION_VERSION",
  "FUNCTIONS_WORKER_RUNTIME",
  "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
  "WEBSITE_CONTENTSHARE",
];

/**
 * The app settings of one function app, sorted by name so the synthesized map does not depend on
 * the order connections were added. Each change is written to the resource through `apply`.
 */
export class AppSettings {
  private readonly values = new Map<string, string>();

  constructor(
    private readonly scope: IConstruct,
    private readonly apply: (settings: Record<string, string>) => void,
  ) {}

  /** Adds a setting a user asked for; managed names are refused. */
  public addUserSetting(name: string, value: string): void {
    if (MANAGED_SETTINGS.some((managed) => name === managed || name.startsWith(`${managed}__`))) {
      invalid(this.scope, {
        field: "app setting",
        value: name,
        rule: "is managed by the FunctionApp",
        fix: "configure host storage, Application Insights and code through the FunctionApp props instead",
      });
    }
    this.set(name, value);
  }

  /** Adds a setting; the same name with another value is an error (two connections sharing a name). */
  public set(name: string, value: string): void {
    const existing = this.values.get(name);
    if (existing !== undefined && existing !== value) {
      invalid(this.scope, {
        field: "app setting",
        value: name,
        rule: "is already set to a different value",
        fix: "give each connection its own name, and set each app setting once",
      });
    }
    this.values.set(name, value);
    this.apply(this.toRecord());
  }

  public names(): string[] {
    return [...this.values.keys()];
  }

  public toRecord(): Record<string, string> {
    return Object.fromEntries([...this.values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
