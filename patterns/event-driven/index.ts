export * from "./event-driven";
export { EVENT_GRID_SERVICE_TAG } from "./validation";
