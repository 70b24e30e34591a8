// Webhook endpoints and their deliveries over GraphQL: managed by the partner's people or by its
// keys holding the `webhooks` scope. Rules in @rapport/partners (webhooks/).
import { encodeGlobalID } from '@pothos/plugin-relay'
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { prismaExecutor } from '@rapport/jobs'
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  ENDPOINT_LIMITS,
  listDeliveries,
  listWebhookEndpoints,
  replayDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  PRIVATE_EVENTS,
  WEBHOOK_EVENTS,
  type DeliveryDTO,
  type EndpointDTO,
} from '@rapport/partners'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { forwardConnection } from '../../schema/pagination.ts'
import { partnerName, partnersDeps } from './deps.ts'
import { webhookDelivery } from './webhook-jobs.ts'

const common = [UnauthenticatedError, ForbiddenError, NotFoundError, ValidationError]
const webhookDeps = (ctx: Context) => ({ ...partnersDeps(ctx), allowPrivate: ctx.webhooks.allowPrivate })

const DeliveryStatus = builder.enumType('WebhookDeliveryStatus', {
  values: {
    PENDING: { description: 'Not attempted yet.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'The last attempt failed; another is due at nextAttemptAt.' },
    DEAD: { description: 'Given up after 24 hours of retries.' },
  } as const,
})

const AttemptRef = builder.objectRef<DeliveryDTO['log'][number]>('WebhookAttempt').implement({
  description: 'One attempt of a delivery: what the endpoint answered.',
  fields: (t) => ({
    attempt: t.exposeInt('attempt'),
    at: t.expose('at', { type: 'DateTime' }),
    statusCode: t.exposeInt('statusCode', { nullable: true }),
    latencyMs: t.exposeInt('latencyMs'),
    responseExcerpt: t.exposeString('responseExcerpt', { description: "The first 1,000 characters of the endpoint's answer." }),
    error: t.exposeString('error', { nullable: true, description: 'Set when no answer came (timeout, refused connection).' }),
  }),
})

const DeliveryRef = builder.objectRef<DeliveryDTO>('WebhookDelivery').implement({
  description: 'One event sent to one endpoint (a replay is a new delivery with its own id).',
  fields: (t) => ({
    id: t.id({ resolve: (d) => encodeGlobalID('WebhookDelivery', d.id) }),
    eventId: t.exposeString('eventId'),
    eventType: t.exposeString('eventType'),
    status: t.field({ type: DeliveryStatus, resolve: (d) => d.status }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true }),
    lastStatusCode: t.exposeInt('lastStatusCode', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    replayOf: t.id({ nullable: true, description: 'The delivery this one replays.', resolve: (d) => (d.replayOfId ? encodeGlobalID('WebhookDelivery', d.replayOfId) : null) }),
    log: t.field({ type: [AttemptRef], resolve: (d) => d.log }),
  }),
})

export const EndpointRef = builder.objectRef<EndpointDTO>('WebhookEndpoint').implement({
  description: 'Where events are sent, signed with `Rapport-Signature: t=<unix>,v1=<HMAC-SHA256(secret, t + "." + body)>`.',
  fields: (t) => ({
    id: t.id({ resolve: (e) => encodeGlobalID('WebhookEndpoint', e.id) }),
    url: t.exposeString('url'),
    partnerName: t.string({ description: 'The partner company the endpoint belongs to (for a supplier: the supplier).', resolve: (e, _a, ctx) => partnerName(ctx).load(e.partnerId).then((n) => n ?? '') }),
    description: t.exposeString('description', { nullable: true }),
    events: t.exposeStringList('events'),
    enabled: t.exposeBoolean('enabled'),
    failureCount: t.exposeInt('failureCount', { description: 'Failed deliveries in a row; the endpoint is disabled past a limit (and its owner told).' }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    disabledReason: t.exposeString('disabledReason', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    rotating: t.exposeBoolean('rotating', { description: 'Deliveries are signed with the previous secret too, until the overlap ends.' }),
    deliveries: t.connection({
      type: DeliveryRef,
      description: 'Newest first, each with its attempts.',
      resolve: (e, args, ctx) =>
        forwardConnection(
          'WebhookDelivery',
          args,
          async (q) => {
            const page = await listDeliveries(partnersDeps(ctx), ctx.viewer, e.id, { limit: q.first, before: q.after })
            return { items: page.deliveries, hasNextPage: page.hasMore }
          },
          (d) => d.id,
        ),
    }),
  }),
})

const IssuedEndpointRef = builder.objectRef<{ endpoint: EndpointDTO; secret: string }>('IssuedWebhookEndpoint').implement({
  fields: (t) => ({
    endpoint: t.field({ type: EndpointRef, resolve: (p) => p.endpoint }),
    secret: t.exposeString('secret', { description: 'The signing secret. Shown this once: store it now.' }),
  }),
})
const DeletedEndpointRef = builder.objectRef<{ id: string }>('DeleteWebhookEndpointPayload').implement({
  fields: (t) => ({ id: t.id({ resolve: (p) => encodeGlobalID('WebhookEndpoint', p.id) }) }),
})

const CreateInput = builder.inputType('CreateWebhookEndpointInput', {
  fields: (t) => ({
    supplierId: t.id({ description: "The supplier's endpoint (its owners). Omitted with an API key: the key's partner." }),
    partnerName: t.string({ description: 'Admins: a platform partner.' }),
    url: t.string({ required: true, description: `https only; never a private, loopback or link-local address (at most ${ENDPOINT_LIMITS.urlLength} characters).` }),
    events: t.stringList({ required: true, description: `Any of: ${WEBHOOK_EVENTS.join(', ')}.` }),
    description: t.string(),
  }),
})
const UpdateInput = builder.inputType('UpdateWebhookEndpointInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    url: t.string(),
    events: t.stringList(),
    description: t.string(),
    enabled: t.boolean({ description: 'True enables a disabled endpoint again (its failure count starts over).' }),
  }),
})
const RotateInput = builder.inputType('RotateWebhookSecretInput', {
  fields: (t) => ({ id: t.id({ required: true }), overlapHours: t.int({ defaultValue: 24, description: `Both secrets sign deliveries for this long (0–${ENDPOINT_LIMITS.maxSecretOverlapHours}).` }) }),
})
const DeleteInput = builder.inputType('DeleteWebhookEndpointInput', { fields: (t) => ({ id: t.id({ required: true }) }) })
const ReplayInput = builder.inputType('ReplayWebhookDeliveryInput', { fields: (t) => ({ deliveryId: t.id({ required: true }) }) })

