import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { closest } from "../constructs/core/closest";
import { closestRegion, isAzureRegion } from "../constructs/core/regions";
import { pairedRegion } from "../constructs/core/disaster-recovery";
import { networkSchema } from "./network";

/** The nil GUID: a placeholder, never a real Entra object (the constructs refuse it too). */
const NIL_GUID = "00000000-0000-0000-0000-000000000000";

const cidr = z
  .string()
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d|[12]\d|3[0-2])$/, { error: "must be an IPv4 CIDR such as 10.20.0.0/16" })
  .refine((s) => s.split("/")[0].split(".").every((o) => Number(o) <= 255), { error: "has an octet above 255" });

const backend = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("local") }),
    z.strictObject({
      type: z.literal("azurerm"),
      resourceGroupName: z.string().min(1),
      storageAccountName: z.string().regex(/^[a-z0-9]{3,24}$/, { error: "must be 3-24 lower-case letters and digits" }),
      containerName: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, {
        error: "must be 3-63 lower-case letters, digits and single hyphens",
      }),
      subscriptionId: z.guid().optional(),
      tenantId: z.guid().optional(),
      /** State blob names are `<keyPrefix><stack>.tfstate`. */
      keyPrefix: z.string().optional(),
    }),
    z.strictObject({
      type: z.literal("hcp"),
      organization: z.string().min(1),
      /** HCP Terraform workspaces are named `<workspacePrefix><stack>`. */
      workspacePrefix: z.string().optional(),
      project: z.string().optional(),
      hostname: z.string().optional(),
    }),
  ],
  { error: 'must be "local", "azurerm" or "hcp"' },
);

