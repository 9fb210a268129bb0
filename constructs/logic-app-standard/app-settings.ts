import { ManagedSettings } from "../core/app-settings";

/**
 * Settings the provider or the construct owns. azurerm writes the first six from resource
 * attributes (azurerm @v4.55.0: internal/services/logic/logic_app_standard_resource.go,
 * getBasicLogicAppSettings) and reads WEBSITE_VNET_ROUTE_ALL into `vnet_route_all_enabled`.
 */
export const LOGIC_APP_STANDARD_SETTINGS: ManagedSettings = {
  names: [
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
  ],
  rule: "is managed by the LogicAppStandard (host storage, package, runtime or telemetry)",
  fix: "configure storage, workflows and Application Insights through the construct's props instead",
  sharers: "connection and workflow parameter",
};
