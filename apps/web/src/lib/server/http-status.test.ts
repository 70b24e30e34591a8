import { describe, expect, it } from 'vitest'
import { GatewayError } from './gateway'
import { gatewayErrorStatus, isBadInput, isRefused, resultErrorStatus } from './http-status'

const graphql = (code: string) => new GatewayError('x', { kind: 'graphql', code })

describe('statuses from the shared table', () => {
  it('reads refusals and bad input from GraphQL error codes, and nothing from network failures', () => {
    expect(isRefused(graphql('UNAUTHENTICATED'))).toBe(true)
    expect(isRefused(graphql('FORBIDDEN'))).toBe(true)
    expect(isRefused(graphql('NOT_FOUND'))).toBe(false)
    expect(isBadInput(graphql('BAD_USER_INPUT'))).toBe(true)
    expect(isBadInput(graphql('VALIDATION_FAILED'))).toBe(true)
    expect(gatewayErrorStatus(new GatewayError('x', { kind: 'network' }))).toBeNull()
  })

  it('gives typed result errors their code’s status, and 400 rather than a server fault for unknown codes', () => {
    expect(resultErrorStatus({ code: 'FORBIDDEN' })).toBe(403)
    expect(resultErrorStatus({ code: 'RATE_LIMITED' })).toBe(429)
    expect(resultErrorStatus({ code: 'NOT_FOUND' })).toBe(404)
    expect(resultErrorStatus({ code: 'SOMETHING_NEW' })).toBe(400)
    expect(resultErrorStatus({})).toBe(400)
  })
})
