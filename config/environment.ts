import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
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
      containerName: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, { error: "must be 3-63 lower-case letters, digits and single hyphens" }),
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
    location: z.string().regex(/^[a-z][a-z0-9]+$/, { error: "must be an Azure region name such as westeurope (lower case, no spaces)" }),
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
      'is "public", but the "prod" profile turns public network access off, so a public deployer cannot reach the data planes it writes at deploy time; ' +
      'run the deploy from a runner inside (or peered to) the VNet and set "private"',
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
    throw new EnvironmentConfigError(`${source}: environment name "${name}" must be 1-16 lower-case letters, digits and hyphens (it is the file name)`);
  }
  const result = environmentSchema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.length ? i.path.join(".") : "(file)"}: ${i.message}`);
    throw new EnvironmentConfigError(`${source}: invalid environment\n${lines.join("\n")}`);
  }
  return { name, ...result.data };
}

/** Loads `<dir>/<name>.json`. */
export function loadEnvironment(dir: string, name: string): Environment {
  const file = path.join(dir, `${name}.json`);
  if (!fs.existsSync(file)) {
    const known = listEnvironments(dir);
    throw new EnvironmentConfigError(`${file}: no such environment; choose one of ${known.join(", ") || "(none)"} or add the file`);
  }
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new EnvironmentConfigError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return parseEnvironment(name, data, file);
}

/** The environment names defined in `dir` (one `<name>.json` each), sorted. */
export function listEnvironments(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}
