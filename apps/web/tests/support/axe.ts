// axe-core in the page under test: the library's own browser bundle, injected as a script tag
// (not @axe-core/playwright, which needs Node 22), run against the whole document.
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
const axeScript = require.resolve('axe-core/axe.min.js')

type Violation = {
  id: string
  impact: string | null
  help: string
  nodes: Array<{ target: string[]; failureSummary: string }>
}

/**
 * The page's serious and critical accessibility violations, one readable line each (rule, what
 * it asks, and the elements), so a failing assertion says what to fix.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeScript })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Violation[] }> } }).axe
    const result = await axe.run(document)
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
    }))
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}
