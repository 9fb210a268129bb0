import { Construct } from "constructs";
import * as fs from "fs";
import { Annotations } from "cdktf";
import { ApiManagementBackend } from "@cdktf/provider-azurerm/lib/api-management-backend";
import { ApiManagementNamedValue } from "@cdktf/provider-azurerm/lib/api-management-named-value";
import { ApiManagementSubscription } from "@cdktf/provider-azurerm/lib/api-management-subscription";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ApiManagement, ApiManagementSubnet, ApimApi, ApimProduct, IApiManagement } from "../../constructs/api-management";
import { IntegrationContext, recordHole, resolveDisasterRecovery, ResolvedContext, withGeoBackups } from "../../constructs/core";
import { ApiManagementIngress } from "../../constructs/application-gateway";
import { LogicAppWorkflow } from "../../constructs/logic-app";
import { LogicAppStandard, SqlConnectionTarget } from "../../constructs/logic-app-standard";
import { Alerts } from "../../constructs/monitoring";
import { ISqlDatabase, SqlDatabase, SqlDeployScript } from "../../constructs/sql";

import { ApiRegistration } from "./api-registration";
import { addBackends, addNamedValues, publishApi } from "./orders-api";
import { apiManagementAddresses, createApiManagement, GatewayService } from "./gateway";
import type { ApiGatewayProps } from "./props";
import { allowManagedConnectors, ManagedConnectorFirewall } from "./sql-access";
import { checkWorkflowHostProps, validateProps } from "./validation";
import { createConsumptionWorkflows, createWorkflowApp } from "./workflows";
import { API_GATEWAY_WORKLOADS } from "./workloads";

// Recorded only for Consumption workflows (dev): on Standard (prod) the built-in connector uses the private endpoint.
const SQL_PUBLIC_ACCESS_REASON =
  "Consumption Logic Apps reach Azure SQL only through the multi-tenant managed SQL connector, which cannot use private endpoints, " +
  "and these workflows stay Consumption because API Management calls their request triggers by the signed callback URL azurerm " +
  "reads only for Consumption; the firewall admits only the region's AzureConnectors ranges and every other client uses the private endpoint.";

/**
 * API gateway (Azure reference architecture "Basic enterprise integration"): clients call API
 * Management, which checks the subscription key and an Entra ID token, rate-limits per
 * subscription and forwards each operation to a Logic Apps workflow; the workflows read and write
 * an Azure SQL database through a managed-identity SQL connection with parameterized queries.
 *
 * Deploys an "orders" API (from `workloads/apim/orders-api.openapi.json`, policy
 * `workloads/apim/orders-api.xml`), a "partners" product with one subscription, the named values
 * and backends the policy uses, the workflows `get-order` and `create-order`, and the database.
 * The orders table and the workflows' database users are created during apply when the deployer
 * can reach the server ({@link sqlSetup}); the API's Entra app registration too, unless the
 * audience is yours ({@link apiRegistration}). README.md lists what stays manual.
 */
