/** The environment profiles. A profile only changes defaults; every prop stays overridable. */
export type ProfileName = "dev" | "prod";

/** The defaults a profile sets, in one place for every construct. */
export interface ProfileDefaults {
  /** Private endpoints, VNet and private DNS zones; public network access off. */
  readonly privateNetworking: boolean;
  /** Zone-redundant SKUs and replication where the service offers them. */
  readonly zoneRedundancy: boolean;
  /** `CanNotDelete` locks on stateful resources (vaults, storage, namespaces, databases). */
  readonly locks: boolean;
  /** Log Analytics retention. */
  readonly logRetentionDays: number;
  /** Storage account replication. */
  readonly storageReplication: "LRS" | "ZRS" | "GZRS";
  /** Key Vault soft-delete retention. */
  readonly softDeleteRetentionDays: number;
}

export const PROFILES: Readonly<Record<ProfileName, ProfileDefaults>> = {
  dev: {
    privateNetworking: false,
    zoneRedundancy: false,
    locks: false,
    logRetentionDays: 30,
    storageReplication: "LRS",
    softDeleteRetentionDays: 7,
  },
  prod: {
    privateNetworking: true,
    zoneRedundancy: true,
    locks: true,
    logRetentionDays: 90,
    storageReplication: "ZRS",
    softDeleteRetentionDays: 90,
  },
};
