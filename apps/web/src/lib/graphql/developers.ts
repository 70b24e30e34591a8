/* The partner portal (/developers): a supplier's API keys, their scopes and daily use. */
import { resultMutation } from './shared'

const API_KEY_FIELDS = /* GraphQL */ `
  id
  name
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

export const DEVELOPERS_PAGE = /* GraphQL */ `
  query DevelopersPage($supplierId: ID!, $days: Int!) {
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
    }
  }
`

/** The docs page lists the scopes; it needs no session (apiScopes is public). */
export const API_SCOPES = /* GraphQL */ `
  query ApiScopes {
    apiScopes {
      name
      description
    }
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
