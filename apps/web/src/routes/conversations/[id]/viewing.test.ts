import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { VIEWING_RENEW_MS, announceViewing } from './viewing'

/** A document and window stand-in: events, and a visibility the test sets. */
function fakeDocument() {
  const win = new EventTarget()
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible', defaultView: win })
  const show = (state: 'visible' | 'hidden') => {
    doc.visibilityState = state
    doc.dispatchEvent(new Event('visibilitychange'))
  }
  return { doc: doc as unknown as Document, win, show }
}

describe('announceViewing', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('says viewing at once and every 20 s, left when hidden, and viewing again when shown', () => {
    const { doc, show } = fakeDocument()
    const sent: boolean[] = []
    const stop = announceViewing((v) => sent.push(v), doc)
    expect(sent).toEqual([true])
    vi.advanceTimersByTime(VIEWING_RENEW_MS * 2)
    expect(sent).toEqual([true, true, true])
    show('hidden')
    vi.advanceTimersByTime(VIEWING_RENEW_MS * 2)
    expect(sent).toEqual([true, true, true, false])
    show('visible')
    expect(sent.at(-1)).toBe(true)
    stop()
    expect(sent.at(-1)).toBe(false)
    // Stopped means stopped: no renewals, and nothing said twice.
    vi.advanceTimersByTime(VIEWING_RENEW_MS * 2)
    show('hidden')
    expect(sent).toEqual([true, true, true, false, true, false])
  })

  it('says it left once on unloading, however the page goes', () => {
    const { doc, win, show } = fakeDocument()
    const sent: boolean[] = []
    const stop = announceViewing((v) => sent.push(v), doc)
    win.dispatchEvent(new Event('pagehide'))
    show('hidden')
    stop()
    expect(sent).toEqual([true, false])
  })
})
