import { describe, expect, it } from 'vitest'
import { AsyncQueue } from './async-queue.ts'

describe('AsyncQueue', () => {
  it('hands items to waiting readers in the order they asked, then buffers the rest', async () => {
    const q = new AsyncQueue<number>()
    const first = q.next()
    const second = q.next()
    q.push(1)
    q.push(2)
    q.push(3)
    expect(await first).toEqual({ value: 1, done: false })
    expect(await second).toEqual({ value: 2, done: false })
    expect(await q.next()).toEqual({ value: 3, done: false })
  })

  it('ends every waiting reader, runs each cleanup once, and ignores pushes after the end', async () => {
    const q = new AsyncQueue<number>()
    const ran: string[] = []
    q.onEnd(() => ran.push('a'))
    q.onEnd(() => ran.push('b'))
    const waiting = [q.next(), q.next()]
    await q.return()
    q.end()
    q.push(4)
    expect(await Promise.all(waiting)).toEqual([
      { value: undefined, done: true },
      { value: undefined, done: true },
    ])
    expect(await q.next()).toEqual({ value: undefined, done: true })
    expect(ran).toEqual(['a', 'b'])
    q.onEnd(() => ran.push('late'))
    expect(ran).toEqual(['a', 'b', 'late'])
  })

  it('fails a waiting reader with the error instead of completing', async () => {
    const q = new AsyncQueue<number>()
    const ran: string[] = []
    q.onEnd(() => ran.push('cleanup'))
    const waiting = q.next()
    q.fail(new Error('database unreachable'))
    await expect(waiting).rejects.toThrow('database unreachable')
    expect(await q.next()).toEqual({ value: undefined, done: true })
    expect(ran).toEqual(['cleanup'])
  })

  it('delivers what was queued before a failure, then the failure', async () => {
    const q = new AsyncQueue<number>()
    q.push(1)
    q.push(2)
    q.fail(new Error('gap fill failed'))
    q.push(3)
    expect(await q.next()).toEqual({ value: 1, done: false })
    expect(await q.next()).toEqual({ value: 2, done: false })
    await expect(q.next()).rejects.toThrow('gap fill failed')
  })
})
