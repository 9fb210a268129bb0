import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { loadEnvironment } from "../../config/environment";
import { NETWORK_TABLE_END, NETWORK_TABLE_START, networkTable } from "../../policy/reachability/table";
import { addEnvironmentStacks } from "../../stacks/app";
import { PatternStack } from "../../stacks/pattern-stack";

// Each pattern README's network table is generated from the flows the constructs record, judged in
// the dev and prod stacks, so it cannot drift from what the stacks do. To regenerate after a change:
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
    const table = networkTable(environments);
    const text = fs.readFileSync(readme, "utf8");
    const start = text.indexOf(NETWORK_TABLE_START);
    const end = text.indexOf(NETWORK_TABLE_END);
    expect({ start: start >= 0, end: end > start }).toEqual({ start: true, end: true });
    const generated = `${NETWORK_TABLE_START}\n${table}\n${NETWORK_TABLE_END}`;
    const current = text.slice(start, end + NETWORK_TABLE_END.length);
    if (process.env.AIC_UPDATE_DOCS === "1" && current !== generated) fs.writeFileSync(readme, text.replace(current, generated));
    else expect(current).toBe(generated);
  });
});
