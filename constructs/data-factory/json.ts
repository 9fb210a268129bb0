/** A parsed JSON object (Data Factory activities, type properties, ...). */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a JSON object (not an array or null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `object` without its undefined properties, so optional settings stay out of the JSON. */
export function withoutUndefined(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
