import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { ApplicationGateway as ApplicationGatewayResource } from "@cdktf/provider-azurerm/lib/application-gateway";
import { KeyVaultCertificate } from "@cdktf/provider-azurerm/lib/key-vault-certificate";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { NetworkSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-rule";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
import { BuiltInRole, grantRole, IPrincipal } from "../core/grants";
import { identityPrincipal, UserAssignedIdentity } from "../core/identity";
import { ResourceConstruct } from "../core/resource-construct";
import { Network } from "../network";
import { certificateReadable, certificateSource } from "./certificate";
import { listenerToBackend } from "./listener";
import { APPLICATION_GATEWAY_NSG_RULES } from "./nsg-rules";
import { ApplicationGatewayBackend, ApplicationGatewayProps } from "./props";
import { GatewaySettings, resolveGatewaySettings } from "./settings";

// The construct reads as its steps; the props, settings, certificate and listener each live in the file the import names.
export type { ApplicationGatewayBackend, ApplicationGatewayCertificate, ApplicationGatewayProps } from "./props";

/**
 * An Application Gateway WAF_v2 in front of one HTTPS back end: its own subnet with the NSG v2
 * requires, a Standard static public IP, a WAF policy (managed OWASP rules, Prevention in prod,
 * request body inspection), TLS 1.2+ only, an HTTPS listener whose certificate the gateway reads
 * from Key Vault with a user-assigned identity, autoscale, zones in prod and diagnostics.
 *
 * Costs: WAF_v2 bills a fixed hourly rate plus capacity units: ~530 USD a month with the prod
 * minimum of 2 instances before traffic (Azure pricing page, West Europe; unverified, see README.md).
 */
export class ApplicationGateway extends ResourceConstruct {
  public readonly resource: ApplicationGatewayResource;
  public readonly id: string;
  public readonly name: string;
  public readonly subnet: Subnet;
  public readonly networkSecurityGroup: NetworkSecurityGroup;
  public readonly rules: readonly NetworkSecurityRule[];
  public readonly publicIp: PublicIp;
  /** The public address partners call. */
  public readonly publicIpAddress: string;
  /** The public FQDN (`<label>.<region>.cloudapp.azure.com`). */
  public readonly fqdn: string;
  public readonly wafPolicy: WebApplicationFirewallPolicy;
  /** The identity the gateway reads its certificate with. */
  public readonly identity: UserAssignedIdentity;
  /** Key Vault Secrets User for {@link identity} on the certificate's vault, when known. */
  public readonly certificateReadGrant?: RoleAssignment;
  /** The self-signed certificate, when `certificate.selfSigned`. */
  public readonly certificate?: KeyVaultCertificate;
  public readonly diagnostics?: MonitorDiagnosticSetting;
  public readonly lock?: ManagementLock;

  constructor(scope: Construct, id: string, props: ApplicationGatewayProps) {
    super(scope, id, props);
    const settings = resolveGatewaySettings(this, props, {
      prod: this.context.profile === "prod",
      zoneRedundancy: this.context.defaults.zoneRedundancy,
      name: () => this.nameFor("applicationGateway", props.name),
    });
    const { name, zones } = settings;
    // Construct ids and creation order are Terraform addresses and plan order: subnet and NSG, public IP, WAF policy,
    // identity and certificate, then the gateway and its kit.
    const { subnet, nsg, rules, association } = this.createSubnet(props.subnetPrefix, props.network);
    this.subnet = subnet;
    this.networkSecurityGroup = nsg;
    this.rules = rules;
    this.publicIp = new PublicIp(this, "PublicIp", {
      name: this.nameFor("publicIp", undefined),
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      sku: "Standard",
      allocationMethod: "Static",
      zones: zones ? [...zones] : undefined,
      domainNameLabel: name.toLowerCase(),
      tags: this.tags,
    });
    this.publicIpAddress = this.publicIp.ipAddress;
    this.fqdn = this.publicIp.fqdn;
    this.wafPolicy = this.createWafPolicy(props.wafMode ?? (settings.prod ? "Prevention" : "Detection"), settings.ruleSet);

    this.identity = new UserAssignedIdentity(this, "Identity", { resourceGroup: this.resourceGroup, location: this.location, tags: props.tags });
    const { secretId, vaultId, certificate } = certificateSource(this, props.certificate, name, this.location);
    this.certificate = certificate;
    // Key Vault Secrets User: the gateway reads the certificate as its secret (the PFX).
    if (vaultId !== undefined) this.certificateReadGrant = grantRole(this, vaultId, BuiltInRole.keyVaultSecretsUser, this.identity);
    // A vault behind a private endpoint: the gateway reads it over the VNet.
    const vaultEndpoint = "selfSigned" in props.certificate ? props.certificate.selfSigned.keyVault.privateEndpoint : undefined;
    const dependsOn = [
      association,
      ...certificateReadable(this, this.certificateReadGrant),
      ...(this.certificate ? [this.certificate] : []),
      ...(vaultEndpoint ? [vaultEndpoint.resource] : []),
    ];
    this.resource = this.createGateway(settings, props.backend, secretId, dependsOn);
    this.id = this.resource.id;
    this.name = this.resource.name;
    const kit = this.wireKit(props, { resourceId: this.id, name, dataStore: false });
    this.diagnostics = kit.diagnostics.Diagnostics;
    this.lock = kit.lock;
  }

  /**
   * The identity the gateway acts as (its user-assigned one, which reads the certificate): grant it
   * what else it reads, e.g. a certificate in another vault.
   */
  public get principal(): IPrincipal {
    return identityPrincipal(this, { systemAssigned: false, userAssigned: [this.identity] }, () => this.identity.principalId);
  }

  /** The gateway's own subnet: no delegation, its own NSG with the v2 rules, default outbound kept. */
  private createSubnet(
    subnetPrefix: string,
    network: Network,
  ): { subnet: Subnet; nsg: NetworkSecurityGroup; rules: NetworkSecurityRule[]; association: SubnetNetworkSecurityGroupAssociation } {
    const subnet = network.addSubnet("applicationGateway", { addressPrefix: subnetPrefix, networkSecurityGroup: false, egress: false });
    const nsg = new NetworkSecurityGroup(this, "Nsg", {
      name: this.nameFor("networkSecurityGroup", undefined),
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      tags: this.tags,
    });
    const rules = APPLICATION_GATEWAY_NSG_RULES.map(
      (rule) =>
        new NetworkSecurityRule(this, `Rule-${rule.name}`, {
          name: rule.name,
          resourceGroupName: this.resourceGroup.name,
          networkSecurityGroupName: nsg.name,
          direction: "Inbound",
          priority: rule.priority,
          access: "Allow",
          protocol: rule.protocol,
          sourcePortRange: "*",
          sourceAddressPrefix: rule.source,
          destinationAddressPrefix: rule.destination,
          destinationPortRanges: [...rule.ports],
          description: rule.description,
        })
    );
    const association = new SubnetNetworkSecurityGroupAssociation(this, "NsgAssociation", {
      subnetId: subnet.id,
      networkSecurityGroupId: nsg.id,
      dependsOn: [...rules],
    });
    return { subnet, nsg, rules, association };
  }

  private createWafPolicy(mode: "Prevention" | "Detection", ruleSet: GatewaySettings["ruleSet"]): WebApplicationFirewallPolicy {
    return new WebApplicationFirewallPolicy(this, "WafPolicy", {
      name: this.nameFor("wafPolicy", undefined),
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      policySettings: { enabled: true, mode, requestBodyCheck: true },
      managedRules: { managedRuleSet: [{ type: ruleSet.type, version: ruleSet.version }] },
      tags: this.tags,
    });
  }

  private createGateway(
    settings: GatewaySettings,
    backend: ApplicationGatewayBackend,
    secretId: string,
    dependsOn: ITerraformDependable[],
  ): ApplicationGatewayResource {
    return new ApplicationGatewayResource(this, "Resource", {
      name: settings.name,
      resourceGroupName: this.resourceGroup.name,
      location: this.location,
      sku: { name: "WAF_v2", tier: "WAF_v2" },
      autoscaleConfiguration: { minCapacity: settings.min, maxCapacity: settings.max },
      zones: settings.zones ? [...settings.zones] : undefined,
      enableHttp2: true,
      firewallPolicyId: this.wafPolicy.id,
      forceFirewallPolicyAssociation: true,
      identity: { type: "UserAssigned", identityIds: [this.identity.id] },
      // azurerm @v4.55.0:internal/services/network/application_gateway_resource_test.go uses AppGwSslPolicy20220101S;
      // Learn "Application Gateway TLS policy overview": the 2022 policies have TLS 1.2 as minimum.
      sslPolicy: { policyType: "Predefined", policyName: settings.sslPolicyName },
      ...listenerToBackend(backend, { subnetId: this.subnet.id, publicIpId: this.publicIp.id, secretId }),
      tags: this.tags,
      dependsOn,
    });
  }
}
