import { FlowReportEntry } from "./reachability/report";
import { hasPrivateEndpoint } from "./checks";
import { addressOf, attributeReferences, resourceAt } from "./reachability/terraform";
import { CheckedResource, CheckedScope } from "./types";

// A stack drawn from what it declares: the services that call each other (recorded flows), the
// network boundary each one sits in, the path and roles of each call, and who holds which role on
// what. Generated at synth (next to the stack, `diagram.md`) and embedded in the pattern READMEs.

/** Markers around a generated diagram in a README. */
export const DIAGRAM_START = "<!-- diagram:start -->";
export const DIAGRAM_END = "<!-- diagram:end -->";

/** One role a principal holds: Azure RBAC, Cosmos DB data-plane or Synapse roles. */
export interface AccessEntry {
  /** Construct path (below the root) of the identity's owner, or `deployer` for the principal Terraform runs as. */
  readonly principal: string;
  readonly role: string;
  /** Construct path (below the root) of the resource the role is on, or the literal scope. */
  readonly scope: string;
}

/** Where a service sits, as the flows and private endpoints show it. */
type Boundary = "vnet" | "managed-vnet" | "multi-tenant" | "public" | "on-premises" | "internet";

const BOUNDARY_TITLES: Readonly<Record<Boundary, string>> = {
  vnet: "VNet: integrated, injected or behind private endpoints",
  "managed-vnet": "Data Factory managed VNet",
  "multi-tenant": "Azure multi-tenant services",
  public: "Azure, public endpoints",
  "on-premises": "On-premises",
  internet: "Internet",
};

// Built-in Cosmos DB data-plane role definitions (their ids end in these GUIDs).
// https://learn.microsoft.com/azure/cosmos-db/nosql/security/reference-data-plane-roles
const COSMOS_ROLES: Readonly<Record<string, string>> = {
  "00000000-0000-0000-0000-000000000001": "Cosmos DB Built-in Data Reader",
  "00000000-0000-0000-0000-000000000002": "Cosmos DB Built-in Data Contributor",
};

const ROLE_TYPES = ["azurerm_role_assignment", "azurerm_cosmosdb_sql_role_assignment", "azurerm_synapse_role_assignment"];

/** Every role assignment below the checked scope, with principal and scope named by construct path below `root`. */
export function accessMatrix(scope: CheckedScope, root: string): AccessEntry[] {
  const entries = scope.resources
    .filter((r) => ROLE_TYPES.includes(r.type))
    .map((r) => ({
      principal: principalOf(r.config.principal_id, scope, root),
      role: roleOf(r),
      scope: ownerOf(r.config.scope ?? r.config.synapse_workspace_id, scope, root),
    }));
  const key = (e: AccessEntry) => `${e.principal}\0${e.scope}\0${e.role}`;
  return [...new Map(entries.map((e) => [key(e), e])).values()].sort((a, b) => key(a).localeCompare(key(b)));
}

/** A Mermaid flowchart of the flows: services grouped by network boundary, each call labelled with what it does, its path and roles. */
export function flowDiagram(flows: readonly FlowReportEntry[], access: readonly AccessEntry[], scope: CheckedScope, root: string): string {
  const nodes = new Map<string, { id: string; boundary: Boundary }>();
  const node = (path: string, boundary: Boundary) => {
    const existing = nodes.get(path);
    if (!existing) nodes.set(path, { id: `n${nodes.size + 1}`, boundary });
    else if (rank(boundary) < rank(existing.boundary)) existing.boundary = boundary;
    return nodes.get(path)!.id;
  };
  const edges = new Map<string, { from: string; to: string; calls: Set<string>; paths: Set<string> }>();
  for (const flow of flows) {
    const caller = ownerPath(flow.caller, root);
    const target = ownerPath(flow.target, root);
    const from = node(caller, callerBoundary(flow));
    const to = node(target, targetBoundary(flow, scope));
    const edge = edges.get(`${from}>${to}`) ?? { from, to, calls: new Set<string>(), paths: new Set<string>() };
    edges.set(`${from}>${to}`, edge);
    edge.calls.add(flow.endpoint ? `${flow.purpose} [${flow.endpoint}]` : flow.purpose);
    edge.paths.add(flow.path ?? `NO PATH: ${flow.blocked}`);
    for (const entry of access) {
      // A child calls with its parent's identity too (an event subscription with its topic's).
      const callsAs = within(entry.principal, caller) || within(caller, entry.principal);
      if (callsAs && within(entry.scope, target)) edge.calls.add(`role: ${entry.role}`);
    }
  }
  const lines = ["flowchart LR"];
  for (const boundary of Object.keys(BOUNDARY_TITLES) as Boundary[]) {
    const members = [...nodes].filter(([, n]) => n.boundary === boundary);
    if (members.length === 0) continue;
    lines.push(`  subgraph ${boundary.replace("-", "_")}["${BOUNDARY_TITLES[boundary]}"]`);
    for (const [path, n] of members) lines.push(`    ${n.id}["${label(path, scope, root)}"]`);
    lines.push("  end");
  }
  for (const e of edges.values()) lines.push(`  ${e.from} -->|"${escape([...e.calls, ...e.paths].join("<br/>"))}"| ${e.to}`);
  return lines.join("\n");
}

