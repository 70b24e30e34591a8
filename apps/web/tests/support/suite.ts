// One lifecycle for the browser test files: a real stack (seeded database, gateway, built web
// app) and one chromium per file, a fresh browser context per person, closed after each test,
// and the servers' last log lines printed when a test fails.
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, newPerson, signIn, type Person } from './browser'
import { startStack, type Stack, type StackOptions } from './stack'

export type Suite = {
  readonly stack: Stack
  readonly browser: Browser
  /** A signed-out visitor in a context of their own. */
  visitor(options?: Parameters<typeof newPerson>[1]): Promise<Person>
  /** A visitor signed in as `email` (demo password). */
  person(email: string, options?: Parameters<typeof newPerson>[1]): Promise<Person>
}

export function browserSuite(options: StackOptions = { seed: true }): Suite {
  let stack: Stack | undefined
  let browser: Browser | undefined
  const people: Person[] = []

  beforeAll(async () => {
    stack = await startStack(options)
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })

  afterEach(async (ctx) => {
    for (const p of people.splice(0)) await p.context.close()
    if (ctx.task.result?.state === 'fail' && stack) console.log(stack.logs.slice(-40).join('\n'))
  })

  const suite: Suite = {
    get stack() {
      if (!stack) throw new Error('the stack starts in beforeAll')
      return stack
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll')
      return browser
    },
    async visitor(contextOptions = {}) {
      const p = await newPerson(suite.browser, contextOptions)
      people.push(p)
      return p
    },
    async person(email, contextOptions = {}) {
      const p = await suite.visitor(contextOptions)
      await signIn(p.page, suite.stack.webUrl, email)
      return p
    },
  }
  return suite
}
