/** The viewer as every page needs it (header, links by role, time zone). */
export const VIEWER_FIELDS = /* GraphQL */ `
  isStaff
  isAdmin
  unreadCount
  reviewInvitationCount
  unreadNotificationCount
  user {
    displayName
    email
  }
  buyer {
    id
    displayName
    timeZone
  }
  memberships {
    role
    supplier {
      id
      slug
      name
    }
    member {
      id
    }
  }
`

export const SESSION_VIEWER = /* GraphQL */ `
  query SessionViewer {
    viewer {
      ${VIEWER_FIELDS}
    }
  }
`
