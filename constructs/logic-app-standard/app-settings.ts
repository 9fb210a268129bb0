import { IConstruct } from "constructs";
import { invalid } from "../core/errors";

/**
 * Settings the provider or the construct owns. azurerm writes the first six from resource
 * attributes (azurerm @v4.55.0: internal/services/logic/logic_app_standard_resource.go,
 * getBasicLogicAppSettings) and reads WEBSITE_VNET_ROUTE_ALL into `vnet_route_all_enabled`.
 */
export const MANAGED_SETTINGS = [
  "AzureWebJobsStorage",
  "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
  "WEBSITE_CONTENTSHARE",
  "FUNCTIONS_EXTENSION_VERSION",
  "APP_KIND",
  "AzureFunctionsJobHost__extensionBundle",
  "WEBSITE_VNET_ROUTE_ALL",
  "WEBSITE_CONTENTOVERVNET",
  "WEBSITE_RUN_FROM_PACKAGE",
  "WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID",
  "FUNCTIONS_WORKER_RUNTIME",
  "APPLICATIONINSIGHTS_CONNECTION_STRING",
  "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
  "APPINSIGHTS_INSTRUMENTATIONKEY",
];

/** The app settings of one Standard app, sorted by name; each change is written through `apply`. */
export class StandardAppSettings {
  private readonly values = new Map<string, string>();

  constructor(private readonly scope: IConstruct, private readonly apply: (settings: Record<string, string>) => void) {}

  /** A setting a user asked for; managed names are refused. */
  public addUserSetting(name: string, value: string): void {
    if (MANAGED_SETTINGS.some((managed) => name === managed || name.startsWith(`${managed}__`))) {
      invalid(this.scope, {
        field: "app setting",
        value: name,
        rule: "is managed by the LogicAppStandard (host storage, package, runtime or telemetry)",
        fix: "configure storage, workflows and Application Insights through the construct's props instead",
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
        fix: "give each connection and workflow parameter its own name, and set each app setting once",
      });
    }
    this.values.set(name, value);
    this.apply(this.toRecord());
  }

  public toRecord(): Record<string, string> {
    return Object.fromEntries([...this.values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
