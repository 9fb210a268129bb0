import { ITerraformDependable } from "cdktf";
import { DataFactoryPipeline } from "@cdktf/provider-azurerm/lib/data-factory-pipeline";
import { invalid, isUnresolved } from "../core/errors";
import { terraformLiteral } from "../core/terraform-text";
import { Activity, ActivityJson } from "./activities";
import { FactoryEntity } from "./entities";
import { FactoryHost } from "./host";
import { EntityKind } from "./names";
import { ReferenceKind, checkPipeline } from "./pipeline-check";
import { PipelineDefinition, loadPipelineFile } from "./pipeline-file";

/** Entities that exist in the factory without being created by this construct (e.g. by a release pipeline). */
export interface ExternalReferences {
  /** @default none */
  readonly datasets?: readonly string[];
  /** @default none */
  readonly dataFlows?: readonly string[];
  /** @default none */
  readonly linkedServices?: readonly string[];
  /** @default none */
  readonly pipelines?: readonly string[];
  /** Integration runtimes created outside this construct (AutoResolveIntegrationRuntime needs no listing). @default none */
  readonly integrationRuntimes?: readonly string[];
}

export interface PipelineOptions {
  /** Typed activities (see {@link Activity}). Give this or `pipelineFile`. @default none */
  readonly activities?: readonly Activity[];
  /**
   * Absolute path of a pipeline JSON file (Data Factory Git format, `properties` object or
   * activities array), e.g. `path.join(__dirname, "pipelines/copy.json")`. Give this or `activities`.
   * @default none
   */
  readonly pipelineFile?: string;
  /** String parameters and their defaults; override the file's. @default the file's, else none */
  readonly parameters?: Readonly<Record<string, string>>;
  /** String variables and their defaults; override the file's. @default the file's, else none */
  readonly variables?: Readonly<Record<string, string>>;
  /** @default the file's, else none */
  readonly description?: string;
  /** Folder in the Data Factory Studio tree. @default the file's, else none */
  readonly folder?: string;
  /** Runs allowed at once (1-50); further runs queue. @default the file's, else unlimited */
  readonly concurrency?: number;
  /** Names the pipeline may reference that this construct did not create. @default none */
  readonly externalReferences?: ExternalReferences;
}

/** A pipeline; triggers and ExecutePipeline activities refer to it by {@link name}. */
export class Pipeline extends FactoryEntity<DataFactoryPipeline> {
  constructor(
    name: string,
    resource: DataFactoryPipeline,
    /** The checked activities, as deployed. */
    public readonly activities: readonly ActivityJson[],
    /** The JSON file the pipeline came from, if any. */
    public readonly file?: string,
  ) {
    super(name, resource);
  }
}

const ENTITY_KINDS: Readonly<Record<ReferenceKind, EntityKind>> = {
  dataset: "dataset",
  dataFlow: "dataFlow",
  linkedService: "linkedService",
  pipeline: "pipeline",
  integrationRuntime: "integrationRuntime",
};

export function addPipeline(host: FactoryHost, name: string, options: PipelineOptions): Pipeline {
  host.entities.claim("pipeline", name);
  if ((options.activities === undefined) === (options.pipelineFile === undefined)) {
    invalid(host.scope, {
      field: `pipeline "${name}"`,
      rule: "needs exactly one of activities and pipelineFile",
      fix: "build the activities with Activity.* or point pipelineFile at a pipeline JSON file",
    });
  }
  const file = options.pipelineFile;
  const definition: PipelineDefinition = file ? loadPipelineFile(host.scope, name, file) : { activities: options.activities?.map((a) => a.toJson()) };
  const external = options.externalReferences ?? {};
  const known = (kind: EntityKind, extra: readonly string[] | undefined) => [...host.entities.names(kind), ...(extra ?? [])];
  const { problems, references } = checkPipeline({
    pipeline: name,
    file,
    activities: definition.activities,
    known: {
      datasets: known("dataset", external.datasets),
      dataFlows: known("dataFlow", external.dataFlows),
      linkedServices: known("linkedService", external.linkedServices),
      pipelines: [...known("pipeline", external.pipelines), name],
      integrationRuntimes: known("integrationRuntime", external.integrationRuntimes),
    },
  });
  if (problems.length > 0) invalid(host.scope, problems[0]);
  const concurrency = options.concurrency ?? definition.concurrency;
  validateConcurrency(host, name, concurrency);
  // References are names inside JSON, so Terraform cannot see them: order creation explicitly.
  const dependsOn: ITerraformDependable[] = [];
  for (const [kind, names] of Object.entries(references) as [ReferenceKind, readonly string[]][]) {
    for (const referenced of names) {
      const entity = host.entities.find(ENTITY_KINDS[kind], referenced);
      if (entity) dependsOn.push(entity.resource);
    }
  }
  const activities = definition.activities as ActivityJson[];
  const resource = new DataFactoryPipeline(host.scope, `Pipeline-${name}`, {
    name,
    dataFactoryId: host.dataFactoryId,
    // The pipeline is the user's text: `${...}` in it is meant for Data Factory, not Terraform.
    activitiesJson: terraformLiteral(JSON.stringify(activities)),
    parameters: merged(definition.parameters, options.parameters),
    variables: merged(definition.variables, options.variables),
    description: literal(options.description ?? definition.description),
    folder: literal(options.folder ?? definition.folder),
    concurrency,
    dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
  });
  return host.entities.add("pipeline", new Pipeline(name, resource, activities, file));
}

function validateConcurrency(host: FactoryHost, name: string, concurrency: number | undefined): void {
  if (concurrency === undefined || isUnresolved(concurrency)) return;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 50) {
    invalid(host.scope, {
      field: `pipeline "${name}" concurrency`,
      value: concurrency,
      rule: "is not a whole number from 1 to 50",
      fix: "set concurrency to 1-50, or leave it unset for no limit",
    });
  }
}

function merged(
  fromFile: Record<string, string> | undefined,
  fromProps: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  if (fromFile === undefined && fromProps === undefined) return undefined;
  return Object.fromEntries(Object.entries({ ...fromFile, ...fromProps }).map(([key, value]) => [key, terraformLiteral(value)]));
}

function literal(text: string | undefined): string | undefined {
  return text === undefined ? undefined : terraformLiteral(text);
}