const endpointId = (id: unknown) => decodeGlobalId(String(id), 'WebhookEndpoint', 'id')
const supplierIdOf = (id: unknown) => (id == null ? null : decodeGlobalId(String(id), 'Supplier', 'supplierId'))

builder.queryFields((t) => ({
  webhookEndpoints: t.field({
    type: [EndpointRef],
    description: "A supplier's endpoints (its owners, or its keys with the webhooks scope); admins: platform partners'.",
    authScopes: { signedIn: true },
    args: { supplierId: t.arg.id(), partnerName: t.arg.string() },
    resolve: (_root, args, ctx) => listWebhookEndpoints(partnersDeps(ctx), ctx.viewer, { supplierId: supplierIdOf(args.supplierId), partnerName: args.partnerName }),
  }),
  webhookEvents: t.field({
    type: ['String'],
    description: 'The events an endpoint may ask for; with `platform: true`, those a platform partner’s endpoint may (no supplier’s private conversations).',
    authScopes: { public: true },
    args: { platform: t.arg.boolean() },
    resolve: (_root, { platform }) => (platform ? WEBHOOK_EVENTS.filter((e) => !PRIVATE_EVENTS.includes(e)) : [...WEBHOOK_EVENTS]),
  }),
}))

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.field({
    type: IssuedEndpointRef,
    description: 'Add an endpoint. The answer holds its signing secret, this once.',
    authScopes: { signedIn: true },
    errors: { types: [...common, ConflictError], directResult: true },
    args: { input: t.arg({ type: CreateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const made = await createWebhookEndpoint(webhookDeps(ctx), ctx.viewer, { ...input, supplierId: supplierIdOf(input.supplierId) })
      ctx.webhooks.listeners.refresh()
      return made
    },
  }),
  updateWebhookEndpoint: t.field({
    type: EndpointRef,
    authScopes: { signedIn: true },
    errors: { types: common, directResult: true },
    args: { input: t.arg({ type: UpdateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const updated = await updateWebhookEndpoint(webhookDeps(ctx), ctx.viewer, endpointId(input.id), input)
      ctx.webhooks.listeners.refresh()
      return updated
    },
  }),
  rotateWebhookSecret: t.field({
    type: IssuedEndpointRef,
    description: 'A new signing secret; both sign deliveries during the overlap.',
    authScopes: { signedIn: true },
    errors: { types: common, directResult: true },
    args: { input: t.arg({ type: RotateInput, required: true }) },
    resolve: (_root, { input }, ctx) => rotateWebhookSecret(partnersDeps(ctx), ctx.viewer, endpointId(input.id), input.overlapHours ?? 24),
  }),
  deleteWebhookEndpoint: t.field({
    type: DeletedEndpointRef,
    authScopes: { signedIn: true },
    errors: { types: common, directResult: true },
    args: { input: t.arg({ type: DeleteInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const deleted = await deleteWebhookEndpoint(partnersDeps(ctx), ctx.viewer, endpointId(input.id))
      ctx.webhooks.listeners.refresh()
      return deleted
    },
  }),
  replayWebhookDelivery: t.field({
    type: DeliveryRef,
    description: "Send a delivery's event again, as a new delivery with its own id.",
    authScopes: { signedIn: true },
    errors: { types: common, directResult: true },
    args: { input: t.arg({ type: ReplayInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      replayDelivery(
        { ...partnersDeps(ctx), enqueue: (tx, deliveryId) => ctx.jobs.send(webhookDelivery, { deliveryId }, { tx: prismaExecutor(tx) }) },
        ctx.viewer,
        decodeGlobalId(String(input.deliveryId), 'WebhookDelivery', 'deliveryId'),
      ),
  }),
}))
