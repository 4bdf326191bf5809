/**
 * The calendar's grid-render half (#15 Performance): one hotel, 40 room types (41 rows with "all rooms")
 * and about 2,000 notices over the 92 nights shown (bench/calendar-data.ts, scaled up from its year of
 * 2,000), the built renderer in Debian's Chromium through the loopback harness. Prints the median of
 * the page's own `calendar:render` measure — from the answer handed to the grid to the layout effect
 * after React's commit — against the 100 ms target, for two cases:
 *   opened: the page loaded with the 3-month calendar in its hash (a fresh page each run: the grid mounts);
 *   paged:  PageDown / PageUp between two 3-month views in one page (every cell's state and label change).
 * Beside it, "to the frame": from the same mark to the end of the next frame (its style, layout and
 * paint). Asserts nothing. Usage (builds first): npx electron-vite build && npx tsx bench/calendar-render.ts
 * Env: BENCH_CAL_RUNS (default 11).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../test/e2e/browser'
import { startHarness } from '../test/harness/server'
import { buildCalendarData } from './calendar-data'

const TARGET_MS = 100
const runs = Number(process.env.BENCH_CAL_RUNS ?? 11)

// The builder spreads its notices over a year: four times as many put about 2,000 over a quarter.
const data = await buildCalendarData({ sednaRecords: 6_000, localRecords: 2_000 })
const ctx = data.ctx
// No read of Sedna on the schedule while measuring (the bench account's Sedna does not exist).
ctx.services.settings.save({ pullIntervalMinutes: 0 })
const dir = mkdtempSync(join(tmpdir(), 'sedna-bench-calendar-render-'))
const harness = await startHarness({ dataDir: dir, context: ctx })

/** calendar.get calls answered by main, and how long the dispatcher took for each. */
const calls: number[] = []
const mutable = ctx as { dispatch: typeof ctx.dispatch }
const dispatch = ctx.dispatch
mutable.dispatch = async (channel, input) => {
  const t = performance.now()
  const result = await dispatch(channel, input)
  if (channel === 'calendar.get') calls.push(performance.now() - t)
  return result
}

// Two 3-month views of 92 nights each: July–September and August–October.
const year = data.from.slice(0, 4)
const first = `${year}-07`
const second = `${year}-08`
const url = (month: string) => `${harness.url}#/calendar?hotel=${data.hotelId}&month=${month}&months=3`
const answer = ctx.services.calendar.get({ hotelId: data.hotelId, from: `${first}-01`, to: `${year}-09-30` })

/** In the page before any script: every `calendar:render` measure, and the end of the frame after it. */
const instrument = () => {
  interface Render {
    renderMs: number
    frameMs?: number
  }
  const renders: Render[] = []
  ;(window as unknown as { __renders: Render[] }).__renders = renders
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== 'calendar:render') continue
      const render: Render = { renderMs: entry.duration }
      renders.push(render)
      // After the next frame's style, layout and paint: a task posted from its animation-frame callback.
      requestAnimationFrame(() => setTimeout(() => (render.frameMs = performance.now() - entry.startTime)))
    }
  }).observe({ entryTypes: ['measure'] })
}

/** Waits for the `n`-th render's frame and answers it. */
async function render(page: Page, n: number) {
  await page.waitForFunction(
    (i) => (window as unknown as { __renders: Array<{ frameMs?: number }> }).__renders[i]?.frameMs !== undefined,
    n,
    { timeout: 60_000 },
  )
  return page.evaluate(
    (i) => (window as unknown as { __renders: Array<{ renderMs: number; frameMs: number }> }).__renders[i]!,
    n,
  )
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (x: number) => `${x.toFixed(1)} ms`
const line = (label: string, xs: Array<{ renderMs: number; frameMs: number }>) => {
  const r = xs.map((x) => x.renderMs)
  const f = xs.map((x) => x.frameMs)
  const verdict = median(r) < TARGET_MS ? 'under' : 'OVER'
  console.log(
    `${label}: calendar:render median ${ms(median(r))} (min ${ms(Math.min(...r))}, max ${ms(Math.max(...r))}; ` +
      `${verdict} the ${TARGET_MS} ms target); to the frame median ${ms(median(f))}`,
  )
}

const browser = await chromium.launch(chromiumLaunchOptions())
try {
  console.log(
    `calendar-render: hotel ${data.hotelId}, ${answer.rows.length} rows × ${answer.nights.length} nights = ` +
      `${answer.rows.length * answer.nights.length} cells, ${answer.notices.length} notices in the answer ` +
      `(${(JSON.stringify(answer).length / 1024).toFixed(0)} KiB), ${runs} runs each`,
  )
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  await context.addInitScript(instrument)

  // Opened: a fresh page per run (one more first, not counted: the browser's cache of the bundles warm).
  const opened: Array<{ renderMs: number; frameMs: number }> = []
  for (let i = 0; i <= runs; i++) {
    const page = await context.newPage()
    await page.goto(url(first))
    const r = await render(page, 0)
    if (i > 0) opened.push(r)
    await page.close()
  }

  // Paged: one page, PageDown / PageUp from a focused cell (the second view's answer is fetched once,
  // then comes from the query cache: each render below is the grid taking a new answer).
  const page = await context.newPage()
  await page.goto(url(first))
  await render(page, 0)
  await page.locator('[data-testid="calendar-grid"] td.cal-cell').first().click()
  const paged: Array<{ renderMs: number; frameMs: number }> = []
  for (let i = 1; i <= runs + 1; i++) {
    await page.keyboard.press(i % 2 === 1 ? 'PageDown' : 'PageUp')
    await page.waitForURL(`**month=${i % 2 === 1 ? second : first}*`)
    const r = await render(page, i)
    if (i > 1) paged.push(r)
  }
  line('opened (the grid mounts)', opened)
  line('paged (PageDown/PageUp)', paged)
  console.log(`main: calendar.get answered ${calls.length} times, median ${ms(median(calls))} (dispatcher, in Node)`)
} finally {
  await browser.close()
  await harness.close()
  await data.close()
  rmSync(dir, { recursive: true, force: true })
}
