import { ManagedSettings } from "../core/app-settings";

/** Settings the FunctionApp writes itself; a user value would break storage, telemetry or code loading. */
export const FUNCTION_APP_SETTINGS: ManagedSettings = {
  names: [
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
  ],
  rule: "is managed by the FunctionApp",
  fix: "configure host storage, Application Insights and code through the FunctionApp props instead",
  sharers: "connection",
};
