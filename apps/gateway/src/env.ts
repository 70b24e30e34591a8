// The gateway's whole configuration, read from the environment once and validated, so a
// typo fails at start-up with a clear line instead of somewhere at run time.
import { z } from 'zod'
import { parseOrigins } from './origins.ts'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  /** Unset: embedded PGlite under .data/. See @rapport/db for the accepted forms. */
  DATABASE_URL: z.string().optional(),
  /**
   * Unset: in-memory pub/sub (one process). redis://… to run several gateways; a Redis Cluster as
   * redis+cluster://host:port,host:port,… (sharded pub/sub; see @rapport/realtime redis.ts).
   */
  REDIS_URL: z
    .string()
    .regex(/^(rediss?|redis\+cluster):\/\//, 'must start with redis://, rediss:// or redis+cluster://')
    .optional(),
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /**
   * Shared with the web app: its server-side requests carry this secret and the visitor's
   * address, so per-IP sign-in limits see visitors, not the web server. Browsers never see it.
   */
  WEB_PROXY_SECRET: z.string().min(16, 'use at least 16 characters (e.g. openssl rand -hex 32)').optional(),
  /**
   * Web app origins (comma-separated, e.g. https://rapport.example) whose pages may open a
   * WebSocket with the session cookie. Unset: pages on the gateway's own host name, any port.
   */
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined
      try {
        return parseOrigins(v)
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message })
        return z.NEVER
      }
    }),
  /**
   * /metrics is never public: served on this port of its own (for the operators' network; 0 picks
   * one), and/or on the API's port to requests with \`Authorization: Bearer <METRICS_TOKEN>\`.
   * Neither set: no /metrics at all.
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  METRICS_HOST: z.string().min(1).optional(),
  METRICS_TOKEN: z.string().min(16, 'use at least 16 characters (e.g. openssl rand -hex 32)').optional(),
  /** Namespace for Redis channels and keys, when several deployments share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'use letters, digits and : . _ - (at most 64)')
    .default('rapport:'),
  /** Where attachments are stored on disk (several gateways need a shared folder or an object store). */
  ATTACHMENTS_DIR: z.string().optional(),
  /** How often timings are written for the staff statistics, in ms (tests shorten it). */
  STATS_FLUSH_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  /** Message budgets per user, "points/seconds" pairs: a burst of 10 in 10 s and 60 a minute by default. */
  SEND_BUDGETS: z
    .string()
    .regex(/^\d+\/\d+(,\d+\/\d+)*$/, 'use points/seconds pairs, e.g. 10/10,60/60')
    .default('10/10,60/60')
    .transform((v) => v.split(',').map((pair) => ({ points: Number(pair.split('/')[0]), durationSeconds: Number(pair.split('/')[1]) }))),
  /** Email goes to this SMTP server (smtp://user:pass@host:port); unset: to .eml files in MAIL_DIR. */
  SMTP_URL: z.string().url().optional(),
  /** Where emails are written when there is no SMTP_URL (default .data/mail). */
  MAIL_DIR: z.string().optional(),
  MAIL_FROM: z.string().default('Rapport <no-reply@rapport.localhost>'),
  /** The web app's public address, for links in emails (npm start sets it). */
  WEB_ORIGIN: z.string().url().default('http://127.0.0.1:3000'),
  /** This API's public address, for one-click unsubscribe links (npm start sets it). */
  PUBLIC_API_URL: z.string().url().default('http://127.0.0.1:4000'),
  /** Minutes a message stays unread before it is emailed. */
  UNREAD_EMAIL_DELAY_MINUTES: z.coerce.number().min(0).max(1440).default(5),
  /**
   * Webhook endpoints on loopback, private or link-local addresses are refused (SSRF), also after
   * DNS resolution. "1" allows them: for tests and local development only, never in production.
   */
  WEBHOOKS_ALLOW_PRIVATE: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
  /** Run job workers in this gateway ("on", the default) or only enqueue ("off": workers run in their own processes, see the README). */
  JOB_WORKERS: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Pretty, human logs instead of JSON lines (npm start sets it). */
  LOG_PRETTY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
})

export type Env = z.infer<typeof schema>

export class EnvError extends Error {
  override name = 'EnvError'
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings count as unset: `FOO= npm start` is a common way to clear a variable.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''))
  const parsed = schema.safeParse(cleaned)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  throw new EnvError(`Invalid configuration: ${problems.join('; ')}`)
}

/** The email settings the services take, from the environment. */
export function emailOptions(env: Env) {
  return {
    smtpUrl: env.SMTP_URL,
    mailDir: env.MAIL_DIR,
    from: env.MAIL_FROM,
    webOrigin: env.WEB_ORIGIN,
    apiOrigin: env.PUBLIC_API_URL,
    unreadDelayMinutes: env.UNREAD_EMAIL_DELAY_MINUTES,
  }
}
