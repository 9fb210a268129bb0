import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { Fn, ISynthesisSession, Lazy, TerraformStack } from "cdktf";
// Public API of cdktf's synthesizer (the policy pack writes its report the same way).
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageBlob } from "@cdktf/provider-azurerm/lib/storage-blob";
import { addDependency } from "../core/depends-on";
import { recordDeployTimeOperation } from "../core/deploy-time";
import { grantToDeployer } from "../core/deployer";
import { BuiltInRole, IPrincipal } from "../core/grants";
import { ROLE_PROPAGATION, waitFor } from "../core/time";
import { StorageAccount } from "../storage";
import { WorkflowPackage } from "./package";

export interface PackageDeploymentInput {
  readonly storage: StorageAccount;
  readonly container: string;
  /** Who reads the package when the app starts (`WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID`). */
  readonly reader: IPrincipal;
  /** The package, built once every workflow and connection is known (first asked for during synthesis). */
  readonly build: () => WorkflowPackage;
}

export interface PackageDeployment {
  /** The uploaded package (`azurerm_storage_blob`), named after its content hash. */
  readonly blob: StorageBlob;
  /** Storage Blob Data Contributor on the package container for the principal that runs `terraform apply`. */
  readonly deployerAccess: RoleAssignment;
  /** Storage Blob Data Reader on the package container for the identity the app reads the package with. */
  readonly readerAccess: RoleAssignment;
  /** Where the zip is written in the stack's Terraform directory. */
  readonly assetPath: string;
}

/**
 * Deploys the workflows inside `terraform apply`: the zip travels with the stack (written next
 * to its Terraform JSON), `azurerm_storage_blob` uploads it with the deployer's Entra identity
 * (the provider's `storage_use_azuread`), and the app runs from that blob, read with its managed
 * identity (App Service "Run your app from a ZIP package": WEBSITE_RUN_FROM_PACKAGE with a blob
 * URL and a Storage Blob Data Reader role, https://learn.microsoft.com/azure/app-service/deploy-run-package).
 * A new build is a new blob name, so the app setting changes and the app restarts on it.
 */
export function addPackageDeployment(scope: Construct, input: PackageDeploymentInput): PackageDeployment {
  const stack = TerraformStack.of(scope);
  const folder = path.posix.join("assets", stack.getLogicalId(scope.node));
  const hash = (): string => input.build().hash.slice(0, 32);
  // A fixed path: the blob's name and content_md5 carry the content hash.
  const assetPath = path.posix.join(folder, "workflows.zip");
  const containerScope = `${input.storage.id}/blobServices/default/containers/${input.container}`;
  const container = input.storage.containers.get(input.container);

  // The same grant, wait and deploy-time record as a function app's package upload.
  const deployerAccess = grantToDeployer(new Construct(scope, "DeployerPackageAccess"), containerScope, BuiltInRole.storageBlobDataContributor);
  const readerAccess = new RoleAssignment(scope, "PackageReaderAccess", {
    scope: containerScope,
    roleDefinitionName: BuiltInRole.storageBlobDataReader,
    principalId: input.reader.principalId,
    principalType: input.reader.principalType,
    skipServicePrincipalAadCheck: input.reader.principalType === "ServicePrincipal" ? true : undefined,
  });
  if (container) {
    addDependency(deployerAccess, container);
    addDependency(readerAccess, container);
  }

  const blob = new StorageBlob(scope, "Package", {
    name: Lazy.stringValue({ produce: () => `${hash()}.zip` }),
    storageAccountName: input.storage.name,
    storageContainerName: input.container,
    type: "Block",
    contentType: "application/zip",
    source: Fn.abspath(assetPath),
    contentMd5: Lazy.stringValue({ produce: () => input.build().md5 }),
    // The app points at the new blob in the same apply; the old one goes only after that.
    lifecycle: { createBeforeDestroy: true },
  });
  const wait = waitFor(scope, "RolePropagation", {
    after: [deployerAccess, readerAccess],
    duration: ROLE_PROPAGATION,
    triggers: { deployer: deployerAccess.id, reader: readerAccess.id },
  });
  addDependency(blob, wait);
  recordDeployTimeOperation(scope, {
    resource: blob,
    operation: "upload the workflows package",
    targetId: containerScope,
    grant: deployerAccess,
    endpoint: input.storage.blobEndpointNetwork(),
  });

  addCustomSynthesis(scope, {
    onSynthesize: (session: ISynthesisSession) => {
      const base = path.join(session.manifest.outdir, session.manifest.forStack(stack).synthesizedStackPath, "..");
      fs.rmSync(path.join(base, folder), { recursive: true, force: true });
      const file = path.join(base, ...assetPath.split("/"));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, input.build().zip);
    },
  });
  return { blob, deployerAccess, readerAccess, assetPath };
}
