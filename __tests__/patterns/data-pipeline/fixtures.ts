import { TerraformStack } from "cdktf";
import { IntegrationContextProps } from "../../../constructs/core/context";
import { DataPipeline, DataPipelineProps } from "../../../patterns/data-pipeline";
import { PROD_CONTEXT, makeStack, withProvider } from "../../helpers";

export const ADMIN = { login: "sg-integration-dba", objectId: "11111111-1111-1111-1111-111111111111" };

/** Pattern props as the stack passes them, with the REST API. */
export const PROPS: DataPipelineProps = {
  administrator: ADMIN,
  onPremises: { server: "sql01.corp.contoso.example", database: "Sales", userName: "adf_reader" },
  api: { url: "https://api.example.com", resourcePath: "v1/customers", windowStartTime: "2026-12-01T00:00:00Z" },
};

export type Profile = "dev" | "prod";

export const CONTEXTS: Readonly<Record<Profile, IntegrationContextProps>> = {
  dev: { profile: "dev", diagnostics: { logAnalyticsWorkspaceId: "/ws" } },
  prod: PROD_CONTEXT,
};

/** A stack (with the azurerm provider, for validations) holding one DataPipeline. */
export function pipelineStack(profile: Profile = "dev", props: Partial<DataPipelineProps> = {}): { stack: TerraformStack; pattern: DataPipeline } {
  const stack = withProvider(makeStack(CONTEXTS[profile]));
  const pattern = new DataPipeline(stack, "DataPipeline", { ...PROPS, ...props });
  return { stack, pattern };
}
