// Whether others see the viewer online: the privacy settings page reads the choice and saves it.

export const PRESENCE_VISIBILITY = /* GraphQL */ `
  query PresenceVisibility {
    viewer {
      presenceVisibility
    }
  }
`

export const SET_PRESENCE_VISIBILITY = /* GraphQL */ `
  mutation SetPresenceVisibility($input: SetPresenceVisibilityInput!) {
    setPresenceVisibility(input: $input)
  }
`
