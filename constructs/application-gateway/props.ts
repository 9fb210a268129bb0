import { KitProps, CommonResourceProps } from "../core/resource-construct";
import { KeyVault } from "../key-vault";
import { Network } from "../network";

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
