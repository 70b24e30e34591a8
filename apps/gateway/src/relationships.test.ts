// Follows, supplier updates and notifications over the wire, with a stock graphql-ws client:
// a follow notifies the team live; an update reaches every unmuted follower through the job
// queue (enqueued with the update, run by this gateway's worker) and their notificationEvents;
// a muted follower is not notified; a subscriber back with its cursor gets exactly what it
// missed; read marks change the live count; a cursor past the end is refused.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { notify } from '@rapport/notifications'
import { describe, expect, it, vi } from 'vitest'
import { useReviewWorld, type Result } from './review-testing.ts'
import { collect } from './testing.ts'
import { updateFanOut } from './modules/relationships/deps.ts'

const FOLLOW = `mutation($input: FollowInput!) { follow(input: $input) { __typename ... on Follow { muted supplier { followerCount } } ... on Error { message code } } }`
const MUTE = `mutation($input: MuteSupplierInput!) { muteSupplier(input: $input) { __typename ... on Follow { muted } ... on Error { message } } }`
const POST = `mutation($input: PostSupplierUpdateInput!) { postSupplierUpdate(input: $input) {
  __typename ... on SupplierUpdate { id title authorName } ... on RateLimitedError { message retryAfterSeconds } ... on Error { message code } } }`
const EVENTS = `subscription($after: String) { notificationEvents(after: $after) { kind cursor unreadCount notification { id kind text link } } }`
const READ = `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { __typename ... on MarkNotificationsReadPayload { marked unreadCount } } }`
type Ev = { notificationEvents: { kind: string; cursor: string; unreadCount: number; notification: { id: string; kind: string; text: string; link: string } | null } }

