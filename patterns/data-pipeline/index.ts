export { DataPipeline } from "./data-pipeline";
export type {
  DataPipelineDatasets,
  DataPipelineLinkedServices,
  DataPipelinePipelines,
  DataPipelineProps,
  DataPipelineTriggers,
  DataPipelineSqlPoolProps,
  OnPremisesSqlServerProps,
  RestApiSourceProps,
} from "./props";
export { readDataFlowFile, dataFlowOptions } from "./data-flow-file";
export type { DataFlowDefinition } from "./data-flow-file";
export { synapseGrantScript } from "./synapse-grants";
export { DATA_FLOW_FILE, ENTITY_NAMES, LAKE_LAYOUT, PIPELINE_FILES, TABLES, WORKLOAD_DIR } from "./workloads";
export type { PipelineName } from "./workloads";
