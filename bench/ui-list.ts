/**
 * The staff screen with a season's records: 100,000 stop sales in SQLite, the built renderer in
 * Debian's Chromium through the loopback harness. Prints the time to show the first rows, to apply
 * a hotel filter and to jump to the middle of the list, the number of table rows in the DOM, and
 * where the filter's time goes (main, transport, JSON, React). Asserts nothing.
 * Usage: npm run bench:ui [-- ROWS]   (builds first)
 *        BENCH_UI_COMPARE=DIR npm run bench:ui   (the same, and another built renderer, taking turns)
 *
 * Timing is taken inside the page (performance.now(), one clock): the bridge's fetch is wrapped to
 * note when a call starts, when its answer's headers and body arrive and when its JSON is parsed; a
 * MutationObserver notes when the table shows the expected rows, and "shown" is the end of the next
 * frame (a task posted from its animation-frame callback runs after its style, layout and paint).
 * Main's share is timed around the dispatcher and the service in the harness. "First rows shown" is
 * from Node's `goto` to the page's own signal after that frame (an exposed function): waiting with a
 * Playwright locator instead would run Playwright's injected script in the page while it loads.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { chromium, type Page } from '@playwright/test'
import { startHarness } from '../test/harness/server'
import { chromiumLaunchOptions } from '../test/e2e/browser'
import { normalizeHotelName } from '../src/main/reference/hotel-matching'

const rows = Number(process.argv[2] ?? 100_000)
const runs = Number(process.env.BENCH_UI_RUNS ?? 7)
const dir = mkdtempSync(join(tmpdir(), 'sedna-bench-ui-'))
const harness = await startHarness({ dataDir: dir })
// BENCH_UI_COMPARE=DIR: another built renderer (e.g. the previous commit's out/renderer), same data.
const compareDir = process.env.BENCH_UI_COMPARE
const compared = compareDir
  ? await startHarness({ dataDir: dir, context: harness.context, rendererDir: compareDir })
  : undefined
const browser = await chromium.launch(chromiumLaunchOptions())

/** Main's side of each stopSales.list call: the whole dispatch (validation included) and the service alone. */
const mainTimes: Array<{ input: string; dispatchMs: number; serviceMs: number }> = []
const ctx = harness.context as { dispatch: typeof harness.context.dispatch }
const dispatch = ctx.dispatch
let serviceMs = 0
const service = harness.context.services.stopSales
const list = service.list.bind(service)
service.list = (q) => {
  const t = performance.now()
  try {
    return list(q)
  } finally {
    serviceMs = performance.now() - t
  }
}
ctx.dispatch = async (channel, input) => {
  const t = performance.now()
  const result = await dispatch(channel, input)
  if (channel === 'stopSales.list')
    mainTimes.push({ input: JSON.stringify(input), dispatchMs: performance.now() - t, serviceMs })
  return result
}

/** In the page, before any script: note each bridge call's start, headers, body and parse times. */
const instrument = () => {
  interface Call {
    channel: string
    body: string
    start: number
    headers?: number
    body_?: number
    parsed?: number
    bytes?: number
  }
  const calls: Call[] = []
  ;(window as unknown as { __calls: Call[] }).__calls = calls
  // The first table row: when it is in the DOM, and the frame that shows it.
  const first: { dom?: number; frame?: number } = {}
  ;(window as unknown as { __first: typeof first }).__first = first
  const firstRow = new MutationObserver(() => {
    if (first.dom !== undefined || !document.querySelector('[data-testid="stop-sale-row"]')) return
    first.dom = performance.now()
    firstRow.disconnect()
    // After the next frame's style, layout and paint: a task posted from its animation-frame callback.
    requestAnimationFrame(() =>
      setTimeout(() => {
        first.frame = performance.now()
        ;(window as unknown as { __benchFirstRows?: () => void }).__benchFirstRows?.()
      }),
    )
  })
  firstRow.observe(document, { childList: true, subtree: true })
  const realFetch = window.fetch.bind(window)
  window.fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    const u = String(url)
    if (!u.includes('/__harness/invoke/')) return realFetch(url, init)
    const call: Call = {
      channel: decodeURIComponent(u.split('/').pop()!),
      body: String(init?.body ?? ''),
      start: performance.now(),
    }
    calls.push(call)
    const res = await realFetch(url, init)
    call.headers = performance.now()
    const text = res.text.bind(res)
    res.json = async () => {
      const body = await text()
      call.body_ = performance.now()
      call.bytes = body.length
      const value: unknown = JSON.parse(body)
      call.parsed = performance.now()
      return value
    }
    return res
  }
}

/**
 * Resolves (in the page's clock) at the first animation frame after every rendered row satisfies
 * `shown` (and there is at least one); run before the action that should lead there.
 */
