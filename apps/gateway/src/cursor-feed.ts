// A live feed read from the database after a cursor: the shape every poke-driven feed shares
// (reviewEvents, notificationEvents). It replays after the client's cursor, confirms, and
// then, whenever pub/sub pokes it (or comes back after a blip: resync), reads on from the last
// cursor it delivered. Nothing rides on the pub/sub message itself: a lost poke costs latency
// until the next one or the resync, never an event. A failed read ends the stream with an
// error the client resubscribes after (from its cursor), never a plain complete.
import { GraphQLError } from 'graphql'
import { AsyncQueue } from './async-queue.ts'
import type { Context } from './context.ts'
import type { Logger } from './logger.ts'
import type { Topics } from './topics.ts'

export type FeedSource<T> = {
  /** Items after `cursor`, oldest first, at most `pageSize` of them. */
  readAfter(cursor: bigint): Promise<T[]>
  cursorOf(item: T): bigint
  /** The confirmation sent once the replay is done (it carries the cursor the live part starts from). */
  subscribed(cursor: bigint): T | Promise<T>
  /** A poke that found nothing new (e.g. read marks changed): what to send, if anything. */
  nothingNew?(cursor: bigint): Promise<T | null>
  pageSize: number
  logger: Logger
  name: string
}

export class CursorFeed<T> extends AsyncQueue<T> {
  private last = 0n
  private reading: Promise<void> | null = null
  private again = false

  constructor(private readonly source: FeedSource<T>) {
    super()
  }

  /** Replays after `after` (or starts at `now`), then confirms; pokes meanwhile wait. */
  async start(after: bigint | null, now: bigint) {
    const replay = async () => {
      this.last = after ?? now
      if (after !== null) await this.readOn()
      this.push(await this.source.subscribed(this.last))
    }
    await (this.reading = replay())
    this.settle()
  }

  /** Something changed, or pub/sub came back: read on from the last item delivered. */
  poke() {
    if (this.done) return
    if (this.reading) {
      this.again = true
      return
    }
    this.reading = this.readOn(true).then(
      () => this.settle(),
      (err: unknown) => {
        this.source.logger.warn({ err }, `${this.source.name} stream failed`)
        this.fail(err)
      },
    )
  }

  resync() {
    this.poke()
  }

  /** One read at a time: a poke that came during one starts the next. */
  private settle() {
    this.reading = null
    if (this.again) {
      this.again = false
      this.poke()
    }
  }

  private async readOn(poked = false) {
    let delivered = 0
    for (;;) {
      const page = await this.source.readAfter(this.last)
      for (const item of page) {
        if (this.done) return
        this.push(item)
        this.last = this.source.cursorOf(item)
        delivered++
      }
      if (page.length < this.source.pageSize) break
    }
    if (poked && delivered === 0 && this.source.nothingNew && !this.done) {
      const item = await this.source.nothingNew(this.last)
      if (item && !this.done) this.push(item)
    }
  }
}

/** A client's `after` argument: one of the cursors the feed sent (0 to `newest`), or null. */
export function parseFeedCursor(after: string | null | undefined, newest: bigint): bigint | null {
  if (after == null) return null
  const cursor = /^\d{1,19}$/.test(after) ? BigInt(after) : -1n
  if (cursor < 0n || cursor > newest)
    throw new GraphQLError(`"after" must be a cursor this feed sent (0 to ${newest}); it was ${JSON.stringify(after)}.`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    })
  return cursor
}

/**
 * Opens a feed for a subscription: listens on its topic first (nothing announced from then on
 * is missed), waits until pub/sub has the subscription, reads where cursors may go (`newest`:
 * of all, the highest a client can hold; `now`: where a feed without a cursor starts), checks
 * the client's `after` and replays. A failure ends the feed and goes to the client.
 */
export async function openCursorFeed<T>(
  ctx: Pick<Context, 'pubsub'>,
  feed: CursorFeed<T>,
  topicName: keyof Topics & string,
  after: string | null | undefined,
  cursors: () => Promise<[newest: bigint, now: bigint]>,
): Promise<CursorFeed<T>> {
  const live = ctx.pubsub.attach(topicName, CursorFeed.prototype.poke, feed)
  feed.onEnd(() => live.close())
  try {
    await ctx.pubsub.settled()
    const [newest, now] = await cursors()
    await feed.start(parseFeedCursor(after, newest), now)
  } catch (e) {
    feed.end()
    throw e
  }
  return feed
}
