import { Construct } from "constructs";
import * as fs from "fs";
import { Annotations, Fn, Token } from "cdktf";
import { ApiManagementBackend } from "@cdktf/provider-azurerm/lib/api-management-backend";
import { ApiManagementNamedValue } from "@cdktf/provider-azurerm/lib/api-management-named-value";
import { ApiManagementSubscription } from "@cdktf/provider-azurerm/lib/api-management-subscription";
import { DataAzurermApiManagement } from "@cdktf/provider-azurerm/lib/data-azurerm-api-management";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import {
  AdditionalLocationOptions,
  ApiManagement,
  ApiManagementSubnet,
  ApiManagementTier,
  ApimApi,
  ApimProduct,
  IApiManagement,
  VirtualNetworkOptions,
} from "../../constructs/api-management";
import {
  clientConfig,
  DisasterRecoveryOptions,
  IntegrationContext,
  invalid,
  isUnresolved,
  recordHole,
  resolveDisasterRecovery,
  ResolvedContext,
  withGeoBackups,
} from "../../constructs/core";
import { ApiManagementIngress, ApiManagementIngressOptions } from "../../constructs/application-gateway";
import { LogicAppWorkflow } from "../../constructs/logic-app";
import { LogicAppStandard, LogicAppStandardProps, SqlConnectionTarget } from "../../constructs/logic-app-standard";
import { Alerts, AlertsProps, Monitoring } from "../../constructs/monitoring";
import { Network } from "../../constructs/network";
import { EntraAdministrator, renderGrantScript, SqlDatabase, SqlDatabaseGrant, SqlDatabaseProps, SqlDeployScript } from "../../constructs/sql";

import { ApiRegistration, ApiRegistrationOptions } from "./api-registration";
import { allowManagedConnectors, ManagedConnectorFirewall } from "./sql-access";
import { API_GATEWAY_NAMES, API_GATEWAY_WORKLOADS } from "./workloads";

/** Who may call the API: the access tokens `validate-jwt` accepts. */
export interface ApiGatewayJwtOptions {
  /**
   * Token issuer (`iss`), also the base of the OpenID Connect discovery document
   * (`<issuer>/.well-known/openid-configuration`), so it has no trailing '/'.
   * @default the deploying tenant's Entra ID v2.0 issuer, `https://login.microsoftonline.com/<tenant id>/v2.0`
   */
  readonly issuer?: string;
  /**
   * Token audience (`aud`): the application ID URI or client id of an API app registration you
   * manage. Not together with `apiRegistration`.
   * @default the client id of the app registration the pattern creates (v2.0 tokens carry it as `aud`)
   */
  readonly audience?: string;
}

/** Calls per subscription (or per caller IP when a call has none) in a sliding window. */
export interface ApiGatewayRateLimit {
  /** @default 100 */
  readonly calls?: number;
  /** Window length in seconds. @default 60 */
  readonly renewalPeriodSeconds?: number;
}

/** An orders database that exists outside this app; its firewall and users are managed where it lives. */
export interface ExistingOrdersDatabase {
  /** Host name of the logical server, e.g. `sql-orders.database.windows.net`. */
  readonly serverFqdn: string;
  /** Database name (literal: it also appears in the grant script). */
  readonly databaseName: string;
}

