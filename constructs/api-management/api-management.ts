import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { ApiManagement as ApiManagementResource } from "@cdktf/provider-azurerm/lib/api-management";
import { ApiManagementDiagnostic } from "@cdktf/provider-azurerm/lib/api-management-diagnostic";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { ResourceGroupTemplateDeployment } from "@cdktf/provider-azurerm/lib/resource-group-template-deployment";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { IntegrationContext } from "../core/context";
import { invalid } from "../core/errors";
import { FlowCaller } from "../core/flows";
import { IPrincipal } from "../core/grants";
import { IdentityOptions, UserAssignedIdentity, identityBlock, identityPrincipal } from "../core/identity";
import { PrivateEndpoint } from "../core/private-endpoint";
import { KitProps, WiredKit } from "../core/resource-construct";
import { parseResourceId } from "../core/resource-id";
import { addApplicationInsights, ApplicationInsightsOptions, LoggerIdentity } from "./app-insights";
import { ApiManagementBase, IApiManagement } from "./service-base";
import { API_MANAGEMENT_TYPE, ExistingApiManagement, ExistingApiManagementOptions, ExistingApiManagementProps } from "./existing-api-management";
import { validateEmail, validatePublisherName } from "./names";
import { Monitoring } from "../monitoring";
import { ApiManagementTier, defaultCapacity, validateSku, validateTier, VirtualNetworkType } from "./sku";
import {
  AdditionalLocationOptions,
  privateEndpointFor,
  resolveZones,
  validateAdditionalLocations,
  validateMinApiVersion,
  validateVirtualNetwork,
  VirtualNetworkOptions,
} from "./tier-rules";

/**
 * The kit without `customerManagedKey`, as API Management has it: diagnostics send the gateway's
 * logs and metrics; the inbound private endpoint is the `Gateway` sub-resource, not on Consumption
 * or BasicV2, nor on a gateway injected in a VNet (there the context's default is skipped), and
 * public access follows its own rule (`publicNetworkAccess`). The lock is off by default in every
 * profile: the service is configuration, redeployed from code, and a lock would cover every API,
 * product and named value.
 */
export interface ApiManagementProps extends Omit<KitProps, "customerManagedKey"> {
  /** Organisation publishing the APIs (1-100 characters), shown in the developer portal and emails. */
  readonly publisherName: string;
  /** Address that receives service notifications. */
  readonly publisherEmail: string;
  /**
   * Pricing tier. Developer has no SLA; choose Premium (zones, regions, injection), StandardV2 or
   * PremiumV2 for production.
   * @default "Developer"
   */
  readonly sku?: ApiManagementTier;
  /**
   * Units: Consumption 0; Developer 1; Basic 1-2; Standard 1-4; Premium 1-12 (per region);
   * BasicV2/StandardV2 1-10; PremiumV2 1-30.
   * @default 0 for Consumption; 3 for Premium in a zone-redundant profile (prod: one unit per zone); else 1
   */
  readonly capacity?: number;
  /**
   * Subnet the service joins: injection (classic Developer/Premium External or Internal; PremiumV2
   * Internal) or outbound integration (StandardV2/PremiumV2 External). Internal is the private path
   * of classic tiers in prod. Changing it later replaces or locks the subnet for hours.
   * @default none
   */
  readonly virtualNetwork?: VirtualNetworkOptions;
  /**
   * Availability zones of the primary region (Premium only; at least one unit per zone).
   * @default in prod, zones "1".."3" up to one per unit for Premium with 2+ units (3 units by default); else none
   */
  readonly zones?: readonly string[];
  /** Further regions (Premium only). @default none */
  readonly additionalLocations?: readonly AdditionalLocationOptions[];
  /**
   * Public access to the gateway. Azure refuses `false` when the service is created (azurerm
   * #21506) and only accepts it once an approved private endpoint exists: deploy with the default,
   * then set `false` in a later deployment. Internal VNet mode is the private path without it.
   * @default true
   */
  readonly publicNetworkAccess?: boolean;
  /** Oldest control-plane API version accepted (blocks clients on older, less safe versions). @default "2021-08-01" */
  readonly minApiVersion?: string;
  /**
   * Request telemetry to Application Insights, sent with a managed identity that this construct
   * grants Monitoring Metrics Publisher on the component (do not grant it again: Azure refuses a
   * duplicate role assignment).
   * @default none (or `monitoring`'s component)
   */
  readonly applicationInsights?: ApplicationInsightsOptions;
  /**
   * Monitoring whose Application Insights receives request telemetry, as `applicationInsights` with
   * the component's id and connection string (as FunctionApp takes it). Not with `applicationInsights`.
   * @default none: no request telemetry (gateway logs still go to `diagnostics`)
   */
  readonly monitoring?: Monitoring;
}