/** The schema of `config/<environment>.json`. */
export const environmentSchema = z
  .strictObject({
    /** Azure region, e.g. `westeurope`. */
    location: z
      .string()
      .regex(/^[a-z][a-z0-9]+$/, { error: "must be an Azure region name such as westeurope (lower case, no spaces)", abort: true })
      .refine(isAzureRegion, {
        error: (issue) => {
          const guess = typeof issue.input === "string" ? closestRegion(issue.input) : undefined;
          const fix = guess ? `use "${guess}" (the closest region name)` : "use a name from az account list-locations, e.g. westeurope";
          return `is not an Azure region; ${fix}`;
        },
      }),
    /**
     * A second region for each pattern's stateful parts (Service Bus geo-DR, a Cosmos DB failover
     * region, an API Management gateway, geo-zone-redundant storage; see each pattern's README,
     * "Disaster recovery"). It roughly doubles their cost; Service Bus geo-DR needs the prod profile's Premium tier.
     * @default off
     */
    disasterRecovery: z
      .strictObject({
        pairedLocation: z
          .string()
          .regex(/^[a-z][a-z0-9]+$/, { error: "must be an Azure region name such as northeurope (lower case, no spaces)", abort: true })
          .refine(isAzureRegion, {
            error: (issue) => {
              const guess = typeof issue.input === "string" ? closestRegion(issue.input) : undefined;
              return `is not an Azure region; ${guess ? `use "${guess}" (the closest region name)` : "use a name from az account list-locations"}`;
            },
          }),
      })
      .optional(),
    /** First part of every generated name; short, because storage account names stop at 24 characters. */
    namePrefix: z.string().regex(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/, {
      error: "must be 2-12 lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit",
    }),
    profile: z.enum(["dev", "prod"], { error: 'must be "dev" or "prod"' }),
    /** Subscription to deploy into. @default ARM_SUBSCRIPTION_ID at deploy time */
    subscriptionId: z.guid({ error: "must be a subscription GUID" }).optional(),
    tags: z
      .record(z.string().regex(/^[^<>%&\\?/]{1,512}$/, { error: "tag names are 1-512 characters without <>%&\\?/" }), z.string().max(256))
      .default({}),
    backend: backend.default({ type: "local" }),
    /** The address plan of the pattern stacks' VNets and an optional hub (see config/network.ts). */
    network: networkSchema.optional(),
    /** Public CIDR ranges let through service firewalls (dev profile, public endpoints). */
    allowedIpRanges: z.array(cidr).default([]),
    /** Who publishes the APIs (API Management's publisher name and notification email). */
    apiPublisher: z.strictObject({
      name: z.string().min(1).max(100),
      email: z.email({ error: "must be an email address, e.g. integration@contoso.com" }),
    }),
    /**
     * Who the pattern stacks' alerts notify (one action group per stack). Every stack alerts on its
     * failure signals either way; without receivers the alerts show in the portal only.
     * @default no receivers
     */
    alerts: z
      .strictObject({
        emailReceivers: z.array(z.email({ error: "must be an email address, e.g. integration-oncall@contoso.com" })).default([]),
        webhookReceivers: z
          .array(
            z
              .url({ protocol: /^https$/, error: "must be an https:// URL (alert payloads name resources)" })
              .refine((u) => !u.includes("?"), {
                error:
                  "has a query string: a signature or key there would be written into cdk.tf.json and the state; " +
                  "use a receiver that authenticates otherwise, or pass the URL to ActionGroup as a sensitive variable",
              }),
          )
          .default([]),
      })
      .optional(),
    /**
     * Who runs `terraform apply` and from where. `public`: a workstation or hosted agent whose
     * egress ranges every firewall a deploy must pass admits (dev); `private`: a runner with line
     * of sight to the VNet (required by prod, whose data planes are private).
     * @default the principal Terraform runs as, `private` when the environment has a network
     */
    deployer: z
      .strictObject({
        objectId: z.guid({ error: "must be the Entra object id (a GUID) of the deploying user, group or service principal" }).optional(),
        network: z.enum(["public", "private"], { error: 'must be "public" or "private"' }).optional(),
        egressIpRanges: z.array(cidr).default([]),
      })
      .optional(),
    /**
     * The Entra group (or user) that administers SQL and Synapse; no SQL passwords exist.
     * @default the principal running `cdktf deploy` (login "deploying-principal")
     */
    databaseAdministrators: z
      .strictObject({
        login: z.string().min(1).max(128),
        objectId: z
          .guid({ error: "must be the Entra object id (a GUID) of the group or user" })
          .refine((id) => id !== NIL_GUID, {
            error:
              `is the nil GUID "${NIL_GUID}", a placeholder that names no Entra principal (nobody could sign in as administrator); ` +
              "use the object id of the Entra group or user that administers the databases, " +
              "or remove databaseAdministrators (the deploying principal)",
          }),
      })
      .optional(),
  })
  .refine((e) => e.profile !== "prod" || e.network !== undefined, {
    path: ["network"],
    error: 'is required by the "prod" profile (private endpoints need a VNet); add { "addressSpace": ["10.x.0.0/16"] }',
  })
  .refine((e) => e.profile !== "prod" || e.deployer?.network !== "public", {
    path: ["deployer", "network"],
    error:
      'is "public", but the "prod" profile turns public network access off, ' +
      'so a public deployer cannot reach the data planes it writes at deploy time; ' +
      'run the deploy from a runner inside (or peered to) the VNet and set "private"',
  })
  .refine((e) => e.disasterRecovery === undefined || e.disasterRecovery.pairedLocation !== e.location, {
    path: ["disasterRecovery", "pairedLocation"],
    error: (issue) => {
      const input = issue.input as { location?: string } | undefined;
      const pair = input?.location ? pairedRegion(input.location) : undefined;
      return `is the primary location, and a copy in the same region fails with it; ${pair ? `use "${pair}" (Azure's pair)` : "use another region"}`;
    },
  })
  .refine((e) => e.deployer?.network !== "private" || e.network !== undefined, {
    path: ["deployer", "network"],
    error: 'is "private", but the environment has no network to be private in; add "network" or use "public"',
  });

export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type BackendConfig = EnvironmentConfig["backend"];

/** An environment: its validated config plus its name (the file name). */
export interface Environment extends EnvironmentConfig {
  readonly name: string;
}

/** A config file that failed validation; the message names the file, the field and what is allowed. */
export class EnvironmentConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvironmentConfigError";
  }
}

/** Validates one environment definition; `source` names it in errors (usually the file path). */
export function parseEnvironment(name: string, data: unknown, source: string): Environment {
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(name)) {
    throw new EnvironmentConfigError(
      `${source}: environment name "${name}" must be 1-16 lower-case letters, digits and hyphens (it is the file name)`,
    );
  }
  const result = environmentSchema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.flatMap((i) => describeIssue(i, data));
    throw new EnvironmentConfigError(`${source}: invalid environment\n${lines.join("\n")}`);
  }
  return { name, ...result.data };
}

/** What to add for a required field that is missing, by its path. */
const MISSING_EXAMPLES: Record<string, string> = {
  location: '"location": "westeurope"',
  namePrefix: '"namePrefix": "aic-dev"',
  profile: '"profile": "dev"',
  apiPublisher: '"apiPublisher": { "name": "Contoso Integration", "email": "integration@contoso.com" }',
  "apiPublisher.name": '"name": "Contoso Integration"',
  "apiPublisher.email": '"email": "integration@contoso.com"',
  "databaseAdministrators.login": '"login": "sql-admins"',
  "databaseAdministrators.objectId": '"objectId": "<the Entra object id of the group>"',
};

