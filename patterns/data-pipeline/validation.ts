// What DataPipeline refuses before it creates anything: props that contradict each other, and values Azure refuses.
import { Construct } from "constructs";
import { exclusiveProps, invalid, isUnresolved } from "../../constructs/core";
import type { DataPipelineProps } from "./props";

/** The DataFactory's default managed runtime, which the data flow's pipeline names. */
const MANAGED_RUNTIME = "ir-managed-vnet";

/** Refuses contradicting props (an existing resource and props for a new one) and values Azure refuses, before anything is created. */
export function validateDataPipeline(scope: Construct, props: DataPipelineProps): void {
  validateResources(scope, props);
  validateValues(scope, props);
}

/** Existing xor new, and what the lake, the control database and the factory must be for the workloads. */
function validateResources(scope: Construct, props: DataPipelineProps): void {
  exclusiveProps(scope, [
    ["existingDataLake", props.existingDataLake, "dataLakeProps", props.dataLakeProps],
    ["existingKeyVault", props.existingKeyVault, "keyVaultProps", props.keyVaultProps],
    ["existingControlDatabase", props.existingControlDatabase, "controlDatabaseProps", props.controlDatabaseProps],
  ]);
  if (props.existingControlDatabase && props.sqlSetupAtDeploy === true) {
    invalid(scope, {
      field: "sqlSetupAtDeploy",
      value: true,
      rule: "runs only against the control database the pattern creates",
      fix: "run controlDatabaseSetupScript() in the existing database where it is managed, or drop existingControlDatabase",
    });
  }
  if (props.dataLakeProps?.dataLake === false) {
    invalid(scope, {
      field: "dataLakeProps.dataLake",
      value: false,
      rule: "turns the hierarchical namespace off, but the lake must be Data Lake Gen2",
      fix: "leave dataLake unset",
    });
  }
  if (props.existingDataLake?.dataLake === false) {
    invalid(scope, {
      field: "existingDataLake",
      value: props.existingDataLake.node.path,
      rule: "is not a Data Lake Gen2 account (hierarchical namespace off)",
      fix: "pass a StorageAccount created with dataLake: true",
    });
  }
  const runtime = props.dataFactoryProps?.integrationRuntime?.name;
  if (runtime !== undefined && runtime !== MANAGED_RUNTIME) {
    invalid(scope, {
      field: "dataFactoryProps.integrationRuntime.name",
      value: runtime,
      rule: `is not "${MANAGED_RUNTIME}", the runtime workloads/data-factory/curate.json runs its data flow on`,
      fix: "leave integrationRuntime.name unset",
    });
  }
}

/** The values the pattern writes into Azure: the notification URL, the output names and the API's window. */
function validateValues(scope: Construct, props: DataPipelineProps): void {
  const url = props.notificationUrl;
  if (url !== undefined && !isUnresolved(url) && !/^https:\/\/[^\s/]+/.test(url)) {
    invalid(scope, {
      field: "notificationUrl",
      value: url,
      rule: "is not an https URL",
      fix: "use https://<host>/... (e.g. a Logic App's HTTP trigger URL)",
    });
  }
  const prefix = props.outputPrefix;
  if (prefix !== undefined && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(prefix)) {
    invalid(scope, {
      field: "outputPrefix",
      value: prefix,
      rule: "cannot start a Terraform output name",
      fix: "use letters, digits, '_' and '-', starting with a letter or '_'",
    });
  }
  const hours = props.api?.windowHours;
  if (hours !== undefined && (!Number.isInteger(hours) || hours < 1)) {
    invalid(scope, {
      field: "api.windowHours",
      value: hours,
      rule: "is not a whole number of hours of at least 1",
      fix: "set 1 or more (24 for daily windows)",
    });
  }
}