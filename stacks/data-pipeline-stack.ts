import { Construct } from "constructs";
import { Environment } from "../config/environment";
import { DataPipeline } from "../patterns/data-pipeline";
import { PatternStack } from "./pattern-stack";

/**
 * The example sources of the reference deployment. Replace them with yours: the on-premises server
 * as the self-hosted runtime's machine resolves it, and the API the factory pulls changes from.
 */
const SOURCES = {
  onPremises: { server: "sql01.corp.contoso.example", database: "Sales", userName: "adf_reader" },
  api: {
    url: "https://api.example.com",
    resourcePath: "v1/customers",
    // A literal go-live date, never "now": windows from it on run once each, and changing it re-creates the trigger.
    windowStartTime: "2026-12-01T00:00:00Z",
    windowHours: 24,
  },
} as const;

/** Data pipeline: on-premises and cloud sources → Data Factory → Synapse, Data Lake and Cosmos DB. */
export class DataPipelineStack extends PatternStack {
  public readonly dataPipeline: DataPipeline;

  constructor(scope: Construct, environment: Environment) {
    super(scope, "data-pipeline", environment);
    // azurerm registers Microsoft.DataFactory and Microsoft.EventGrid (the blob-event trigger) by
    // default, but no registration set holds Microsoft.Synapse (azurerm @v4.55.0:internal/resourceproviders/required.go).
    this.provider.resourceProvidersToRegister = ["Microsoft.Synapse"];
    this.dataPipeline = new DataPipeline(this, "DataPipeline", {
      alerts: { actionGroupId: this.actionGroup?.id },
      disasterRecovery: environment.disasterRecovery,
      administrator: environment.databaseAdministrators,
      onPremises: SOURCES.onPremises,
      api: SOURCES.api,
    });
  }
}
