import { ApplicationGatewayConfig } from "@cdktf/provider-azurerm/lib/application-gateway";
import { isUnresolved } from "../core/errors";
import { ApplicationGatewayBackend } from "./props";

/** API Management's own health endpoint (Learn "Integrate API Management in an internal VNet with Application Gateway"). */
const APIM_STATUS_PATH = "/status-0123456789abcdef";
/** The names the gateway's parts refer to each other by. */
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

/** Where the listener sits and what it presents: the gateway's subnet, its public IP and the certificate's secret id. */
export interface ListenerInput {
  readonly subnetId: string;
  readonly publicIpId: string;
  readonly secretId: string;
}

/** The gateway's front end (subnet, public IP, port 443, certificate) and its HTTPS route to `backend`. */
export function listenerToBackend(
  backend: ApplicationGatewayBackend,
  input: ListenerInput,
): Pick<
  ApplicationGatewayConfig,
  "gatewayIpConfiguration" | "frontendIpConfiguration" | "frontendPort" | "sslCertificate" | "httpListener" | "backendAddressPool" | "probe"
  | "backendHttpSettings" | "requestRoutingRule"
> {
  return {
    gatewayIpConfiguration: [{ name: N.gatewayIp, subnetId: input.subnetId }],
    frontendIpConfiguration: [{ name: N.frontendIp, publicIpAddressId: input.publicIpId }],
    frontendPort: [{ name: N.frontendPort, port: 443 }],
    sslCertificate: [{ name: N.certificate, keyVaultSecretId: input.secretId }],
    ...httpsToBackend(backend),
  };
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
