// Sign-up, sign-in, sign-out and team management: thin resolvers over @rapport/identity.
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from '@rapport/core'
import {
  acceptInvitation,
  InvalidCredentialsError,
  inviteMember,
  removeMember,
  resolveSession,
  revokeInvitation,
  revokeSession,
  signIn,
  signUp,
} from '@rapport/identity'
import { builder } from '../../builder.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { InvitationRef, MemberRoleEnum, MembershipRef, teamMember, TeamMemberRef, ViewerRef } from './types.ts'
import { topic } from '../../topics.ts'
import { messagingDeps } from '../messaging/deps.ts'
import { announceConversationChange } from '@rapport/messaging'
import { identityDeps } from './deps.ts'
import type { Viewer } from '@rapport/core'

const AccountTypeEnum = builder.enumType('AccountType', {
  values: { BUYER: { description: 'To buy and talk to suppliers.' }, SUPPLIER: { description: 'To sell: creates your organisation.' } } as const,
})

type AuthPayloadShape = { token: string; expiresAt: Date; viewer: Viewer }
const AuthPayload = builder.objectRef<AuthPayloadShape>('AuthPayload').implement({
  description: 'A new session. Send the token as `Authorization: Bearer <token>`; the web app keeps it in an HttpOnly cookie.',
  fields: (t) => ({
    token: t.exposeString('token'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    viewer: t.field({ type: ViewerRef, resolve: (p) => p.viewer }),
  }),
})

async function payloadFor(ctx: Parameters<typeof resolveSession>[0], token: string, expiresAt: Date): Promise<AuthPayloadShape> {
  const viewer = await resolveSession(ctx, token)
  if (!viewer) throw new Error('a session that was just created did not resolve')
  return { token, expiresAt, viewer }
}

const SignUpInput = builder.inputType('SignUpInput', {
  fields: (t) => ({
    accountType: t.field({ type: AccountTypeEnum, required: true }),
    email: t.string({ required: true }),
    password: t.string({ required: true, description: 'At least 10 characters.' }),
    displayName: t.string({ required: true, description: 'Your name, as others will see it.' }),
    supplierName: t.string({ description: 'Suppliers: the name of your business.' }),
    timeZone: t.string({ description: 'IANA time zone (e.g. Europe/Lisbon); required for suppliers.' }),
  }),
})

const SignInInput = builder.inputType('SignInInput', {
  fields: (t) => ({ email: t.string({ required: true }), password: t.string({ required: true }) }),
})

const InviteTeamMemberInput = builder.inputType('InviteTeamMemberInput', {
  fields: (t) => ({
    supplierId: t.id({ required: true }),
    email: t.string({ required: true }),
    role: t.field({ type: MemberRoleEnum, defaultValue: 'AGENT' }),
  }),
})

const AcceptInvitationInput = builder.inputType('AcceptInvitationInput', {
  fields: (t) => ({ token: t.string({ required: true, description: 'The token from the invitation link.' }) }),
})

const RemoveTeamMemberInput = builder.inputType('RemoveTeamMemberInput', {
  fields: (t) => ({ memberId: t.id({ required: true }) }),
})

const RevokeInvitationInput = builder.inputType('RevokeInvitationInput', {
  fields: (t) => ({ invitationId: t.id({ required: true, description: 'An Invitation id (Supplier.invitations).' }) }),
})

type InvitePayloadShape = { invitation: Awaited<ReturnType<typeof inviteMember>>['invitation']; token: string }
const InviteTeamMemberPayload = builder.objectRef<InvitePayloadShape>('InviteTeamMemberPayload').implement({
  fields: (t) => ({
    invitation: t.field({ type: InvitationRef, resolve: (p) => p.invitation }),
    invitationToken: t.exposeString('token', {
      description: 'Shown once: send it to the invitee (the web app builds the link). Only its hash is stored.',
    }),
  }),
})

builder.mutationFields((t) => ({
  signUp: t.field({
    type: AuthPayload,
    description: 'Creates an account (a supplier sign-up also creates the organisation) and signs it in.',
    authScopes: { public: true },
    errors: { types: [ValidationError, ConflictError], directResult: true },
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const out = await signUp(
        ctx,
        input.accountType === 'BUYER'
          ? { accountType: 'BUYER', email: input.email, password: input.password, displayName: input.displayName, timeZone: input.timeZone ?? undefined }
          : {
              accountType: 'SUPPLIER',
              email: input.email,
              password: input.password,
              displayName: input.displayName,
              supplierName: input.supplierName ?? '',
              timeZone: input.timeZone ?? '',
            },
        { ip: ctx.ip, userAgent: ctx.userAgent },
      )
      return payloadFor(ctx, out.session.token, out.session.expiresAt)
    },
  }),
  signIn: t.field({
    type: AuthPayload,
    description: 'Opens a session. Repeated failures are limited per account and per IP address.',
    authScopes: { public: true },
    errors: { types: [ValidationError, InvalidCredentialsError, RateLimitedError], directResult: true },
    args: { input: t.arg({ type: SignInInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const out = await signIn(identityDeps(ctx), input, { ip: ctx.ip, userAgent: ctx.userAgent })
      return payloadFor(ctx, out.session.token, out.session.expiresAt)
    },
  }),
  signOut: t.boolean({
    description: 'Ends the current session, on every device and connection that uses it.',
    authScopes: { signedIn: true },
    resolve: async (_root, _args, ctx) => {
      const ended = await revokeSession(ctx, ctx.viewer!.sessionId)
      ctx.pubsub.publish(topic.sessionRevoked(ctx.viewer!.sessionId), { at: ctx.clock.now().toISOString() })
      ctx.pubsub.publish(topic.sessionsChanged, { sessionIds: [ctx.viewer!.sessionId] })
      return ended
    },
  }),
  inviteTeamMember: t.field({
    type: InviteTeamMemberPayload,
    description: 'Owners invite a person by email to join their supplier team.',
    authScopes: { signedIn: true },
    errors: { types: [ValidationError, ForbiddenError, ConflictError], directResult: true },
    args: { input: t.arg({ type: InviteTeamMemberInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const supplierId = decodeGlobalId(input.supplierId, 'Supplier', 'supplierId')
      return inviteMember(ctx, ctx.viewer, { supplierId, email: input.email, role: input.role ?? 'AGENT' })
    },
  }),
  revokeInvitation: t.field({
    type: InvitationRef,
    description: 'Owners withdraw a pending invitation; its link stops working at once.',
    authScopes: { signedIn: true },
    errors: { types: [NotFoundError, ForbiddenError, ConflictError, ValidationError], directResult: true },
    args: { input: t.arg({ type: RevokeInvitationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      revokeInvitation(ctx, ctx.viewer, decodeGlobalId(input.invitationId, 'Invitation', 'invitationId')),
  }),
  acceptInvitation: t.field({
    type: MembershipRef,
    description: 'Joins the team an invitation is for. Sign in with the invited email first.',
    authScopes: { signedIn: true },
    errors: { types: [NotFoundError, ConflictError, ForbiddenError, UnauthenticatedError], directResult: true },
    args: { input: t.arg({ type: AcceptInvitationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const m = await acceptInvitation(ctx, ctx.viewer, input.token)
      ctx.pubsub.publish(topic.sessionsChanged, { userIds: [m.userId] })
      return { supplierId: m.supplierId, memberId: m.id, role: m.role }
    },
  }),
  removeTeamMember: t.field({
    type: TeamMemberRef,
    description: 'Owners remove a member; their access ends at once. The last owner cannot be removed.',
    authScopes: { signedIn: true },
    errors: { types: [ValidationError, NotFoundError, ForbiddenError, ConflictError], directResult: true },
    args: { input: t.arg({ type: RemoveTeamMemberInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const memberId = decodeGlobalId(input.memberId, 'TeamMember', 'memberId')
      const m = await removeMember(ctx, ctx.viewer, memberId)
      ctx.pubsub.publish(topic.sessionsChanged, { userIds: [m.userId] })
      // The team's inboxes and open conversations show the unassignment live.
      const deps = messagingDeps(ctx)
      for (const c of m.unassigned) announceConversationChange(deps, c, ['assignee'], ctx.viewer!.userId)
      return (await teamMember(ctx, m.id))!
    },
  }),
}))

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    nullable: true,
    extensions: viewerSpecific,
    description: 'The signed-in person; null when signed out.',
    authScopes: { public: true },
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
}))
