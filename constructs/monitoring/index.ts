export { Monitoring } from "./monitoring";
export type { MonitoringProps } from "./monitoring";
export { resolveTelemetry } from "./telemetry";
export type { ResolvedTelemetry, TelemetryProps, TelemetryTarget } from "./telemetry";
export { ActionGroup } from "./action-group";
export type { ActionGroupProps, ActionGroupReceivers } from "./action-group";
export { Alerts, DEFAULT_ALERT_THRESHOLDS } from "./alerts";
export type { AlertSignal, AlertsProps, MetricAlertOptions, WatchedAlert } from "./alerts";