export class ApiGateway extends Construct {
  /** The alerts on the pattern's failure signals; undefined with `alerts: false`. */
  public readonly alerts: Alerts | undefined;
  /** The paired region (`disasterRecovery`), normalized; undefined without disaster recovery. */
  public readonly pairedLocation?: string;
  /** The service the API lives on (created or existing). */
  public readonly apiManagement: IApiManagement;
  /** The created service; undefined with `existingApiManagement`. */
  public readonly service?: ApiManagement;
  /** The subnet, NSG and rules of an Internal-mode service (default in prod). */
  public readonly apiManagementSubnet?: ApiManagementSubnet;
  /** The Standard public IP of an injected service created here. */
  public readonly publicIp?: PublicIp;
  /** The Application Gateway and DNS records in front of an Internal-mode service (default in prod). */
  public readonly ingress?: ApiManagementIngress;
  /**
   * The URL partners call: the Application Gateway's with {@link ingress}, else the created service's gateway
   * URL (for an Internal service without ingress it only resolves inside the VNet; "" for an existing service).
   */
  public readonly partnerUrl: string;
  /** Monitoring Metrics Publisher for the service on the Application Insights component. */
  public readonly metricsPublisherGrant?: RoleAssignment;
  public readonly api: ApimApi;
  public readonly product: ApimProduct;
  /** The product's subscription; its keys stay in Terraform state (sensitive). */
  public readonly subscription: ApiManagementSubscription;
  /** The named values the policy reads, by policy name (`jwt-issuer`, `jwt-audience`, ...); the backends' query values are on the service. */
  public readonly namedValues: Readonly<Record<string, ApiManagementNamedValue>>;
  /** Backend "orders-workflow": the get-order trigger's invoke URL (its query is rebuilt in the policy from named values). */
  public readonly getOrderBackend: ApiManagementBackend;
  /** Backend "create-order-workflow": the create-order trigger's invoke URL (query rebuilt in the policy). */
  public readonly createOrderBackend: ApiManagementBackend;
  /** Where the workflows run (see {@link ApiGatewayProps.workflowHost}). */
  public readonly workflowHost: "consumption" | "standard";
  /** get-order on Consumption; undefined on Standard (see {@link workflowApp}). */
  public readonly getOrderWorkflow?: LogicAppWorkflow;
  /** create-order on Consumption; undefined on Standard. */
  public readonly createOrderWorkflow?: LogicAppWorkflow;
  /** The Standard app running `get-order` and `create-order` (`workflowHost: "standard"`). */
  public readonly workflowApp?: LogicAppStandard;
  /** The created database; undefined with `existingSqlDatabase`. */
  public readonly database?: SqlDatabase;
  /** Firewall rules admitting the region's managed connectors to the created server. */
  public readonly connectorFirewall?: ManagedConnectorFirewall;
  /** Host name of the SQL server the workflows query. */
  public readonly sqlServerFqdn: string;
  /** Name of the database the workflows query. */
  public readonly sqlDatabaseName: string;
  /** Ranges admitted at the Consumption workflows' request triggers; empty on Standard (reached by its private endpoint). */
  public readonly allowedCallerIpRanges: readonly string[];
  /** The API's app registration; undefined when `jwt.audience` names your own. */
  public readonly apiRegistration?: ApiRegistration;
  /** The token audience `validate-jwt` checks. */
  public readonly jwtAudience: string;
  /** The table DDL and the grants, run during apply; undefined when they are left to you. */
  public readonly sqlSetup?: SqlDeployScript;

  private readonly context: ResolvedContext;
  private readonly existingDatabase?: ISqlDatabase;

  constructor(scope: Construct, id: string, props: ApiGatewayProps) {
    super(scope, id);
    this.context = IntegrationContext.of(this);
    validateProps(this, props);
    this.pairedLocation = resolveDisasterRecovery(this, props.disasterRecovery, IntegrationContext.resourceGroup(this, undefined).location);
    ({
      apiManagement: this.apiManagement,
      service: this.service,
      subnet: this.apiManagementSubnet,
      publicIp: this.publicIp,
      ingress: this.ingress,
      metricsPublisherGrant: this.metricsPublisherGrant,
    } = this.createGateway(props));
    this.partnerUrl = this.ingress?.url ?? this.service?.gatewayUrl ?? "";
    this.workflowHost = this.chooseWorkflowHost(props);
    this.allowedCallerIpRanges = this.workflowHost === "consumption" ? this.callerRanges(props) : [];
    ({
      database: this.database,
      existing: this.existingDatabase,
      serverFqdn: this.sqlServerFqdn,
      databaseName: this.sqlDatabaseName,
      connectorFirewall: this.connectorFirewall,
    } = this.createOrdersDatabase(props));
    // The workflows: request triggers (callable from API Management only), SQL by managed identity.
    if (this.workflowHost === "consumption") {
      ({ getOrder: this.getOrderWorkflow, createOrder: this.createOrderWorkflow } = createConsumptionWorkflows(this, props, this.ordersTarget()));
    } else {
      this.workflowApp = createWorkflowApp(this, props, this.ordersTarget());
    }
    // The table and the workflows' database users, in the same apply when the deployer can reach the server.
    if (this.database) this.sqlSetup = this.addSqlSetup(this.database, props.sqlSetupAtDeploy);
    ({ registration: this.apiRegistration, audience: this.jwtAudience } = this.registerApi(props));
    this.namedValues = addNamedValues(this, props);
    ({ getOrder: this.getOrderBackend, createOrder: this.createOrderBackend } = addBackends(this));
    ({ api: this.api, product: this.product, subscription: this.subscription } = publishApi(this, props));
    // Last, so it finds every alertable resource of the pattern (see the README's "Alerts").
    this.alerts = props.alerts === false ? undefined : new Alerts(this, "Alerts", props.alerts).watch(this);
  }

  /**
   * The T-SQL that creates the workflows' database users (`FROM EXTERNAL PROVIDER`) and adds them
   * to their roles: get-order reads (db_datareader), create-order writes (db_datareader +
   * db_datawriter). Runs during apply ({@link sqlSetup}) or, without it, by hand as the Entra administrator.
   */
  public grantScript(): string {
    return this.ordersTarget().userScript();
  }

  /** The orders table's DDL (`workloads/sql/orders-schema.sql`) followed by {@link grantScript}: what {@link sqlSetup} runs. */
  public sqlSetupScript(): string {
    return `${fs.readFileSync(API_GATEWAY_WORKLOADS.schemaFile, "utf8")}\n${this.grantScript()}`;
  }

