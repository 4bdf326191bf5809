/**
 * How fast main answers the stop-sales list once a season's records are in SQLite.
 * Prints figures; asserts nothing. Usage: npm run bench:list [-- ROWS]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openAppContext } from '../src/main/app-context'
import { stopSaleStatuses } from '../src/shared/stop-sales'

const rows = Number(process.argv[2] ?? 100_000)
const runs = 25
const dir = mkdtempSync(join(tmpdir(), 'sedna-bench-'))
const ctx = await openAppContext({
  dataDir: dir,
  migrationsFolder: join(import.meta.dirname, '../drizzle'),
  version: 'bench',
})

try {
  const hotels = [
    'Çamyuva Güneş Otel',
    'İstanbul Boğaz Palace',
    'Kemer Işıklar Resort',
    'Antalya Beach Otel',
    'Mandarin Resort',
  ]
  const insert = ctx.database.sqlite.prepare(
    'insert into stop_sales (hotel_name, room_codes, first_night, last_night, kind, status) values (?, ?, ?, ?, ?, ?)',
  )
  let t = performance.now()
  ctx.database.sqlite.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const day = 1 + (i % 28)
      const first = `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`
      // 5 hotel chains × 2,000 numbered hotels: 10,000 names, each on 10 stop sales spread over the table.
      insert.run(
        `${hotels[i % hotels.length]} ${Math.floor(i / hotels.length) % 2000}`,
        '["DBL","SGL"]',
        first,
        first,
        i % 7 ? 'close' : 'open',
        stopSaleStatuses[i % stopSaleStatuses.length],
      )
    }
  })()
  const seedMs = performance.now() - t

  /**
   * Counts per status and filter totals are kept while nothing changes (services/stop-sales.ts): each
   * run first changes a row, as the sync engine or an import would, so every figure is a cold one.
   */
  const touch = ctx.database.sqlite.prepare('update stop_sales set updated_at = updated_at where id = 1')
  async function median(label: string, input: unknown, opts: { warm?: boolean } = {}): Promise<number> {
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      if (!opts.warm) touch.run()
      t = performance.now()
      const r = await ctx.dispatch('stopSales.list', input)
      times.push(performance.now() - t)
      if (!r.ok) throw new Error(`${label}: ${r.error.message}`)
    }
    times.sort((a, b) => a - b)
    return times[Math.floor(times.length / 2)]!
  }

  const firstPage = await median('first page', { limit: 100 })
  const firstPageWarm = await median('first page, nothing changed', { limit: 100 }, { warm: true })
  const filtered = await median('status filter', { limit: 100, statuses: ['needs_attention'] })
  const deepPage = await median('page 500', { limit: 100, offset: 50_000 })
  console.log(`rows in SQLite:              ${rows.toLocaleString('en')} (seeded in ${seedMs.toFixed(0)} ms)`)
  console.log(`first page (100 rows):       ${firstPage.toFixed(2)} ms median of ${runs}`)
  console.log(`  … again, nothing changed:  ${firstPageWarm.toFixed(2)} ms median of ${runs} (counts kept)`)
  console.log(`status filter (100 rows):    ${filtered.toFixed(2)} ms median of ${runs}`)
  console.log(`offset 50,000 (100 rows):    ${deepPage.toFixed(2)} ms median of ${runs}`)

  // Filters, sorts and the hotel key. The seed above writes no hotel_key (like rows stored before the
  // column existed): fill it as start-up does, and time that too.
  t = performance.now()
  const filled = ctx.services.stopSales.fillMissingHotelKeys()
  const fillMs = performance.now() - t
  const byHotel = await median('sorted by hotel', { limit: 100, sort: { column: 'hotel', direction: 'asc' } })
  const hotelText = await median('hotel filter', { limit: 100, hotel: 'istanbul' })
  const hotelNarrow = await median('narrow hotel filter', { limit: 100, hotel: 'Mandarin Resort 100' })
  const hotelNarrowStatus = await median('narrow hotel + status', {
    limit: 100,
    hotel: 'Mandarin Resort 10',
    statuses: ['pending', 'queued'],
  })
  const dateRange = await median('date range', { limit: 100, from: '2026-06-01', to: '2026-06-07' })
  const freeText = await median('free text', { limit: 100, text: 'boğaz dbl' })
  // Scrolling a filtered list: the next pages, same filter, nothing changed (the total is known).
  const freeTextNext = await median(
    'free text, a later page',
    { limit: 100, offset: 1_000, text: 'boğaz dbl' },
    { warm: true },
  )
  // One long stop widens the date filter's index range (it is bounded by the longest stop stored).
  insert.run('Mandarin Resort', '["DBL"]', '2026-01-01', '2026-07-19', 'close', 'pending')
  const dateRangeLong = await median('date range, one 200-night stop', {
    limit: 100,
    from: '2026-06-01',
    to: '2026-06-07',
  })
  console.log(`hotel keys filled (start-up): ${filled.toLocaleString('en')} rows in ${fillMs.toFixed(0)} ms`)
  console.log(`sorted by hotel (100 rows):  ${byHotel.toFixed(2)} ms median of ${runs}`)
  console.log(`hotel "istanbul" (100 rows): ${hotelText.toFixed(2)} ms median of ${runs}`)
  console.log(`hotel "mandarin resort 100": ${hotelNarrow.toFixed(2)} ms median of ${runs} (110 rows match)`)
  console.log(`  … "…resort 10" + 2 statuses: ${hotelNarrowStatus.toFixed(2)} ms median of ${runs}`)
  console.log(`nights in 1–7 Jun (100):     ${dateRange.toFixed(2)} ms median of ${runs}`)
  console.log(`  … with a 200-night stop:   ${dateRangeLong.toFixed(2)} ms median of ${runs}`)
  console.log(`free text "boğaz dbl":       ${freeText.toFixed(2)} ms median of ${runs}`)
  console.log(`  … offset 1,000, unchanged:  ${freeTextNext.toFixed(2)} ms median of ${runs} (total and counts kept)`)
  console.log(`main-process RSS:            ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`)
} finally {
  await ctx.close()
  rmSync(dir, { recursive: true, force: true })
}
