// Idempotency-Key over the wire with an API key (model: Stripe): five concurrent respondToReview
// with one key run once — one response, one version — and all five get the same answer; the same
// key with another body is refused and writes nothing; a new key runs again.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { createApiKey } from '@rapport/partners'
import { systemClock } from '@rapport/core'
import { resolveSession, createSession } from '@rapport/identity'
import { beforeAll, describe, expect, it } from 'vitest'
import { useReviewWorld } from './review-testing.ts'

const RESPOND = `mutation($input: RespondToReviewInput!) { respondToReview(input: $input) { __typename ... on ReviewResponse { version body } ... on Error { code message } } }`

describe('Idempotency-Key on mutations', () => {
  const world = useReviewWorld({ people: { olga: { email: 'olga@kiln.example', name: 'Olga' }, maya: { email: 'maya@example.com', name: 'Maya', buyer: true } } })
  let secret: string
  let reviewId: string
  let reviewGid: string
  beforeAll(async () => {
    const { db, supplier, people } = world
    await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: people.olga.userId, role: 'OWNER' } })
    const order = await db.prisma.order.create({ data: { number: 'R-IDEM', buyerId: people.maya.buyerId, supplierId: supplier.id, totalCents: 100, status: 'DELIVERED', deliveredAt: new Date() } })
    reviewId = (await db.prisma.review.create({ data: { orderId: order.id, buyerId: people.maya.buyerId, supplierId: supplier.id, rating: 3, body: 'Chipped.', versions: { create: { version: 1, rating: 3, body: 'Chipped.' } } } })).id
    reviewGid = encodeGlobalID('Review', reviewId)
    const deps = { db: db.prisma, clock: systemClock }
    const owner = await resolveSession(deps, (await createSession(deps, people.olga.userId)).token)
    secret = (await createApiKey(deps, owner, { supplierId: supplier.id, name: 'Helpdesk', scopes: ['read:reviews', 'write:reviews'] })).secret
  })

  const respond = async (key: string, body: string) => {
    const res = await fetch(world.gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}`, 'idempotency-key': key },
      body: JSON.stringify({ query: RESPOND, variables: { input: { reviewId: reviewGid, body } } }),
    })
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), text: await res.text() }
  }
  const versions = () => world.db.prisma.reviewResponseVersion.count({ where: { response: { reviewId } } })

  it('five concurrent requests with one key: executed once, five identical answers', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => respond('respond-1', 'Sorry: a new jar is on its way.')))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    expect(new Set(answers.map((a) => a.text)).size).toBe(1)
    expect(JSON.parse(answers[0]!.text).data.respondToReview).toEqual({ __typename: 'ReviewResponse', version: 1, body: 'Sorry: a new jar is on its way.' })
    expect(answers.filter((a) => a.replayed === 'true')).toHaveLength(4)
    expect(await world.db.prisma.reviewResponse.count({ where: { reviewId } })).toBe(1)
    expect(await versions()).toBe(1)
    // A retry later replays too.
    expect((await respond('respond-1', 'Sorry: a new jar is on its way.')).replayed).toBe('true')
    expect(await versions()).toBe(1)
  })

  it('the same key with a different request is refused and changes nothing; a new key runs', async () => {
    const reused = await respond('respond-1', 'Something else entirely.')
    expect(reused.status).toBe(422)
    expect(JSON.parse(reused.text).errors[0]).toMatchObject({ extensions: { code: 'IDEMPOTENCY_KEY_REUSED' } })
    expect(await versions()).toBe(1)
    const fresh = await respond('respond-2', 'Something else entirely.')
    expect(JSON.parse(fresh.text).data.respondToReview).toMatchObject({ version: 2 })
    expect(fresh.replayed).toBeNull()
    expect(await versions()).toBe(2)
  })

  it('a malformed key is a clear error; queries ignore the header', async () => {
    expect((await respond('x'.repeat(300), 'Too long a key.')).status).toBe(400)
    const q = await fetch(world.gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}`, 'idempotency-key': 'respond-1' },
      body: JSON.stringify({ query: '{ limits { pageSizeMax } }' }),
    })
    expect(q.status).toBe(200)
    expect(q.headers.get('idempotent-replayed')).toBeNull()
  })
})
