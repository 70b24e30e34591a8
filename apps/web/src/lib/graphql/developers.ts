/* The partner portal (/developers): a supplier's API keys, their scopes and daily use; its webhooks. */
// Relative, not $lib: the gateway's cost test imports these documents as plain modules.
import { WEBHOOK_DELIVERIES_SHOWN } from '../developers'
import { resultMutation } from './shared'

const API_KEY_FIELDS = /* GraphQL */ `
  id
  name
  partnerName
  prefix
  scopes
  status
  createdAt
  lastUsedAt
  lastUsedIp
  expiresAt
  revokedAt
  bucketSize
  restoreRate
`

/** A supplier's keys, or without supplierId (admins) every platform partner's. */
export const DEVELOPERS_PAGE = /* GraphQL */ `
  query DevelopersPage($supplierId: ID, $days: Int!) {
    apiKeys(supplierId: $supplierId) {
      ${API_KEY_FIELDS}
      usage(days: $days) {
        day
        requests
        cost
        throttled
      }
    }
    apiScopes {
      name
      description
      forPlatformKeys
    }
  }
`

/** The docs page lists the scopes and the webhook events; it needs no session (both are public). */
export const DEVELOPER_DOCS = /* GraphQL */ `
  query DeveloperDocs {
    apiScopes {
      name
      description
    }
    webhookEvents
  }
`

/** The secret is in this answer only: the page shows it once and never stores it. */
export const CREATE_API_KEY = resultMutation(
  'CreateApiKey',
  /* GraphQL */ `
  ... on IssuedApiKey {
    secret
    key {
      id
      name
      prefix
    }
  }
`,
)

export const ROTATE_API_KEY = resultMutation(
  'RotateApiKey',
  /* GraphQL */ `
  ... on IssuedApiKey {
    secret
    key {
      id
      name
      prefix
    }
    previous {
      id
      expiresAt
    }
  }
`,
)

export const REVOKE_API_KEY = resultMutation(
  'RevokeApiKey',
  /* GraphQL */ `
  ... on ApiKey {
    id
    name
    status
  }
`,
)

const WEBHOOK_ENDPOINT_FIELDS = /* GraphQL */ `
  id
  url
  partnerName
  description
  events
  enabled
  failureCount
  disabledAt
  disabledReason
  createdAt
  rotating
`

/**
 * The webhooks page: each endpoint (at most 10) with its latest deliveries and their attempts. The
 * page size is a literal and small: the gateway prices every delivery row with its log, and refuses
 * a page it finds too costly. Without supplierId (admins): every platform partner's endpoints.
 */
export const WEBHOOKS_PAGE = /* GraphQL */ `
  query WebhooksPage($supplierId: ID, $platform: Boolean!) {
    webhookEndpoints(supplierId: $supplierId) {
      ${WEBHOOK_ENDPOINT_FIELDS}
      deliveries(first: ${WEBHOOK_DELIVERIES_SHOWN}) {
        edges {
          node {
            id
            eventType
            status
            attempts
            nextAttemptAt
            lastStatusCode
            lastError
            createdAt
            deliveredAt
            replayOf
            log {
              attempt
              at
              statusCode
              latencyMs
              responseExcerpt
              error
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
    webhookEvents(platform: $platform)
  }
`

/** The signing secret is in this answer only: the page shows it once and never stores it. */
export const CREATE_WEBHOOK_ENDPOINT = resultMutation(
  'CreateWebhookEndpoint',
  /* GraphQL */ `
  ... on IssuedWebhookEndpoint {
    secret
    endpoint {
      id
      url
    }
  }
`,
)

export const UPDATE_WEBHOOK_ENDPOINT = resultMutation(
  'UpdateWebhookEndpoint',
  /* GraphQL */ `
  ... on WebhookEndpoint {
    id
    url
    enabled
  }
`,
)

export const ROTATE_WEBHOOK_SECRET = resultMutation(
  'RotateWebhookSecret',
  /* GraphQL */ `
  ... on IssuedWebhookEndpoint {
    secret
    endpoint {
      id
      url
      rotating
    }
  }
`,
)

export const DELETE_WEBHOOK_ENDPOINT = resultMutation(
  'DeleteWebhookEndpoint',
  /* GraphQL */ `
  ... on DeleteWebhookEndpointPayload {
    id
  }
`,
)

export const REPLAY_WEBHOOK_DELIVERY = resultMutation(
  'ReplayWebhookDelivery',
  /* GraphQL */ `
  ... on WebhookDelivery {
    id
    eventType
  }
`,
)
