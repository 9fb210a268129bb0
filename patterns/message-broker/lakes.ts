// The message broker's telemetry storage: the Data Lake the function writes to, and where Event Grid's dead letters go.
import { Construct } from "constructs";
import { recordHole } from "../../constructs/core/flows";
import { recordSuppression } from "../../constructs/core/suppressions";
import { StorageAccount, StorageAccountProps } from "../../constructs/storage";
import { REACHABILITY_REASONS } from "./reachability";
import { MESSAGE_BROKER_NAMES as NAMES } from "./workloads";

// Recorded on the dev lake the pattern opens itself, so the pack reports the reason instead of a warning.
export const DEV_LAKE_OPEN_REASON =
  "Without VNet integration (dev) the function reaches the lake from Azure App Service's shared outbound addresses, " +
  "which a deny-by-default firewall blocks; every request still needs an Entra ID token (shared keys are off).";

/**
 * The lake the function writes to. With VNet integration (prod) it is private (the StorageAccount defaults).
 * Without (dev) the function reaches it from App Service's shared outbound addresses, which a deny-by-default
 * firewall would block, so the firewall allows all networks (Entra ID only, as the FunctionApp does for its host
 * storage), and it also takes Event Grid's dead letters.
 */
export function createDataLake(scope: Construct, props: StorageAccountProps | undefined, integrated: boolean): StorageAccount {
  const containers = [...(props?.containers ?? []), NAMES.telemetryContainer, ...(integrated ? [] : [NAMES.deadLetterContainer])];
  if (integrated) return new StorageAccount(scope, "DataLake", { ...props, dataLake: true, containers: [...new Set(containers)] });
  const lake = new StorageAccount(scope, "DataLake", {
    publicNetworkAccess: true,
    firewallDefaultAction: "Allow",
    ...props,
    dataLake: true,
    containers: [...new Set(containers)],
  });
  recordHole(scope, lake, REACHABILITY_REASONS.dataLake, ["EventGrid"]);
  if (props?.firewallDefaultAction === undefined) recordSuppression(lake, "AIC-ST-005", DEV_LAKE_OPEN_REASON);
  return lake;
}

/** Event Grid's dead letters beside a private lake: the one account that keeps a public endpoint, for trusted services. */
export function createDeadLetterAccount(scope: Construct, props: StorageAccountProps | undefined): StorageAccount {
  const account = new StorageAccount(scope, "DeadLetters", {
    publicNetworkAccess: true,
    ...props,
    containers: [...new Set([...(props?.containers ?? []), NAMES.deadLetterContainer])],
  });
  if (props?.publicNetworkAccess === undefined) recordHole(scope, account, REACHABILITY_REASONS.deadLetters, ["EventGrid"]);
  return account;
}
