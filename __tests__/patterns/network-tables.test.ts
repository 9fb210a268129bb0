import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { loadEnvironment } from "../../config/environment";
import { DIAGRAM_END, DIAGRAM_START } from "../../policy/diagram";
import { NETWORK_TABLE_END, NETWORK_TABLE_START, networkTable } from "../../policy/reachability/table";
import { addEnvironmentStacks } from "../../stacks/app";
import { PatternStack } from "../../stacks/pattern-stack";

// Each pattern README's network table and diagram are generated from the flows the constructs
// record, judged in the dev and prod stacks, so they cannot drift from what the stacks do. To
// regenerate after a change:
//   AIC_UPDATE_DOCS=1 npx jest __tests__/patterns/network-tables.test.ts

const ROOT = path.resolve(__dirname, "../..");
const CONFIG = path.join(ROOT, "config");

/** The construct id of each pattern in its stack (stacks/*-stack.ts). */
const PATTERN_IDS: Readonly<Record<string, string>> = {
  "api-gateway": "ApiGateway",
  "message-broker": "MessageBroker",
  "event-driven": "EventDriven",
  "data-pipeline": "DataPipeline",
};

const stacksOf = (env: string): PatternStack[] => addEnvironmentStacks(Testing.app(), loadEnvironment(CONFIG, env));
const built = { dev: stacksOf("dev"), prod: stacksOf("prod") };

describe.each(Object.keys(PATTERN_IDS))("patterns/%s/README.md", (pattern) => {
  const readme = path.join(ROOT, "patterns", pattern, "README.md");

  test("its network table is the one the recorded flows give", () => {
    const environments = Object.fromEntries(
      (["dev", "prod"] as const).map((env) => {
        const stack = built[env].find((s) => s.node.id === `${pattern}-${env}`) as PatternStack;
        return [env, { root: `${stack.node.id}/${PATTERN_IDS[pattern]}`, flows: stack.policy.report().flows }];
      }),
    );
    expectGenerated(readme, NETWORK_TABLE_START, NETWORK_TABLE_END, networkTable(environments));
  });

  test("its diagram is the prod stack's, drawn from the recorded flows and role assignments", () => {
    const stack = built.prod.find((s) => s.node.id === `${pattern}-prod`) as PatternStack;
    const diagram = stack.policy.diagram(`${stack.node.id}/${PATTERN_IDS[pattern]}`);
    expect(diagram).toMatch(/^```mermaid\nflowchart LR\n/);
    expectGenerated(readme, DIAGRAM_START, DIAGRAM_END, diagram);
  });
});

/** The text between the markers in `file` is `generated` (rewritten instead with AIC_UPDATE_DOCS=1). */
function expectGenerated(file: string, startMarker: string, endMarker: string, generated: string): void {
  const text = fs.readFileSync(file, "utf8");
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  expect({ start: start >= 0, end: end > start }).toEqual({ start: true, end: true });
  const wanted = `${startMarker}\n${generated}\n${endMarker}`;
  const current = text.slice(start, end + endMarker.length);
  if (process.env.AIC_UPDATE_DOCS === "1" && current !== wanted) fs.writeFileSync(file, text.replace(current, wanted));
  else expect(current).toBe(wanted);
}