export interface ApiGatewayProps {
  /** API publisher shown in the developer portal (1-100 characters). Required unless `existingApiManagement`. @default none */
  readonly publisherName?: string;
  /** Address for API Management's notifications. Required unless `existingApiManagement`. @default none */
  readonly publisherEmail?: string;
  /** API Management tier. @default "Developer" in dev, "Premium" in prod */
  readonly apiManagementSku?: ApiManagementTier;
  /**
   * The subnet the service is injected into; `false` for none.
   * @default in prod, when the IntegrationContext's network is a {@link Network} and the tier is
   * Developer or Premium: Internal mode in a new subnet `apiManagement` with its NSG and a Standard
   * public IP (the private path the policy pack asks for, AIC-APIM-004); otherwise none
   */
  readonly apiManagementVirtualNetwork?: VirtualNetworkOptions | false;
  /** Range of the subnet created for Internal mode. @default the third /24 of the network's first address space */
  readonly apiManagementSubnetPrefix?: string;
  /**
   * How partners reach the Internal-mode service: an Application Gateway WAF_v2 in front of it and
   * the private DNS records of its host names (`ApiManagementIngress`); `false` for none (bring your
   * own ingress). Only with the Internal-mode subnet the pattern creates.
   * @default with that subnet: a gateway in the fourth /24 of the network's first address space, with
   * a self-signed certificate for its public FQDN in a new Key Vault; otherwise none
   */
  readonly ingress?: ApiManagementIngressOptions | false;
  /**
   * Where API Management sends request telemetry (an Application Insights logger authenticating
   * with the service's system identity, and a diagnostic); that identity is granted Monitoring
   * Metrics Publisher on the component.
   * @default no Application Insights logger (gateway logs still go to Log Analytics)
   */
  readonly monitoring?: Monitoring;
  /**
   * An API Management service to add the API, product, named values and backends to, e.g. a
   * platform team's (`ApiManagement.fromName`). Not together with the props that shape a new service.
   * @default a new service
   */
  readonly existingApiManagement?: IApiManagement;
  /** URL segment of the API after the gateway host. @default "api" (operations at /api/orders, /api/health) */
  readonly apiPath?: string;
  /** The bearer tokens the API accepts. @default the deploying tenant's v2.0 issuer and the created app registration */
  readonly jwt?: ApiGatewayJwtOptions;
  /**
   * The Entra ID app registration of the API, created unless `jwt.audience` names your own
   * (needs the azuread provider in the stack and a deployer allowed to create applications).
   * @default created with its defaults when `jwt.audience` is not set
   */
  readonly apiRegistration?: ApiRegistrationOptions;
  /**
   * Create the orders table and the workflows' database users during `terraform apply` (sqlcmd as
   * the deploying principal, which must be the server's Entra administrator).
   * @default true when the deployer can reach the new server (`SqlDatabase.deployerReachability`);
   * otherwise only the scripts are rendered (`sqlSetupScript()`) and a synth warning names the fix
   */
  readonly sqlSetupAtDeploy?: boolean;
  /** Throttling per subscription. @default 100 calls per 60 seconds */
  readonly rateLimit?: ApiGatewayRateLimit;
  /** Name of the subscription created on the "partners" product. @default "partners-default" */
  readonly subscriptionName?: string;
  /**
   * Addresses that may call the Consumption workflows' request triggers (`workflowHost: "consumption"`).
   * @default the API Management service's public IP addresses (looked up for an existing service)
   */
  readonly allowedCallerIpRanges?: readonly string[];
  /**
   * Where the two workflows run: `"consumption"` (two LogicAppWorkflows whose managed SQL connector reaches the server
   * only over its public endpoint, so it admits the region's AzureConnectors ranges) or `"standard"` (one VNet-integrated
   * LogicAppStandard, `Workflows`, whose built-in SQL connection uses the private endpoint: the server's public access
   * stays off). API Management calls the Standard triggers through the app's private endpoint, with the signature the
   * deployer writes into a secret named value during the apply (see the README's "Trigger authentication").
   * @default "standard" when the IntegrationContext has a network (prod) and the pattern's API Management service is
   * VNet-injected (it reaches the app's private endpoint); otherwise "consumption"
   */
  readonly workflowHost?: "consumption" | "standard";
  /** Props of the Standard app (`workflowHost: "standard"`). @default the LogicAppStandard defaults */
  readonly workflowAppProps?: Omit<LogicAppStandardProps, "workflows">;
  /**
   * Entra administrator of the new SQL server (no SQL logins exist). Not with `existingSqlDatabase`.
   * @default the principal running Terraform (see `SqlDatabaseProps.administrator`)
   */
  readonly sqlAdministrator?: EntraAdministrator;
  /**
   * Further settings of the new orders database.
   * @default the SqlDatabase defaults; the public endpoint on for Consumption workflows (see the README), off for Standard
   */
  readonly sqlDatabaseProps?: Omit<SqlDatabaseProps, "administrator">;
  /** An existing orders database instead of a new one. @default a new database */
  readonly existingSqlDatabase?: ExistingOrdersDatabase;
  /** Tags on every resource of the pattern, over the environment's. @default none */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Alerts on the pattern's failure signals (see the README's "Alerts"), to `actionGroupId`; `false` creates none.
   * @default on, with the default thresholds, notifying nobody until an action group is given
   */
  readonly alerts?: AlertsProps | false;
  /**
   * A second region (see the README's "Disaster recovery"): API Management's gateway in the paired
   * region (Premium outside a VNet; an injected service stays in one region, with a warning) and
   * geo-redundant backups of the orders database (geo-restore). A new service below Premium is an
   * error. Existing resources are left to their owner.
   * @default off
   */
  readonly disasterRecovery?: DisasterRecoveryOptions;
}

