import { Construct } from "constructs";
import { KeyVaultCertificate } from "@cdktf/provider-azurerm/lib/key-vault-certificate";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Sleep } from "@cdktf/provider-time/lib/sleep";
import { endpointNetwork, recordDeployTimeOperation } from "../core/deploy-time";
import { grantToDeployer } from "../core/deployer";
import { invalid, isUnresolved } from "../core/errors";
import { BuiltInRole } from "../core/grants";
import { ROLE_PROPAGATION, waitFor } from "../core/time";
import { ApplicationGatewayCertificate } from "./props";

/** Where the listener's certificate is read from, and the self-signed certificate when this construct creates it. */
export interface CertificateSource {
  /** The versionless secret id the listener references. */
  readonly secretId: string;
  /** The vault the gateway's identity reads it from, when known. */
  readonly vaultId?: string;
  readonly certificate?: KeyVaultCertificate;
}

/**
 * The certificate's secret id: the one given (checked), or that of a self-signed certificate created in
 * `scope` (ids `DeployerAccess`, `RolePropagation`, `Certificate`) for `hostName`, by default the gateway's FQDN.
 */
export function certificateSource(scope: Construct, certificate: ApplicationGatewayCertificate, name: string, location: string): CertificateSource {
  if ("keyVaultSecretId" in certificate) {
    const id = certificate.keyVaultSecretId;
    if (!isUnresolved(id) && !/^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/secrets\/[A-Za-z0-9-]+\/?([0-9a-f]{32})?$/i.test(id)) {
      invalid(scope, {
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
  const hostName = certificate.selfSigned.hostName ?? `${name.toLowerCase()}.${location}.cloudapp.azure.com`;
  if (!isUnresolved(hostName) && !/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(hostName)) {
    invalid(scope, {
      field: "certificate.selfSigned.hostName",
      value: hostName,
      rule: "is not a DNS host name",
      fix: "pass the host name partners call, e.g. api.contoso.com",
    });
  }
  // A data-plane write during apply: the deployer creates the certificate (Certificates Officer).
  const grant = grantToDeployer(new Construct(scope, "DeployerAccess"), keyVault.id, BuiltInRole.keyVaultCertificatesOfficer);
  const wait = waitFor(scope, "RolePropagation", { after: [grant], duration: ROLE_PROPAGATION, triggers: { deployer: grant.id } });
  const cert = new KeyVaultCertificate(scope, "Certificate", {
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
  const vault = keyVault.resource;
  const endpoint = endpointNetwork("Key Vault", {
    publicNetworkAccess: vault.publicNetworkAccessEnabledInput,
    defaultAction: vault.networkAcls?.defaultActionInput,
    ipRules: vault.networkAcls?.ipRulesInput,
    privateEndpoint: keyVault.privateEndpoint !== undefined,
  });
  recordDeployTimeOperation(scope, {
    resource: cert,
    operation: "create the listener's self-signed certificate",
    targetId: keyVault.id,
    grant,
    endpoint,
  });
  // The versionless secret id: the gateway picks up each renewal.
  return { secretId: cert.versionlessSecretId, vaultId: keyVault.id, certificate: cert };
}

/** The gateway reads the certificate while it is created: the grant must have reached Key Vault first. */
export function certificateReadable(scope: Construct, grant: RoleAssignment | undefined): Sleep[] {
  if (!grant) return [];
  return [waitFor(scope, "CertificateAccessPropagation", { after: [grant], duration: ROLE_PROPAGATION, triggers: { reader: grant.id } })];
}
