/* A supplier team's own pages: the response-metrics dashboard and the settings. */

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
        weekday
        opensAt
        closesAt
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
        weekday
        opensAt
        closesAt
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

const ERROR_FIELDS = /* GraphQL */ `
  __typename
  ... on Error {
    message
  }
  ... on ValidationError {
    field
  }
`

export const UPDATE_SUPPLIER_SETTINGS = /* GraphQL */ `
  mutation UpdateSupplierSettings($input: UpdateSupplierSettingsInput!) {
    updateSupplierSettings(input: $input) {
      ${ERROR_FIELDS}
    }
  }
`

export const INVITE_TEAM_MEMBER = /* GraphQL */ `
  mutation InviteTeamMember($input: InviteTeamMemberInput!) {
    inviteTeamMember(input: $input) {
      ${ERROR_FIELDS}
      ... on InviteTeamMemberPayload {
        invitationToken
        invitation {
          email
          role
          expiresAt
        }
      }
    }
  }
`

export const REMOVE_TEAM_MEMBER = /* GraphQL */ `
  mutation RemoveTeamMember($input: RemoveTeamMemberInput!) {
    removeTeamMember(input: $input) {
      ${ERROR_FIELDS}
      ... on TeamMember {
        displayName
      }
    }
  }
`

export const REVOKE_INVITATION = /* GraphQL */ `
  mutation RevokeInvitation($input: RevokeInvitationInput!) {
    revokeInvitation(input: $input) {
      ${ERROR_FIELDS}
      ... on Invitation {
        email
      }
    }
  }
`
