import { IConstruct } from "constructs";
import type { DeployerProps } from "./deployer";
import { invalid } from "./errors";
import { PROFILES, ProfileDefaults, ProfileName } from "./profiles";

/** A resource group to deploy into: ours ({@link ResourceGroup}) or an existing one. */
export interface IResourceGroup {
  readonly name: string;
  readonly location: string;
  readonly id: string;
}

/** Where diagnostic settings send logs and metrics (a Log Analytics workspace). */
export interface IDiagnosticsDestination {
  readonly logAnalyticsWorkspaceId: string;
}

/** A network private endpoints are placed in: ours ({@link Network}) or a hub's. */
export interface IPrivateNetwork {
  /** The subnet private endpoints are created in. */
  readonly privateEndpointSubnetId: string;
  /** A subnet delegated to `Microsoft.Web/serverFarms` for Function and Logic App VNet integration. */
  readonly integrationSubnetId?: string;
  /**
   * The id of the private DNS zone for `zoneName` (e.g. `privatelink.blob.core.windows.net`), or
   * `undefined` where DNS is managed elsewhere (e.g. by a hub with Azure Policy).
   */
  privateDnsZoneId(zoneName: string): string | undefined;
}

/** What constructs take from their surroundings when their props do not say. */
export interface IntegrationContextProps {
  /** Resource group for every construct below the scope. */
  readonly resourceGroup?: IResourceGroup;
  /** First part of generated names, e.g. `contoso-dev`. */
  readonly namePrefix?: string;
  /** Profile whose defaults apply (see {@link PROFILES}). */
  readonly profile?: ProfileName;
  /** Destination of every construct's diagnostic settings. */
  readonly diagnostics?: IDiagnosticsDestination;
  /** Network for private endpoints; its presence turns public network access off by default. */
  readonly network?: IPrivateNetwork;
  /** Public IP ranges (CIDR) allowed through service firewalls when public access is on. */
  readonly allowedIpRanges?: readonly string[];
  /** Who runs `terraform apply` and from where; see {@link deployerOf}. @default the current principal */
  readonly deployer?: DeployerProps;
  /**
   * The policy pack checks the stack at every synth (errors fail it, warnings print as
   * annotations, a report is written next to it) once the package root is imported. `false`
   * turns that off for a stack whose checks run elsewhere; `PolicyPack.apply` still applies.
   * @default true
   */
  readonly policyChecks?: boolean;
}

/** The context as a construct sees it: nearest values win, profile resolved. */
export interface ResolvedContext extends IntegrationContextProps {
  readonly profile: ProfileName;
  readonly defaults: ProfileDefaults;
}

const CONTEXTS = new WeakMap<IConstruct, IntegrationContextProps>();
const FIRST_CONTEXT_HOOKS: ((scope: IConstruct) => void)[] = [];

/**
 * Runs `hook` on every scope the first time a context is set on it. The policy pack attaches
 * itself to stacks this way, so core needs no import of it.
 */
export function onFirstContext(hook: (scope: IConstruct) => void): void {
  FIRST_CONTEXT_HOOKS.push(hook);
}

/**
 * Environment-wide defaults attached to a scope (usually a stack) and inherited by every
 * construct below it, like `Stack.of` in the AWS CDK. Props passed to a construct always win.
 *
 * ```ts
 * IntegrationContext.set(myStack, { resourceGroup: rg, namePrefix: "contoso-dev", profile: "dev" });
 * ```
 */
export class IntegrationContext {
  /** Adds or overrides values for `scope` and everything below it. */
  public static set(scope: IConstruct, props: IntegrationContextProps): void {
    const first = !CONTEXTS.has(scope);
    CONTEXTS.set(scope, { ...CONTEXTS.get(scope), ...withoutUndefined(props) });
    if (first) for (const hook of FIRST_CONTEXT_HOOKS) hook(scope);
  }

  /** The merged context seen from `scope` (nearest scope wins per field). */
  public static of(scope: IConstruct): ResolvedContext {
    let merged: IntegrationContextProps = {};
    for (const s of scope.node.scopes) merged = { ...merged, ...CONTEXTS.get(s) };
    const profile = merged.profile ?? "dev";
    return { ...merged, profile, defaults: PROFILES[profile] };
  }

  /** The resource group from props or context; a clear error when there is none. */
  public static resourceGroup(scope: IConstruct, fromProps: IResourceGroup | undefined): IResourceGroup {
    const rg = fromProps ?? IntegrationContext.of(scope).resourceGroup;
    if (!rg) {
      invalid(scope, {
        field: "resourceGroup",
        rule: "is not set and no IntegrationContext above this construct provides one",
        fix: "pass resourceGroup in props or call IntegrationContext.set(stack, { resourceGroup })",
      });
    }
    return rg;
  }
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