/** Tiers without dedicated public IP addresses to admit at the workflows' triggers. */
const NO_DEDICATED_IPS: readonly ApiManagementTier[] = ["Consumption", "BasicV2", "StandardV2", "PremiumV2"];
/** Tiers whose classic injection the default Internal-mode subnet serves. */
const CLASSIC_INJECTION: readonly ApiManagementTier[] = ["Developer", "Premium"];

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
  private readonly existingDatabase?: ExistingOrdersDatabase;
  private readonly existingGrants: SqlDatabaseGrant[] = [];

  constructor(scope: Construct, id: string, props: ApiGatewayProps) {
    super(scope, id);
    this.context = IntegrationContext.of(this);
    validateProps(this, props);
    const tags = props.tags;
    this.pairedLocation = resolveDisasterRecovery(this, props.disasterRecovery, IntegrationContext.resourceGroup(this, undefined).location);

    // API Management: a new service (Developer in dev, Premium in the VNet in prod) or an existing one.
    if (props.existingApiManagement) {
      this.apiManagement = props.existingApiManagement;
    } else {
      const sku = props.apiManagementSku ?? (this.context.profile === "prod" ? "Premium" : "Developer");
      const network = this.context.network;
      const inject = props.apiManagementVirtualNetwork === undefined && this.context.profile === "prod" && network instanceof Network && CLASSIC_INJECTION.includes(sku);
      if (props.apiManagementSubnetPrefix !== undefined && !inject) {
        invalid(this, {
          field: "apiManagementSubnetPrefix",
          value: props.apiManagementSubnetPrefix,
          rule: "is only used for the Internal-mode subnet created in prod (Developer or Premium, a Network in the IntegrationContext, no apiManagementVirtualNetwork)",
          fix: "drop it, or pass apiManagementVirtualNetwork with your own subnet instead",
        });
      }
      if (inject) {
        this.apiManagementSubnet = new ApiManagementSubnet(this, "ApiManagementSubnet", {
          network: network as Network,
          addressPrefix: props.apiManagementSubnetPrefix,
          namePrefix: this.context.namePrefix ?? "aic",
          resourceGroup: IntegrationContext.resourceGroup(this, undefined),
          location: IntegrationContext.resourceGroup(this, undefined).location,
          tags,
        });
      }
      const virtualNetwork = this.apiManagementSubnet
        ? { type: "Internal" as const, subnetId: this.apiManagementSubnet.subnetId }
        : props.apiManagementVirtualNetwork || undefined;
      this.service = new ApiManagement(this, "Gateway", {
        publisherName: props.publisherName as string,
        publisherEmail: props.publisherEmail as string,
        sku,
        virtualNetwork,
        additionalLocations: this.gatewayLocations(sku, virtualNetwork !== undefined),
        monitoring: props.monitoring?.applicationInsightsId !== undefined ? props.monitoring : undefined,
        tags,
      });
      this.apiManagement = this.service;
      if (this.apiManagementSubnet) {
        // Classic injection: a Standard public IP for management and the gateway's outbound calls.
        this.publicIp = this.apiManagementSubnet.inject(this.service);
        if (props.ingress !== false) {
          this.ingress = new ApiManagementIngress(this, "Ingress", { ...props.ingress, tags, service: this.service, network: network as Network });
        }
      } else if (props.ingress) {
        invalid(this, {
          field: "ingress",
          rule: "fronts only the Internal-mode service the pattern injects (prod, Developer or Premium, a Network in the IntegrationContext)",
          fix: "drop ingress, or let the pattern inject the service (no apiManagementVirtualNetwork)",
        });
      }
      this.metricsPublisherGrant = this.service.appInsightsMetricsPublisherGrant;
    }
    this.partnerUrl = this.ingress?.url ?? this.service?.gatewayUrl ?? "";
    // A private Standard app is reachable only from a gateway that calls from the VNet (classic injection).
    const injected = this.service?.resource.virtualNetworkTypeInput === "Internal" || this.service?.resource.virtualNetworkTypeInput === "External";
    this.workflowHost = props.workflowHost ?? (this.context.network && injected ? "standard" : "consumption");
    const consumption = this.workflowHost === "consumption";
    checkWorkflowHostProps(this, this.workflowHost, props);
    const callerRanges = () => (props.allowedCallerIpRanges ? [...props.allowedCallerIpRanges] : this.apiManagementAddresses(props));
    this.allowedCallerIpRanges = consumption ? callerRanges() : [];

    // The orders database: new (Entra-only, reachable by the managed SQL connector) or existing.
    if (props.existingSqlDatabase) {
      this.existingDatabase = props.existingSqlDatabase;
      this.sqlServerFqdn = props.existingSqlDatabase.serverFqdn;
      this.sqlDatabaseName = props.existingSqlDatabase.databaseName;
    } else {
      // Only Consumption's managed connector needs the public endpoint; Standard's built-in one uses the private endpoint.
      const publicNetworkAccess = props.sqlDatabaseProps?.publicNetworkAccess ?? consumption;
      this.database = new SqlDatabase(this, "Orders", {
        tags,
        ...withGeoBackups(props.sqlDatabaseProps, this.pairedLocation),
        publicNetworkAccess,
        administrator: props.sqlAdministrator,
      });
      this.sqlServerFqdn = this.database.fullyQualifiedDomainName;
      this.sqlDatabaseName = this.database.name;
      if (publicNetworkAccess && consumption) {
        this.connectorFirewall = allowManagedConnectors(this.database, "FirewallRule-AzureConnectors", this.database.serverId, this.database.location);
        recordHole(this, this.database.server, SQL_PUBLIC_ACCESS_REASON, ["AzureConnectors"]);
      }
    }

    // The workflows: request trigger (callable from API Management only), SQL by managed identity.
    if (consumption) {
      const sqlParameters = { sqlServer: this.sqlServerFqdn, sqlDatabase: this.sqlDatabaseName };
      const workflowProps = { parameterValues: sqlParameters, allowedCallerIpRanges: this.allowedCallerIpRanges, tags };
      const files = { getOrder: API_GATEWAY_WORKLOADS.getOrderWorkflowFile, createOrder: API_GATEWAY_WORKLOADS.createOrderWorkflowFile };
      this.getOrderWorkflow = new LogicAppWorkflow(this, "GetOrder", { ...workflowProps, definitionFile: files.getOrder });
      this.createOrderWorkflow = new LogicAppWorkflow(this, "CreateOrder", { ...workflowProps, definitionFile: files.createOrder });
      for (const workflow of [this.getOrderWorkflow, this.createOrderWorkflow]) {
        workflow.addConnection(API_GATEWAY_NAMES.sqlConnection, { api: "sql", managedIdentity: true, target: this.sqlServerFqdn });
      }
      // A Consumption workflow's system identity is named after the workflow.
      this.grantData("read", workflowName(this.getOrderWorkflow));
      this.grantData("write", workflowName(this.createOrderWorkflow));
    } else {
      this.workflowApp = this.createWorkflowApp(props, tags);
    }

    // The table and the workflows' database users, in the same apply when the deployer can reach the server.
    if (this.database) this.sqlSetup = this.addSqlSetup(this.database, props.sqlSetupAtDeploy);

    // Who may call: the API's app registration (created unless the audience is yours).
    const jwt = props.jwt ?? {};
    if (jwt.audience === undefined) {
      this.apiRegistration = new ApiRegistration(this, "ApiRegistration", {
        ...props.apiRegistration,
        defaultDisplayName: `${this.context.namePrefix ?? "aic"}-orders-api`,
      });
    }
    this.jwtAudience = jwt.audience ?? (this.apiRegistration as ApiRegistration).clientId;

    // The API, its governance and the routes to the workflows.
    const apim = this.apiManagement;
    const names = API_GATEWAY_NAMES.namedValues;
    const rateLimit = props.rateLimit ?? {};
    this.namedValues = {
      [names.jwtIssuer]: apim.addNamedValue(names.jwtIssuer, {
        value: jwt.issuer ?? `https://login.microsoftonline.com/${clientConfig(this).tenantId}/v2.0`,
      }),
      [names.jwtAudience]: apim.addNamedValue(names.jwtAudience, { value: this.jwtAudience }),
      [names.rateLimitCalls]: apim.addNamedValue(names.rateLimitCalls, { value: String(rateLimit.calls ?? 100) }),
      [names.rateLimitPeriod]: apim.addNamedValue(names.rateLimitPeriod, { value: String(rateLimit.renewalPeriodSeconds ?? 60) }),
    };
    if (this.getOrderWorkflow && this.createOrderWorkflow) {
      this.getOrderBackend = apim.addBackend(API_GATEWAY_NAMES.getOrderBackend, {
        logicApp: { callbackUrl: this.getOrderWorkflow.callbackUrl, resourceId: this.getOrderWorkflow.id },
        description: "Logic App get-order: GET /orders/{id}",
      });
      this.createOrderBackend = apim.addBackend(API_GATEWAY_NAMES.createOrderBackend, {
        logicApp: { callbackUrl: this.createOrderWorkflow.callbackUrl, resourceId: this.createOrderWorkflow.id },
        description: "Logic App create-order: POST /orders",
      });
    } else {
      // The same backend names and rewrite-uri: the policy file serves both hosts.
      const app = this.workflowApp as LogicAppStandard;
      // A new package (a new blob name) reads the signatures again; they only change with the app's keys.
      const host = { app, revision: app.deployment.blob.name };
      this.getOrderBackend = apim.addStandardWorkflowBackend(API_GATEWAY_NAMES.getOrderBackend, {
        ...host,
        workflow: API_GATEWAY_NAMES.getOrderWorkflow,
        description: "Logic App Standard get-order: GET /orders/{id}",
      });
      this.createOrderBackend = apim.addStandardWorkflowBackend(API_GATEWAY_NAMES.createOrderBackend, {
        ...host,
        workflow: API_GATEWAY_NAMES.createOrderWorkflow,
        description: "Logic App Standard create-order: POST /orders",
      });
    }
    this.api = apim.addApi(API_GATEWAY_NAMES.api, {
      path: props.apiPath ?? "api",
      displayName: "Orders",
      description: "Orders of the partner channel, served by Logic Apps over the orders database.",
      openApiFile: API_GATEWAY_WORKLOADS.openApiFile,
      policyFile: API_GATEWAY_WORKLOADS.policyFile,
      subscriptionRequired: true,
    });
    this.product = apim.addProduct(API_GATEWAY_NAMES.product, {
      displayName: "Partners",
      description: "Partner access to the orders API: a subscription key and an Entra ID token per call.",
      subscriptionRequired: true,
      // An administrator approves every partner; one subscription per developer account.
      approvalRequired: true,
      subscriptionsLimit: 1,
      apis: [this.api],
    });
    this.subscription = this.product.addSubscription(props.subscriptionName ?? "partners-default");
    // Last, so it finds every alertable resource of the pattern (see the README's "Alerts").
    this.alerts = props.alerts === false ? undefined : new Alerts(this, "Alerts", props.alerts).watch(this);
  }

  /**
   * The T-SQL that creates the workflows' database users (`FROM EXTERNAL PROVIDER`) and adds them
   * to their roles: get-order reads (db_datareader), create-order writes (db_datareader +
   * db_datawriter). Runs during apply ({@link sqlSetup}) or, without it, by hand as the Entra administrator.
   */
  public grantScript(): string {
    if (this.database) return this.database.grantScript();
    const existing = this.existingDatabase as ExistingOrdersDatabase;
    return renderGrantScript(existing.serverFqdn, existing.databaseName, this.existingGrants);
  }

  /** The orders table's DDL (`workloads/sql/orders-schema.sql`) followed by {@link grantScript}: what {@link sqlSetup} runs. */
  public sqlSetupScript(): string {
    return `${fs.readFileSync(API_GATEWAY_WORKLOADS.schemaFile, "utf8")}\n${this.grantScript()}`;
  }

  /**
   * The gateway in the paired region: Premium only (https://learn.microsoft.com/azure/api-management/api-management-howto-deploy-multi-region).
   * An injected service would need a subnet (and public IP) in a VNet of the paired region, which the pattern does not
   * build: it stays in one region, with a warning.
   */
  private gatewayLocations(sku: ApiManagementTier, inVirtualNetwork: boolean): AdditionalLocationOptions[] | undefined {
    if (this.pairedLocation === undefined) return undefined;
    if (sku !== "Premium") {
      invalid(this, {
        field: "disasterRecovery",
        value: this.pairedLocation,
        rule: `needs an API Management gateway in the paired region, which only Premium deploys, but the service is "${sku}"`,
        fix: 'use the prod profile, set apiManagementSku "Premium", or drop disasterRecovery',
      });
    }
    if (inVirtualNetwork) {
      Annotations.of(this).addWarning(
        `disasterRecovery: API Management is VNet-injected, and a gateway in ${this.pairedLocation} needs a subnet there, which this ` +
          "pattern does not create; the gateway stays in one region (see the README's Disaster recovery). " +
          "Add service.resource.additionalLocation with a subnet of your own to extend it.",
      );
      return undefined;
    }
    return [{ location: this.pairedLocation }];
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

  /**
   * Both workflows on one VNet-integrated Standard app, from their Standard files: one built-in SQL connection with the
   * app's system identity (Learn, SQL Server built-in connector: https://learn.microsoft.com/azure/logic-apps/connectors/built-in/reference/sql/).
   * One identity serves both workflows, so its database user gets create-order's roles (db_datareader + db_datawriter).
   */
  private createWorkflowApp(props: ApiGatewayProps, tags: Readonly<Record<string, string>> | undefined): LogicAppStandard {
    const app = new LogicAppStandard(this, "Workflows", {
      tags,
      ...props.workflowAppProps,
      workflows: {
        [API_GATEWAY_NAMES.getOrderWorkflow]: { definitionFile: API_GATEWAY_WORKLOADS.getOrderStandardWorkflowFile },
        [API_GATEWAY_NAMES.createOrderWorkflow]: { definitionFile: API_GATEWAY_WORKLOADS.createOrderStandardWorkflowFile },
      },
    });
    const target: SqlConnectionTarget = this.database ?? {
      fullyQualifiedDomainName: this.sqlServerFqdn,
      name: this.sqlDatabaseName,
      grantDataRead: (principalName) => this.grantData("read", principalName),
      grantDataWrite: (principalName) => this.grantData("write", principalName),
    };
    app.connectSql(API_GATEWAY_NAMES.sqlConnection, target, "write");
    return app;
  }

  private grantData(access: "read" | "write", principalName: string): void {
    if (this.database) {
      if (access === "read") this.database.grantDataRead(principalName);
      else this.database.grantDataWrite(principalName);
      return;
    }
    this.existingGrants.push({ principalName, roles: access === "read" ? ["db_datareader"] : ["db_datareader", "db_datawriter"] });
  }

  /**
   * The service's public address as a /32 range, read from the service (or, for an existing one,
   * looked up). A classic service has one public address per region and this pattern deploys one
   * region; the workflow's access control takes a list of string values, not a list token.
   */
  private apiManagementAddresses(props: ApiGatewayProps): string[] {
    const sku = this.service?.sku;
    if (sku !== undefined && NO_DEDICATED_IPS.includes(sku)) {
      invalid(this, {
        field: "allowedCallerIpRanges",
        rule: `cannot default to the service's addresses: sku "${sku}" has no dedicated public IP addresses`,
        fix: 'pass the ranges the gateway calls from, or ["0.0.0.0/0"] to rely on the callback URL\'s signature alone',
      });
    }
    const addresses = this.service
      ? this.service.publicIpAddresses
      : new DataAzurermApiManagement(this, "ExistingApiManagement", {
          name: (props.existingApiManagement as IApiManagement).serviceName,
          resourceGroupName: (props.existingApiManagement as IApiManagement).resourceGroupName,
        }).publicIpAddresses;
    // Every address the service has (one per region), each as a /32.
    return Token.asList(Fn.formatlist("%s/32", [addresses]));
  }
}

