// Keys are UUIDv7 (time-ordered, so new rows land at the end of their indexes). The uuid
// package draws each id's 16 random bytes with a call into the kernel of its own, and a send
// makes three ids; one call here fills 4 KB, enough for 256 ids. (Given its random bytes, uuid
// leaves out its counter, so ids made in the same millisecond are not ordered among themselves;
// nothing relies on that: messages are ordered by their sequence.)
import { randomFillSync } from 'node:crypto'
import { v7 } from 'uuid'

const pool = new Uint8Array(4096)
let offset = pool.length

function randomBytes16(): Uint8Array {
  if (offset + 16 > pool.length) {
    randomFillSync(pool)
    offset = 0
  }
  const bytes = pool.subarray(offset, offset + 16)
  offset += 16
  return bytes
}

/** A new UUIDv7. */
export function newId(): string {
  return v7({ random: randomBytes16() })
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether a raw id a client sent can be a key at all: PostgreSQL refuses anything else in a uuid column (an error, not "no such row"). */
export function isUuid(id: string): boolean {
  return UUID.test(id)
}
