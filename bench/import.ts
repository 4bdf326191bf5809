/**
 * Import speed: 100,000 rows of JSON and of CSV through the real importer (preview + commit) into
 * SQLite, against a baseline measured in the same run: the same rows inserted with one prepared
 * better-sqlite3 statement in one transaction. Prints figures; asserts nothing.
 * Usage: npm run bench:import [-- ROWS]
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openAppContext } from '../src/main/app-context'
import { createMemoryStore } from '../src/main/credentials'
import { createMemoryLogger } from '../src/main/log'
import { dedupeKey } from '../src/main/stop-sales/import/dedupe'
import { hotelKeyOf } from '../src/main/stop-sales/hotel-keys'

const rows = Number(process.argv[2] ?? 100_000)
const rounds = Number(process.argv[3] ?? 3)
const dir = mkdtempSync(join(tmpdir(), 'sedna-bench-import-'))
const migrationsFolder = join(import.meta.dirname, '../drizzle')
const hotels = [
  'Çamyuva Güneş Otel',
  'İstanbul Boğaz Palace',
  'Kemer Işıklar Resort',
  'Antalya Beach Otel',
  'Отель Москва',
]

function record(i: number) {
  const start = new Date(Date.UTC(2026, 0, 1) + (i % 700) * 86_400_000)
  const end = new Date(start.getTime() + (i % 5) * 86_400_000)
  const iso = (d: Date) => d.toISOString().slice(0, 10)
  return {
    message_id: `<${i}@otel.example>`,
    received_at: '2025-12-01T10:00:00+03:00',
    hotel_name: `${hotels[i % hotels.length]} ${Math.floor(i / 700)}`,
    date_from: iso(start),
    date_to: iso(end),
    room_types: ['DBL', 'SGL'],
    board_types: ['AI'],
    is_close: i % 7 !== 0,
    reason: 'Doluluk',
  }
}

function writeFiles() {
  const json = join(dir, 'stop-sales.json')
  const csv = join(dir, 'stop-sales.csv')
  const records = Array.from({ length: rows }, (_, i) => record(i))
  writeFileSync(json, JSON.stringify(records))
  const lines = ['message_id;received_at;hotel_name;date_from;date_to;room_types;board_types;is_close;reason']
  for (const r of records) {
    lines.push(
      [
        r.message_id,
        r.received_at,
        r.hotel_name,
        r.date_from,
        r.date_to,
        r.room_types.join(','),
        r.board_types.join(','),
        r.is_close,
        r.reason,
      ].join(';'),
    )
  }
  writeFileSync(csv, lines.join('\n'))
  return { json, csv, records }
}

let contexts = 0
function freshContext(name: string) {
  return openAppContext({
    dataDir: join(dir, `${name}-${++contexts}`),
    migrationsFolder,
    version: 'bench',
    logger: createMemoryLogger(),
    credentials: createMemoryStore(),
  })
}

async function importFile(path: string, name: string) {
  const ctx = await freshContext(name)
  const heapBefore = process.memoryUsage().heapUsed
  let peakHeap = heapBefore
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20)
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  const preview = await ctx.dispatch('import.preview', { path })
  if (!preview.ok) throw new Error(preview.error.message)
  const t1 = performance.now()
  const committed = await ctx.dispatch('import.commit', { importId: (preview.value as { importId: number }).importId })
  if (!committed.ok) throw new Error(committed.error.message)
  const t2 = performance.now()
  const cpu = process.cpuUsage(cpu0)
  clearInterval(sampler)
  const imported = (committed.value as { imported: number }).imported
  await ctx.close()
  return {
    previewMs: t1 - t0,
    commitMs: t2 - t1,
    totalMs: t2 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    imported,
    heapGrowthMiB: (peakHeap - heapBefore) / 2 ** 20,
  }
}

/**
 * The same rows as the import stores them (every column it writes, the same values: the hotel's
 * search key and the duplicate key are computed before the clock starts), with one prepared
 * statement in one transaction.
 */
async function baseline(records: ReturnType<typeof record>[]) {
  const ctx = await freshContext('baseline')
  const rowsToInsert = records.map((r, i) => {
    const s = {
      hotelName: r.hotel_name,
      hotelId: null,
      firstNight: r.date_from,
      lastNight: r.date_to,
      roomCodes: r.room_types,
      boardCodes: r.board_types,
      marketIds: [],
    }
    return [
      r.hotel_name,
      JSON.stringify(r.room_types),
      JSON.stringify(r.board_types),
      '[]',
      r.date_from,
      r.date_to,
      r.is_close ? 'close' : 'open',
      r.reason,
      r.message_id,
      r.received_at,
      i + 1,
      dedupeKey(s),
      hotelKeyOf(r.hotel_name),
    ] as const
  })
  const insert = ctx.database.sqlite.prepare(
    `insert into stop_sales (hotel_name, room_codes, board_codes, market_ids, first_night, last_night, kind, reason,
       source_message_id, source_received_at, source_row, dedupe_key, hotel_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  ctx.database.sqlite.transaction(() => {
    for (const values of rowsToInsert) insert.run(...values)
  })()
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  await ctx.close()
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

try {
  const { json, csv, records } = writeFiles()
  const rate = (ms: number) => Math.round((rows / ms) * 1000).toLocaleString('en')
  console.log(
    `rows per file: ${rows.toLocaleString('en')} (JSON ${(statSync(json).size / 2 ** 20).toFixed(1)} MiB, CSV ${(statSync(csv).size / 2 ** 20).toFixed(1)} MiB); ${rounds} rounds, medians`,
  )
  const base: number[] = []
  const baseCpu: number[] = []
  const runs = {
    JSON: [] as Awaited<ReturnType<typeof importFile>>[],
    CSV: [] as Awaited<ReturnType<typeof importFile>>[],
  }
  for (let round = 0; round < rounds; round++) {
    const b = await baseline(records)
    base.push(b.ms)
    baseCpu.push(b.cpuMs)
    for (const [label, path] of [
      ['JSON', json],
      ['CSV', csv],
    ] as const) {
      const r = await importFile(path, label.toLowerCase())
      if (r.imported !== rows) throw new Error(`${label}: imported ${r.imported} of ${rows}`)
      runs[label].push(r)
    }
  }
  const baseMs = median(base)
  console.log(
    `baseline (one prepared insert, one transaction): ${baseMs.toFixed(0)} ms = ${rate(baseMs)} rows/s  [${base.map((m) => m.toFixed(0)).join(', ')}]`,
  )
  for (const label of ['JSON', 'CSV'] as const) {
    const rs = runs[label]
    const total = median(rs.map((r) => r.totalMs))
    const preview = median(rs.map((r) => r.previewMs))
    const commit = median(rs.map((r) => r.commitMs))
    console.log(
      `${label.padEnd(4)} import (preview + commit): ${total.toFixed(0)} ms = ${rate(total)} rows/s; ratio to baseline ${(total / baseMs).toFixed(2)}× (target ≤ 2×)  ` +
        `[per round: ${rs.map((r, i) => (r.totalMs / base[i]!).toFixed(2) + '×').join(', ')}]`,
    )
    console.log(
      `     preview ${preview.toFixed(0)} ms, commit ${commit.toFixed(0)} ms (${(commit / baseMs).toFixed(2)}× the baseline); peak heap growth ${Math.max(...rs.map((r) => r.heapGrowthMiB)).toFixed(0)} MiB; ` +
        `CPU time ${(median(rs.map((r) => r.cpuMs)) / median(baseCpu)).toFixed(2)}× the baseline's`,
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
