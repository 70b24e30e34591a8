// Your data: the archives you asked for (settings/data), asking for a new one, and deleting
// your account. The archive itself is fetched over REST (GET /exports/<uuid>, its downloadPath).

export const DATA_EXPORTS = /* GraphQL */ `
  query DataExports {
    viewer {
      dataExports {
        id
        status
        requestedAt
        readyAt
        expiresAt
        downloadedAt
        byteSize
        downloadPath
      }
    }
  }
`

export const REQUEST_DATA_EXPORT = /* GraphQL */ `
  mutation RequestDataExport {
    requestDataExport {
      __typename
      ... on DataExport {
        id
        status
      }
      ... on Error {
        code
        message
      }
    }
  }
`

export const DELETE_ACCOUNT = /* GraphQL */ `
  mutation DeleteAccount($input: DeleteAccountInput!) {
    deleteAccount(input: $input) {
      __typename
      ... on DeleteAccountPayload {
        deleted
      }
      ... on ValidationError {
        field
      }
      ... on Error {
        code
        message
      }
    }
  }
`