/** Everything an API Management `security` block can switch; all off here. */
const SECURITY_OFF = {
  frontendSsl30Enabled: false,
  frontendTls10Enabled: false,
  frontendTls11Enabled: false,
  backendSsl30Enabled: false,
  backendTls10Enabled: false,
  backendTls11Enabled: false,
  tripleDesCiphersEnabled: false,
  // RSA key exchange has no forward secrecy; the ECDHE CBC-SHA1 suites are legacy.
  tlsRsaWithAes128CbcShaCiphersEnabled: false,
  tlsRsaWithAes256CbcShaCiphersEnabled: false,
  tlsRsaWithAes128CbcSha256CiphersEnabled: false,
  tlsRsaWithAes256CbcSha256CiphersEnabled: false,
  tlsRsaWithAes128GcmSha256CiphersEnabled: false,
  tlsRsaWithAes256GcmSha384CiphersEnabled: false,
  tlsEcdheEcdsaWithAes128CbcShaCiphersEnabled: false,
  tlsEcdheEcdsaWithAes256CbcShaCiphersEnabled: false,
  tlsEcdheRsaWithAes128CbcShaCiphersEnabled: false,
  tlsEcdheRsaWithAes256CbcShaCiphersEnabled: false,
} as const;

/**
 * An API Management service: SSL 3 / TLS 1.0 / 1.1 and weak ciphers off on both sides, system
 * identity on, old control-plane API versions blocked, tier/feature combinations checked at synth,
 * and policies checked for structure and named values before anything deploys.
 *
 * Creating a classic-tier service takes 30-90 minutes (v2 tiers are faster); VNet changes take as
 * long again. Every L1 setting is reachable through {@link ApiManagement.resource}.
 *
 * Grant the service's identity access to other resources with its {@link ApiManagement.principal},
 * e.g. `bus.grantSend(apim.principal)` for a `send-request` with `authentication-managed-identity`.
 */
export class ApiManagement extends ApiManagementBase {
  /**
   * An existing service, to add APIs, products, named values and backends to. Nothing is created
   * for the service itself.
   */
  public static fromName(scope: Construct, id: string, props: ExistingApiManagementProps): IApiManagement {
    return new ExistingApiManagement(scope, id, props);
  }

  /**
   * An existing service by resource id (a literal one is checked; a token one is split at deploy
   * time), to add APIs, products, named values and backends to. `options` says what Key Vault
   * named values need (`principalId`, `userAssignedIdentities`) and the named values it already has.
   */
  public static fromId(scope: Construct, id: string, resourceId: string, options: ExistingApiManagementOptions = {}): IApiManagement {
    const parsed = parseResourceId(scope, resourceId, API_MANAGEMENT_TYPE, { field: "resourceId" });
    const resourceGroupId = `/subscriptions/${parsed.subscriptionId}/resourceGroups/${parsed.resourceGroupName}`;
    // The service's children take no location; the group's is not in the id, so the context's (if any) stands in.
    const location = IntegrationContext.of(scope).resourceGroup?.location ?? "unknown";
    const resourceGroup = { id: resourceGroupId, name: parsed.resourceGroupName, location };
    return new ExistingApiManagement(scope, id, { ...options, name: parsed.name, resourceGroup });
  }

