import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { ApplicationGateway as ApplicationGatewayResource, ApplicationGatewayConfig } from "@cdktf/provider-azurerm/lib/application-gateway";
import { KeyVaultCertificate } from "@cdktf/provider-azurerm/lib/key-vault-certificate";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { NetworkSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-rule";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { Sleep } from "@cdktf/provider-time/lib/sleep";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
import { endpointNetwork, recordDeployTimeOperation } from "../core/deploy-time";
import { grantToDeployer } from "../core/deployer";
import { invalid, isUnresolved } from "../core/errors";
import { BuiltInRole, grantRole, IPrincipal } from "../core/grants";
import { identityPrincipal, UserAssignedIdentity } from "../core/identity";
import { CommonResourceProps, KitProps, ResourceConstruct } from "../core/resource-construct";
import { ROLE_PROPAGATION, waitFor } from "../core/time";
import { KeyVault } from "../key-vault";
import { Network } from "../network";
import { APPLICATION_GATEWAY_NSG_RULES } from "./nsg-rules";

/** The back end the gateway forwards to: one HTTPS host (e.g. an Internal API Management gateway). */
export interface ApplicationGatewayBackend {
  /** Addresses of the back end: private IPs or FQDNs the gateway's subnet resolves. */
  readonly addresses: readonly string[];
  /**
   * Host name sent to the back end and checked against its certificate, e.g. `apim-x.azure-api.net`.
   * With an IP address in `addresses` it is what makes TLS to the back end validate.
   */
  readonly hostName: string;
  /** Health probe path. @default "/status-0123456789abcdef" (API Management's health endpoint) */
  readonly probePath?: string;
  /** Request timeout in seconds. @default 60 */
  readonly requestTimeoutSeconds?: number;
}

/** The listener's TLS certificate: a Key Vault secret id you manage, or a self-signed one created in a vault. */
export type ApplicationGatewayCertificate =
  | {
      /**
       * Versionless secret id (`https://<vault>.vault.azure.net/secrets/<name>`) of a certificate (PFX)
       * in Key Vault; the gateway follows renewals.
       */
      readonly keyVaultSecretId: string;
      /** Resource id of that vault, where the gateway's identity is granted Key Vault Secrets User. @default none (grant it yourself) */
      readonly keyVaultId?: string;
    }
  | {
      /**
       * A self-signed certificate for `hostName`, created in this vault during apply (the deployer
       * gets Key Vault Certificates Officer on it and needs line of sight to it). Replace it with a
       * CA-issued one for partners: self-signed is for a first deploy and tests.
       */
      readonly selfSigned: {
        readonly keyVault: KeyVault;
        /** Subject and DNS name of the certificate. @default the gateway's public FQDN, `<name>.<region>.cloudapp.azure.com` */
        readonly hostName?: string;
      };
    };

/**
 * The kit's `diagnostics` (access, firewall and performance logs) and `lock` (none by default: the
 * gateway is configuration, README "Locks"). No private endpoint (it is the public entry), and its
 * identity is its own: a user-assigned one that reads the certificate.
 */
export interface ApplicationGatewayProps extends Pick<KitProps, keyof CommonResourceProps | "diagnostics" | "lock"> {
  /** The network whose subnet the gateway is created in. */
  readonly network: Network;
  /** Range of the gateway's own subnet (/26 or larger recommended for autoscale; /29 at the smallest). */
  readonly subnetPrefix: string;
  /** The back end. */
  readonly backend: ApplicationGatewayBackend;
  /** The HTTPS listener's certificate. */
  readonly certificate: ApplicationGatewayCertificate;
  /** Autoscale bounds. @default min 1 in dev, 2 in prod; max 10 */
  readonly autoscale?: { readonly minCapacity?: number; readonly maxCapacity?: number };
  /** Availability zones. @default "1","2","3" when the profile is zone-redundant (prod), else none */
  readonly zones?: readonly string[];
  /** WAF mode. @default "Prevention" in prod, "Detection" in dev */
  readonly wafMode?: "Prevention" | "Detection";
  /**
   * Managed rule set. `OWASP` 3.2 is what azurerm v4.55.0 defaults to; `Microsoft_DefaultRuleSet` 2.1
   * is the newer one Learn recommends for new deployments (unverified availability per region).
   * @default { type: "OWASP", version: "3.2" }
   */
  readonly managedRuleSet?: { readonly type: "OWASP" | "Microsoft_DefaultRuleSet"; readonly version: string };
  /** Predefined TLS policy (Learn "Application Gateway TLS policy overview"). @default "AppGwSslPolicy20220101S" (TLS 1.2+, strong suites) */
  readonly sslPolicyName?: "AppGwSslPolicy20220101" | "AppGwSslPolicy20220101S";
}

/** The props with their defaults, resolved and validated once. */
interface GatewaySettings {
  readonly prod: boolean;
  readonly min: number;
  readonly max: number;
  readonly sslPolicyName: string;
  readonly ruleSet: { readonly type: string; readonly version: string };
  readonly zones?: readonly string[];
  /** The gateway's name, also its public IP's DNS label. */
  readonly name: string;
}

const SSL_POLICIES = ["AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"];
/** API Management's own health endpoint (Learn "Integrate API Management in an internal VNet with Application Gateway"). */
const APIM_STATUS_PATH = "/status-0123456789abcdef";
/** RBAC role assignments take up to a few minutes to reach the Key Vault data plane. */
const N = {
  frontendIp: "public",
  frontendPort: "https",
  listener: "https",
  certificate: "listener",
  pool: "backend",
  settings: "backend-https",
  probe: "backend-status",
  rule: "https-to-backend",
  gatewayIp: "gateway",
} as const;

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
    const settings = this.resolveSettings(props);
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
    const { secretId, vaultId } = this.certificateSource(props.certificate, name);
    // Key Vault Secrets User: the gateway reads the certificate as its secret (the PFX).
    if (vaultId !== undefined) this.certificateReadGrant = grantRole(this, vaultId, BuiltInRole.keyVaultSecretsUser, this.identity);
    // A vault behind a private endpoint: the gateway reads it over the VNet.
    const vaultEndpoint = "selfSigned" in props.certificate ? props.certificate.selfSigned.keyVault.privateEndpoint : undefined;
    const dependsOn = [
      association,
      ...this.certificateReadable(),
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

  /** The settings with their defaults, validated; the name is the gateway's and its public IP's DNS label. */
  private resolveSettings(props: ApplicationGatewayProps): GatewaySettings {
    const prod = this.context.profile === "prod";
    const min = props.autoscale?.minCapacity ?? (prod ? 2 : 1);
    const max = props.autoscale?.maxCapacity ?? 10;
    validateCapacity(this, min, max);
    const sslPolicyName = props.sslPolicyName ?? "AppGwSslPolicy20220101S";
    if (!SSL_POLICIES.includes(sslPolicyName)) {
      invalid(this, {
        field: "sslPolicyName",
        value: sslPolicyName,
        rule: "is not a TLS 1.2+ predefined policy",
        fix: `use one of ${SSL_POLICIES.join(", ")}`,
      });
    }
    const ruleSet = props.managedRuleSet ?? { type: "OWASP", version: "3.2" };
    const allowedVersion = ruleSet.type === "OWASP" ? "3.2" : "2.1";
    if (ruleSet.version !== allowedVersion) {
      // azurerm @v4.55.0:website/docs/r/web_application_firewall_policy.html.markdown: 3.2 for OWASP, 2.1 for Microsoft_DefaultRuleSet.
      invalid(this, {
        field: "managedRuleSet.version",
        value: ruleSet.version,
        rule: `is not the supported version of ${ruleSet.type}`,
        fix: `use "${allowedVersion}"`,
      });
    }
    const zones = props.zones ?? (this.context.defaults.zoneRedundancy ? ["1", "2", "3"] : undefined);
    const name = this.nameFor("applicationGateway", props.name);
    // The name is the public IP's DNS label: 3-63 lower-case letters, digits and hyphens, starting with a letter
    // (Learn "Public IP addresses: DNS name label").
    if (!isUnresolved(name) && !/^[a-z][a-z0-9-]{1,61}[a-z0-9]$/.test(name.toLowerCase())) {
      invalid(this, {
        field: "name",
        value: name,
        rule: "cannot be the public IP's DNS label",
        fix: "use 3-63 letters, digits and hyphens, starting with a letter",
      });
    }
    return { prod, min, max, sslPolicyName, ruleSet, zones, name };
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

  /** The gateway reads the certificate while it is created: the grant must have reached Key Vault first. */
  private certificateReadable(): Sleep[] {
    if (!this.certificateReadGrant) return [];
    return [
      waitFor(this, "CertificateAccessPropagation", {
        after: [this.certificateReadGrant],
        duration: ROLE_PROPAGATION,
        triggers: { reader: this.certificateReadGrant.id },
      }),
    ];
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
      gatewayIpConfiguration: [{ name: N.gatewayIp, subnetId: this.subnet.id }],
      frontendIpConfiguration: [{ name: N.frontendIp, publicIpAddressId: this.publicIp.id }],
      frontendPort: [{ name: N.frontendPort, port: 443 }],
      sslCertificate: [{ name: N.certificate, keyVaultSecretId: secretId }],
      ...httpsToBackend(backend),
      tags: this.tags,
      dependsOn,
    });
  }

  private certificateSource(certificate: ApplicationGatewayCertificate, name: string): { secretId: string; vaultId?: string } {
    if ("keyVaultSecretId" in certificate) {
      const id = certificate.keyVaultSecretId;
      if (!isUnresolved(id) && !/^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/secrets\/[A-Za-z0-9-]+\/?([0-9a-f]{32})?$/i.test(id)) {
        invalid(this, {
          field: "certificate.keyVaultSecretId",
          value: id,
          rule: "is not a Key Vault secret id",
          fix: "pass https://<vault>.vault.azure.net/secrets/<name> (versionless, so renewals are picked up)",
        });
      }
      return { secretId: id, vaultId: certificate.keyVaultId };
    }
    const keyVault = certificate.selfSigned.keyVault;
    // Azure names a Standard public IP with a DNS label `<label>.<region>.cloudapp.azure.com`.
    const hostName = certificate.selfSigned.hostName ?? `${name.toLowerCase()}.${this.location}.cloudapp.azure.com`;
    if (!isUnresolved(hostName) && !/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(hostName)) {
      invalid(this, {
        field: "certificate.selfSigned.hostName",
        value: hostName,
        rule: "is not a DNS host name",
        fix: "pass the host name partners call, e.g. api.contoso.com",
      });
    }
    // A data-plane write during apply: the deployer creates the certificate (Certificates Officer).
    const grant = grantToDeployer(new Construct(this, "DeployerAccess"), keyVault.id, BuiltInRole.keyVaultCertificatesOfficer);
    const wait = waitFor(this, "RolePropagation", { after: [grant], duration: ROLE_PROPAGATION, triggers: { deployer: grant.id } });
    const cert = new KeyVaultCertificate(this, "Certificate", {
      // Key Vault object names: letters, digits and hyphens.
      name: `${name.replace(/[^A-Za-z0-9-]/g, "-")}-listener`,
      keyVaultId: keyVault.id,
      certificatePolicy: {
        issuerParameters: { name: "Self" },
        keyProperties: { exportable: true, keySize: 2048, keyType: "RSA", reuseKey: false },
        secretProperties: { contentType: "application/x-pkcs12" },
        lifetimeAction: [{ action: { actionType: "AutoRenew" }, trigger: { daysBeforeExpiry: 30 } }],
        x509CertificateProperties: {
          subject: `CN=${hostName}`,
          subjectAlternativeNames: { dnsNames: [hostName] },
          validityInMonths: 12,
          keyUsage: ["digitalSignature", "keyEncipherment"],
          extendedKeyUsage: ["1.3.6.1.5.5.7.3.1"],
        },
      },
      // The deployer writes over the vault's private endpoint when it has one.
      dependsOn: [wait, ...(keyVault.privateEndpoint ? [keyVault.privateEndpoint.resource] : [])],
    });
    (this as { certificate?: KeyVaultCertificate }).certificate = cert;
    const vault = keyVault.resource;
    const endpoint = endpointNetwork("Key Vault", {
      publicNetworkAccess: vault.publicNetworkAccessEnabledInput,
      defaultAction: vault.networkAcls?.defaultActionInput,
      ipRules: vault.networkAcls?.ipRulesInput,
      privateEndpoint: keyVault.privateEndpoint !== undefined,
    });
    recordDeployTimeOperation(this, {
      resource: cert,
      operation: "create the listener's self-signed certificate",
      targetId: keyVault.id,
      grant,
      endpoint,
    });
    // The versionless secret id: the gateway picks up each renewal.
    return { secretId: cert.versionlessSecretId, vaultId: keyVault.id };
  }
}

