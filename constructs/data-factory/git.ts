import { IConstruct } from "constructs";
import { DataFactoryGithubConfiguration, DataFactoryVstsConfiguration } from "@cdktf/provider-azurerm/lib/data-factory";
import { invalid, isUnresolved } from "../core/errors";

/** Data Factory Studio authoring in a GitHub repository. */
export interface GitHubConfiguration {
  /** The GitHub user or organization. */
  readonly accountName: string;
  readonly repositoryName: string;
  /** The collaboration branch, e.g. `main`. */
  readonly branchName: string;
  /** Folder of the factory's JSON in the repository, e.g. `/adf`. */
  readonly rootFolder: string;
  /** GitHub Enterprise Server URL. @default github.com */
  readonly gitUrl?: string;
  /** Allow publishing from Data Factory Studio. @default true */
  readonly publishingEnabled?: boolean;
}

/** Data Factory Studio authoring in an Azure DevOps (Azure Repos) repository. */
export interface AzureDevOpsConfiguration {
  /** The Azure DevOps organization. */
  readonly accountName: string;
  readonly projectName: string;
  readonly repositoryName: string;
  /** The collaboration branch, e.g. `main`. */
  readonly branchName: string;
  /** Folder of the factory's JSON in the repository, e.g. `/adf`. */
  readonly rootFolder: string;
  /** Entra tenant of the organization. */
  readonly tenantId: string;
  /** Allow publishing from Data Factory Studio. @default true */
  readonly publishingEnabled?: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `github_configuration` block, validated. */
export function gitHubBlock(scope: IConstruct, config: GitHubConfiguration | undefined): DataFactoryGithubConfiguration | undefined {
  if (!config) return undefined;
  requireValues(scope, "githubConfiguration", {
    accountName: config.accountName,
    repositoryName: config.repositoryName,
    branchName: config.branchName,
  });
  rootFolder(scope, "githubConfiguration", config.rootFolder);
  if (config.gitUrl !== undefined) {
    checkLiteral(scope, "githubConfiguration.gitUrl", config.gitUrl, (url) => /^https:\/\//.test(url), "is not an https URL", {
      fix: "use the https URL of the GitHub Enterprise Server",
    });
  }
  return { ...config, publishingEnabled: config.publishingEnabled ?? true };
}

/** The `vsts_configuration` block, validated. */
export function azureDevOpsBlock(scope: IConstruct, config: AzureDevOpsConfiguration | undefined): DataFactoryVstsConfiguration | undefined {
  if (!config) return undefined;
  requireValues(scope, "vstsConfiguration", {
    accountName: config.accountName,
    projectName: config.projectName,
    repositoryName: config.repositoryName,
    branchName: config.branchName,
  });
  rootFolder(scope, "vstsConfiguration", config.rootFolder);
  checkLiteral(scope, "vstsConfiguration.tenantId", config.tenantId, (id) => GUID.test(id), "is not a GUID", {
    fix: "use the Entra tenant id of the Azure DevOps organization",
  });
  return { ...config, publishingEnabled: config.publishingEnabled ?? true };
}

function requireValues(scope: IConstruct, prop: string, values: Record<string, string>): void {
  for (const [key, value] of Object.entries(values)) {
    checkLiteral(scope, `${prop}.${key}`, value, (v) => v.trim() !== "", "is empty", { fix: `set ${key}` });
  }
}

function rootFolder(scope: IConstruct, prop: string, folder: string): void {
  checkLiteral(scope, `${prop}.rootFolder`, folder, (f) => f.startsWith("/"), "does not start with '/'", {
    fix: 'use a repository path such as "/" or "/adf"',
  });
}

/** Every check of this file: a literal `value` that is not `ok` stops synthesis; a token is left to Azure. */
function checkLiteral(scope: IConstruct, field: string, value: string, ok: (v: string) => boolean, rule: string, { fix }: { fix: string }): void {
  if (!isUnresolved(value) && !ok(value)) invalid(scope, { field, value, rule, fix });
}

/** A factory has one Git repository: GitHub or Azure DevOps, not both. */
export function checkOneRepository(
  scope: IConstruct,
  props: { readonly githubConfiguration?: GitHubConfiguration; readonly vstsConfiguration?: AzureDevOpsConfiguration },
): void {
  if (props.githubConfiguration && props.vstsConfiguration) {
    invalid(scope, {
      field: "githubConfiguration",
      rule: "and vstsConfiguration are both set; a factory has one Git repository",
      fix: "keep one of githubConfiguration and vstsConfiguration",
    });
  }
}
