import { describe, expect, it } from 'vitest'
import { isStaff, membershipOf, type Viewer } from './viewer.ts'

const viewer = (over: Partial<Viewer> = {}): Viewer => ({
  userId: 'u',
  sessionId: 's',
  email: 'a@example.com',
  displayName: 'A',
  platformRole: 'USER',
  buyerId: null,
  memberships: [{ supplierId: 'sup-1', memberId: 'm-1', role: 'AGENT' }],
  ...over,
})

describe('viewer helpers', () => {
  it('treats moderators and admins as staff, and nobody else', () => {
    expect(isStaff(viewer({ platformRole: 'MODERATOR' }))).toBe(true)
    expect(isStaff(viewer({ platformRole: 'ADMIN' }))).toBe(true)
    expect(isStaff(viewer())).toBe(false)
    expect(isStaff(null)).toBe(false)
  })

  it('finds the membership for a supplier, and none for another', () => {
    expect(membershipOf(viewer(), 'sup-1')).toMatchObject({ role: 'AGENT' })
    expect(membershipOf(viewer(), 'sup-2')).toBeNull()
    expect(membershipOf(null, 'sup-1')).toBeNull()
  })
})
