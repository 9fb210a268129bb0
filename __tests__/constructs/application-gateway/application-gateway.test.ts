import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack } from "cdktf";
import { ApiManagement, ApiManagementSubnet } from "../../../constructs/api-management";
import {
  APPLICATION_GATEWAY_NSG_RULES,
  ApiManagementIngress,
  ApplicationGateway,
  ApplicationGatewayProps,
} from "../../../constructs/application-gateway";
import { IntegrationContext } from "../../../constructs/core/context";
import { BuiltInRole, grantRole } from "../../../constructs/core/grants";
import { KeyVault } from "../../../constructs/key-vault";
import { PolicyPack } from "../../../policy/policy-pack";
import { Network } from "../../../constructs/network";
import { Json, makeStack, messageOf, resources, single, SUBSCRIPTION_ID, withProvider } from "../../helpers";

Testing.setupJest();

const SECRET_ID = "https://kv-certs.vault.azure.net/secrets/api-contoso-com";
const VAULT_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/kv-certs`;

function build(profile: "dev" | "prod", props: Partial<ApplicationGatewayProps> = {}) {
  const stack = makeStack({ profile, diagnostics: { logAnalyticsWorkspaceId: "/ws" } });
  const network = new Network(stack, "Network", { addressSpace: ["10.0.0.0/22"] });
  IntegrationContext.set(stack, { ...IntegrationContext.of(stack), network } as never);
  const gateway = new ApplicationGateway(stack, "Ingress", {
    network,
    subnetPrefix: "10.0.3.0/24",
    backend: { addresses: ["10.0.2.4"], hostName: "apim-x.azure-api.net" },
    certificate: { keyVaultSecretId: SECRET_ID, keyVaultId: VAULT_ID },
    ...props,
  });
  return { stack, network, gateway };
}

describe("ApplicationGateway defaults", () => {
  const { stack } = build("prod");
  const agw = single(stack, "azurerm_application_gateway").config;

  test("WAF_v2 with autoscale 2-10 and zones 1-3 in prod, a WAF policy in Prevention with OWASP 3.2", () => {
    expect(agw).toMatchObject({
      sku: { name: "WAF_v2", tier: "WAF_v2" },
      autoscale_configuration: { min_capacity: 2, max_capacity: 10 },
      zones: ["1", "2", "3"],
    });
    expect(agw.sku.capacity).toBeUndefined();
    const waf = single(stack, "azurerm_web_application_firewall_policy");
    expect(agw.firewall_policy_id).toBe(waf.ref("id"));
    expect(agw.force_firewall_policy_association).toBe(true);
    expect(waf.config).toMatchObject({
      policy_settings: { enabled: true, mode: "Prevention", request_body_check: true },
      managed_rules: { managed_rule_set: [{ type: "OWASP", version: "3.2" }] },
    });
  });

  test("TLS 1.2+ only: the predefined AppGwSslPolicy20220101S", () => {
    expect(agw.ssl_policy).toEqual({ policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101S" });
  });

  test("an HTTPS listener on 443 whose certificate the gateway reads from Key Vault with its user-assigned identity", () => {
    const identity = single(stack, "azurerm_user_assigned_identity");
    expect(agw.identity).toEqual({ type: "UserAssigned", identity_ids: [identity.ref("id")] });
    expect(agw.ssl_certificate).toEqual([{ name: "listener", key_vault_secret_id: SECRET_ID }]);
    expect(agw.frontend_port).toEqual([{ name: "https", port: 443 }]);
    expect(agw.http_listener).toEqual([
      expect.objectContaining({ protocol: "Https", ssl_certificate_name: "listener", frontend_port_name: "https" }),
    ]);
    const grant = single(stack, "azurerm_role_assignment");
    expect(grant.config).toMatchObject({
      scope: VAULT_ID,
      role_definition_name: "Key Vault Secrets User",
      principal_id: identity.ref("principal_id"),
    });
    // The gateway waits for the grant to propagate before it reads the certificate.
    const wait = Object.entries(resources(stack, "time_sleep")).find(([k]) => k.includes("CertificateAccessPropagation"));
    expect(wait).toBeDefined();
    expect((wait![1] as Json).depends_on).toContain(grant.ref("id").slice(2, -4));
    expect(agw.depends_on).toContain(`time_sleep.${wait![0]}`);
  });

  test("backend: the given address over HTTPS with the back end's host name, probed on /status-0123456789abcdef", () => {
    expect(agw.backend_address_pool).toEqual([{ name: "backend", ip_addresses: ["10.0.2.4"] }]);
    expect(agw.backend_http_settings).toEqual([
      expect.objectContaining({ protocol: "Https", port: 443, host_name: "apim-x.azure-api.net", probe_name: "backend-status" }),
    ]);
    expect(agw.probe).toEqual([
      expect.objectContaining({ protocol: "Https", path: "/status-0123456789abcdef", pick_host_name_from_backend_http_settings: true }),
    ]);
    expect(agw.request_routing_rule).toEqual([
      expect.objectContaining({ rule_type: "Basic", priority: 100, http_listener_name: "https", backend_address_pool_name: "backend" }),
    ]);
  });

  test("its own subnet with an NSG admitting GatewayManager 65200-65535, the load balancer and 443 from the internet", () => {
    const subnet = Object.entries(resources(stack, "azurerm_subnet")).find(([, s]) => (s as Json).name === "snet-application-gateway")!;
    expect((subnet[1] as Json).address_prefixes).toEqual(["10.0.3.0/24"]);
    expect(agw.gateway_ip_configuration).toEqual([{ name: "gateway", subnet_id: `\${azurerm_subnet.${subnet[0]}.id}` }]);
    const nsg = Object.entries(resources(stack, "azurerm_network_security_group")).find(([k]) => k.startsWith("Ingress_Nsg"))!;
    const rules = (Object.values(resources(stack, "azurerm_network_security_rule")) as Json[]).filter(
      (r) => r.network_security_group_name === `\${azurerm_network_security_group.${nsg[0]}.name}`
    );
    expect(rules.map((r) => [r.name, r.direction, r.access, r.source_address_prefix, r.destination_port_ranges]).sort()).toEqual([
      ["AllowAzureLoadBalancer", "Inbound", "Allow", "AzureLoadBalancer", ["*"]],
      ["AllowGatewayManager", "Inbound", "Allow", "GatewayManager", ["65200-65535"]],
      ["AllowHttpsFromInternet", "Inbound", "Allow", "Internet", ["443"]],
    ]);
    expect(rules).toHaveLength(APPLICATION_GATEWAY_NSG_RULES.length);
    // Only this NSG is on the subnet (the Network adds none of its own), associated before the gateway.
    const onSubnet = Object.entries(resources(stack, "azurerm_subnet_network_security_group_association")).filter(
      ([, a]) => (a as Json).subnet_id === `\${azurerm_subnet.${subnet[0]}.id}`
    );
    expect(onSubnet.map(([, a]) => (a as Json).network_security_group_id)).toEqual([`\${azurerm_network_security_group.${nsg[0]}.id}`]);
    expect(agw.depends_on).toContain(`azurerm_subnet_network_security_group_association.${onSubnet[0][0]}`);
  });

  test("a Standard static public IP in the same zones, labelled with the gateway's name; diagnostics in prod; no lock (configuration)", () => {
    const pip = single(stack, "azurerm_public_ip");
    expect(pip.config).toMatchObject({ sku: "Standard", allocation_method: "Static", zones: ["1", "2", "3"], domain_name_label: agw.name });
    expect(agw.frontend_ip_configuration).toEqual([{ name: "public", public_ip_address_id: pip.ref("id") }]);
    expect(Object.keys(resources(stack, "azurerm_monitor_diagnostic_setting")).some((k) => k.startsWith("Ingress_Diagnostics"))).toBe(true);
    expect(Object.keys(resources(stack, "azurerm_management_lock")).some((k) => k.startsWith("Ingress_Lock"))).toBe(false);
  });

  test("passes cdktf's validations", () => {
    expect(() => Testing.synth(withProvider(stack), true)).not.toThrow();
  });
});

describe("ApplicationGateway principal", () => {
  test("is its user-assigned identity: the gateway itself is a grantee", () => {
    const { stack, gateway } = build("dev");
    expect(gateway.principal).toBe(gateway.identity);
    grantRole(stack, `${VAULT_ID}-other`, BuiltInRole.keyVaultSecretsUser, gateway);
    const identity = single(stack, "azurerm_user_assigned_identity");
    const grants = Object.values(resources(stack, "azurerm_role_assignment")) as Json[];
    expect(grants.find((g) => g.scope === `${VAULT_ID}-other`)).toMatchObject({ principal_id: identity.ref("principal_id") });
  });
});

describe("ApplicationGateway in dev and overrides", () => {
  test("dev: one to ten instances, no zones, Detection", () => {
    const { stack } = build("dev");
    const agw = single(stack, "azurerm_application_gateway").config;
    expect(agw.autoscale_configuration).toEqual({ min_capacity: 1, max_capacity: 10 });
    expect(agw.zones).toBeUndefined();
    expect(single(stack, "azurerm_web_application_firewall_policy").config.policy_settings.mode).toBe("Detection");
  });

  test("overrides: Microsoft_DefaultRuleSet 2.1, Prevention in dev, zones, autoscale, an FQDN back end", () => {
    const { stack } = build("dev", {
      managedRuleSet: { type: "Microsoft_DefaultRuleSet", version: "2.1" },
      wafMode: "Prevention",
      zones: ["1", "2"],
      autoscale: { minCapacity: 0, maxCapacity: 3 },
      backend: { addresses: ["apim-x.azure-api.net"], hostName: "apim-x.azure-api.net", probePath: "/internal-status" },
    });
    const agw = single(stack, "azurerm_application_gateway").config;
    expect(agw).toMatchObject({ zones: ["1", "2"], autoscale_configuration: { min_capacity: 0, max_capacity: 3 } });
    expect(agw.backend_address_pool).toEqual([{ name: "backend", fqdns: ["apim-x.azure-api.net"] }]);
    expect(agw.probe[0].path).toBe("/internal-status");
    expect(single(stack, "azurerm_web_application_firewall_policy").config).toMatchObject({
      policy_settings: { mode: "Prevention" },
      managed_rules: { managed_rule_set: [{ type: "Microsoft_DefaultRuleSet", version: "2.1" }] },
    });
  });

  test.each([
    [{ autoscale: { minCapacity: 5, maxCapacity: 3 } }, /Ingress: autoscale.maxCapacity 3 is not a whole number from max\(2, minCapacity 5\) to 125/],
    [{ autoscale: { minCapacity: 101 } }, /autoscale.minCapacity 101 is not a whole number from 0 to 100/],
    [{ managedRuleSet: { type: "OWASP" as const, version: "3.1" } }, /managedRuleSet.version "3.1" is not the supported version of OWASP; use "3.2"/],
    [{ name: "agw_contoso" }, /Ingress: name "agw_contoso" cannot be the public IP's DNS label/],
    [{ sslPolicyName: "AppGwSslPolicy20150501" as never }, /sslPolicyName "AppGwSslPolicy20150501" is not a TLS 1.2\+ predefined policy/],
    [
      { certificate: { keyVaultSecretId: "https://example.com/cert.pfx" } },
      /certificate.keyVaultSecretId "https:\/\/example.com\/cert.pfx" is not a Key Vault secret id/,
    ],
  ])("refuses %j", (props, message) => {
    expect(messageOf(() => build("dev", props))).toMatch(message);
  });
});

describe("ApplicationGateway with a self-signed certificate", () => {
  function selfSigned(hostName?: string) {
    const stack = makeStack({ profile: "prod", diagnostics: { logAnalyticsWorkspaceId: "/ws" } });
    const network = new Network(stack, "Network", { addressSpace: ["10.0.0.0/22"] });
    IntegrationContext.set(stack, { ...IntegrationContext.of(stack), network } as never);
    const vault = new KeyVault(stack, "Vault");
    new ApplicationGateway(stack, "Ingress", {
      network,
      subnetPrefix: "10.0.3.0/24",
      backend: { addresses: ["10.0.2.4"], hostName: "apim-x.azure-api.net" },
      certificate: { selfSigned: { keyVault: vault, hostName } },
    });
    return { stack, vault };
  }

  test("created during apply by the deployer (Certificates Officer, after propagation), for the gateway's FQDN; the gateway follows renewals", () => {
    const { stack } = selfSigned();
    const cert = single(stack, "azurerm_key_vault_certificate");
    const agw = single(stack, "azurerm_application_gateway").config;
    expect(cert.config.certificate_policy).toMatchObject({
      issuer_parameters: { name: "Self" },
      x509_certificate_properties: {
        subject: `CN=${agw.name}.westeurope.cloudapp.azure.com`,
        subject_alternative_names: { dns_names: [`${agw.name}.westeurope.cloudapp.azure.com`] },
      },
    });
    expect(agw.ssl_certificate).toEqual([{ name: "listener", key_vault_secret_id: cert.ref("versionless_secret_id") }]);
    const grants = Object.values(resources(stack, "azurerm_role_assignment")) as Json[];
    expect(grants.map((g) => g.role_definition_name).sort()).toEqual(["Key Vault Certificates Officer", "Key Vault Secrets User"]);
    // The deployer writes through the vault's private endpoint; the gateway reads through it too.
    const endpoint = Object.keys(resources(stack, "azurerm_private_endpoint")).find((k) => k.startsWith("Vault_"))!;
    expect(cert.config.depends_on).toContain(`azurerm_private_endpoint.${endpoint}`);
    expect(agw.depends_on).toContain(`azurerm_private_endpoint.${endpoint}`);
  });

  test("a host name that is not one is refused", () => {
    expect(messageOf(() => selfSigned("not a host"))).toMatch(/Ingress: certificate.selfSigned.hostName "not a host" is not a DNS host name/);
  });
});

describe("ApiManagementIngress", () => {
  function ingress(network: Network, stack: TerraformStack, type: "Internal" | "External" = "Internal") {
    const subnet = new ApiManagementSubnet(stack, "ApiManagementSubnet", {
      network,
      namePrefix: "test",
      resourceGroup: IntegrationContext.of(stack).resourceGroup!,
      location: "westeurope",
    });
    const service = new ApiManagement(stack, "Apim", {
      publisherName: "Contoso",
      publisherEmail: "api@contoso.example",
      sku: "Premium",
      virtualNetwork: { type, subnetId: subnet.subnetId },
    });
    subnet.inject(service);
    return { service, ingress: new ApiManagementIngress(stack, "Ingress", { service, network }) };
  }

  test("fronts the service's private VIP with its azure-api.net host name, and writes its host names to the VNet's azure-api.net zone", () => {
    const stack = makeStack({ profile: "prod", diagnostics: { logAnalyticsWorkspaceId: "/ws" } });
    const network = new Network(stack, "Network", { addressSpace: ["10.0.0.0/22"] });
    IntegrationContext.set(stack, { ...IntegrationContext.of(stack), network } as never);
    const { service } = ingress(network, stack);
    const apim = single(stack, "azurerm_api_management");
    const agw = single(stack, "azurerm_application_gateway").config;
    expect(agw.backend_address_pool[0].ip_addresses).toEqual([`\${element(${apim.ref("private_ip_addresses").slice(2, -1)}, 0)}`]);
    expect(agw.backend_http_settings[0].host_name).toBe(`${service.resource.nameInput}.azure-api.net`);
    // The fourth /24 of the network by default.
    expect(Object.values(resources(stack, "azurerm_subnet")).find((s: Json) => s.name === "snet-application-gateway")).toMatchObject({
      address_prefixes: ["10.0.3.0/24"],
    });
    const zone = Object.entries(resources(stack, "azurerm_private_dns_zone")).find(([, z]) => (z as Json).name === "azure-api.net")!;
    const records = Object.values(resources(stack, "azurerm_private_dns_a_record")) as Json[];
    const name = service.resource.nameInput;
    expect(records.map((r) => r.name).sort()).toEqual([name, `${name}.developer`, `${name}.management`, `${name}.portal`, `${name}.scm`].sort());
    for (const r of records)
      expect(r).toMatchObject({
        zone_name: `\${azurerm_private_dns_zone.${zone[0]}.name}`,
        records: [agw.backend_address_pool[0].ip_addresses[0]],
        ttl: 300,
      });
    expect(
      Object.values(resources(stack, "azurerm_private_dns_zone_virtual_network_link")).some(
        (l: Json) => l.private_dns_zone_name === `\${azurerm_private_dns_zone.${zone[0]}.name}`
      )
    ).toBe(true);
  });

  test("records the gateway → service flow; AIC-NET-010 judges it against the synthesized service", () => {
    const build = () => {
      const stack = withProvider(makeStack({ profile: "prod", diagnostics: { logAnalyticsWorkspaceId: "/ws" } }));
      const network = new Network(stack, "Network", { addressSpace: ["10.0.0.0/22"] });
      IntegrationContext.set(stack, { ...IntegrationContext.of(stack), network } as never);
      return { stack, pack: PolicyPack.apply(stack), ...ingress(network, stack) };
    };
    const flow = build()
      .pack.report()
      .flows.find((f) => f.caller === "test/Ingress/Gateway");
    expect(flow).toMatchObject({ target: "test/Apim/Resource", runsIn: "vnet", path: "VNet injection: the Internal service's private VIP" });
    // Taken out of the VNet with public access off through the L1, the gateway has no way in: synthesis names both ends.
    const { stack, service } = build();
    service.resource.addOverride("virtual_network_type", "None");
    service.resource.addOverride("public_network_access_enabled", false);
    expect(messageOf(() => Testing.synth(stack, true))).toContain(
      "test/Ingress/Gateway → test/Apim/Resource (back end: API Management's private VIP (https, azure-api.net host name)): the caller runs in " +
        "the VNet, and the API Management service has no private endpoint for Gateway, and has public network access off",
    );
  });

  test("with the hub's zones: no records, a warning naming the records the hub's zone needs", () => {
    const stack = makeStack({ profile: "prod", diagnostics: { logAnalyticsWorkspaceId: "/ws" } });
    const network = new Network(stack, "Network", {
      addressSpace: ["10.0.0.0/22"],
      privateDnsZoneResourceGroupId: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-dns`,
    });
    IntegrationContext.set(stack, { ...IntegrationContext.of(stack), network } as never);
    const { ingress: built } = ingress(network, stack);
    expect(resources(stack, "azurerm_private_dns_a_record")).toEqual({});
    const warnings = built.dns.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings).toEqual([
      expect.stringMatching(/the network's private DNS is the hub's: add A records apim-.*\.azure-api\.net, .*\.developer\.azure-api\.net/),
    ]);
  });

  test("refuses a service that is not Internal", () => {
    const stack = makeStack({ profile: "prod", diagnostics: { logAnalyticsWorkspaceId: "/ws" } });
    const network = new Network(stack, "Network", { addressSpace: ["10.0.0.0/22"] });
    IntegrationContext.set(stack, { ...IntegrationContext.of(stack), network } as never);
    expect(messageOf(() => ingress(network, stack, "External"))).toMatch(/test\/Ingress: service "External" is not in Internal VNet mode/);
  });
});
