import { DependencyCondition } from "./activity-types";
import type { DataFlow } from "./data-flow";
import type { Dataset } from "./datasets";
import { withoutUndefined } from "./json";
import type { LinkedService } from "./linked-services";

type JsonObject = Readonly<Record<string, unknown>>;

/** An activity as Data Factory stores it in a pipeline's `activities`. */
export type ActivityJson = { readonly name: string; readonly type: string } & JsonObject;

/** A Data Factory expression object, e.g. `{ value: "@pipeline().RunId", type: "Expression" }`. */
export interface Expression {
  readonly value: string;
  readonly type: "Expression";
}

/** Wraps `@...` expression text in the object Data Factory expects where a property is dynamic. */
export function expression(value: string): Expression {
  return { value, type: "Expression" };
}

/** Retry, timeout and logging of an activity run. */
export interface ActivityPolicy {
  /** `d.hh:mm:ss`. @default the Data Factory default (12 hours) */
  readonly timeout?: string;
  /** @default 0 */
  readonly retry?: number;
  /** @default 30 */
  readonly retryIntervalInSeconds?: number;
  /** Keep the input out of monitoring logs. @default false */
  readonly secureInput?: boolean;
  /** Keep the output out of monitoring logs (e.g. tokens, personal data). @default false */
  readonly secureOutput?: boolean;
}

/** An activity to wait for: the activity (or its name) means "when it succeeded". */
export type Dependency = Activity | string | { readonly activity: Activity | string; readonly conditions: readonly DependencyCondition[] };

export interface ActivityOptions {
  /** Unique within the pipeline, including nested activities. */
  readonly name: string;
  /** @default none */
  readonly description?: string;
  /** Activities of the same container this one waits for. @default none: starts with the pipeline */
  readonly dependsOn?: readonly Dependency[];
  /** @default none (Data Factory defaults) */
  readonly policy?: ActivityPolicy;
}

export interface CopyActivityOptions extends ActivityOptions {
  readonly source: Dataset;
  readonly sink: Dataset;
  /** Values of the source dataset's parameters. @default none */
  readonly sourceParameters?: JsonObject;
  /** Values of the sink dataset's parameters. @default none */
  readonly sinkParameters?: JsonObject;
  /** Merged into the copy source, e.g. `{ sqlReaderQuery: "..." }`. @default none */
  readonly sourceSettings?: JsonObject;
  /** Merged into the copy sink, e.g. `{ writeBehavior: "upsert" }`. @default none */
  readonly sinkSettings?: JsonObject;
  /** Column mapping (`TabularTranslator`). @default by name */
  readonly translator?: JsonObject;
  /** @default Data Factory's choice */
  readonly dataIntegrationUnits?: number;
  /** @default Data Factory's choice */
  readonly parallelCopies?: number;
}

export interface LookupActivityOptions extends ActivityOptions {
  readonly dataset: Dataset;
  /** Values of the dataset's parameters. @default none */
  readonly datasetParameters?: JsonObject;
  /** Merged into the lookup source, e.g. `{ sqlReaderQuery: "..." }`. @default none */
  readonly sourceSettings?: JsonObject;
  /** Return only the first row (`output.firstRow`) rather than all (`output.value`). @default true */
  readonly firstRowOnly?: boolean;
}

export interface ForEachActivityOptions extends ActivityOptions {
  /** Expression yielding the array to iterate, e.g. `@activity('Lookup').output.value`. */
  readonly items: string;
  readonly activities: readonly Activity[];
  /** @default false (iterations run in parallel) */
  readonly isSequential?: boolean;
  /** Parallel iterations, 1-50. @default Data Factory's 20 */
  readonly batchCount?: number;
}

export interface IfConditionActivityOptions extends ActivityOptions {
  /** Boolean expression, e.g. `@greater(activity('Lookup').output.count, 0)`. */
  readonly expression: string;
  /** @default none */
  readonly ifTrue?: readonly Activity[];
  /** @default none */
  readonly ifFalse?: readonly Activity[];
}

