import * as path from "path";

const WORKLOADS = path.resolve(__dirname, "../../workloads");

/** The workload files the ApiGateway pattern deploys, and the names that tie them together. */
export const API_GATEWAY_WORKLOADS = {
  /** OpenAPI 3 document of the "orders" API. */
  openApiFile: path.join(WORKLOADS, "apim/orders-api.openapi.json"),
  /** API-level policy: rate limit, health, validate-jwt, routing to the workflows. */
  policyFile: path.join(WORKLOADS, "apim/orders-api.xml"),
  /** GET /orders/{id}: reads one order by a parameterized query. */
  getOrderWorkflowFile: path.join(WORKLOADS, "logic-apps/get-order.workflow.json"),
  /** POST /orders: inserts an order by a parameterized statement. */
  createOrderWorkflowFile: path.join(WORKLOADS, "logic-apps/create-order.workflow.json"),
  /** get-order for Logic Apps Standard: the built-in SQL connector's executeQuery with the app's identity. */
  getOrderStandardWorkflowFile: path.join(WORKLOADS, "logic-apps/get-order.standard.workflow.json"),
  /** create-order for Logic Apps Standard. */
  createOrderStandardWorkflowFile: path.join(WORKLOADS, "logic-apps/create-order.standard.workflow.json"),
  /** DDL of dbo.Orders, re-runnable; the workflows' statements name its columns. */
  schemaFile: path.join(WORKLOADS, "sql/orders-schema.sql"),
} as const;

/** Names the policy, the OpenAPI document and the workflows share with the pattern. */
export const API_GATEWAY_NAMES = {
  api: "orders",
  product: "partners",
  /** Backend of GET /orders/{id} (`set-backend-service backend-id`). */
  getOrderBackend: "orders-workflow",
  /** Backend of POST /orders. */
  createOrderBackend: "create-order-workflow",
  /** Named values the policy reads. */
  namedValues: {
    jwtIssuer: "jwt-issuer",
    jwtAudience: "jwt-audience",
    rateLimitCalls: "orders-rate-limit-calls",
    rateLimitPeriod: "orders-rate-limit-period",
  },
  /** The `$connections` key both workflows read the SQL connection from (and the Standard app's built-in connection). */
  sqlConnection: "sql",
  /** Workflow names (folders) in the Standard app. */
  getOrderWorkflow: "get-order",
  createOrderWorkflow: "create-order",
} as const;