/** The diagram and the access matrix as Markdown. */
export function diagramMarkdown(flows: readonly FlowReportEntry[], scope: CheckedScope, root: string): string {
  const access = accessMatrix(scope, root);
  return [
    "```mermaid",
    flowDiagram(flows, access, scope, root),
    "```",
    "",
    "| principal | role | scope |",
    "| --- | --- | --- |",
    ...access.map((e) => `| \`${e.principal}\` | ${e.role} | \`${e.scope}\` |`),
  ].join("\n");
}

function callerBoundary(flow: FlowReportEntry): Boundary {
  const runsIn = flow.runsIn ?? "public";
  return (runsIn in BOUNDARY_TITLES ? runsIn : "public") as Boundary;
}

/** A target with a private endpoint (or a managed one) sits in the VNet, whether or not this call can use it. */
function targetBoundary(flow: FlowReportEntry, scope: CheckedScope): Boundary {
  if (/private endpoint/.test(flow.path ?? "")) return "vnet";
  const target = scope.resources.find((r) => r.path === flow.target);
  return target && hasPrivateEndpoint(target, scope) ? "vnet" : "public";
}

/** The VNet wins over the rest: a service reached privately is drawn inside. */
function rank(boundary: Boundary): number {
  return ["vnet", "managed-vnet", "on-premises", "multi-tenant", "internet", "public"].indexOf(boundary);
}

/** The construct that owns a path: `Bus/Resource` is `Bus`; below `root`. */
function ownerPath(path: string, root: string): string {
  const relative = path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
  return relative.replace(/\/Resource$/, "");
}

function within(path: string, owner: string): boolean {
  return path === owner || path.startsWith(`${owner}/`);
}

function resourceOf(value: unknown, scope: CheckedScope): CheckedResource | undefined {
  const [reference] = attributeReferences(value);
  return reference === undefined ? undefined : resourceAt(scope, addressOf(reference));
}

function principalOf(value: unknown, scope: CheckedScope, root: string): string {
  const resource = resourceOf(value, scope);
  if (resource?.type === "data.azurerm_client_config") return "deployer";
  return resource ? ownerPath(resource.path, root) : String(value);
}

function ownerOf(value: unknown, scope: CheckedScope, root: string): string {
  const resource = resourceOf(value, scope);
  return resource ? ownerPath(resource.path, root) : String(value);
}

function roleOf(assignment: CheckedResource): string {
  const { role_definition_name: name, role_definition_id: id, role_name: synapse } = assignment.config;
  if (typeof name === "string") return name;
  if (typeof synapse === "string") return `Synapse ${synapse}`;
  const cosmos = typeof id === "string" ? Object.keys(COSMOS_ROLES).find((guid) => id.endsWith(guid)) : undefined;
  return cosmos ? COSMOS_ROLES[cosmos] : String(id);
}

/** `TelemetryIngest` (function app): the construct and what its L1 is. */
function label(path: string, scope: CheckedScope, root: string): string {
  const l1 = scope.resources.find((r) => r.type.startsWith("azurerm_") && ownerPath(r.path, root) === path);
  const kind = l1 ? l1.type.replace(/^azurerm_/, "").replace(/_/g, " ") : "";
  return escape(kind ? `${path}<br/><i>${kind}</i>` : path);
}

function escape(text: string): string {
  return text.replace(/"/g, "#quot;");
}
