/* A supplier team's own pages: the response-metrics dashboard and the settings. */
import { resultMutation, SERVICE_HOURS_FIELDS } from './shared'

const METRICS = /* GraphQL */ `
  conversations
  medianFirstResponse
  withinTargetRate
  responseRate
  usuallyRepliesWithin
  samples
`

export const METRICS_PAGE = /* GraphQL */ `
  query SupplierMetricsPage($slug: String!, $window: MetricsWindow!, $weeks: Int!) {
    supplier(slug: $slug) {
      id
      slug
      name
      timeZone
      responseTarget
      serviceHours {
        ${SERVICE_HOURS_FIELDS}
      }
      responseMetrics(window: $window) {
        ${METRICS}
      }
      responseMetricsByAgent(window: $window) {
        memberId
        displayName
        metrics {
          ${METRICS}
        }
      }
      responseMetricsTrend(weeks: $weeks) {
        start
        end
        metrics {
          ${METRICS}
        }
      }
      team {
        id
        displayName
        role
      }
    }
  }
`

export const SETTINGS_PAGE = /* GraphQL */ `
  query SupplierSettingsPage($slug: String!, $owner: Boolean!) {
    supplier(slug: $slug) {
      id
      slug
      name
      timeZone
      responseTarget
      awayEnabled
      awayMessage
      closures
      serviceHours {
        ${SERVICE_HOURS_FIELDS}
      }
      team {
        id
        displayName
        role
        title
        joinedAt
      }
      invitations @include(if: $owner) {
        id
        email
        role
        createdAt
        expiresAt
      }
    }
  }
`

export const UPDATE_SUPPLIER_SETTINGS = resultMutation('UpdateSupplierSettings', '')

export const INVITE_TEAM_MEMBER = resultMutation(
  'InviteTeamMember',
  /* GraphQL */ `
  ... on InviteTeamMemberPayload {
    invitationToken
    invitation {
      email
      role
      expiresAt
    }
  }
`,
)

export const REMOVE_TEAM_MEMBER = resultMutation(
  'RemoveTeamMember',
  /* GraphQL */ `
  ... on TeamMember {
    displayName
  }
`,
)

export const REVOKE_INVITATION = resultMutation(
  'RevokeInvitation',
  /* GraphQL */ `
  ... on Invitation {
    email
  }
`,
)