async function watchRows(page: Page, expect: { hasText?: string; minIndex?: number }) {
  await page.evaluate((e) => {
    const w = window as unknown as { __shown: Promise<{ dom: number; frame: number }> }
    w.__shown = new Promise((resolve) => {
      const check = () => {
        const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="stop-sale-row"]')]
        if (!rows.length) return false
        if (e.hasText !== undefined && !rows.every((r) => r.textContent?.includes(e.hasText!))) return false
        if (e.minIndex !== undefined && !rows.some((r) => Number(r.dataset.index) >= e.minIndex! && r.dataset.id))
          return false
        return true
      }
      const done = (observer?: MutationObserver) => {
        observer?.disconnect()
        const dom = performance.now()
        requestAnimationFrame(() => setTimeout(() => resolve({ dom, frame: performance.now() })))
      }
      const observer = new MutationObserver(() => check() && done(observer))
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true })
    })
  }, expect)
}
const shown = (page: Page) =>
  page.evaluate(() =>
    Promise.race([
      (window as unknown as { __shown: Promise<{ dom: number; frame: number }> }).__shown,
      new Promise<never>((_, fail) =>
        setTimeout(() => {
          const rows = [...document.querySelectorAll<HTMLElement>('tbody tr[data-index]')]
          fail(new Error(`rows never shown: ${rows.map((r) => `${r.dataset.index}:${r.dataset.id ?? '-'}`).join(' ')}`))
        }, 10_000),
      ),
    ]),
  )
const callsIn = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          __calls: Array<{
            channel: string
            body: string
            start: number
            headers?: number
            body_?: number
            parsed?: number
            bytes?: number
          }>
        }
      ).__calls,
  )