  public readonly resource: ApiManagementResource;
  public readonly id: string;
  public readonly name: string;
  public readonly serviceName: string;
  public readonly resourceGroupName: string;
  public readonly sku: ApiManagementTier;
  /** How the service joins a VNet (`virtualNetwork.type`): `"None"` without `virtualNetwork`. */
  public readonly virtualNetworkType: "None" | VirtualNetworkType;
  /** Gateway URL, e.g. `https://apim-x.azure-api.net`. */
  public readonly gatewayUrl: string;
  /**
   * The public IP addresses of every region's gateway (a list token): `public_ip_addresses` holds the
   * primary region's only, each additional location has its own
   * (azurerm @v4.55.0:internal/services/apimanagement/api_management_resource.go). For firewalls that admit the gateway.
   */
  public readonly publicIpAddresses: string[];
  public readonly privateEndpoint?: PrivateEndpoint;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  /**
   * The ARM deployment of the Application Insights logger (managed-identity credentials, which the
   * azurerm logger resource cannot set).
   */
  public readonly appInsightsLoggerDeployment?: ResourceGroupTemplateDeployment;
  /** ARM id of that logger, e.g. for API-level diagnostics. */
  public readonly appInsightsLoggerId?: string;
  /** Monitoring Metrics Publisher on the component for the logger's identity. */
  public readonly appInsightsMetricsPublisherGrant?: RoleAssignment;
  public readonly appInsightsDiagnostic?: ApiManagementDiagnostic;
  public readonly lock?: ManagementLock;

  private readonly identityOptions: IdentityOptions | undefined;
  private readonly systemAssigned: boolean;
  private readonly userAssigned: readonly UserAssignedIdentity[];

  constructor(scope: Construct, id: string, props: ApiManagementProps) {
    super(scope, id, props);
    this.resourceGroupName = this.resourceGroup.name;

    validatePublisherName(this, props.publisherName);
    validateEmail(this, "publisherEmail", props.publisherEmail);
    this.sku = props.sku ?? "Developer";
    this.virtualNetworkType = props.virtualNetwork?.type ?? "None";
    const plan = this.planService(props);
    this.identityOptions = props.identity;
    this.systemAssigned = props.identity?.systemAssigned ?? true;
    this.userAssigned = props.identity?.userAssigned ?? [];

    const name = this.nameFor("apiManagement", props.name);
    this.resource = this.createService(name, props, plan);
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.serviceName = this.resource.name;
    this.gatewayUrl = this.resource.gatewayUrl;
    this.publicIpAddresses = this.gatewayAddresses(props.additionalLocations ?? []);

    const { kit, telemetry } = this.wireServiceKit(name, props, plan.privateEndpoint);
    this.privateEndpoint = kit.privateEndpoint;
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.appInsightsLoggerDeployment = telemetry?.loggerDeployment;
    this.appInsightsLoggerId = telemetry?.loggerId;
    this.appInsightsMetricsPublisherGrant = telemetry?.metricsPublisherGrant;
    this.appInsightsDiagnostic = telemetry?.diagnostic;
    this.lock = kit.lock;
  }

  /**
   * The service's identity, for grants such as `bus.grantSend(apim)`: the system-assigned one, else
   * the first user-assigned one (a policy's `authentication-managed-identity` then names its client id);
   * an error without either.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, this.identityOptions, () => this.resource.identity.principalId);
  }

  /** The named value's identity if given (it must be attached to this service), else the system identity. */
  /** Outside a VNet the gateway calls from its public IPs; the policy pack reads its VNet mode from the synthesized service. */
  protected override flowCaller(): FlowCaller {
    return { runsIn: "multi-tenant", service: "ApiManagement", resource: this.resource };
  }

