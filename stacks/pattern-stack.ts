import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Environment } from "../config/environment";
import { NetworkConfig, PatternName, StackAddressPlan, stackAddressPlan } from "../config/network";
import { IntegrationContext } from "../constructs/core/context";
import { TagDefaults } from "../constructs/core/tags";
import { ActionGroup, Monitoring } from "../constructs/monitoring";
import { Network, NetworkProps } from "../constructs/network";
import { ResourceGroup } from "../constructs/resource-group";
import { PolicyPack } from "../policy";
import { configureBackend } from "./backend";
import { followAppOutputMode, stackHcl } from "./hcl";

/** The four reference architectures; a stack is named `<pattern>-<environment>`. */
export type { PatternName };

/**
 * What every pattern stack stands on: the azurerm provider, the environment's backend, a
 * resource group, monitoring, the network when the profile wants private networking, the
 * environment's tags, the policy pack, and the IntegrationContext every construct below reads
 * its defaults from.
 */
export abstract class PatternStack extends TerraformStack {
  public readonly pattern: PatternName;
  public readonly environment: Environment;
  public readonly resourceGroup: ResourceGroup;
  public readonly monitoring: Monitoring;
  /** Present when the profile uses private networking (prod). */
  public readonly network?: Network;
  /** The azurerm provider (e.g. to register further resource providers). */
  public readonly provider: AzurermProvider;
  /** Where this stack's VNet and subnets go in the environment's address plan (with `network`). */
  public readonly addressPlan?: StackAddressPlan;
  /** Who the pattern's alerts notify: present when the environment names `alerts` receivers. */
  public readonly actionGroup?: ActionGroup;
  /** The rule pack over everything in the stack; suppress findings with `PolicyPack.suppress`. */
  public readonly policy: PolicyPack;

  protected constructor(scope: Construct, pattern: PatternName, environment: Environment) {
    const stackName = `${pattern}-${environment.name}`;
    super(scope, stackName);
    followAppOutputMode(this);
    this.pattern = pattern;
    this.environment = environment;

    this.provider = new AzurermProvider(this, "azurerm", {
      // Storage firewalls deny the deploying machine (and prod has no public endpoint), so the
      // provider must manage storage through Resource Manager only, never the data plane.
      features: [{ storage: [{ dataPlaneAvailable: false }] }],
      subscriptionId: environment.subscriptionId,
      // Shared keys are off on every storage account: any data-plane call must use Entra ID.
      storageUseAzuread: true,
    });
    configureBackend(this, stackName, environment.backend);
    TagDefaults.apply(this, { ...environment.tags, pattern });
    this.policy = PolicyPack.apply(this);

    this.resourceGroup = new ResourceGroup(this, "ResourceGroup", {
      name: `rg-${environment.namePrefix}-${pattern}`,
      location: environment.location,
    });
    IntegrationContext.set(this, {
      resourceGroup: this.resourceGroup,
      namePrefix: environment.namePrefix,
      profile: environment.profile,
      allowedIpRanges: environment.allowedIpRanges,
      deployer: environment.deployer && {
        principalId: environment.deployer.objectId,
        network: environment.deployer.network,
        egressIpRanges: environment.deployer.egressIpRanges,
      },
    });

    this.monitoring = new Monitoring(this, "Monitoring");
    IntegrationContext.set(this, { diagnostics: this.monitoring });
    const receivers = environment.alerts;
    if (receivers && receivers.emailReceivers.length + receivers.webhookReceivers.length > 0) {
      this.actionGroup = new ActionGroup(this, "ActionGroup", receivers);
    }

    const privateNetworking = IntegrationContext.of(this).defaults.privateNetworking;
    if (privateNetworking && environment.network) {
      this.addressPlan = stackAddressPlan(environment.network, pattern);
      this.network = new Network(this, "Network", networkProps(environment.network, this.addressPlan));
      IntegrationContext.set(this, { network: this.network });
      if (environment.network.hub) {
        new TerraformOutput(this, "virtual-network-id", {
          value: this.network.vnetId,
          description: "This stack's VNet: the hub owner peers the hub with it (hub→spoke); until then the spoke's peering stays Initiated",
        });
      }
    }
  }

  /**
   * cdktf's preparing pass resolves every resource once more before synthesis, only to discover
   * cross-stack references. Pattern stacks are independent by design (each carries its own
   * resource group, monitoring and network), so they skip it: a tenth of the synth time. A
   * reference into another stack would then render a dangling address; policy rule AIC-TF-001
   * fails the synth on it instead.
   */
  public override prepareStack(): void {}

  /**
   * The stack as HCL (`synth --hcl`), rendered from the same JSON cdk.tf.json holds: cdktf's own
   * HCL renderer writes strings terraform cannot parse (see stacks/hcl.ts).
   */
  public override toHclTerraform(): { [key: string]: unknown } {
    return stackHcl(this);
  }
}

/**
 * The stack's VNet from the environment's plan: its block, the private endpoint and integration
 * subnets (the API Management and Application Gateway quarters stay free for the patterns), and
 * with a hub: the peering, the central DNS zones and egress through the hub firewall; without
 * one (or without a firewall): a NAT gateway.
 */
function networkProps(network: NetworkConfig, plan: StackAddressPlan): NetworkProps {
  const hub = network.hub;
  const centralZones = hub && (hub.privateDnsZoneResourceGroupId !== undefined || hub.privateDnsZoneIds !== undefined);
  return {
    addressSpace: [plan.addressSpace],
    subnets: {
      privateEndpoints: { addressPrefix: plan.subnets.privateEndpoints, privateEndpoints: true },
      integration: { addressPrefix: plan.subnets.integration, delegation: "Microsoft.Web/serverFarms" },
    },
    hub: hub ? { virtualNetworkId: hub.virtualNetworkId, useRemoteGateways: hub.useRemoteGateways } : undefined,
    dnsServers: hub?.dnsServers,
    // A hub without central zones manages DNS itself (typically Azure Policy); never per-stack zones next to a hub.
    dnsZones: hub ? (centralZones ? "existing" : "external") : undefined,
    privateDnsZoneResourceGroupId: hub?.privateDnsZoneResourceGroupId,
    existingPrivateDnsZoneIds: hub?.privateDnsZoneIds,
    egress: hub?.firewallPrivateIp ? { type: "firewall", privateIp: hub.firewallPrivateIp } : { type: "natGateway" },
  };
}
