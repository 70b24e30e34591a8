import { describe, expect, it } from 'vitest'
import { EnvError, readEnv } from './env.ts'

describe('reading the configuration', () => {
  it('uses safe defaults when nothing is set', () => {
    expect(readEnv({})).toMatchObject({ PORT: 4000, HOST: '127.0.0.1', NODE_ENV: 'development', LOG_LEVEL: 'info', TRUST_PROXY: false })
  })

  it('treats empty variables as unset', () => {
    const env = readEnv({ PORT: '', REDIS_URL: '' })
    expect(env.PORT).toBe(4000)
    expect(env.REDIS_URL).toBeUndefined()
  })

  it('reads message budgets as points/seconds pairs', () => {
    expect(readEnv({}).SEND_BUDGETS).toEqual([
      { points: 10, durationSeconds: 10 },
      { points: 60, durationSeconds: 60 },
    ])
    expect(readEnv({ SEND_BUDGETS: '1000/1' }).SEND_BUDGETS).toEqual([{ points: 1000, durationSeconds: 1 }])
    expect(() => readEnv({ SEND_BUDGETS: 'lots' })).toThrow(/SEND_BUDGETS: use points\/seconds pairs/)
  })

  it('reads ALLOWED_ORIGINS as a list of origins and refuses anything else', () => {
    expect(readEnv({}).ALLOWED_ORIGINS).toBeUndefined()
    expect(readEnv({ ALLOWED_ORIGINS: 'https://rapport.example, http://localhost:3000' }).ALLOWED_ORIGINS).toEqual(['https://rapport.example', 'http://localhost:3000'])
    expect(() => readEnv({ ALLOWED_ORIGINS: 'https://rapport.example/app' })).toThrow(/ALLOWED_ORIGINS: "https:\/\/rapport.example\/app" is not an origin/)
    expect(() => readEnv({ ALLOWED_ORIGINS: 'rapport.example' })).toThrow(/ALLOWED_ORIGINS/)
  })

  it('names every bad variable in one clear line', () => {
    const attempt = () => readEnv({ PORT: 'eighty', REDIS_URL: 'localhost:6379', LOG_LEVEL: 'loud' })
    expect(attempt).toThrow(EnvError)
    expect(attempt).toThrow(/PORT: .*; REDIS_URL: must start with redis:\/\/, rediss:\/\/ or redis\+cluster:\/\/; LOG_LEVEL: /)
  })
})
