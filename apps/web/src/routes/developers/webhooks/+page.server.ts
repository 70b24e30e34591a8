import { fail } from '@sveltejs/kit'
import {
  CREATE_WEBHOOK_ENDPOINT,
  DELETE_WEBHOOK_ENDPOINT,
  REPLAY_WEBHOOK_DELIVERY,
  ROTATE_WEBHOOK_SECRET,
  UPDATE_WEBHOOK_ENDPOINT,
  WEBHOOKS_PAGE,
} from '$lib/graphql/developers'
import { WEBHOOK_RULES, type IssuedWebhookSecret, type PortalTarget, type WebhookEndpointRow } from '$lib/developers'
import {
  actingFor,
  formProblems,
  formText as text,
  mutate,
  redirectWithNote,
  requireTarget,
  targetArgs,
} from '$lib/server/developers'
import { teamPageQuery } from '$lib/server/team'
import type { Actions, PageServerLoad } from './$types'

type Issued = { __typename: 'IssuedWebhookEndpoint'; secret: string; endpoint: { id: string; url: string } }

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  depends('app:developers')
  const { owned, isAdmin, target } = requireTarget(locals.viewer, url)
  if (!target)
    return { owned, isAdmin, target, endpoints: [] as WebhookEndpointRow[], events: [] as string[], deleted: null }
  const data = await teamPageQuery<{ webhookEndpoints: WebhookEndpointRow[]; webhookEvents: string[] }>(
    WEBHOOKS_PAGE,
    // Platform partners' endpoints are offered only the events they may receive (the gateway's list).
    { ...targetArgs(target), platform: target.kind === 'platform' },
    target.kind === 'platform' ? 'the platform partners’ webhooks' : 'your webhooks',
  )
  return {
    owned,
    isAdmin,
    target,
    endpoints: data.webhookEndpoints,
    events: data.webhookEvents,
    deleted: url.searchParams.get('deleted'),
  }
}

/** The create form as sent; a platform partner's endpoint also names its company (the gateway requires it). */
function readCreateForm(form: FormData, target: PortalTarget) {
  const values = {
    partnerName: text(form, 'partnerName'),
    url: text(form, 'url'),
    events: form.getAll('events').map(String),
    description: text(form, 'description'),
  }
  const errors: Record<string, string> = {}
  if (target.kind === 'platform' && !values.partnerName)
    errors.partnerName = 'Name the partner company this endpoint is for, like “Acme Analytics”.'
  // Only what a person can fix at a glance is checked here; the gateway judges the address itself.
  if (!values.url) errors.url = 'Give the address Rapport should send events to, starting with https://.'
  else if (!/^https:\/\//i.test(values.url))
    errors.url = 'Webhook endpoints must use https: start the URL with https://.'
  else if (values.url.length > WEBHOOK_RULES.urlLength)
    errors.url = `Keep the URL under ${WEBHOOK_RULES.urlLength.toLocaleString('en')} characters.`
  if (values.events.length === 0) errors.events = 'Choose at least one event to send to this endpoint.'
  if (values.description.length > WEBHOOK_RULES.descriptionLength)
    errors.description = `Keep the description under ${WEBHOOK_RULES.descriptionLength} characters.`
  return { values, errors }
}

export const actions: Actions = {
  create: async ({ request, url, locals }) => {
    const target = actingFor(locals, url)
    const { values, errors } = readCreateForm(await request.formData(), target)
    const problems = formProblems(
      'create',
      errors,
      'Please correct the highlighted fields. No endpoint was added.',
      values,
    )
    if (problems) return problems
    const made = await mutate<Issued>(
      'create',
      CREATE_WEBHOOK_ENDPOINT,
      {
        ...targetArgs(target),
        partnerName: target.kind === 'platform' ? values.partnerName : null,
        url: values.url,
        events: values.events,
        description: values.description || null,
      },
      'IssuedWebhookEndpoint',
      { values },
    )
    if (made.failure) return made.failure
    // The signing secret is in this answer only: it is shown once and kept nowhere here.
    const issued: IssuedWebhookSecret = { secret: made.value.secret, url: made.value.endpoint.url }
    return { action: 'create', endpointId: made.value.endpoint.id, issued }
  },

  /** Disable (no more deliveries) or enable again (the failure count starts over). */
  toggle: async ({ request, url, locals }) => {
    actingFor(locals, url)
    const form = await request.formData()
    const endpointId = text(form, 'endpointId')
    const input = { id: endpointId, enabled: text(form, 'enabled') === 'true' }
    const updated = await mutate<{ enabled: boolean }>('toggle', UPDATE_WEBHOOK_ENDPOINT, input, 'WebhookEndpoint', {
      endpointId,
    })
    if (updated.failure) return updated.failure
    return { action: 'toggle', endpointId, enabled: updated.value.enabled }
  },

  rotate: async ({ request, url, locals }) => {
    actingFor(locals, url)
    const form = await request.formData()
    const endpointId = text(form, 'endpointId')
    const { min, max } = WEBHOOK_RULES.overlap
    const overlap = Number(text(form, 'overlapHours') || WEBHOOK_RULES.overlap.default)
    if (!Number.isInteger(overlap) || overlap < min || overlap > max) {
      const message = `The overlap is a whole number of hours from ${min} to ${max}.`
      return fail(400, { action: 'rotate', endpointId, message, errors: { overlapHours: message } })
    }
    const input = { id: endpointId, overlapHours: overlap }
    const rotated = await mutate<Issued>('rotate', ROTATE_WEBHOOK_SECRET, input, 'IssuedWebhookEndpoint', {
      endpointId,
    })
    if (rotated.failure) return rotated.failure
    const issued: IssuedWebhookSecret = {
      secret: rotated.value.secret,
      url: rotated.value.endpoint.url,
      previousExpiresAt: overlap > 0 ? new Date(Date.now() + overlap * 3_600_000).toISOString() : null,
    }
    return { action: 'rotate', endpointId, issued }
  },

  delete: async ({ request, url, locals }) => {
    actingFor(locals, url)
    const form = await request.formData()
    const endpointId = text(form, 'endpointId')
    const input = { id: endpointId }
    const deleted = await mutate('delete', DELETE_WEBHOOK_ENDPOINT, input, 'DeleteWebhookEndpointPayload', {
      endpointId,
    })
    if (deleted.failure) return deleted.failure
    // A plain page after, so a reload doesn't post again.
    redirectWithNote(url, 'deleted', text(form, 'url'))
  },

  /** Send a delivery's event again, as a new delivery (it appears at the top of the list). */
  replay: async ({ request, url, locals }) => {
    actingFor(locals, url)
    const form = await request.formData()
    const endpointId = text(form, 'endpointId')
    const deliveryId = text(form, 'deliveryId')
    const replayed = await mutate<{ eventType: string }>(
      'replay',
      REPLAY_WEBHOOK_DELIVERY,
      { deliveryId },
      'WebhookDelivery',
      { endpointId, deliveryId },
    )
    if (replayed.failure) return replayed.failure
    return { action: 'replay', endpointId, deliveryId, replayed: replayed.value.eventType }
  },
}
