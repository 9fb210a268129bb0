// The props of ApiGateway, apart from its wiring.
import { ApiManagementTier, IApiManagement, VirtualNetworkOptions } from "../../constructs/api-management";
import { ApiManagementIngressOptions } from "../../constructs/application-gateway";
import { DisasterRecoveryOptions } from "../../constructs/core";
import { LogicAppStandardProps } from "../../constructs/logic-app-standard";
import { AlertsProps, Monitoring } from "../../constructs/monitoring";
import { EntraAdministrator, ISqlDatabase, SqlDatabaseProps } from "../../constructs/sql";
import { ApiRegistrationOptions } from "./api-registration";

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
  /**
   * An existing orders database instead of a new one (`SqlDatabase.fromId(...)` or a `SqlDatabase`); its firewall
   * is managed where it lives, its users are recorded on it (see `grantScript()`). @default a new database
   */
  readonly existingSqlDatabase?: ISqlDatabase;
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
