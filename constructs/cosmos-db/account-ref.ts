/** What databases, containers and data-plane grants need of a Cosmos DB account: ours or an existing one. */
export interface ICosmosDbAccount {
  /** Resource id of the account. */
  readonly id: string;
  /** Account name. */
  readonly name: string;
  /** Resource group of the account. */
  readonly resourceGroupName: string;
  /** Data-plane endpoint, e.g. `https://cosmos-x.documents.azure.com:443/`. */
  readonly endpoint: string;
}