/**
 * One issue as lines of `  <path>: <value> <rule>; <fix>`: the bad value is repeated, a missing
 * field says what to add, and an unknown key names the known key it most resembles.
 */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): string[] {
  const at = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join(".") : "(file)");
  if (issue.code === "unrecognized_keys") {
    const known = knownKeys(environmentSchema, issue.path, data);
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      const fix = guess ? `did you mean "${guess}"? rename it to "${guess}"` : `remove it or use one of ${known.map((k) => `"${k}"`).join(", ")}`;
      return `  ${at([...issue.path, key])}: is not a known key; ${fix}`;
    });
  }
  const value = valueAt(data, issue.path);
  if (issue.code === "invalid_type" && value === undefined) {
    const key = issue.path.map(String).join(".");
    const example = MISSING_EXAMPLES[key] ?? `"${String(issue.path[issue.path.length - 1])}": <${issue.expected}>`;
    return [`  ${at(issue.path)}: is missing; add ${example}`];
  }
  if (issue.code === "invalid_type") {
    const expected = withArticle(issue.expected === "record" ? "object" : issue.expected);
    return [`  ${at(issue.path)}: ${formatValue(value)} is ${describeType(value)}, not ${expected}; write it as ${expected}`];
  }
  const shown = formatValue(value);
  // A refinement on the whole object (e.g. "network is required by prod") has no value of its own to repeat.
  const repeat = value === undefined || issue.message.startsWith('"') || issue.message.includes(shown) ? "" : `${shown} `;
  return [`  ${at(issue.path)}: ${repeat}${issue.message}`];
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The keys the schema allows at `path` (an object inside the environment file). */
function knownKeys(schema: z.core.$ZodType, path: readonly PropertyKey[], data: unknown): string[] {
  let current: z.core.$ZodType | undefined = schema;
  const unwrap = (s: z.core.$ZodType | undefined, at: readonly PropertyKey[]): z.core.$ZodType | undefined => {
    const def = s?._zod.def as { type: string; innerType?: z.core.$ZodType; options?: z.core.$ZodType[]; discriminator?: string } | undefined;
    if (!def) return undefined;
    if (def.innerType) return unwrap(def.innerType, at);
    if (def.type === "union" && def.options) {
      // A discriminated union (the backend): the option the file's own discriminator picks.
      const tag = (valueAt(data, at) as Record<string, unknown> | undefined)?.[def.discriminator ?? "type"];
      const shapeOf = (o: z.core.$ZodType) => (o._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
      const picked = def.options.find((o) => shapeOf(o)?.type?._zod.values?.has(tag as string));
      return unwrap(picked ?? def.options[0], at);
    }
    return s;
  };
  current = unwrap(current, []);
  path.forEach((key, i) => {
    const shape = (current?._zod.def as { shape?: Record<string, z.core.$ZodType> } | undefined)?.shape;
    current = unwrap(shape?.[String(key)], path.slice(0, i + 1));
  });
  return Object.keys((current?._zod.def as { shape?: Record<string, unknown> } | undefined)?.shape ?? {});
}

function formatValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return withArticle(typeof value);
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** Loads `<dir>/<name>.json`. */
export function loadEnvironment(dir: string, name: string): Environment {
  const file = path.join(dir, `${name}.json`);
  if (!fs.existsSync(file)) {
    const known = listEnvironments(dir);
    throw new EnvironmentConfigError(`${file}: no such environment; choose one of ${known.join(", ") || "(none)"} or add the file`);
  }
  return parseEnvironment(name, parseJsonFile(fs.readFileSync(file, "utf8"), file), file);
}

/**
 * JSON.parse with errors at a line and column, and a leading UTF-8 byte-order mark (which some
 * Windows editors write) skipped: JSON.parse itself refuses it as an unexpected token.
 */
export function parseJsonFile(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    const message = (e as Error).message.replace(/\s*\(line \d+ column \d+\)$/, "");
    const position = /at position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : body.length;
    const before = body.slice(0, offset).split("\n");
    const where = `line ${before.length}, column ${before[before.length - 1].length + 1}`;
    const reason = message.replace(/\s*in JSON at position \d+/, "").replace(/^Unexpected end of JSON input$/, "the file ends before the JSON does");
    const [line, column] = [before.length, before[before.length - 1].length + 1];
    const fix = "fix the JSON there (no comments or trailing commas)";
    throw new EnvironmentConfigError(`${file}:${line}:${column}: not valid JSON: ${reason} (${where}); ${fix}`);
  }
}

/** The environment names defined in `dir` (one `<name>.json` each), sorted. */
export function listEnvironments(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}
