import { createHash } from "crypto";
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { Application } from "@cdktf/provider-azuread/lib/application";
import { ApplicationIdentifierUri } from "@cdktf/provider-azuread/lib/application-identifier-uri";
import { AzureadProvider } from "@cdktf/provider-azuread/lib/provider";
import { ServicePrincipal } from "@cdktf/provider-azuread/lib/service-principal";
import { deployerOf, invalid, isUnresolved } from "../../constructs/core";

/** The Entra ID app registration that represents the orders API (the tokens' audience). */
export interface ApiRegistrationOptions {
  /** Display name in Entra ID. @default `<namePrefix>-orders-api` */
  readonly displayName?: string;
  /**
   * Application ID URI partners request tokens for (`<uri>/.default`). Entra accepts
   * `api://<client id>` in every tenant; other forms may need a verified domain.
   * @default `api://<client id>` (an `azuread_application_identifier_uri`)
   */
  readonly identifierUri?: string;
  /** Value of the app role partners' client applications are assigned. @default "Orders.ReadWrite" */
  readonly partnerRoleValue?: string;
  /**
   * Entra object ids of the application's and service principal's owners.
   * @default the deployer (the environment's `deployer.objectId`, else the principal Terraform runs as)
   */
  readonly owners?: readonly string[];
}

/**
 * The orders API's app registration: a single-tenant application that issues v2.0 access tokens
 * (their `aud` is the client id, which the gateway's `validate-jwt` checks), an application role
 * for partners' client applications, and its service principal, which requires that role before
 * Entra issues a token to a caller. Needs the `azuread` provider in the stack and, for the deploying
 * principal, the right to create applications (Application Developer, or Microsoft Graph
 * `Application.ReadWrite.OwnedBy` for a service principal).
 */
export class ApiRegistration extends Construct {
  public readonly application: Application;
  /** The default `api://<client id>` URI; undefined when `identifierUri` is given. */
  public readonly identifierUri?: ApplicationIdentifierUri;
  public readonly servicePrincipal: ServicePrincipal;
  /** Client (application) id: the `aud` of the v2.0 access tokens partners present. */
  public readonly clientId: string;
  /** Id of the partner app role, to assign to partners' client service principals. */
  public readonly partnerRoleId: string;
  public readonly partnerRoleValue: string;

  constructor(scope: Construct, id: string, options: ApiRegistrationOptions & { readonly defaultDisplayName: string }) {
    super(scope, id);
    requireAzureadProvider(this);
    const roleValue = options.partnerRoleValue ?? "Orders.ReadWrite";
    const uri = options.identifierUri;
    validateRegistration(this, roleValue, uri);
    const owners = [...(options.owners ?? [deployerOf(this).principalId])];
    this.partnerRoleValue = roleValue;
    // App role ids are GUIDs chosen by the caller; derived from the construct path so every synth agrees.
    this.partnerRoleId = stableGuid(`${this.node.path}/${roleValue}`);

    this.application = new Application(this, "Resource", {
      displayName: options.displayName ?? options.defaultDisplayName,
      signInAudience: "AzureADMyOrg",
      owners,
      identifierUris: uri === undefined ? undefined : [uri],
      // v2.0 tokens: the issuer the gateway trusts is https://login.microsoftonline.com/<tenant>/v2.0.
      api: { requestedAccessTokenVersion: 2 },
      appRole: [
        {
          id: this.partnerRoleId,
          allowedMemberTypes: ["Application"],
          value: roleValue,
          displayName: "Partner access to the orders API",
          description: "Partner back ends that may call the orders API through API Management.",
          enabled: true,
        },
      ],
      // The separate identifier URI resource owns the list (azuread application_identifier_uri docs).
      lifecycle: uri === undefined ? { ignoreChanges: ["identifier_uris"] } : undefined,
    });
    this.clientId = this.application.clientId;
    if (uri === undefined) {
      this.identifierUri = new ApplicationIdentifierUri(this, "IdentifierUri", {
        applicationId: this.application.id,
        identifierUri: `api://${this.application.clientId}`,
      });
    }
    this.servicePrincipal = new ServicePrincipal(this, "ServicePrincipal", {
      clientId: this.application.clientId,
      owners,
      // Entra issues tokens for the API only to callers assigned an app role (unverified for the
      // client credentials flow; the gateway's audience check applies regardless).
      appRoleAssignmentRequired: true,
    });
  }
}

/** The app role value and the identifier URI Entra accepts. */
function validateRegistration(scope: Construct, roleValue: string, uri: string | undefined): void {
  if (!isUnresolved(roleValue) && !/^[A-Za-z0-9._-]{1,120}$/.test(roleValue)) {
    invalid(scope, {
      field: "apiRegistration.partnerRoleValue",
      value: roleValue,
      rule: "is not an app role value (letters, digits, '.', '_', '-'; no spaces)",
      fix: 'use e.g. "Orders.ReadWrite"',
    });
  }
  if (uri !== undefined && !isUnresolved(uri) && !/^(api|https):\/\/\S+[^/]$/.test(uri)) {
    invalid(scope, {
      field: "apiRegistration.identifierUri",
      value: uri,
      rule: "is not an api:// or https:// URI without a trailing '/'",
      fix: "use e.g. api://<tenant id>/orders, or leave it unset for api://<client id>",
    });
  }
}

function requireAzureadProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (!stack.node.children.some((c) => c instanceof AzureadProvider)) {
    invalid(scope, {
      field: "jwt.audience",
      rule: "is not set, so the pattern registers the API in Entra ID, but the stack has no azuread provider",
      fix: 'add new AzureadProvider(stack, "azuread", {}) (from @cdktf/provider-azuread/lib/provider) before the pattern, or pass jwt.audience',
    });
  }
}

/** A version-4-shaped GUID from a SHA-256 of `seed`. */
function stableGuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex").split("");
  h[12] = "4";
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
