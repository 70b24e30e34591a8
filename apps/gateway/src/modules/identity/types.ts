import { isStaff, type MemberRole, type Viewer } from '@rapport/core'
import type { SupplierInvitation } from '@rapport/db'
import { teamMembersByIds, type TeamMemberRow } from '@rapport/identity'
import { builder } from '../../builder.ts'
import { rowsById } from '../../schema/loaders.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import type { Context } from '../../context.ts'
import { SupplierRef, suppliers } from '../catalog/supplier.ts'

export const MemberRoleEnum = builder.enumType('MemberRole', {
  values: { OWNER: { description: 'Manages the team and settings.' }, AGENT: { description: 'Answers buyers.' } } as const,
})

/** `self` is set when the user was reached through their own Viewer (e.g. the payload of signIn). */
export type UserShape = { id: string; displayName: string; email: string; self?: boolean }
export const UserRef = builder.objectRef<UserShape>('User').implement({
  description: 'A person with a Rapport account.',
  fields: (t) => ({
    id: t.exposeID('id'),
    displayName: t.exposeString('displayName'),
    email: t.exposeString('email', {
      extensions: viewerSpecific,
      description: 'Visible to the user themself and to platform staff only.',
      authScopes: (user, _args, ctx) => !!user.self || ctx.viewer?.userId === user.id || isStaff(ctx.viewer),
    }),
  }),
})

export type TeamMemberShape = TeamMemberRow

// The one lookup of team members with their names (current and former): a page of messages
// by five agents costs one query, not one per message.
const teamMembers = rowsById('team member', async (ctx, ids) => (await teamMembersByIds(ctx, ids)).filter((m) => m !== null))

/** A team member with their name, current or former; null when there is none. */
export function teamMember(ctx: Context, memberId: string): Promise<TeamMemberRow | null> {
  return teamMembers.find(ctx, memberId)
}

export const TeamMemberRef = builder.objectRef<TeamMemberShape>('TeamMember')
builder.node(TeamMemberRef, {
  description: 'A person answering for a supplier. The team is public: buyers like to know who answers.',
  id: { resolve: (m) => m.id },
  // node(id:) finds current members only.
  loadMany: async (ids, ctx) => (await teamMembers.findMany(ctx, ids)).map((m) => (m && !m.removedAt ? m : null)),
  fields: (t) => ({
    displayName: t.exposeString('displayName'),
    title: t.exposeString('title', { nullable: true }),
    role: t.expose('role', { type: MemberRoleEnum }),
    joinedAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

const invitations = rowsById('invitation', (ctx, ids) => ctx.db.supplierInvitation.findMany({ where: { id: { in: ids } } }))
export const InvitationRef = builder.objectRef<SupplierInvitation>('Invitation')
builder.node(InvitationRef, {
  description: 'A pending invitation to join a supplier team. Visible to that supplier’s owners only.',
  // node(id:) runs these scopes too, so an invitation never leaks to anyone else.
  authScopes: (inv) => ({ ownerOf: inv.supplierId }),
  id: { resolve: (i) => i.id },
  loadMany: (ids, ctx) => invitations.findMany(ctx, ids),
  fields: (t) => ({
    email: t.exposeString('email'),
    role: t.expose('role', { type: MemberRoleEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
})

export type BuyerShape = { id: string; userId: string; displayName: string; location: string | null; timeZone: string; self?: boolean }
/** Buyers by id, one query per request. */
export const buyers = rowsById('buyer', (ctx, ids) => ctx.db.buyer.findMany({ where: { id: { in: ids } } }))
export const BuyerRef = builder.objectRef<BuyerShape>('Buyer')
builder.node(BuyerRef, {
  description: 'A buyer’s profile. Visible to the buyer and to platform staff (suppliers see the buyers they talk to, with messaging).',
  authScopes: (buyer, ctx) => !!buyer.self || ctx.viewer?.buyerId === buyer.id || isStaff(ctx.viewer),
  id: { resolve: (b) => b.id },
  loadMany: (ids, ctx) => buyers.findMany(ctx, ids),
  fields: (t) => ({
    displayName: t.exposeString('displayName'),
    location: t.exposeString('location', { nullable: true }),
    timeZone: t.exposeString('timeZone'),
  }),
})

export type MembershipShape = { supplierId: string; memberId: string; role: MemberRole }
export const MembershipRef = builder.objectRef<MembershipShape>('SupplierMembership').implement({
  description: 'The viewer’s place on a supplier team.',
  fields: (t) => ({
    role: t.expose('role', { type: MemberRoleEnum }),
    // Batched per request by the dataloader plugin: n memberships cost one query.
    supplier: t.field({ type: SupplierRef, resolve: (m, _args, ctx) => suppliers.get(ctx, m.supplierId) }),
    member: t.field({
      type: TeamMemberRef,
      resolve: async (m, _args, ctx) => {
        const member = await teamMember(ctx, m.memberId)
        if (!member) throw new Error(`member ${m.memberId} not found`)
        return member
      },
    }),
  }),
})

export const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The signed-in person and what they can act as.',
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      resolve: (v) => ({ id: v.userId, displayName: v.displayName, email: v.email, self: true }),
    }),
    buyer: t.field({
      type: BuyerRef,
      nullable: true,
      resolve: async (v, _args, ctx) => {
        const buyer = v.buyerId ? await buyers.find(ctx, v.buyerId) : null
        return buyer && { ...buyer, self: true }
      },
    }),
    memberships: t.field({ type: [MembershipRef], resolve: (v) => v.memberships }),
    isStaff: t.boolean({ description: 'A moderator or administrator of the platform.', resolve: (v) => isStaff(v) }),
    isAdmin: t.boolean({ description: 'An administrator of the platform (manages platform partners’ keys and webhooks).', resolve: (v) => v.platformRole === 'ADMIN' }),
  }),
})