try {
  const hotels = [
    'Çamyuva Güneş Otel',
    'İstanbul Boğaz Palace',
    'Kemer Işıklar Resort',
    'Antalya Beach Otel',
    'Mandarin Resort',
  ]
  const sqlite = harness.context.database.sqlite
  const insert = sqlite.prepare(
    `insert into stop_sales (hotel_name, hotel_key, room_codes, first_night, last_night, kind, status)
     values (?, ?, '["DBL","SGL"]', ?, ?, 'close', 'pending')`,
  )
  sqlite.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const name = `${hotels[i % hotels.length]} ${Math.floor(i / 5) % 2000}`
      const d = new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10)
      insert.run(name, normalizeHotelName(name), d, d)
    }
  })()

  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
  // Chromium's own accounting of main-thread time (script, style, layout), for the filter's share.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const metrics = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics')
    return Object.fromEntries(list.map((m) => [m.name, m.value * 1000])) as Record<string, number>
  }
  // tsx names functions with a `__name` helper that functions shipped to the page would miss.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f' })
  await page.addInitScript(instrument)
  // The page says when it showed the first rows (after their frame). Not a Playwright locator: waiting
  // with one would evaluate Playwright's injected script (~15 ms) in the page while it is still loading.
  let firstRowsShown: (() => void) | undefined
  await page.exposeFunction('__benchFirstRows', () => firstRowsShown?.())
  interface Variant {
    name: string
    url: string
    firstPage: number[]
    filter: number[]
    jump: number[]
    stages: Array<Record<string, number>>
    loads: Array<Record<string, number>>
    domRows: number
    filterRows: number
    jumpCalls: number
    filterCalls: number
  }
  const variant = (name: string, url: string): Variant => ({
    name,
    url,
    firstPage: [],
    filter: [],
    jump: [],
    stages: [],
    loads: [],
    domRows: 0,
    filterRows: 0,
    jumpCalls: 0,
    filterCalls: 0,
  })
  const variants = [
    variant('this build (out/renderer)', harness.url),
    ...(compared ? [variant(`compared build (${compareDir})`, compared.url)] : []),
  ]
  // With a build to compare, the two take turns, so that both see the same machine.
  for (let run = 0; run < runs; run++) {
    for (const v of variants) {
      const { firstPage, filter, jump, stages, loads } = v
      await page.goto('about:blank')
      const t0 = performance.now()
      const shownAt = new Promise<number>((resolve) => (firstRowsShown = () => resolve(performance.now())))
      await page.goto(v.url, { waitUntil: 'commit' })
      firstPage.push((await shownAt) - t0)
      // Where the first page's time goes, in the page's clock (0 = navigation start).
      const load = await page.evaluate(async () => {
        const w = window as unknown as {
          __first: { dom?: number; frame?: number }
          __calls: Array<{ channel: string; start: number; headers?: number; parsed?: number }>
        }
        while (w.__first.frame === undefined) await new Promise((r) => setTimeout(r, 5))
        // (Resource timing entries: the bundle's chunks' last `responseEnd` is when it had arrived.)
        const chunks = performance
          .getEntries()
          .filter((e) => e.entryType === 'resource' && e.name.includes('/assets/') && e.name.endsWith('.js')) as Array<
          PerformanceEntry & { responseEnd: number }
        >
        const script = chunks.length ? { responseEnd: Math.max(...chunks.map((c) => c.responseEnd)) } : undefined
        const list = w.__calls.find((c) => c.channel === 'stopSales.list')!
        return {
          script: script?.responseEnd ?? NaN,
          callStart: list.start,
          parsed: list.parsed!,
          dom: w.__first.dom!,
          frame: w.__first.frame,
        }
      })
      // Milestones, not durations: the list call may go out before the app's chunks have arrived.
      loads.push({
        'at: the list call sent': load.callStart,
        'at: its answer parsed': load.parsed,
        "at: the scripts' last chunk arrived": load.script,
        'at: the first rows in the DOM': load.dom,
        'at: their frame shown': load.frame,
      })
      v.domRows = Math.max(v.domRows, await page.getByTestId('stop-sale-row').count())

      // Jump to the middle of the list (a scrollbar drag): from the scroll to the rows of that place shown.
      const scroller = page.getByTestId('stop-sales-scroll')
      if (await scroller.count()) {
        await watchRows(page, { minIndex: Math.floor(rows / 2) - 200 })
        const before = (await callsIn(page)).length
        const scrolledAt = await scroller.evaluate((el) => {
          el.scrollTop = el.scrollHeight / 2
          return performance.now()
        })
        const { frame } = await shown(page)
        jump.push(frame - scrolledAt)
        v.jumpCalls = (await callsIn(page)).length - before
        v.domRows = Math.max(v.domRows, await page.getByTestId('stop-sale-row').count())
      }

      // The filter: from its query being sent (after the input's 250 ms settle) to the filtered rows shown.
      const target = `Mandarin Resort ${100 + run}`
      await watchRows(page, { hasText: target })
      const mainBefore = mainTimes.length
      const callsBefore = (await callsIn(page)).length
      await page.getByTestId('filter-hotel').fill(target)
      // From the keystroke's render to the rows shown (the 250 ms settle in between is idle).
      const m0 = await metrics()
      const { dom, frame } = await shown(page)
      const m1 = await metrics()
      const after = (await callsIn(page)).slice(callsBefore)
      const call = after.find((c) => c.channel === 'stopSales.list' && c.body.includes('"hotel"'))!
      v.filterCalls = after.filter((c) => c.channel === 'stopSales.list').length
      const main = mainTimes.slice(mainBefore).find((m) => m.input.includes('"hotel"'))!
      filter.push(frame - call.start)
      v.filterRows = await page.getByTestId('stop-sale-row').count()
      const roundTrip = call.headers! - call.start
      stages.push({
        'main: the service (SQLite + rows)': main.serviceMs,
        'main: contract checks (zod in/out)': main.dispatchMs - main.serviceMs,
        'transport (HTTP, JSON.stringify)': roundTrip - main.dispatchMs,
        'answer body + JSON.parse': call.parsed! - call.headers!,
        'React render + DOM commit': dom - call.parsed!,
        'next frame (style, layout, paint)': frame - dom,
        'page main thread: script': m1.ScriptDuration! - m0.ScriptDuration!,
        'page main thread: style + layout':
          m1.RecalcStyleDuration! + m1.LayoutDuration! - m0.RecalcStyleDuration! - m0.LayoutDuration!,
        'answer size (KiB)': call.bytes! / 1024,
      })
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  console.log(`stop sales in SQLite:      ${rows.toLocaleString('en')}`)
  for (const v of variants) {
    if (variants.length > 1) console.log(`\n${v.name}`)
    console.log(
      `first rows shown:          ${median(v.firstPage).toFixed(0)} ms median of ${runs} (target < 300 ms; page load included)`,
    )
    console.log('  in the page (ms after navigation start, medians):')
    for (const stage of Object.keys(v.loads[0]!)) {
      console.log(`  ${stage.padEnd(38)} ${median(v.loads.map((s) => s[stage]!)).toFixed(1)}`)
    }
    console.log(
      `filter applied:            ${median(v.filter).toFixed(0)} ms median of ${runs} (target < 100 ms; from the query to the rows shown; ${v.filterCalls} list call(s))`,
    )
    for (const stage of Object.keys(v.stages[0]!)) {
      console.log(`  ${stage.padEnd(38)} ${median(v.stages.map((s) => s[stage]!)).toFixed(1)}`)
    }
    if (v.jump.length)
      console.log(
        `jump to row ${Math.floor(rows / 2).toLocaleString('en')}:        ${median(v.jump).toFixed(0)} ms median of ${runs} (${v.jumpCalls} list call(s))`,
      )
    console.log(`table rows in the DOM:     ${v.domRows} at most (target < 200); ${v.filterRows} after the filter`)
  }
} finally {
  await browser.close()
  await compared?.close()
  await harness.close()
  rmSync(dir, { recursive: true, force: true })
}
