/**
 * The staff screen with a season's records: 100,000 stop sales in SQLite, the built renderer in
 * Debian's Chromium through the loopback harness. Prints the time to show the first page, to apply
 * a hotel filter, and the number of table rows in the DOM. Asserts nothing.
 * Usage: npm run bench:ui [-- ROWS]   (builds first)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { chromium } from '@playwright/test'
import { startHarness } from '../test/harness/server'
import { chromiumLaunchOptions } from '../test/e2e/browser'
import { normalizeHotelName } from '../src/main/reference/hotel-matching'

const rows = Number(process.argv[2] ?? 100_000)
const runs = 7
const dir = mkdtempSync(join(tmpdir(), 'sedna-bench-ui-'))
const harness = await startHarness({ dataDir: dir })
const browser = await chromium.launch(chromiumLaunchOptions())
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
  const firstPage: number[] = []
  const filter: number[] = []
  let domRows = 0
  for (let run = 0; run < runs; run++) {
    await page.goto('about:blank')
    const t0 = performance.now()
    await page.goto(harness.url)
    await page.getByTestId('stop-sale-row').first().waitFor()
    firstPage.push(performance.now() - t0)
    domRows = await page.getByTestId('stop-sale-row').count()

    // Time from the filter's query being sent (after the input's 250 ms settle) to the filtered rows shown.
    const target = `Mandarin Resort ${100 + run}`
    const requested = page.waitForRequest(
      (r) => r.url().includes('stopSales.list') && (r.postData() ?? '').includes('"hotel"'),
    )
    await page.getByTestId('filter-hotel').fill(target)
    await requested
    const t1 = performance.now()
    await page.locator('[data-testid="stop-sale-row"]', { hasText: target }).first().waitFor()
    await page.waitForFunction(
      (t) => [...document.querySelectorAll('[data-testid="stop-sale-row"]')].every((r) => r.textContent?.includes(t)),
      target,
    )
    filter.push(performance.now() - t1)
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  console.log(`stop sales in SQLite:      ${rows.toLocaleString('en')}`)
  console.log(
    `first page shown:          ${median(firstPage).toFixed(0)} ms median of ${runs} (target < 300 ms; page load included)`,
  )
  console.log(
    `filter applied:            ${median(filter).toFixed(0)} ms median of ${runs} (target < 100 ms; from the query to the rows shown)`,
  )
  console.log(`table rows in the DOM:     ${domRows} (target < 200)`)
} finally {
  await browser.close()
  await harness.close()
  rmSync(dir, { recursive: true, force: true })
}