  public keyVaultReader(name: string, identity: UserAssignedIdentity | undefined): IPrincipal {
    return this.identityFor(identity, {
      identityField: `identity of named value "${name}"`,
      systemField: `named value "${name}"`,
      systemRule: "reads Key Vault with the system identity, which is off",
      systemFix: "pass identity (a user-assigned identity of this service)",
    });
  }

  /** Checks the tier's limits (units, zones, VNet, regions, API version) before a 30-90 minute deployment; returns what the service is made of. */
  private planService(props: ApiManagementProps): ServicePlan {
    validateTier(this, this.sku);
    // Zone-redundant by default in prod: one Premium unit in each of the region's three zones (a zone outage leaves two).
    // Cost: 3 units at the Premium list price of about USD 2,800 per unit and month (unverified; Azure pricing page).
    const zoneRedundantPremium = this.sku === "Premium" && this.context.defaults.zoneRedundancy && props.zones === undefined;
    const capacity = props.capacity ?? (zoneRedundantPremium ? 3 : defaultCapacity(this.sku));
    validateSku(this, this.sku, capacity);
    validateVirtualNetwork(this, this.sku, props.virtualNetwork);
    const zones = resolveZones(this, this.sku, capacity, props.zones, this.context.defaults.zoneRedundancy);
    validateAdditionalLocations(this, this.sku, props.additionalLocations ?? [], props.virtualNetwork);
    const minApiVersion = props.minApiVersion ?? "2021-08-01";
    validateMinApiVersion(this, minApiVersion);
    const privateEndpoint = privateEndpointFor(this, this.sku, props.virtualNetwork, props.privateEndpoint);
    return { capacity, zones, minApiVersion, privateEndpoint };
  }

  /** The service: legacy protocols and ciphers off, its identities, VNet mode and regions. */
  private createService(name: string, props: ApiManagementProps, plan: ServicePlan): ApiManagementResource {
    return new ApiManagementResource(this, "Resource", {
      name,
      resourceGroupName: this.resourceGroupName,
      location: this.location,
      publisherName: props.publisherName,
      publisherEmail: props.publisherEmail,
      skuName: `${this.sku}_${plan.capacity}`,
      zones: plan.zones,
      identity: identityBlock(props.identity),
      security: { ...SECURITY_OFF },
      minApiVersion: plan.minApiVersion,
      virtualNetworkType: this.virtualNetworkType,
      virtualNetworkConfiguration: props.virtualNetwork ? { subnetId: props.virtualNetwork.subnetId } : undefined,
      additionalLocation: props.additionalLocations?.map((l) => ({
        location: l.location,
        capacity: l.capacity ?? 1,
        zones: l.zones ? [...l.zones] : undefined,
        virtualNetworkConfiguration: l.subnetId !== undefined ? { subnetId: l.subnetId } : undefined,
      })),
      tags: this.tags,
    });
  }

  /** Every region's gateway IPs: the primary's attribute, and each additional location's own. */
  private gatewayAddresses(regions: readonly AdditionalLocationOptions[]): string[] {
    if (regions.length === 0) return this.resource.publicIpAddresses;
    const additional = regions.map((_, i) => this.resource.additionalLocation.get(i).publicIpAddresses);
    return Token.asList(Fn.flatten([this.resource.publicIpAddresses, ...additional]));
  }