/** The literal name of a workflow (its system identity's name). */
function workflowName(workflow: LogicAppWorkflow): string {
  const name = workflow.resource.nameInput;
  if (name === undefined || isUnresolved(name)) {
    invalid(workflow, { field: "name", rule: "is known only at deploy time, so the SQL grant script cannot name the workflow's identity", fix: "pass a literal name" });
  }
  return name;
}

/** Props of the other host are a mistake: they would be silently ignored. */
function checkWorkflowHostProps(scope: Construct, host: "consumption" | "standard", props: ApiGatewayProps): void {
  const field = host === "standard" ? "allowedCallerIpRanges" : "workflowAppProps";
  if (props[field] === undefined) return;
  invalid(scope, {
    field,
    rule: host === "standard"
      ? 'shapes the Consumption workflows\' triggers, but workflowHost is "standard" (the app is reached through its private endpoint)'
      : 'shapes the Standard app, but workflowHost is "consumption"',
    fix:
      host === "standard"
        ? 'drop it (workflowAppProps.allowedIpRanges shapes the app\'s access restrictions), or set workflowHost: "consumption"'
        : 'drop it, or set workflowHost: "standard"',
  });
}

function validateProps(scope: Construct, props: ApiGatewayProps): void {
  if (props.existingApiManagement) {
    const shapingProps = [
      "publisherName",
      "publisherEmail",
      "apiManagementSku",
      "apiManagementVirtualNetwork",
      "apiManagementSubnetPrefix",
      "ingress",
      "monitoring",
    ] as const;
    const shaping = shapingProps.filter((k) => props[k] !== undefined);
    if (shaping.length > 0) {
      invalid(scope, {
        field: "existingApiManagement",
        rule: `is given together with ${shaping.join(", ")}, which shape a new service`,
        fix: "configure the existing service where it is managed, or drop existingApiManagement to create one",
      });
    }
  } else {
    const missing = (["publisherName", "publisherEmail"] as const).filter((k) => props[k] === undefined);
    if (missing.length > 0) {
      invalid(scope, { field: missing.join(" and "), rule: "is required for a new API Management service", fix: "pass the publisher's name and email (e.g. environment.apiPublisher), or existingApiManagement" });
    }
  }
  if (props.existingSqlDatabase) {
    const shaping = (["sqlAdministrator", "sqlDatabaseProps"] as const).filter((k) => props[k] !== undefined);
    if (shaping.length > 0) {
      invalid(scope, {
        field: "existingSqlDatabase",
        rule: `is given together with ${shaping.join(", ")}, which shape a new database`,
        fix: "drop them, or drop existingSqlDatabase to create the database",
      });
    }
    if (isUnresolved(props.existingSqlDatabase.databaseName)) {
      invalid(scope, { field: "existingSqlDatabase.databaseName", rule: "is known only at deploy time, but the grant script is written at synth", fix: "pass the database name as a literal" });
    }
  }
  if (props.jwt?.audience !== undefined && props.apiRegistration !== undefined) {
    invalid(scope, {
      field: "apiRegistration",
      rule: "is given together with jwt.audience, which names an app registration managed elsewhere",
      fix: "drop jwt.audience to let the pattern register the API, or drop apiRegistration",
    });
  }
  if (props.existingSqlDatabase && props.sqlSetupAtDeploy === true) {
    invalid(scope, {
      field: "sqlSetupAtDeploy",
      value: true,
      rule: "runs only against the database the pattern creates",
      fix: "run grantScript() in the existing database where it is managed, or drop existingSqlDatabase",
    });
  }
  const issuer = props.jwt?.issuer;
  if (issuer !== undefined && !isUnresolved(issuer) && (!issuer.startsWith("https://") || issuer.endsWith("/"))) {
    invalid(scope, {
      field: "jwt.issuer",
      value: issuer,
      rule: "is not an https issuer without a trailing '/' (the policy reads <issuer>/.well-known/openid-configuration)",
      fix: "use the v2.0 issuer, e.g. https://login.microsoftonline.com/<tenant id>/v2.0",
    });
  }
  const audience = props.jwt?.audience;
  if (audience !== undefined && !isUnresolved(audience) && audience.trim() === "") {
    invalid(scope, { field: "jwt.audience", value: audience, rule: "is empty", fix: "pass the API's application ID URI (api://...) or client id" });
  }
  for (const [field, value] of [["rateLimit.calls", props.rateLimit?.calls], ["rateLimit.renewalPeriodSeconds", props.rateLimit?.renewalPeriodSeconds]] as const) {
    if (value !== undefined && !isUnresolved(value) && (!Number.isInteger(value) || value < 1)) {
      invalid(scope, { field, value, rule: "is not a whole number of at least 1", fix: "pass a positive whole number" });
    }
  }
}
