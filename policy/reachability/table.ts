import { FlowReportEntry } from "./report";

/** Markers around the generated table in a README. */
export const NETWORK_TABLE_START = "<!-- network-flows:start -->";
export const NETWORK_TABLE_END = "<!-- network-flows:end -->";

/**
 * A Markdown table of the flows of one construct in two environments (e.g. a pattern's dev and
 * prod stacks): caller, target, what it calls, and the path each environment's calls take, then the
 * reasons of the holes they use. Paths are shown below `root` (e.g. `message-broker-dev/MessageBroker`).
 */
export function networkTable(environments: Readonly<Record<string, { readonly root: string; readonly flows: readonly FlowReportEntry[] }>>): string {
  const names = Object.keys(environments);
  const rows = new Map<string, { caller: string; target: string; calls: string; runsIn: Map<string, string>; paths: Map<string, string> }>();
  const holes = new Map<string, string>();
  for (const name of names) {
    const { root, flows } = environments[name];
    for (const flow of flows) {
      const caller = relative(flow.caller, root);
      const target = relative(flow.target, root).replace(/\/Resource$/, "");
      const calls = flow.endpoint ? `${flow.purpose} [${flow.endpoint}]` : flow.purpose;
      const key = `${caller}|${target}|${calls}`;
      const row = rows.get(key) ?? { caller, target, calls, runsIn: new Map(), paths: new Map() };
      rows.set(key, row);
      if (flow.runsIn) row.runsIn.set(name, flow.runsIn);
      let path = flow.path ?? `**no path**: ${flow.blocked}`;
      if (flow.hole) {
        if (!holes.has(flow.hole)) holes.set(flow.hole, `${holes.size + 1}`);
        path += ` (hole ${holes.get(flow.hole)})`;
      }
      row.paths.set(name, path);
    }
  }
  const runsIn = (row: { runsIn: Map<string, string> }) => {
    const values = names.map((n) => row.runsIn.get(n) ?? "—");
    return new Set(values).size === 1 ? values[0] : names.map((n, i) => `${n}: ${values[i]}`).join(", ");
  };
  const lines = [
    `| caller (runs in) | target | calls [endpoint] | ${names.join(" | ")} |`,
    `| --- | --- | --- | ${names.map(() => "---").join(" | ")} |`,
    ...[...rows.values()].map(
      (r) => `| \`${r.caller}\` (${runsIn(r)}) | \`${r.target}\` | ${r.calls} | ${names.map((n) => r.paths.get(n) ?? "—").join(" | ")} |`,
    ),
  ];
  if (holes.size > 0) {
    lines.push("", "Holes (public endpoints kept open on purpose, `recordHole`):", "");
    for (const [reason, n] of holes) lines.push(`${n}. ${reason}`);
  }
  return lines.join("\n");
}

function relative(path: string, root: string): string {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}
