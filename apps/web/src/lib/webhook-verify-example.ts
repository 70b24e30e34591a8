/*
 * The signature check a partner pastes into their receiver, shown on the docs page: the text of
 * packages/partners/src/webhooks/verify-example.ts itself (the file the gateway's tests verify
 * real deliveries with), read at build time; the browser never loads that package.
 */
import source from '../../../../packages/partners/src/webhooks/verify-example.ts?raw'

export const WEBHOOK_VERIFY_EXAMPLE = source.trim()
