// GraphiQL, mounted into the explorer page. Client-only and imported dynamically from onMount, so
// React, Monaco and GraphiQL's styles reach the browser on this route alone.
import 'graphiql/setup-workers/vite'
import 'graphiql/style.css'
import { GraphiQL, type GraphiQLProps } from 'graphiql'
import { buildSchema } from 'graphql'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { API_SDL } from '$lib/api-sdl'
import type { ExplorerResult } from './explorer'

type Storage = NonNullable<GraphiQLProps['storage']>

/**
 * GraphiQL keeps tabs, queries and their responses in localStorage by default; answers given to
 * a key (conversations, metrics) must not outlive the page, and a remembered tab would also win
 * over the prefilled Authorization header. So this page keeps them in memory.
 */
class MemoryStorage implements Storage {
  #items = new Map<string, string>()
  get length() {
    return this.#items.size
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value)
  }
  removeItem(key: string) {
    this.#items.delete(key)
  }
  clear() {
    this.#items.clear()
  }
}

const RATE_LIMIT_HEADERS = /^x-ratelimit-/

export type ExplorerOptions = {
  /** The same-origin endpoint that forwards to the gateway with the key alone. */
  endpoint: string
  query: string
  /** The Authorization header's starting value ("Bearer rpk_live_…"). */
  authorization: string
  onResult(result: ExplorerResult): void
}

function fetcherFor(options: ExplorerOptions): GraphiQLProps['fetcher'] {
  return async (params, opts) => {
    const response = await fetch(options.endpoint, {
      method: 'POST',
      headers: { ...opts?.headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(params),
      // The endpoint ignores cookies anyway; not sending them keeps the session out of it entirely.
      credentials: 'omit',
    })
    const body = (await response.json().catch(() => ({
      errors: [{ message: `The explorer’s endpoint answered HTTP ${response.status} without JSON.` }],
    }))) as { extensions?: { cost?: ExplorerResult['cost'] } }
    const rateLimit: Record<string, string> = {}
    for (const [name, value] of response.headers) if (RATE_LIMIT_HEADERS.test(name)) rateLimit[name] = value
    options.onResult({ status: response.status, cost: body.extensions?.cost ?? null, rateLimit })
    return body
  }
}

/**
 * GraphiQL 5 renders each editor tab as role="tab" holding two buttons (open, close): nested
 * interactive controls that assistive technology can't operate (axe: nested-interactive; see
 * graphql/graphiql#3422). Until that is fixed upstream, the tabs are shown to it as what they
 * behave like: a list of buttons, the current one marked with aria-current.
 */
function flattenTabs(host: HTMLElement): () => void {
  const fix = () => {
    for (const list of host.querySelectorAll('.graphiql-tabs[role="tablist"]')) list.removeAttribute('role')
    for (const tab of host.querySelectorAll<HTMLElement>('.graphiql-tab')) {
      if (tab.hasAttribute('role')) tab.removeAttribute('role')
      if (tab.hasAttribute('aria-selected')) tab.removeAttribute('aria-selected')
      const button = tab.querySelector('.graphiql-tab-button')
      const current = tab.classList.contains('graphiql-tab-active')
      if (current && button?.getAttribute('aria-current') !== 'page') button?.setAttribute('aria-current', 'page')
      if (!current && button?.hasAttribute('aria-current')) button.removeAttribute('aria-current')
    }
  }
  const observer = new MutationObserver(fix)
  observer.observe(host, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['role', 'aria-selected', 'class'],
  })
  fix()
  return () => observer.disconnect()
}

/** Renders GraphiQL into `host`; returns the function that removes it. */
export function mountExplorer(host: HTMLElement, options: ExplorerOptions): () => void {
  const unflatten = flattenTabs(host)
  const root = createRoot(host)
  root.render(
    createElement(GraphiQL, {
      fetcher: fetcherFor(options),
      schema: buildSchema(API_SDL),
      storage: new MemoryStorage(),
      initialQuery: options.query,
      initialHeaders: JSON.stringify({ Authorization: options.authorization }, null, 2),
      shouldPersistHeaders: false,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'headers',
    }),
  )
  return () => {
    unflatten()
    root.unmount()
  }
}
