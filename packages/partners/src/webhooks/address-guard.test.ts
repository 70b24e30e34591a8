import { lookup as dnsLookup } from 'node:dns/promises'
import { describe, expect, it } from 'vitest'
import { checkEndpointUrl, isPublicUnicastAddress, pinnedLookup } from './address-guard.ts'

const strict = { allowPrivate: false }
const refusal = (address: string) =>
  `Webhook endpoints must not point at private, loopback or link-local addresses (${address}).`

describe('checkEndpointUrl', () => {
  it.each([
    ['https://127.0.0.1/hook', '127.0.0.1'],
    ['https://[::1]:8443/hook', '::1'],
    ['https://10.1.2.3/hook', '10.1.2.3'],
    ['https://192.168.0.10/hook', '192.168.0.10'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254'],
    ['https://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1'],
    ['https://[fd00::1]/hook', 'fd00::1'],
    ['https://100.64.0.1/hook', '100.64.0.1'],
    ['https://0.0.0.0/hook', '0.0.0.0'],
    ['https://2130706433/hook', '127.0.0.1'],
    ['https://198.18.0.1/hook', '198.18.0.1'],
    ['https://[2002:7f00:1::]/hook', '2002:7f00:1::'],
  ])('refuses %s', async (url, address) => {
    expect(await checkEndpointUrl(url, strict)).toEqual({ ok: false, reason: refusal(address) })
  })

  it('refuses localhost, resolved through real DNS', async () => {
    const result = await checkEndpointUrl('https://localhost:3000/hook', strict)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toMatch(/^Webhook endpoints must not point at private.*\((127\.0\.0\.1|::1)/)
  })

  it('allows a public address literal, without needing the network', async () => {
    expect(await checkEndpointUrl('https://93.184.215.14/hook', strict)).toEqual({
      ok: true,
      addresses: ['93.184.215.14'],
    })
    expect(await checkEndpointUrl('https://[2606:4700::1111]:8443/x', strict)).toEqual({
      ok: true,
      addresses: ['2606:4700::1111'],
    })
  })

  it('refuses a host with any private address among public ones', async () => {
    const lookup = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ]
    expect(await checkEndpointUrl('https://mixed.example/hook', { allowPrivate: false, lookup })).toEqual({
      ok: false,
      reason: refusal('10.0.0.5'),
    })
  })

  it('allows loopback and plain http with allowPrivate (local development and tests)', async () => {
    expect(await checkEndpointUrl('http://127.0.0.1:4000/hook', { allowPrivate: true })).toEqual({
      ok: true,
      addresses: ['127.0.0.1'],
    })
    const local = await checkEndpointUrl('http://localhost:4000/hook', { allowPrivate: true })
    expect(local.ok).toBe(true)
  })

  it('refuses other schemes, plain http in production, and credentials', async () => {
    expect(await checkEndpointUrl('ftp://93.184.215.14/hook', strict)).toEqual({
      ok: false,
      reason: 'Webhook endpoints must use https.',
    })
    expect((await checkEndpointUrl('ftp://127.0.0.1/hook', { allowPrivate: true })).ok).toBe(false)
    expect((await checkEndpointUrl('http://93.184.215.14/hook', strict)).ok).toBe(false)
    expect(await checkEndpointUrl('https://user:pass@93.184.215.14/hook', strict)).toEqual({
      ok: false,
      reason: 'Webhook endpoint URLs must not contain a user name or password.',
    })
    expect((await checkEndpointUrl('https://token@93.184.215.14/hook', strict)).ok).toBe(false)
    expect((await checkEndpointUrl('not a url', strict)).ok).toBe(false)
  })

  it('refuses a host that does not resolve', async () => {
    const result = await checkEndpointUrl('https://does-not-exist.invalid/hook', strict)
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.reason).toMatch(/^The webhook endpoint's host does-not-exist\.invalid could not be resolved/)
  })
})

describe('isPublicUnicastAddress', () => {
  it('accepts only unicast', () => {
    expect(isPublicUnicastAddress('8.8.8.8')).toBe(true)
    expect(isPublicUnicastAddress('2a00:1450:4001::1')).toBe(true)
    for (const a of ['255.255.255.255', '224.0.0.1', 'fe80::1', 'ff02::1', '::', '192.0.2.1', '2001:db8::1', 'nope']) {
      expect(isPublicUnicastAddress(a)).toBe(false)
    }
  })
})

describe('pinnedLookup', () => {
  const lookup = pinnedLookup(['93.184.215.14', '2606:4700::1111'])
  const call = (options: Parameters<typeof lookup>[1]) =>
    new Promise<unknown>((resolve, reject) =>
      lookup('rebinding.example', options, (err, address, family) =>
        err ? reject(err) : resolve({ address, family }),
      ),
    )

  it('answers with the checked addresses, whatever DNS would say now', async () => {
    expect(await call({})).toEqual({ address: '93.184.215.14', family: 4 })
    expect(await call({ family: 6 })).toEqual({ address: '2606:4700::1111', family: 6 })
    expect(await call({ all: true })).toEqual({
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:4700::1111', family: 6 },
      ],
      family: undefined,
    })
  })

  it('fails rather than falling back to DNS when no checked address fits', async () => {
    await expect(
      new Promise((resolve, reject) =>
        pinnedLookup(['93.184.215.14'])('x.example', { family: 6 }, (err, address) =>
          err ? reject(err) : resolve(address),
        ),
      ),
    ).rejects.toMatchObject({ code: 'ENOTFOUND' })
  })

  it('agrees with real DNS about localhost for the addresses it was given', async () => {
    const real = await dnsLookup('localhost', { all: true })
    const check = await checkEndpointUrl('http://localhost/', { allowPrivate: true })
    expect(check).toEqual({ ok: true, addresses: [...new Set(real.map((r) => r.address))] })
  })
})