function validateCapacity(scope: Construct, min: number, max: number): void {
  // azurerm @v4.55.0:website/docs/r/application_gateway.html.markdown: min 0-100, max 2-125.
  if (!Number.isInteger(min) || min < 0 || min > 100)
    invalid(scope, {
      field: "autoscale.minCapacity",
      value: min,
      rule: "is not a whole number from 0 to 100",
      fix: "pass 0-100 (2+ in prod for zone resilience)",
    });
  if (!Number.isInteger(max) || max < 2 || max > 125 || max < min)
    invalid(scope, {
      field: "autoscale.maxCapacity",
      value: max,
      rule: `is not a whole number from max(2, minCapacity ${min}) to 125`,
      fix: "pass a value in that range",
    });
}

/** The HTTPS listener and its route to the back end: pool, probe, HTTP settings and the routing rule. */
function httpsToBackend(
  backend: ApplicationGatewayBackend,
): Pick<ApplicationGatewayConfig, "httpListener" | "backendAddressPool" | "probe" | "backendHttpSettings" | "requestRoutingRule"> {
  return {
    httpListener: [
      {
        name: N.listener,
        frontendIpConfigurationName: N.frontendIp,
        frontendPortName: N.frontendPort,
        protocol: "Https",
        sslCertificateName: N.certificate,
      },
    ],
    backendAddressPool: [{ name: N.pool, ...splitAddresses(backend.addresses) }],
    probe: [
      {
        name: N.probe,
        protocol: "Https",
        path: backend.probePath ?? APIM_STATUS_PATH,
        interval: 30,
        timeout: 30,
        unhealthyThreshold: 3,
        pickHostNameFromBackendHttpSettings: true,
        match: { statusCode: ["200-399"] },
      },
    ],
    backendHttpSettings: [
      {
        name: N.settings,
        protocol: "Https",
        port: 443,
        cookieBasedAffinity: "Disabled",
        requestTimeout: backend.requestTimeoutSeconds ?? 60,
        hostName: backend.hostName,
        probeName: N.probe,
      },
    ],
    requestRoutingRule: [
      {
        name: N.rule,
        ruleType: "Basic",
        priority: 100,
        httpListenerName: N.listener,
        backendAddressPoolName: N.pool,
        backendHttpSettingsName: N.settings,
      },
    ],
  };
}

/** IP addresses and FQDNs go to different lists of a backend pool. */
function splitAddresses(addresses: readonly string[]): { ipAddresses?: string[]; fqdns?: string[] } {
  const ip = /^\d{1,3}(\.\d{1,3}){3}$/;
  const ips = addresses.filter((a) => isUnresolved(a) || ip.test(a));
  const fqdns = addresses.filter((a) => !isUnresolved(a) && !ip.test(a));
  return { ipAddresses: ips.length ? ips : undefined, fqdns: fqdns.length ? fqdns : undefined };
}
