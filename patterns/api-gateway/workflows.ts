// The API gateway's workflows: get-order and create-order as two Consumption workflows (dev) or on one Standard app (prod).
import { LogicAppWorkflow } from "../../constructs/logic-app";
import { LogicAppStandard, SqlConnectionTarget } from "../../constructs/logic-app-standard";
import type { ApiGateway } from "./api-gateway";
import type { ApiGatewayProps } from "./props";
import { API_GATEWAY_NAMES, API_GATEWAY_WORKLOADS } from "./workloads";

/**
 * Request triggers callable from API Management only (the gateway's ranges), SQL by managed identity: get-order reads,
 * create-order writes (`orders` records the database users' roles).
 */
export function createConsumptionWorkflows(gateway: ApiGateway, props: ApiGatewayProps, orders: SqlConnectionTarget) {
  const sqlParameters = { sqlServer: gateway.sqlServerFqdn, sqlDatabase: gateway.sqlDatabaseName };
  const workflowProps = { parameterValues: sqlParameters, allowedCallerIpRanges: gateway.allowedCallerIpRanges, tags: props.tags };
  const files = { getOrder: API_GATEWAY_WORKLOADS.getOrderWorkflowFile, createOrder: API_GATEWAY_WORKLOADS.createOrderWorkflowFile };
  const getOrder = new LogicAppWorkflow(gateway, "GetOrder", { ...workflowProps, definitionFile: files.getOrder });
  const createOrder = new LogicAppWorkflow(gateway, "CreateOrder", { ...workflowProps, definitionFile: files.createOrder });
  for (const workflow of [getOrder, createOrder]) {
    workflow.addConnection(API_GATEWAY_NAMES.sqlConnection, { api: "sql", managedIdentity: true, target: gateway.sqlServerFqdn });
  }
  // A Consumption workflow's system identity is named after the workflow.
  orders.addDatabaseUser(workflowName(getOrder), { roles: ["db_datareader"] });
  orders.addDatabaseUser(workflowName(createOrder), { roles: ["db_datareader", "db_datawriter"] });
  return { getOrder, createOrder };
}

/**
 * Both workflows on one VNet-integrated Standard app, from their Standard files: one built-in SQL connection with the
 * app's system identity (Learn, SQL Server built-in connector: https://learn.microsoft.com/azure/logic-apps/connectors/built-in/reference/sql/).
 * One identity serves both workflows, so its database user gets create-order's roles (db_datareader + db_datawriter).
 */
export function createWorkflowApp(gateway: ApiGateway, props: ApiGatewayProps, orders: SqlConnectionTarget): LogicAppStandard {
  const app = new LogicAppStandard(gateway, "Workflows", {
    tags: props.tags,
    ...props.workflowAppProps,
    workflows: {
      [API_GATEWAY_NAMES.getOrderWorkflow]: { definitionFile: API_GATEWAY_WORKLOADS.getOrderStandardWorkflowFile },
      [API_GATEWAY_NAMES.createOrderWorkflow]: { definitionFile: API_GATEWAY_WORKLOADS.createOrderStandardWorkflowFile },
    },
  });
  app.connectSql(API_GATEWAY_NAMES.sqlConnection, orders, "write");
  return app;
}

/** The database user of a workflow's system identity (its literal name); an error when the name is a token. */
function workflowName(workflow: LogicAppWorkflow): string {
  return workflow.sqlPrincipalName;
}
