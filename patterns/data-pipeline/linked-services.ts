// The linked services of DataPipeline: declared once, here; their types are DataPipelineLinkedServices.
import { KeyVault } from "../../constructs/key-vault";
import type { DataPipeline } from "./data-pipeline";
import type { DataPipelineProps } from "./props";
import { ENTITY_NAMES } from "./workloads";

/** The linked services every dataset and pipeline reads through (identities and Key Vault secrets, no keys). */
export function addLinkedServices(pattern: DataPipeline, props: DataPipelineProps) {
  const factory = pattern.dataFactory;
  const poolName = poolNameOf(props);
  // The linked service grants through our KeyVault construct, or by id on an imported vault.
  const vault = pattern.keyVault instanceof KeyVault ? pattern.keyVault : { keyVaultId: pattern.keyVault.id };
  const keyVault = factory.addKeyVaultLinkedService(ENTITY_NAMES.linkedServices.keyVault, { vault });
  const onPremSql = factory.addSqlServerLinkedService(ENTITY_NAMES.linkedServices.onPremSql, {
    integrationRuntime: pattern.selfHostedIntegrationRuntime,
    server: props.onPremises.server,
    database: props.onPremises.database,
    userName: props.onPremises.userName,
    windowsAuthentication: props.onPremises.windowsAuthentication,
    password: { keyVault, secretName: props.onPremises.passwordSecretName ?? "onprem-sql-password" },
  });
  const controlDb = factory.addAzureSqlDatabaseLinkedService(ENTITY_NAMES.linkedServices.controlDb, {
    server: pattern.controlDatabase.fullyQualifiedDomainName,
    database: pattern.controlDatabase.name,
    serverId: pattern.controlDatabase.serverId,
  });
  const dataLake = factory.addDataLakeLinkedService(ENTITY_NAMES.linkedServices.dataLake, { storage: pattern.dataLake });
  const synapse = factory.addSynapseLinkedService(ENTITY_NAMES.linkedServices.synapse, {
    server: pattern.synapse.sqlEndpoint,
    database: poolName,
    workspaceId: pattern.synapse.id,
    description: props.dedicatedSqlPool ? undefined : `Dedicated SQL pool "${poolName}" (not deployed: daily skips the Synapse load)`,
  });
  const cosmosDb = factory.addCosmosDbLinkedService(ENTITY_NAMES.linkedServices.cosmosDb, {
    account: pattern.cosmosDb,
    database: pattern.cosmosDatabase.name,
  });
  const api = props.api
    ? factory.addRestLinkedService(ENTITY_NAMES.linkedServices.api, {
        url: props.api.url,
        authentication: props.api.aadResourceId
          ? { type: "ManagedServiceIdentity", aadResourceId: props.api.aadResourceId }
          : { type: "Anonymous" },
      })
    : undefined;
  return { keyVault, onPremSql, controlDb, dataLake, synapse, cosmosDb, api };
}

/** The dedicated SQL pool the Synapse linked service names, deployed or not. */
export function poolNameOf(props: DataPipelineProps): string {
  return props.dedicatedSqlPool?.name ?? "dw";
}