export interface ExecuteDataFlowActivityOptions extends ActivityOptions {
  readonly dataFlow: DataFlow;
  /** @default "General" */
  readonly computeType?: "General" | "MemoryOptimized";
  /** @default 8 */
  readonly coreCount?: number;
  /** @default the Data Factory default ("Fine") */
  readonly traceLevel?: "Fine" | "Coarse" | "None";
  /** Integration runtime name. @default the factory's managed-VNet runtime */
  readonly integrationRuntime?: string;
}

/** A stored procedure parameter: its value (or expression object) and SQL-side type. */
export interface StoredProcedureParameter {
  readonly value: unknown;
  /** @default none (Data Factory infers) */
  readonly type?: 
    | "String"
    | "Int"
    | "Int64"
    | "Decimal"
    | "Guid"
    | "Boolean"
    | "Date"
    | "Datetime"
    | "DatetimeOffset"
    | "Single"
    | "Double"
    | "Byte[]";
}

export interface StoredProcedureActivityOptions extends ActivityOptions {
  /** A SQL Server, Azure SQL Database or Synapse linked service. */
  readonly linkedService: LinkedService;
  /** e.g. `[etl].[RecordLoad]` */
  readonly storedProcedureName: string;
  /** @default none */
  readonly parameters?: Readonly<Record<string, StoredProcedureParameter>>;
}

/** Managed-identity authentication of a Web activity. */
export interface WebActivityAuthentication {
  readonly type: "MSI";
  /** The audience the factory's identity requests a token for, e.g. `https://management.azure.com/`. */
  readonly resource: string;
}

export interface WebActivityOptions extends ActivityOptions {
  /** URL or `@...` expression. */
  readonly url: string;
  readonly method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  /** JSON body or `@...` expression. @default none */
  readonly body?: unknown;
  /** @default none */
  readonly headers?: Readonly<Record<string, string>>;
  /** @default anonymous */
  readonly authentication?: WebActivityAuthentication;
  /** Integration runtime name, e.g. to reach a private endpoint. @default Data Factory's default */
  readonly integrationRuntime?: string;
}

/**
 * A pipeline activity, built with the typed factories (`Activity.copy`, `Activity.lookup`, ...) or
 * taken as JSON (`Activity.fromJson`). Either way the pipeline checks it when it is added.
 */
export class Activity {
  /** Copies data from one dataset to another with the datasets' source and sink settings. */
  public static copy(options: CopyActivityOptions): Activity {
    return Activity.build(options, "Copy", {
      inputs: [datasetReference(options.source, options.sourceParameters)],
      outputs: [datasetReference(options.sink, options.sinkParameters)],
      typeProperties: withoutUndefined({
        source: { ...options.source.copySource, ...options.sourceSettings },
        sink: { ...options.sink.copySink, ...options.sinkSettings },
        translator: options.translator,
        dataIntegrationUnits: options.dataIntegrationUnits,
        parallelCopies: options.parallelCopies,
      }),
    });
  }

  /** Reads a row (or rows) for later activities. */
  public static lookup(options: LookupActivityOptions): Activity {
    return Activity.build(options, "Lookup", {
      typeProperties: {
        source: { ...options.dataset.copySource, ...options.sourceSettings },
        dataset: datasetReference(options.dataset, options.datasetParameters),
        firstRowOnly: options.firstRowOnly ?? true,
      },
    });
  }

  /** Runs activities for every item of an array. */
  public static forEach(options: ForEachActivityOptions): Activity {
    return Activity.build(options, "ForEach", {
      typeProperties: withoutUndefined({
        items: expression(options.items),
        isSequential: options.isSequential ?? false,
        batchCount: options.batchCount,
        activities: options.activities.map((a) => a.toJson()),
      }),
    });
  }

