import { RESULT_ERRORS } from './shared'

export const SIGN_IN = /* GraphQL */ `
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on AuthPayload {
        token
        expiresAt
        viewer {
          buyer {
            id
          }
          memberships {
            supplier {
              slug
            }
          }
        }
      }
      ... on RateLimitedError {
        retryAfterSeconds
      }
      ${RESULT_ERRORS}
    }
  }
`

export const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on AuthPayload {
        token
        expiresAt
        viewer {
          memberships {
            supplier {
              slug
            }
          }
        }
      }
      ${RESULT_ERRORS}
    }
  }
`

export const SIGN_OUT = /* GraphQL */ `
  mutation SignOut {
    signOut
  }
`

export const ACCEPT_INVITATION = /* GraphQL */ `
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      __typename
      ... on SupplierMembership {
        role
        supplier {
          slug
          name
        }
      }
      ... on Error {
        message
        code
      }
    }
  }
`

/** A typed error from a result union (`… on Error`). */
export type ResultError = {
  __typename: string
  message: string
  code: string
  field?: string | null
  retryAfterSeconds?: number
}

export type AuthResult =
  | {
      __typename: 'AuthPayload'
      token: string
      expiresAt: string
      viewer: { buyer?: { id: string } | null; memberships: Array<{ supplier: { slug: string } }> }
    }
  | ResultError

/** What an invitation link is for, before anyone signs in (the token is the secret). */
export const INVITATION_PREVIEW = /* GraphQL */ `
  query InvitationPreview($token: String!) {
    invitation(token: $token) {
      role
      emailHint
      expiresAt
      state
      supplier {
        name
        slug
        tagline
      }
    }
  }
`
