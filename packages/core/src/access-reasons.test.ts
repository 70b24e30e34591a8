import { describe, expect, it } from 'vitest'
import { accessReason, describeAccessReason } from './access-reasons.ts'

const FLAG = '0190a0a0-1234-7000-8000-000000000001'

describe('access reasons', () => {
  it('read back in the parties’ words what moderation stored', () => {
    expect(describeAccessReason(accessReason.report(FLAG))).toEqual({ reason: 'a report (#0190a0a0)', reportId: FLAG })
    expect(describeAccessReason(accessReason.request('LEGAL_REQUEST', 'case 42'))).toEqual({ reason: 'a legal request (case 42)', reportId: null })
    expect(describeAccessReason(accessReason.request('SUPPORT_REQUEST', 'ticket #9'))).toEqual({ reason: 'a support request (ticket #9)', reportId: null })
  })

  it('show anything else as stored, and say when nothing was', () => {
    expect(describeAccessReason('an audit')).toEqual({ reason: 'an audit', reportId: null })
    expect(describeAccessReason(null)).toEqual({ reason: 'no reason recorded', reportId: null })
  })
})
