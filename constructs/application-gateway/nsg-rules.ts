/** One inbound rule of the Application Gateway subnet's NSG. */
export interface ApplicationGatewayNsgRule {
  readonly name: string;
  readonly priority: number;
  readonly source: string;
  readonly destination: string;
  readonly ports: readonly string[];
  readonly protocol: "Tcp" | "*";
  readonly description: string;
}

/**
 * What an Application Gateway v2 subnet must admit (Learn "Application Gateway infrastructure
 * configuration", https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure#network-security-groups):
 * GatewayManager on 65200-65535 (the v2 SKU's infrastructure ports), the Azure load balancer's
 * probes, and the listener's port from the clients. Outbound internet must stay open (the default
 * rules keep it); the gateway fails to provision without these.
 */
export const APPLICATION_GATEWAY_NSG_RULES: readonly ApplicationGatewayNsgRule[] = [
  {
    name: "AllowGatewayManager",
    priority: 100,
    source: "GatewayManager",
    destination: "*",
    ports: ["65200-65535"],
    protocol: "Tcp",
    description: "Application Gateway v2 infrastructure communication",
  },
  {
    name: "AllowAzureLoadBalancer",
    priority: 110,
    source: "AzureLoadBalancer",
    destination: "*",
    ports: ["*"],
    protocol: "*",
    description: "Azure infrastructure load balancer health probes",
  },
  {
    name: "AllowHttpsFromInternet",
    priority: 120,
    source: "Internet",
    destination: "*",
    ports: ["443"],
    protocol: "Tcp",
    description: "Clients of the HTTPS listener",
  },
];