  /** API Management: a new service (Developer in dev, Premium in the VNet in prod) or an existing one. */
  private createGateway(props: ApiGatewayProps): Partial<GatewayService> & { apiManagement: IApiManagement; metricsPublisherGrant?: RoleAssignment } {
    if (props.existingApiManagement) return { apiManagement: props.existingApiManagement };
    const created = createApiManagement(this, props, this.pairedLocation);
    return { ...created, apiManagement: created.service, metricsPublisherGrant: created.service.appInsightsMetricsPublisherGrant };
  }

  /** A private Standard app is reachable only from a gateway that calls from the VNet (classic injection). */
  private chooseWorkflowHost(props: ApiGatewayProps): "consumption" | "standard" {
    const networkType = this.service?.virtualNetworkType;
    const injected = networkType === "Internal" || networkType === "External";
    const host = props.workflowHost ?? (this.context.network && injected ? "standard" : "consumption");
    checkWorkflowHostProps(this, host, props);
    return host;
  }

  /** Who may call the Consumption workflows' triggers: the given ranges, else the service's addresses. */
  private callerRanges(props: ApiGatewayProps): string[] {
    return props.allowedCallerIpRanges ? [...props.allowedCallerIpRanges] : apiManagementAddresses(this, this.service, props.existingApiManagement);
  }

  /** The orders database: new (Entra-only, reachable by the managed SQL connector on Consumption) or existing. */
  private createOrdersDatabase(props: ApiGatewayProps): OrdersDatabase {
    const existing = props.existingSqlDatabase;
    if (existing) return { existing, serverFqdn: existing.fullyQualifiedDomainName, databaseName: existing.name };
    const consumption = this.workflowHost === "consumption";
    // Only Consumption's managed connector needs the public endpoint; Standard's built-in one uses the private endpoint.
    const publicNetworkAccess = props.sqlDatabaseProps?.publicNetworkAccess ?? consumption;
    const database = new SqlDatabase(this, "Orders", {
      tags: props.tags,
      ...withGeoBackups(props.sqlDatabaseProps, this.pairedLocation),
      publicNetworkAccess,
      administrator: props.sqlAdministrator,
    });
    let connectorFirewall: ManagedConnectorFirewall | undefined;
    if (publicNetworkAccess && consumption) {
      connectorFirewall = allowManagedConnectors(database, "FirewallRule-AzureConnectors", database.serverId, database.location);
      recordHole(this, database.server, SQL_PUBLIC_ACCESS_REASON, ["AzureConnectors"]);
    }
    return { database, serverFqdn: database.fullyQualifiedDomainName, databaseName: database.name, connectorFirewall };
  }

  /** The database the workflows connect to: the new one, or the existing one; its users go into {@link grantScript}. */
  private ordersTarget(): ISqlDatabase & SqlConnectionTarget {
    return (this.database ?? this.existingDatabase) as ISqlDatabase;
  }

  private addSqlSetup(database: SqlDatabase, wanted: boolean | undefined): SqlDeployScript | undefined {
    if (wanted === false) return undefined;
    const reach = database.deployerReachability();
    if (!reach.reachable && wanted === undefined) {
      Annotations.of(this).addWarning(
        `the orders table and database users are not created during deploy: ${reach.reason}. ${reach.fix}, ` +
          "or run sqlSetupScript() (workloads/sql/orders-schema.sql, then the sql-grant-script output) by hand.",
      );
      return undefined;
    }
    // The users are named after the workflows (or the Standard app), whose identities must exist in Entra first.
    const principals = this.workflowApp ? [this.workflowApp.resource] : [this.getOrderWorkflow!.resource, this.createOrderWorkflow!.resource];
    return database.addDeployScript("SqlSetup", this.sqlSetupScript(), principals);
  }

  /** Who may call: the API's app registration (created unless the audience is yours). */
  private registerApi(props: ApiGatewayProps): { registration?: ApiRegistration; audience: string } {
    const audience = props.jwt?.audience;
    if (audience !== undefined) return { audience };
    const registration = new ApiRegistration(this, "ApiRegistration", {
      ...props.apiRegistration,
      defaultDisplayName: `${this.context.namePrefix ?? "aic"}-orders-api`,
    });
    return { registration, audience: registration.clientId };
  }
}

/** The orders database the workflows query: created here, or an existing one. */
interface OrdersDatabase {
  readonly database?: SqlDatabase;
  readonly existing?: ISqlDatabase;
  readonly serverFqdn: string;
  readonly databaseName: string;
  readonly connectorFirewall?: ManagedConnectorFirewall;
}