  /** Runs one branch or the other. */
  public static ifCondition(options: IfConditionActivityOptions): Activity {
    return Activity.build(options, "IfCondition", {
      typeProperties: withoutUndefined({
        expression: expression(options.expression),
        ifTrueActivities: options.ifTrue?.map((a) => a.toJson()),
        ifFalseActivities: options.ifFalse?.map((a) => a.toJson()),
      }),
    });
  }

  /** Runs a mapping data flow, by default on the factory's managed-VNet runtime. */
  public static executeDataFlow(options: ExecuteDataFlowActivityOptions): Activity {
    return Activity.build(options, "ExecuteDataFlow", {
      typeProperties: withoutUndefined({
        dataFlow: { referenceName: options.dataFlow.name, type: "DataFlowReference" },
        integrationRuntime: {
          referenceName: options.integrationRuntime ?? options.dataFlow.integrationRuntimeName,
          type: "IntegrationRuntimeReference",
        },
        compute: { computeType: options.computeType ?? "General", coreCount: options.coreCount ?? 8 },
        traceLevel: options.traceLevel,
      }),
    });
  }

  /** Calls a stored procedure (`SqlServerStoredProcedure`). */
  public static storedProcedure(options: StoredProcedureActivityOptions): Activity {
    return Activity.build(options, "SqlServerStoredProcedure", {
      linkedServiceName: { referenceName: options.linkedService.name, type: "LinkedServiceReference" },
      typeProperties: withoutUndefined({
        storedProcedureName: options.storedProcedureName,
        storedProcedureParameters: options.parameters
          ? Object.fromEntries(Object.entries(options.parameters).map(([key, p]) => [key, withoutUndefined({ value: p.value, type: p.type })]))
          : undefined,
      }),
    });
  }

  /** Calls an HTTP endpoint (`WebActivity`). */
  public static web(options: WebActivityOptions): Activity {
    return Activity.build(options, "WebActivity", {
      typeProperties: withoutUndefined({
        url: dynamic(options.url),
        method: options.method,
        body: typeof options.body === "string" ? dynamic(options.body) : options.body,
        headers: options.headers ? { ...options.headers } : undefined,
        authentication: options.authentication ? { ...options.authentication } : undefined,
        connectVia: options.integrationRuntime ? { referenceName: options.integrationRuntime, type: "IntegrationRuntimeReference" } : undefined,
      }),
    });
  }

  /** Any activity as Data Factory JSON (checked like the typed ones when its pipeline is added). */
  public static fromJson(json: ActivityJson): Activity {
    return new Activity(json.name, json.type, json);
  }

  private static build(options: ActivityOptions, type: string, body: JsonObject): Activity {
    const json = withoutUndefined({
      name: options.name,
      type,
      description: options.description,
      dependsOn: options.dependsOn?.map(dependency),
      policy: options.policy ? { ...options.policy } : undefined,
      ...body,
    }) as ActivityJson;
    return new Activity(options.name, type, json);
  }

  private constructor(
    public readonly name: string,
    public readonly type: string,
    private readonly json: ActivityJson,
  ) {}

  /** The activity's Data Factory JSON (a copy). */
  public toJson(): ActivityJson {
    return JSON.parse(JSON.stringify(this.json)) as ActivityJson;
  }
}

function dependency(dep: Dependency): { activity: string; dependencyConditions: DependencyCondition[] } {
  if (typeof dep === "string") return { activity: dep, dependencyConditions: ["Succeeded"] };
  if (dep instanceof Activity) return { activity: dep.name, dependencyConditions: ["Succeeded"] };
  return { activity: typeof dep.activity === "string" ? dep.activity : dep.activity.name, dependencyConditions: [...dep.conditions] };
}

function datasetReference(dataset: Dataset, parameters: JsonObject | undefined): JsonObject {
  return withoutUndefined({ referenceName: dataset.name, type: "DatasetReference", parameters: parameters ? { ...parameters } : undefined });
}

function dynamic(value: string): string | Expression {
  return value.startsWith("@") ? expression(value) : value;
}
