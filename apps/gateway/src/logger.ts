import { pino, type Logger } from 'pino'

export type { Logger }

/** JSON lines in production (for log shippers); pretty lines when a person is reading. */
export function createLogger(opts: { level: string; pretty: boolean; name?: string }): Logger {
  return pino({
    name: opts.name ?? 'gateway',
    level: opts.level,
    base: undefined,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    ...(opts.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'name' } } }
      : {}),
  })
}
