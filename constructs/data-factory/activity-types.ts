/**
 * Every pipeline activity type Azure accepts: the `type` enum of each `Activity` variant in the
 * public ARM schema `Microsoft.DataFactory` 2018-06-01 (Azure/azure-resource-manager-schemas,
 * `schemas/2018-06-01/Microsoft.DataFactory.json`, MIT). Copied here so synthesis needs no network
 * and no file outside the package.
 */
export const ACTIVITY_TYPES = [
  "AppendVariable",
  "AzureDataExplorerCommand",
  "AzureFunctionActivity",
  "AzureMLBatchExecution",
  "AzureMLExecutePipeline",
  "AzureMLUpdateResource",
  "Copy",
  "Custom",
  "DataLakeAnalyticsU-SQL",
  "DatabricksJob",
  "DatabricksNotebook",
  "DatabricksSparkJar",
  "DatabricksSparkPython",
  "Delete",
  "ExecuteDataFlow",
  "ExecutePipeline",
  "ExecuteSSISPackage",
  "ExecuteWranglingDataflow",
  "Fail",
  "Filter",
  "ForEach",
  "GetMetadata",
  "HDInsightHive",
  "HDInsightMapReduce",
  "HDInsightPig",
  "HDInsightSpark",
  "HDInsightStreaming",
  "IfCondition",
  "Lookup",
  "Script",
  "SetVariable",
  "SparkJob",
  "SqlServerStoredProcedure",
  "Switch",
  "SynapseNotebook",
  "Until",
  "Validation",
  "Wait",
  "WebActivity",
  "WebHook",
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * The `typeProperties` each activity type requires (the `required` list of its type-properties
 * definition in the same schema; `[]` where the schema requires none).
 */
export const REQUIRED_TYPE_PROPERTIES: Readonly<Record<ActivityType, readonly string[]>> = {
  AppendVariable: [],
  AzureDataExplorerCommand: ["command"],
  AzureFunctionActivity: ["method", "functionName"],
  AzureMLBatchExecution: [],
  AzureMLExecutePipeline: [],
  AzureMLUpdateResource: ["trainedModelName", "trainedModelLinkedServiceName", "trainedModelFilePath"],
  Copy: ["source", "sink"],
  Custom: ["command"],
  "DataLakeAnalyticsU-SQL": ["scriptPath", "scriptLinkedService"],
  DatabricksJob: ["jobId"],
  DatabricksNotebook: ["notebookPath"],
  DatabricksSparkJar: ["mainClassName"],
  DatabricksSparkPython: ["pythonFile"],
  Delete: ["dataset"],
  ExecuteDataFlow: ["dataFlow"],
  ExecutePipeline: ["pipeline"],
  ExecuteSSISPackage: ["packageLocation", "connectVia"],
  ExecuteWranglingDataflow: ["dataFlow"],
  Fail: ["message", "errorCode"],
  Filter: ["items", "condition"],
  ForEach: ["items", "activities"],
  GetMetadata: ["dataset"],
  HDInsightHive: [],
  HDInsightMapReduce: ["className", "jarFilePath"],
  HDInsightPig: [],
  HDInsightSpark: ["rootPath", "entryFilePath"],
  HDInsightStreaming: ["mapper", "reducer", "input", "output", "filePaths"],
  IfCondition: ["expression"],
  Lookup: ["source", "dataset"],
  Script: [],
  SetVariable: [],
  SparkJob: ["sparkJob"],
  SqlServerStoredProcedure: ["storedProcedureName"],
  Switch: ["on"],
  SynapseNotebook: ["notebook"],
  Until: ["expression", "activities"],
  Validation: ["dataset"],
  Wait: ["waitTimeInSeconds"],
  WebActivity: ["method", "url"],
  WebHook: ["method", "url"],
};

/** The conditions a `dependsOn` entry may wait for (`ActivityDependency.dependencyConditions`). */
export const DEPENDENCY_CONDITIONS = ["Succeeded", "Failed", "Skipped", "Completed"] as const;

export type DependencyCondition = (typeof DEPENDENCY_CONDITIONS)[number];

/**
 * Control activities whose children form their own `dependsOn` level: the property paths under
 * `typeProperties` that hold activity lists (Switch cases are handled by the checker).
 */
export const CONTAINER_PROPERTIES: Readonly<Partial<Record<ActivityType, readonly string[]>>> = {
  ForEach: ["activities"],
  Until: ["activities"],
  IfCondition: ["ifTrueActivities", "ifFalseActivities"],
  Switch: ["defaultActivities"],
};
