import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'

// A webhook URL is typed by a partner and then fetched by our servers: without this guard it is a
// server-side request forgery hole (cloud metadata at 169.254.169.254, internal services on 10.x,
// Redis on localhost...).

export type ResolvedAddress = { address: string; family: number }
export type HostLookup = (host: string) => Promise<ResolvedAddress[]>

export type EndpointCheck = { ok: true; addresses: string[] } | { ok: false; reason: string }

const defaultLookup: HostLookup = (host) => dnsLookup(host, { all: true })

/**
 * True only for addresses ipaddr.js calls `unicast`, i.e. none of its special ranges (private,
 * loopback, link-local, CGNAT, reserved, benchmarking, multicast, 6to4, teredo, NAT64...). An allow
 * list rather than a deny list, so a range we did not think of is refused, not allowed.
 * IPv4-mapped IPv6 (::ffff:127.0.0.1) is unwrapped first, otherwise it would hide its IPv4 range.
 */
export function isPublicUnicastAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  return ipaddr.process(address).range() === 'unicast'
}

export async function checkEndpointUrl(
  url: string,
  opts: { allowPrivate: boolean; lookup?: HostLookup },
): Promise<EndpointCheck> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, reason: 'The webhook endpoint is not a valid URL.' }
  }
  // Plain http only for local development and tests (WEBHOOKS_ALLOW_PRIVATE=1): in production the
  // payload and its signature must not travel in the clear.
  if (parsed.protocol !== 'https:' && !(opts.allowPrivate && parsed.protocol === 'http:')) {
    return { ok: false, reason: 'Webhook endpoints must use https.' }
  }
  // Credentials in the URL would be stored and shown as part of the endpoint; the signature is the
  // authentication, so there is no reason to accept them.
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: 'Webhook endpoint URLs must not contain a user name or password.' }
  }
  // WHATWG URL keeps IPv6 literals in brackets and has already normalised odd IPv4 spellings
  // (http://2130706433/ becomes 127.0.0.1), so the literal check below sees the real address.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1')
  if (host === '') return { ok: false, reason: 'The webhook endpoint has no host.' }

  // Literal IPs go through the lookup too: dns.lookup returns them as they are, without any network,
  // and one code path means one place to get right.
  let resolved: ResolvedAddress[]
  try {
    resolved = await (opts.lookup ?? defaultLookup)(host)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {
      ok: false,
      reason: `The webhook endpoint's host ${host} could not be resolved${code ? ` (${code})` : ''}.`,
    }
  }
  const addresses = [...new Set(resolved.map((r) => r.address))]
  if (addresses.length === 0) {
    return { ok: false, reason: `The webhook endpoint's host ${host} has no addresses.` }
  }

  if (!opts.allowPrivate) {
    // ANY bad address refuses: a host with one public and one private record could otherwise be
    // connected to on the private one.
    const refused = addresses.filter((a) => !isPublicUnicastAddress(a))
    if (refused.length > 0) {
      return {
        ok: false,
        reason: `Webhook endpoints must not point at private, loopback or link-local addresses (${refused.join(', ')}).`,
      }
    }
  }
  return { ok: true, addresses }
}

/**
 * A `lookup` for http(s).request that answers with the addresses checkEndpointUrl approved instead of
 * asking DNS again. Otherwise a host could resolve to a public address for the check and to
 * 127.0.0.1 a moment later for the connection (DNS rebinding). The URL's host name is still what
 * TLS sees, so SNI and certificate checks are unchanged.
 */
export function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const pinned = addresses.map((address) => ({ address, family: isIP(address) })).filter((a) => a.family !== 0)
  return (hostname, options, callback) => {
    const wanted =
      options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0
    const matching = wanted === 0 ? pinned : pinned.filter((a) => a.family === wanted)
    const first = matching[0]
    // Answer asynchronously like dns.lookup does: net attaches its listeners expecting that.
    process.nextTick(() => {
      if (!first) {
        const error: NodeJS.ErrnoException = new Error(`No checked address for ${hostname}`)
        error.code = 'ENOTFOUND'
        callback(error, '', 0)
      } else if (options.all) {
        // Node 20 asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily).
        callback(null, matching)
      } else {
        callback(null, first.address, first.family)
      }
    })
  }
}
