import { Construct } from "constructs";
import { Lazy } from "cdktf";
import { DataFactoryManagedPrivateEndpoint } from "@cdktf/provider-azurerm/lib/data-factory-managed-private-endpoint";
import { ResourceGroupTemplateDeployment } from "@cdktf/provider-azurerm/lib/resource-group-template-deployment";
import { addDependency } from "../core/depends-on";
import { isUnresolved } from "../core/errors";

/**
 * Target types whose private endpoint connections the approval can update, with the API version
 * of the target (read for its `privateEndpointConnections`) and of its `privateEndpointConnections`
 * child (written). ARM needs literal types, so every target's type is known at synth.
 */
export const APPROVABLE_TARGET_TYPES: Readonly<Record<string, string>> = {
  "Microsoft.Storage/storageAccounts": "2023-01-01",
  "Microsoft.KeyVault/vaults": "2023-07-01",
  "Microsoft.Sql/servers": "2021-11-01",
  "Microsoft.DocumentDB/databaseAccounts": "2023-04-15",
  "Microsoft.Synapse/workspaces": "2021-06-01",
};

/** An endpoint to approve: its Data Factory name, its target and the target's resource type. */
export interface ApprovableEndpoint {
  readonly name: string;
  readonly targetResourceId: string;
  readonly targetType: string;
  readonly resource: DataFactoryManagedPrivateEndpoint;
}

/** The target type from a literal ARM id (`.../providers/<namespace>/<type>/<name>`), if any. */
export function targetTypeOf(targetResourceId: string): string | undefined {
  if (isUnresolved(targetResourceId)) return undefined;
  const match = /\/providers\/([^/]+)\/([^/]+)\/[^/]+$/i.exec(targetResourceId);
  if (!match) return undefined;
  const type = `${match[1]}/${match[2]}`.toLowerCase();
  return Object.keys(APPROVABLE_TARGET_TYPES).find((t) => t.toLowerCase() === type);
}

const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/**
 * The ARM template that approves the endpoints' connections, one nested deployment per endpoint
 * in the target's resource group. A managed private endpoint's connection on the target belongs to
 * a private endpoint named `<factory>.<endpoint>` in a Microsoft-managed subscription (unverified
 * naming, observed in the portal), so only connections whose private endpoint id ends that way are
 * approved: a connection someone else requested stays pending. Re-running it approves again (a PUT).
 */
export function approvalTemplate(endpoints: readonly ApprovableEndpoint[]): string {
  const resources = endpoints.map((e) => {
    const api = APPROVABLE_TARGET_TYPES[e.targetType];
    const target = `parameters('targets')['${e.name}']`;
    return {
      type: "Microsoft.Resources/deployments",
      apiVersion: "2022-09-01",
      name: `approve-${e.name}`.slice(0, 64),
      subscriptionId: `[split(${target}, '/')[2]]`,
      resourceGroup: `[split(${target}, '/')[4]]`,
      properties: {
        mode: "Incremental",
        expressionEvaluationOptions: { scope: "inner" },
        parameters: {
          parentName: { value: `[last(split(${target}, '/'))]` },
          // Read when this nested deployment runs, i.e. after Terraform created the endpoint.
          connections: {
            value:
              `[filter(reference(${target}, '${api}').privateEndpointConnections, lambda('c', ` +
              "endsWith(toLower(lambdaVariables('c').properties.privateEndpoint.id), " +
              `toLower(format('/{0}.${e.name}', parameters('factoryName'))))))]`,
          },
          description: { value: `[format('Approved during deploy for Data Factory {0} (${e.name})', parameters('factoryName'))]` },
        },
        template: {
          $schema: SCHEMA,
          contentVersion: "1.0.0.0",
          parameters: { parentName: { type: "string" }, connections: { type: "array" }, description: { type: "string" } },
          resources: [
            {
              type: `${e.targetType}/privateEndpointConnections`,
              apiVersion: api,
              name: "[format('{0}/{1}', parameters('parentName'), last(split(parameters('connections')[copyIndex()].id, '/')))]",
              copy: { name: "connections", count: "[length(parameters('connections'))]" },
              properties: {
                privateLinkServiceConnectionState: { status: "Approved", description: "[parameters('description')]", actionsRequired: "None" },
              },
            },
          ],
        },
      },
    };
  });
  return JSON.stringify({
    $schema: SCHEMA,
    contentVersion: "1.0.0.0",
    parameters: { factoryName: { type: "string" }, targets: { type: "object" } },
    resources,
  });
}

/**
 * Approves the factory's managed private endpoints on their targets during `terraform apply`:
 * azurerm 4.55 cannot (azurerm #19777), and no prebuilt cdktf binding of AzAPI exists on npm, so
 * it is an `azurerm_resource_group_template_deployment` run as the deploying principal, which
 * needs `<provider>/<type>/privateEndpointConnectionsApproval/action` on each target (Owner or
 * Contributor). Endpoints are added as the factory creates them; the template is rendered at synth.
 */
export class ManagedPrivateEndpointApproval extends Construct {
  public readonly resource: ResourceGroupTemplateDeployment;
  private readonly endpoints: ApprovableEndpoint[] = [];

  constructor(scope: Construct, id: string, props: { readonly factoryName: string; readonly resourceGroupName: string }) {
    super(scope, id);
    const name = isUnresolved(props.factoryName) ? "approve-managed-private-endpoints" : `approve-mpe-${props.factoryName}`.slice(0, 64);
    this.resource = new ResourceGroupTemplateDeployment(this, "Resource", {
      name,
      resourceGroupName: props.resourceGroupName,
      deploymentMode: "Incremental",
      templateContent: Lazy.stringValue({ produce: () => approvalTemplate(this.endpoints) }),
      parametersContent: Lazy.stringValue({
        produce: () =>
          JSON.stringify({
            factoryName: { value: props.factoryName },
            targets: { value: Object.fromEntries(this.endpoints.map((e) => [e.name, e.targetResourceId])) },
          }),
      }),
    });
  }

  /** The endpoints approved, in the order they were added. */
  public get approved(): readonly ApprovableEndpoint[] {
    return [...this.endpoints];
  }

  /** Adds an endpoint: the deployment waits for it and runs again when it is replaced. */
  public add(endpoint: ApprovableEndpoint): void {
    this.endpoints.push(endpoint);
    addDependency(this.resource, endpoint.resource);
    // A replaced endpoint has a new, pending connection while its name and target stay the same.
    this.resource.lifecycle = { replaceTriggeredBy: this.endpoints.map((e) => e.resource) };
  }
}
