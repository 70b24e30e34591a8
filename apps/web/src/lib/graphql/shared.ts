/* Pieces every GraphQL document here builds on. */

/** The typed errors every result union may hold (`Error { message code }`, plus the field at fault). */
export const RESULT_ERRORS = /* GraphQL */ `
  ... on Error {
    message
    code
  }
  ... on ValidationError {
    field
  }
`

export const SERVICE_HOURS_FIELDS = /* GraphQL */ `
  weekday
  opensAt
  closesAt
`

/**
 * A mutation in the API's one shape: `operation(input: OperationInput!)` returning a result
 * union, of which `selection` picks the success type's fields (errors are always selected).
 */
export function resultMutation(operation: string, selection: string): string {
  const field = operation[0]!.toLowerCase() + operation.slice(1)
  return /* GraphQL */ `
  mutation ${operation}($input: ${operation}Input!) {
    ${field}(input: $input) {
      __typename
      ${selection}
      ${RESULT_ERRORS}
    }
  }
`
}
