// In core (beside the SQL filter grammar) because both the Service Bus constructs and the offline
// rule model in testing/ read them, and testing may import only core.

/**
 * The broker properties a sender sets and a correlation filter matches (Azure.Messaging.ServiceBus
 * names; unset: not set on a message, not matched by a filter).
 */
export interface ServiceBusSystemProperties {
  /** @default none */
  readonly correlationId?: string;
  /** @default none */
  readonly messageId?: string;
  /** @default none */
  readonly to?: string;
  /** @default none */
  readonly replyTo?: string;
  /** The message subject (`label` in azurerm and older SDKs). @default none */
  readonly subject?: string;
  /** @default none */
  readonly sessionId?: string;
  /** @default none */
  readonly replyToSessionId?: string;
  /** @default none */
  readonly contentType?: string;
}
