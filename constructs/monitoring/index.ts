export { Monitoring } from "./monitoring";
export type { MonitoringProps } from "./monitoring";
