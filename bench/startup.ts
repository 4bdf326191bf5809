/**
 * What the start-up checks cost once a season's records are in SQLite: opening the database with and
 * without PRAGMA quick_check (alternating runs, medians), and what a backup of it takes.
 * Prints figures; asserts nothing. Usage: npm run bench:startup [-- ROWS [RUNS]]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openAppContext } from '../src/main/app-context'
import Database from 'better-sqlite3'
import { backupInto, onlineCopy, quickCheck } from '../src/main/db/backup'
import { openDatabase } from '../src/main/db/database'
import { createMemoryLogger } from '../src/main/log'
import { databaseFileIn } from '../src/main/paths'
import { ensurePrivateFile } from '../src/main/private-files'
import { stopSaleStatuses } from '../src/shared/stop-sales'

const rows = Number(process.argv[2] ?? 100_000)
const runs = Number(process.argv[3] ?? 9)
const migrationsFolder = join(import.meta.dirname, '../drizzle')
const dir = mkdtempSync(join(tmpdir(), 'sedna-bench-startup-'))
const file = databaseFileIn(dir)

try {
  const seeded = await openAppContext({
    dataDir: dir,
    migrationsFolder,
    version: 'bench',
    logger: createMemoryLogger(),
  })
  const hotels = ['Çamyuva Güneş Otel', 'İstanbul Boğaz Palace', 'Kemer Işıklar Resort', 'Antalya Beach Otel']
  const insert = seeded.database.sqlite.prepare(
    'insert into stop_sales (hotel_name, hotel_key, room_codes, first_night, last_night, kind, status, reason) values (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  seeded.database.sqlite.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const first = `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
      const hotel = `${hotels[i % hotels.length]} ${Math.floor(i / hotels.length) % 2000}`
      insert.run(
        hotel,
        hotel.toLowerCase(),
        '["DBL","SGL"]',
        first,
        first,
        i % 7 ? 'close' : 'open',
        stopSaleStatuses[i % stopSaleStatuses.length],
        'Doluluk',
      )
    }
  })()
  await seeded.close()
  const bytes = statSync(file).size

  // Warm the page cache once, so neither variant pays for the first read from disk.
  ;(await openDatabase(file, { migrationsFolder })).close()
  const times = { with: [] as number[], without: [] as number[] }
  for (let i = 0; i < runs; i++) {
    for (const variant of i % 2 ? (['without', 'with'] as const) : (['with', 'without'] as const)) {
      const t = performance.now()
      const d = await openDatabase(file, { migrationsFolder, quickCheck: variant === 'with' })
      times[variant].push(performance.now() - t)
      d.close()
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`

  const d = await openDatabase(file, { migrationsFolder })
  // A backup runs in the app's main process: how long does it hold the event loop at a stretch?
  const backups: number[] = []
  let longestBlock = 0
  for (let i = 0; i < 3; i++) {
    let last = performance.now()
    const tick = setInterval(() => {
      longestBlock = Math.max(longestBlock, performance.now() - last)
      last = performance.now()
    }, 1)
    const t = performance.now()
    await backupInto(join(dir, 'backups'), d.sqlite, 'manual')
    backups.push(performance.now() - t)
    // A block at the very end shows only once the timer has had its turn.
    await new Promise((resolve) => setTimeout(resolve, 5))
    clearInterval(tick)
  }
  // The same backup in its parts: the online copy (in steps of 1,024 pages), then the check of the copy (one block).
  const parts = { copy: [] as number[], check: [] as number[] }
  for (let i = 0; i < 3; i++) {
    const target = join(dir, `part-${i}.sqlite`)
    ensurePrivateFile(target)
    let t = performance.now()
    await onlineCopy(d.sqlite, target)
    parts.copy.push(performance.now() - t)
    const standalone = new Database(target)
    standalone.pragma('journal_mode = DELETE')
    standalone.close()
    t = performance.now()
    const copy = new Database(target, { readonly: true })
    quickCheck(copy)
    copy.close()
    parts.check.push(performance.now() - t)
  }
  d.close()

  const withMs = median(times.with)
  const withoutMs = median(times.without)
  console.log(
    `stop sales in SQLite:            ${rows.toLocaleString('en')} (file ${(bytes / 2 ** 20).toFixed(1)} MiB)`,
  )
  console.log(`open without quick_check:        ${withoutMs.toFixed(1)} ms median of ${runs} (${range(times.without)})`)
  console.log(`open with quick_check:           ${withMs.toFixed(1)} ms median of ${runs} (${range(times.with)})`)
  console.log(`quick_check adds:                ${(withMs - withoutMs).toFixed(1)} ms`)
  console.log(`backup (online API, checked):    ${median(backups).toFixed(0)} ms median of 3 (${range(backups)})`)
  console.log(`  longest event-loop block:      ${longestBlock.toFixed(0)} ms`)
  console.log(`  online copy alone:             ${median(parts.copy).toFixed(0)} ms median of 3 (${range(parts.copy)})`)
  console.log(
    `  quick_check of the copy:       ${median(parts.check).toFixed(0)} ms median of 3 (${range(parts.check)})`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