describe('relationships and notifications over the wire', () => {
  const world = useReviewWorld({
    people: {
      maya: { email: 'maya@example.com', name: 'Maya', buyer: true },
      joe: { email: 'joe@example.com', name: 'Joe', buyer: true },
      ana: { email: 'ana@kiln.example', name: 'Ana', agent: true },
    },
  })
  const post = <T>(query: string, variables: Record<string, unknown>, who: 'maya' | 'joe' | 'ana') => world.gw.post<Result<T>>(query, variables, world.as(who))
  const live = async (who: 'maya' | 'joe' | 'ana', after?: string) => {
    const feed = collect<Ev>(world.client(who), EVENTS, after ? { after } : {})
    await feed.waitFor((es) => es.some((e) => e.notificationEvents.kind === 'SUBSCRIBED'))
    return feed
  }
  const kinds = (feed: { events: Ev[] }) => feed.events.map((e) => e.notificationEvents.kind)

  it('follows: the team hears of it live; a second follow changes nothing', async () => {
    const ana = await live('ana')
    const first = await post<{ follow: { __typename: string; muted: boolean; supplier: { followerCount: number } } }>(FOLLOW, { input: { supplierId: world.supplier.gid } }, 'maya')
    expect(first.body.data?.follow).toEqual({ __typename: 'Follow', muted: false, supplier: { followerCount: 1 } })
    await ana.waitFor((es) => es.some((e) => e.notificationEvents.notification?.kind === 'NEW_FOLLOWER'))
    const event = ana.events.find((e) => e.notificationEvents.kind === 'NOTIFICATION')!.notificationEvents
    expect(event.notification).toMatchObject({ text: 'Maya now follows Kiln.', link: '/suppliers/kiln' })
    expect(event.unreadCount).toBe(1)
    await post(FOLLOW, { input: { supplierId: world.supplier.gid } }, 'maya')
    await post(FOLLOW, { input: { supplierId: world.supplier.gid } }, 'joe')
    await ana.waitFor((es) => es.filter((e) => e.notificationEvents.kind === 'NOTIFICATION').length === 2)
    expect(ana.events.filter((e) => e.notificationEvents.kind === 'NOTIFICATION').map((e) => e.notificationEvents.notification!.text)).toEqual([
      'Maya now follows Kiln.',
      'Joe now follows Kiln.',
    ])
    ana.dispose()
  })

  it('an update reaches unmuted followers live through the job queue; the muted one only sees it in the feed', async () => {
    expect((await post<{ muteSupplier: { muted: boolean } }>(MUTE, { input: { supplierId: world.supplier.gid, muted: true } }, 'joe')).body.data?.muteSupplier).toMatchObject({ muted: true })
    const maya = await live('maya')
    const joe = await live('joe')
    const res = await post<{ postSupplierUpdate: { __typename: string; id: string; authorName: string } }>(
      POST,
      { input: { supplierId: world.supplier.gid, title: 'Kiln firing on Friday', body: 'New jars out of the kiln next week.' } },
      'ana',
    )
    expect(res.body.data?.postSupplierUpdate).toMatchObject({ __typename: 'SupplierUpdate', authorName: 'Ana' })
    await maya.waitFor((es) => es.some((e) => e.notificationEvents.notification?.kind === 'SUPPLIER_UPDATE'))
    expect(maya.events.at(-1)!.notificationEvents.notification).toMatchObject({ text: 'Kiln: Kiln firing on Friday' })
    expect(await world.gw.jobs.pending(updateFanOut)).toBe(0)
    // The fan-out is done (the queue is empty) and Joe was not notified…
    expect(kinds(joe)).toEqual(['SUBSCRIBED'])
    expect(await world.db.prisma.notification.count({ where: { userId: world.people.joe.userId } })).toBe(0)
    // …but the update is in his feed, as in Maya's.
    const feed = await post<{ supplierUpdates: { edges: { node: { title: string } }[] } }>('{ supplierUpdates(first: 5) { edges { node { title } } } }', {}, 'joe')
    expect(feed.body.data?.supplierUpdates.edges.map((e) => e.node.title)).toEqual(['Kiln firing on Friday'])
    maya.dispose()
    joe.dispose()
  })

  it('refuses an update from outside the team, and bad input, with typed errors that change nothing', async () => {
    const before = await world.db.prisma.supplierUpdate.count()
    const outsider = await post<{ postSupplierUpdate: { __typename: string } }>(POST, { input: { supplierId: world.supplier.gid, title: 'Hi', body: 'x' } }, 'maya')
    expect(outsider.body.data?.postSupplierUpdate.__typename).toBe('ForbiddenError')
    const empty = await post<{ postSupplierUpdate: { __typename: string; message: string } }>(POST, { input: { supplierId: world.supplier.gid, title: ' ', body: 'x' } }, 'ana')
    expect(empty.body.data?.postSupplierUpdate).toMatchObject({ __typename: 'ValidationError', message: 'Give the update a title.' })
    expect(await world.db.prisma.supplierUpdate.count()).toBe(before)
  })

  it('a subscriber back with its cursor gets exactly what it missed; a pub/sub resync finds what was never announced', async () => {
    const first = await live('maya')
    const cursor = first.events.at(-1)!.notificationEvents.cursor
    first.dispose()
    // Written while Maya was away, and announced to no one.
    const write = (text: string) =>
      world.db.prisma.$transaction((tx) => notify(tx, [{ userId: world.people.maya.userId, kind: 'SUPPLIER_UPDATE', text, link: '/x', at: new Date() }]))
    await write('missed 1')
    await write('missed 2')
    const back = await live('maya', cursor)
    const texts = () => back.events.filter((e) => e.notificationEvents.kind === 'NOTIFICATION').map((e) => e.notificationEvents.notification!.text)
    expect(texts()).toEqual(['missed 1', 'missed 2'])
    expect(kinds(back).at(-1)).toBe('SUBSCRIBED')
    await write('during a blip')
    world.gw.pubsub.resyncNow()
    await back.waitFor(() => texts().includes('during a blip'))
    expect(texts()).toEqual(['missed 1', 'missed 2', 'during a blip'])
    back.dispose()
  })

  it('marking read sends the new count live', async () => {
    const maya = await live('maya')
    expect(maya.events[0]!.notificationEvents.unreadCount).toBeGreaterThan(0)
    const res = await post<{ markNotificationsRead: { marked: number; unreadCount: number } }>(READ, { input: { all: true } }, 'maya')
    expect(res.body.data?.markNotificationsRead.unreadCount).toBe(0)
    await maya.waitFor((es) => es.some((e) => e.notificationEvents.kind === 'UNREAD_COUNT' && e.notificationEvents.unreadCount === 0))
    maya.dispose()
  })

  it('refuses a cursor it never sent', async () => {
    const feed = collect<Ev>(world.client('maya'), EVENTS, { after: '999999999' })
    await vi.waitFor(() => expect(feed.errors.length).toBeGreaterThan(0))
    expect(JSON.stringify(feed.errors)).toContain('must be a cursor this feed sent')
    expect(feed.events).toEqual([])
  })

  it('shows the pair its timeline, paged, and the team its health; to anyone else the pair is null', async () => {
    const REL = `query($b: ID!, $s: ID!, $after: String) { relationship(buyerId: $b, supplierId: $s) {
      buyer { displayName } supplier { name } orderCount
      timeline(first: 2, after: $after) { edges { cursor node { kind at order { number } conversation { subject } update { title } } } pageInfo { hasNextPage endCursor } }
      health { orderCount repeatOrderCount openConversationCount lastContactAt } } }`
    const maya = world.people.maya
    const at = (d: string) => new Date(`2026-11-${d}T09:00:00Z`)
    await world.db.prisma.order.create({ data: { number: 'R-1', buyerId: maya.buyerId, supplierId: world.supplier.id, totalCents: 900, placedAt: at('01') } })
    await world.db.prisma.order.create({ data: { number: 'R-2', buyerId: maya.buyerId, supplierId: world.supplier.id, totalCents: 900, placedAt: at('03') } })
    await world.db.prisma.conversation.create({ data: { buyerId: maya.buyerId, supplierId: world.supplier.id, subject: 'Glaze?', createdAt: at('02'), lastMessageAt: at('02'), lastSequence: 1 } })
    type Rel = {
      relationship: {
        buyer: { displayName: string }
        orderCount: number
        timeline: { edges: { node: { kind: string; order: { number: string } | null; conversation: { subject: string } | null; update: { title: string } | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } }
        health: { orderCount: number; repeatOrderCount: number; openConversationCount: number; lastContactAt: string } | null
      } | null
    }
    const vars = { b: encodeGlobalID('Buyer', maya.buyerId), s: world.supplier.gid }
    const label = (n: Rel['relationship'] & object) =>
      n.timeline.edges.map((e) => `${e.node.kind}:${e.node.order?.number ?? e.node.conversation?.subject ?? e.node.update?.title}`)
    const seen: string[] = []
    let after: string | undefined
    do {
      const res = await post<Rel>(REL, { ...vars, after }, 'maya')
      expect(res.body.errors).toBeUndefined()
      const r = res.body.data!.relationship!
      expect(r.health).toBeNull()
      seen.push(...label(r))
      after = r.timeline.pageInfo.hasNextPage ? r.timeline.pageInfo.endCursor : undefined
    } while (after)
    // Maya follows Kiln since the first test, so its update reached her; newest first.
    expect(seen).toEqual(['UPDATE:Kiln firing on Friday', 'ORDER:R-2', 'CONVERSATION:Glaze?', 'ORDER:R-1'])
    const team = (await post<Rel>(REL, vars, 'ana')).body.data!.relationship!
    expect(team.buyer.displayName).toBe('Maya')
    expect(team.health).toEqual({ orderCount: 2, repeatOrderCount: 1, openConversationCount: 1, lastContactAt: at('02').toISOString() })
    expect((await post<Rel>(REL, vars, 'joe')).body.data?.relationship).toBeNull()
    const bad = await post<Rel>(REL, { ...vars, after: 'not-a-cursor' }, 'maya')
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' })
  })

  it('tells the team of a new review live, and the buyer of its answer, in the app and (opted in) by email', async () => {
    const maya = world.people.maya
    const order = await world.db.prisma.order.create({
      data: { number: 'R-77', buyerId: maya.buyerId, supplierId: world.supplier.id, totalCents: 900, status: 'DELIVERED', deliveredAt: new Date(), items: { create: [{ productId: world.supplier.productId, quantity: 1, unitPriceCents: 900 }] } },
    })
    const PREFS = `mutation($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { __typename } }`
    await post(PREFS, { input: { preferences: [{ kind: 'REVIEW_RESPONSE', channel: 'EMAIL', enabled: true }] } }, 'maya')
    const ana = await live('ana')
    const mayaFeed = await live('maya')
    const WRITE = `mutation($input: WriteReviewInput!) { writeReview(input: $input) { __typename ... on Review { id } } }`
    const written = await post<{ writeReview: { __typename: string; id: string } }>(WRITE, { input: { orderId: encodeGlobalID('Order', order.id), rating: 4, body: 'Sturdy jar, slow post.' } }, 'maya')
    expect(written.body.data?.writeReview.__typename).toBe('Review')
    await ana.waitFor((es) => es.some((e) => e.notificationEvents.notification?.kind === 'NEW_REVIEW'))
    expect(ana.events.find((e) => e.notificationEvents.notification?.kind === 'NEW_REVIEW')!.notificationEvents.notification).toMatchObject({
      text: 'Maya rated Kiln 4/5: “Sturdy jar, slow post.”',
      link: '/suppliers/kiln/feedback',
    })
    const RESPOND = `mutation($input: RespondToReviewInput!) { respondToReview(input: $input) { __typename } }`
    expect((await post<{ respondToReview: { __typename: string } }>(RESPOND, { input: { reviewId: written.body.data!.writeReview.id, body: 'Thank you!' } }, 'ana')).body.data?.respondToReview.__typename).toBe('ReviewResponse')
    await mayaFeed.waitFor((es) => es.some((e) => e.notificationEvents.notification?.kind === 'REVIEW_RESPONSE'))
    expect(mayaFeed.events.find((e) => e.notificationEvents.notification?.kind === 'REVIEW_RESPONSE')!.notificationEvents.notification!.text).toBe('Kiln answered your review.')
    // Maya asked for these by email: one goes out (through its own job); Ana did not, for new reviews.
    await vi.waitFor(async () => expect(await world.db.prisma.emailLog.count({ where: { userId: maya.userId, kind: 'REVIEW_RESPONSE' } })).toBe(1), { timeout: 15_000 })
    expect(await world.db.prisma.emailLog.count({ where: { userId: world.people.ana.userId, kind: 'NEW_REVIEW' } })).toBe(0)
    ana.dispose()
    mayaFeed.dispose()
  })

  it('posts an update with a picture: uploaded by the poster, public with the update, never also a message’s file', async () => {
    // A 2×3 PNG and a PDF, built here so the test carries no binary files.
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000002000000030806000000b8b3c6a00000001049444154789c63f8cfc0f01f0003000301ff5ea9f2560000000049454e44ae426082', 'hex')
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')
    const base = world.gw.url.replace(/\/graphql$/, '')
    const upload = async (who: 'ana' | 'maya', bytes: Buffer, type: string) =>
      (await (await fetch(`${base}/attachments?name=pic`, { method: 'POST', headers: { ...world.as(who), 'content-type': type, 'x-rapport-csrf': '1' }, body: bytes })).json()) as { id: string }
    const POST_IMG = `mutation($input: PostSupplierUpdateInput!) { postSupplierUpdate(input: $input) {
      __typename ... on SupplierUpdate { id image { url width height contentType } } ... on ValidationError { field message } } }`
    type Posted = { postSupplierUpdate: { __typename: string; id?: string; image?: { url: string; width: number; height: number; contentType: string } | null; field?: string; message?: string } }
    const input = (imageId: string) => ({ input: { supplierId: world.supplier.gid, title: 'New glaze', body: 'Sea green.', imageId } })

    const mine = await upload('ana', png, 'image/png')
    const others = await upload('maya', png, 'image/png')
    const doc = await upload('ana', pdf, 'application/pdf')
    const before = await world.db.prisma.supplierUpdate.count()
    expect((await post<Posted>(POST_IMG, input(others.id), 'ana')).body.data?.postSupplierUpdate).toMatchObject({ __typename: 'ValidationError', field: 'imageId' })
    expect((await post<Posted>(POST_IMG, input(doc.id), 'ana')).body.data?.postSupplierUpdate).toMatchObject({ __typename: 'ValidationError', field: 'imageId' })
    expect(await world.db.prisma.supplierUpdate.count()).toBe(before)

    const posted = (await post<Posted>(POST_IMG, input(mine.id), 'ana')).body.data!.postSupplierUpdate
    expect(posted).toMatchObject({ __typename: 'SupplierUpdate', image: { url: `/attachments/${mine.id}`, width: 2, height: 3, contentType: 'image/png' } })
    // Anyone may see it, signed out too; the supplier's public list shows it.
    const anonymous = await fetch(`${base}/attachments/${mine.id}`)
    expect(anonymous.status).toBe(200)
    expect(Buffer.from(await anonymous.arrayBuffer()).equals(png)).toBe(true)
    const listed = await world.gw.post<Result<{ supplier: { updates: { edges: { node: { title: string; image: { url: string } | null } }[] } } }>>(
      '{ supplier(slug: "kiln") { updates(first: 1) { edges { node { title image { url } } } } } }',
      {},
    )
    expect(listed.body.data?.supplier.updates.edges[0]?.node).toEqual({ title: 'New glaze', image: { url: `/attachments/${mine.id}` } })
    // Not also a message's file, even in the poster's own conversation.
    const talk = await world.db.prisma.conversation.findFirstOrThrow({ where: { subject: 'Glaze?' } })
    const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename ... on ValidationError { field } } }`
    const sent = await post<{ sendMessage: { __typename: string; field?: string } }>(
      SEND,
      { input: { conversationId: encodeGlobalID('Conversation', talk.id), body: 'See the glaze', clientMessageId: 'glaze-pic', attachmentIds: [mine.id] } },
      'ana',
    )
    expect(sent.body.data?.sendMessage).toEqual({ __typename: 'ValidationError', field: 'attachmentIds' })
    // Used once: not again for another update.
    expect((await post<Posted>(POST_IMG, input(mine.id), 'ana')).body.data?.postSupplierUpdate).toMatchObject({ __typename: expect.stringMatching(/ValidationError|RateLimitedError/) })
  })
})
