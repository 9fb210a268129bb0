import { DataFactoryLinkedCustomService } from "@cdktf/provider-azurerm/lib/data-factory-linked-custom-service";
import { invalid, isUnresolved } from "../core/errors";
import { terraformLiteral } from "../core/terraform-text";
import { FactoryHost } from "./host";
import { SelfHostedIntegrationRuntime } from "./integration-runtime";
import { CommonOptions, LinkedService } from "./linked-service";
import { httpsUrl, recordStoreCalls } from "./linked-service-helpers";

// REST APIs, anonymous or with a token for the factory's managed identity.

/** How a REST linked service authenticates. */
export type RestAuthentication =
  | { readonly type: "ManagedServiceIdentity"; /** App ID URI or client id of the API, e.g. `api://orders`. */ readonly aadResourceId: string }
  | { readonly type: "Anonymous" };

/** A REST API. */
export interface RestLinkedServiceOptions extends CommonOptions {
  /** Base URL (https). */
  readonly url: string;
  readonly authentication: RestAuthentication;
  /** A self-hosted runtime for APIs on premises. @default the managed-VNet Azure runtime */
  readonly integrationRuntime?: SelfHostedIntegrationRuntime;
}

export function addRestLinkedService(host: FactoryHost, name: string, options: RestLinkedServiceOptions): LinkedService<"RestService"> {
  host.entities.claim("linkedService", name);
  httpsUrl(host, "url", options.url);
  if (options.integrationRuntime) host.entities.requireOwned("integrationRuntime", options.integrationRuntime, "integrationRuntime");
  const auth = options.authentication;
  if (auth.type === "ManagedServiceIdentity" && !isUnresolved(auth.aadResourceId) && auth.aadResourceId.trim() === "") {
    invalid(host.scope, {
      field: "authentication.aadResourceId",
      value: auth.aadResourceId,
      rule: "is empty",
      fix: "set the App ID URI or client id of the API the factory's identity requests a token for",
    });
  }
  const resource = new DataFactoryLinkedCustomService(host.scope, `LinkedService-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    description: options.description,
    type: "RestService",
    typePropertiesJson: terraformLiteral(
      JSON.stringify({
        url: options.url,
        enableServerCertificateValidation: true,
        authenticationType: auth.type,
        ...(auth.type === "ManagedServiceIdentity" ? { aadResourceId: auth.aadResourceId } : {}),
      }),
    ),
    integrationRuntime: { name: options.integrationRuntime?.resource.name ?? host.managedIntegrationRuntimeName },
  });
  // Only an API of this stack (a token URL) can be judged; a literal URL is outside it.
  const runtime = options.integrationRuntime?.resource ?? host.managedIntegrationRuntime;
  if (isUnresolved(options.url)) recordStoreCalls(name, resource, runtime, options.url, undefined);
  return host.entities.add("linkedService", new LinkedService(name, resource, "RestService"));
}
