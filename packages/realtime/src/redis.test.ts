import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { deleteKeysWithPrefix, openRedis } from './redis.ts'

const url = process.env.REDIS_URL

describe('deleteKeysWithPrefix', () => {
  it('refuses prefixes that are not a test or benchmark namespace', async () => {
    for (const prefix of ['rapport:', '', '*', 'rapport-test:', 'other-test-1:'])
      await expect(deleteKeysWithPrefix('redis://127.0.0.1:1', prefix)).rejects.toThrow(/refusing/)
  })

  it.runIf(url)('deletes the keys under its own prefix and nothing else', async () => {
    const mine = `rapport-test-${randomBytes(4).toString('hex')}:`
    const other = `rapport-test-${randomBytes(4).toString('hex')}:`
    const client = openRedis(url!)
    try {
      for (let i = 0; i < 1200; i++) await client.set(`${mine}k${i}`, '1')
      await client.set(`${other}keep`, '1')
      expect(await deleteKeysWithPrefix(url!, mine)).toBe(1200)
      expect((await client.keys(`${mine}*`)).length).toBe(0)
      expect(await client.get(`${other}keep`)).toBe('1')
    } finally {
      await client.del(`${other}keep`)
      client.disconnect()
    }
  })
})
