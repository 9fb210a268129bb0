import { IConstruct } from "constructs";
import { validateNameLength } from "../core/child-names";
import { invalid, isUnresolved } from "../core/errors";

/** Request units per second of a database or container: manual or autoscale, never both. */
export interface CosmosDbThroughputOptions {
  /** Manual throughput in RU/s (400 or more, in steps of 100). @default none (shared or serverless) */
  readonly throughput?: number;
  /** Autoscale maximum in RU/s (1000 or more, in steps of 1000). @default none */
  readonly autoscaleMaxThroughput?: number;
}

/** Checks manual and autoscale throughput; tokens are skipped. */
export function validateThroughput(scope: IConstruct, options: CosmosDbThroughputOptions): void {
  const { throughput, autoscaleMaxThroughput } = options;
  if (throughput !== undefined && autoscaleMaxThroughput !== undefined) {
    invalid(scope, {
      field: "throughput",
      value: throughput,
      rule: "cannot be combined with autoscaleMaxThroughput",
      fix: "set either throughput (manual) or autoscaleMaxThroughput (autoscale)",
    });
  }
  if (throughput !== undefined && !isUnresolved(throughput) && !isStep(throughput, 400, 100)) {
    invalid(scope, {
      field: "throughput",
      value: throughput,
      rule: "is not at least 400 RU/s in steps of 100",
      fix: "set throughput to 400, 500, 600, ... (manual throughput)",
    });
  }
  if (autoscaleMaxThroughput !== undefined && !isUnresolved(autoscaleMaxThroughput) && !isStep(autoscaleMaxThroughput, 1000, 1000)) {
    invalid(scope, {
      field: "autoscaleMaxThroughput",
      value: autoscaleMaxThroughput,
      rule: "is not at least 1000 RU/s in steps of 1000",
      fix: "set autoscaleMaxThroughput to 1000, 2000, 3000, ... (autoscale maximum)",
    });
  }
}

/** The throughput settings of a Cosmos DB SQL database or container resource. */
export function throughputConfig(options: CosmosDbThroughputOptions): { throughput?: number; autoscaleSettings?: { maxThroughput: number } } {
  return {
    throughput: options.throughput,
    autoscaleSettings: options.autoscaleMaxThroughput === undefined ? undefined : { maxThroughput: options.autoscaleMaxThroughput },
  };
}

/** Database and container names: 1-255 characters without `/ \ # ?`, not ending with a space. */
export function validateEntityName(scope: IConstruct, kind: "database" | "container", name: string): void {
  if (isUnresolved(name)) return;
  validateNameLength(scope, kind, name, 1, 255);
  if (/[/\\#?]/.test(name) || name.endsWith(" ")) {
    invalid(scope, {
      field: `${kind} name`,
      value: name,
      rule: `breaks the Cosmos DB ${kind} naming rule`,
      fix: "use any characters except / \\ # ?, not ending with a space",
    });
  }
}

// A JSON path into the item: "/tenantId", "/address/zipCode".
const PATH = /^(\/[^/\s]+)+$/;

/** Partition key paths: 1-3 distinct paths (more than one is a hierarchical key, which needs version 2). */
export function validatePartitionKey(scope: IConstruct, paths: readonly string[], version: number): void {
  if (paths.length === 0) {
    invalid(scope, { field: "partitionKeyPaths", value: [], rule: "is empty", fix: 'give one to three paths, e.g. ["/tenantId"]' });
  }
  if (paths.length > 3) {
    invalid(scope, {
      field: "partitionKeyPaths",
      value: paths,
      rule: `has ${paths.length} paths; a hierarchical partition key has at most 3`,
      fix: "use one to three paths",
    });
  }
  const seen = new Set<string>();
  for (const path of paths) {
    if (isUnresolved(path)) continue;
    checkPath(scope, "partitionKeyPaths", path);
    if (seen.has(path)) {
      invalid(scope, { field: "partitionKeyPaths", value: path, rule: "is listed twice", fix: "list each path once" });
    }
    seen.add(path);
  }
  if (!isUnresolved(version) && version !== 1 && version !== 2) {
    invalid(scope, {
      field: "partitionKeyVersion",
      value: version,
      rule: "is not 1 or 2",
      fix: "use 2 (large partition keys) unless an existing container needs 1",
    });
  }
  if (version === 1 && paths.length > 1) {
    invalid(scope, {
      field: "partitionKeyVersion",
      value: version,
      rule: "does not support hierarchical partition keys",
      fix: "use partitionKeyVersion 2 with more than one partition key path",
    });
  }
}

/** Unique keys: each a non-empty list of paths. */
export function validateUniqueKeys(scope: IConstruct, keys: readonly (readonly string[])[]): void {
  for (const key of keys) {
    if (key.length === 0) {
      invalid(scope, {
        field: "uniqueKeys",
        value: [],
        rule: "contains an empty key",
        fix: 'give each unique key one or more paths, e.g. ["/email"]',
      });
    }
    for (const path of key) if (!isUnresolved(path)) checkPath(scope, "uniqueKeys", path);
  }
}

/** Default time to live: -1 (items never expire unless they say so) or 1 to 2147483647 seconds. */
export function validateDefaultTtl(scope: IConstruct, ttl: number | undefined): void {
  if (ttl === undefined || isUnresolved(ttl)) return;
  if (!Number.isInteger(ttl) || (ttl !== -1 && (ttl < 1 || ttl > 2147483647))) {
    invalid(scope, {
      field: "defaultTtl",
      value: ttl,
      rule: "is not -1 or a whole number of seconds from 1 to 2147483647",
      fix: "use -1 (no expiry unless an item sets ttl) or a number of seconds, or leave defaultTtl out to turn TTL off",
    });
  }
}

function checkPath(scope: IConstruct, field: string, path: string): void {
  if (!PATH.test(path)) {
    invalid(scope, {
      field,
      value: path,
      rule: "is not a path into the item",
      fix: 'start each path with "/" and name a property, e.g. "/tenantId"',
    });
  }
}

function isStep(value: number, min: number, step: number): boolean {
  return Number.isInteger(value) && value >= min && value % step === 0;
}
