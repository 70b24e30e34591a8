import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { VIEWING_RENEW_MS, announceViewing, newViewer } from './viewing'

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
    const { stop } = announceViewing((v) => sent.push(v), doc)
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
    const { stop } = announceViewing((v) => sent.push(v), doc)
    win.dispatchEvent(new Event('pagehide'))
    show('hidden')
    stop()
    expect(sent).toEqual([true, false])
  })
  it('answers a newcomer at once and renews 20 s from then; a hidden page does not answer', () => {
    const { doc, show } = fakeDocument()
    const sent: boolean[] = []
    const announcer = announceViewing((v) => sent.push(v), doc)
    vi.advanceTimersByTime(15_000)
    announcer.answer()
    expect(sent).toEqual([true, true])
    // The renewal restarts from the answer: nothing at 20 s after opening, one at 20 s after answering.
    vi.advanceTimersByTime(15_000)
    expect(sent).toEqual([true, true])
    vi.advanceTimersByTime(5_000)
    expect(sent).toEqual([true, true, true])
    show('hidden')
    announcer.answer()
    expect(sent).toEqual([true, true, true, false])
    announcer.stop()
  })
})

describe('newViewer', () => {
  const t = (name: string, viewingUntil: number | null) => ({ name, viewingUntil })
  it('is true only for a teammate now viewing who was not viewing before', () => {
    expect(newViewer([], [t('Ana', 10)])).toBe(true)
    expect(newViewer([t('Ana', 10)], [t('Ana', 30)])).toBe(false)
    expect(newViewer([t('Ana', null)], [t('Ana', 30)])).toBe(true)
    expect(newViewer([t('Ana', 10)], [])).toBe(false)
  })
})