  /** The private endpoint, public access (off only behind an endpoint), diagnostics with request telemetry, and the lock. */
  private wireServiceKit(
    name: string,
    props: ApiManagementProps,
    privateEndpoint: ApiManagementProps["privateEndpoint"],
  ): { kit: WiredKit; telemetry: ReturnType<typeof addApplicationInsights> | undefined } {
    let telemetry: ReturnType<typeof addApplicationInsights> | undefined;
    const kit = this.wireKit({ ...props, privateEndpoint }, {
      resourceId: this.id,
      name,
      privateEndpoints: [{ subresource: "Gateway" }],
      networkAccess: (_, endpoint) => {
        const publicNetworkAccess = props.publicNetworkAccess ?? true;
        if (!publicNetworkAccess && !endpoint) {
          invalid(this, {
            field: "publicNetworkAccess",
            value: false,
            rule: "needs a private endpoint: Azure only turns public access off on a service with an approved private endpoint connection",
            fix:
              "add privateEndpoint (first deploy with public access on: Azure refuses false at creation, azurerm #21506), " +
              "or keep it true and use the Internal VNet mode",
          });
        }
        this.resource.publicNetworkAccessEnabled = publicNetworkAccess;
      },
      afterDiagnostics: () => {
        const insights = applicationInsightsOf(this, props);
        if (!insights) return;
        const target = { id: this.id, serviceName: this.serviceName, resourceGroupName: this.resourceGroupName, tags: this.tags };
        const samplingPercentage = this.context.defaults.apiManagementSamplingPercentage;
        telemetry = addApplicationInsights(this, target, insights, samplingPercentage, this.loggerIdentity(insights.identity));
      },
      dataStore: false,
    });
    return { kit, telemetry };
  }

  /** The Application Insights logger's identity: the given one (attached to this service), else the system identity. */
  private loggerIdentity(identity: UserAssignedIdentity | undefined): LoggerIdentity {
    const principal = this.identityFor(identity, {
      identityField: "applicationInsights.identity",
      systemField: "applicationInsights",
      systemRule: "sends telemetry with the system identity, which is off (the component accepts only Entra ID-authenticated telemetry by default)",
      systemFix: "pass applicationInsights.identity (a user-assigned identity of this service), or turn the system identity on",
    });
    return { principal, clientId: identity ? identity.clientId : "SystemAssigned" };
  }

  /** `identity` if it is attached to this service, else the system identity if it is on; otherwise an error naming the use. */
  private identityFor(
    identity: UserAssignedIdentity | undefined,
    use: { identityField: string; systemField: string; systemRule: string; systemFix: string },
  ): IPrincipal {
    if (identity) {
      if (!this.userAssigned.includes(identity)) {
        invalid(this, {
          field: use.identityField,
          value: identity.node.path,
          rule: "is not assigned to this service",
          fix: "list it in identity.userAssigned of the service",
        });
      }
      return identity;
    }
    if (!this.systemAssigned) invalid(this, { field: use.systemField, rule: use.systemRule, fix: use.systemFix });
    return this.principal;
  }
}

/** What {@link ApiManagement} is made of, once the tier's limits are checked. */
interface ServicePlan {
  readonly capacity: number;
  readonly zones: string[] | undefined;
  readonly minApiVersion: string;
  readonly privateEndpoint: ApiManagementProps["privateEndpoint"];
}

/** The component telemetry goes to: `applicationInsights`, else `monitoring`'s, refusing both or a Monitoring without one. */
function applicationInsightsOf(scope: Construct, props: ApiManagementProps): ApplicationInsightsOptions | undefined {
  const { monitoring, applicationInsights } = props;
  if (!monitoring) return applicationInsights;
  if (applicationInsights) {
    invalid(scope, {
      field: "monitoring",
      value: monitoring.node.path,
      rule: "cannot be combined with applicationInsights",
      fix: "pass one of the two",
    });
  }
  const { applicationInsightsId: id, applicationInsightsConnectionString: connectionString } = monitoring;
  if (id === undefined || connectionString === undefined) {
    invalid(scope, {
      field: "monitoring",
      value: monitoring.node.path,
      rule: "has no Application Insights component (applicationInsights: false)",
      fix: "create the Monitoring with Application Insights, or leave monitoring out to send no request telemetry",
    });
  }
  return { id, connectionString };
}
