// Public surface of signed webhook delivery (the database-free parts).
export {
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  signPayload,
  signPayloadWithSecrets,
  verifySignature,
  type VerifyResult,
} from './signature.ts'
export {
  checkEndpointUrl,
  isPublicUnicastAddress,
  pinnedLookup,
  type EndpointCheck,
  type HostLookup,
  type ResolvedAddress,
} from './address-guard.ts'
export {
  deliverOnce,
  MAX_RESPONSE_BYTES,
  RESPONSE_EXCERPT_CHARS,
  WEBHOOK_USER_AGENT,
  type DeliverOnceInput,
  type DeliveryResult,
} from './deliver.ts'
export {
  AUTO_DISABLE_AFTER_FAILURES,
  nextAttemptDelayMs,
  RETRY_BASE_DELAY_MS,
  RETRY_JITTER,
  RETRY_MAX_DELAY_MS,
  shouldGiveUp,
  WEBHOOK_RETRY_WINDOW_MS,
} from './backoff.ts'
export { isWebhookEvent, WEBHOOK_EVENTS, webhookBody, type WebhookEvent } from './events.ts'
