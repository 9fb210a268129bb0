/** A CloudEvents 1.0 event in the JSON format, as the business-events topic accepts and delivers it. */
export interface CloudEvent<T = Record<string, unknown>> {
  readonly specversion: "1.0";
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject?: string;
  readonly time?: string;
  readonly datacontenttype?: string;
  readonly data?: T;
}

/** Payload of `Orders.Changed`. */
export interface OrderChangedData {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: string;
  readonly total: number;
  readonly currency: string;
}

/** Payload of `Uploads.Received`. */
export interface UploadReceivedData {
  readonly url: string;
  readonly container: string;
  readonly blobName: string;
  readonly contentType: string;
  readonly contentLength: number;
  readonly eTag?: string;
}

/** Builds a CloudEvents 1.0 event with a JSON payload. */
export function cloudEvent<T>(fields: { id: string; source: string; type: string; subject: string; time: string; data: T }): CloudEvent<T> {
  return { specversion: "1.0", datacontenttype: "application/json", ...fields };
}

/**
 * Checks what a handler relies on in a delivered CloudEvent (version, type, the data fields it
 * reads) and returns it typed. Throwing makes the invocation fail, so Event Grid retries it and,
 * once retries are spent, dead-letters it: a malformed event ends up in the dead-letter container
 * instead of vanishing.
 */
export function requireCloudEvent<T>(event: unknown, type: string, requiredData: readonly (keyof T & string)[]): CloudEvent<T> {
  const e = event as Partial<CloudEvent> | undefined;
  if (!e || e.specversion !== "1.0" || typeof e.id !== "string" || typeof e.source !== "string") {
    throw new Error(`expected a CloudEvents 1.0 event, got ${JSON.stringify(event)?.slice(0, 200)}`);
  }
  if (e.type !== type) throw new Error(`event ${e.id} has type "${e.type}", this function handles "${type}" only`);
  const data = e.data;
  if (!data || typeof data !== "object") throw new Error(`event ${e.id} of type ${type} has no data`);
  const missing = requiredData.filter((field) => data[field] === undefined || data[field] === null);
  if (missing.length > 0) throw new Error(`event ${e.id} of type ${type} lacks data.${missing.join(", data.")}`);
  return e as unknown as CloudEvent<T>;
}
