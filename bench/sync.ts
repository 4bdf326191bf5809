/**
 * How fast "sync all" gets stop sales into Sedna when every request costs a round trip: N stop sales
 * against the simulator with added latency per request, through the real app context (SQLite queue,
 * sync engine, HTTP client). Prints figures; asserts nothing, but exits 1 if the sync did not really
 * happen. Usage: npm run bench:sync [-- --count N --concurrency N --latency MS]
 *
 * Targets: at most 2.1 requests per stop sale (phase 1 + phase 2, and the look in Sedna before the first
 * send — one read per hotel every few seconds, batched over the hotel's waiting nights; reference data
 * is cached) and an elapsed time within 1.3× of the bound count × 2 × latency / concurrency.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { openAppContext, type AppContext } from '../src/main/app-context'
import { createMemoryStore } from '../src/main/credentials'
import { createMemoryLogger } from '../src/main/log'
import type { NewStopSale } from '../src/main/stop-sales/service'
import { startSimulator } from '../src/main/sedna/simulator'

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    latency: { type: 'string', default: '50' },
  },
})
const positiveInt = (name: string, raw: string, min: number): number => {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer ≥ ${min} (got ${raw})`)
    process.exit(2)
  }
  return n
}
const count = positiveInt('count', flags.count, 1)
const concurrency = positiveInt('concurrency', flags.concurrency, 1)
const latencyMs = positiveInt('latency', flags.latency, 1) // the bound is 0 without latency

async function call(ctx: AppContext, channel: string, input: unknown): Promise<any> {
  const r = await ctx.dispatch(channel, input)
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.kind}: ${r.error.message}`)
  return r.value
}

/** Distinct ranges over 2026–2028 at hotel 18 (Mandarin Resort), one to three nights each. */
function stopSale(i: number): NewStopSale {
  const first = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000)
  const last = new Date(first.getTime() + (i % 3) * 86_400_000)
  const day = (d: Date) => d.toISOString().slice(0, 10)
  return {
    hotelName: 'Mandarin Resort',
    roomCodes: ['STDSV'],
    boardCodes: ['AI'],
    marketIds: [10],
    firstNight: day(first),
    lastNight: day(last),
    kind: 'close',
    reason: 'Doluluk',
    sourceMessageId: `<bench-${i}@mandarin.example>`,
    sourceReceivedAt: '2025-12-29T09:30:00+03:00',
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sedna-bench-sync-'))
const sim = await startSimulator({ latencyMs })
const ctx = await openAppContext({
  dataDir: dir,
  migrationsFolder: join(import.meta.dirname, '../drizzle'),
  version: 'bench',
  logger: createMemoryLogger(),
  credentials: createMemoryStore(),
  sync: { concurrency },
})
let exitCode = 0

try {
  const profile = await call(ctx, 'profiles.save', {
    name: 'Bench',
    baseUrl: sim.url,
    username: 'demo',
    password: 'demo',
    operatorCode: '7STAR',
    allowHttp: true,
  })
  await call(ctx, 'reference.refresh', { profileId: profile.id })
  // Logged in before the clock starts (a failed login is an error answer, thrown by call()).
  await call(ctx, 'profiles.testConnection', { id: profile.id })

  ctx.services.stopSales.add(Array.from({ length: count }, (_, i) => stopSale(i)))

  const before = sim.requests().length
  const t = performance.now()
  const summary = await call(ctx, 'sync.allPending', {})
  const elapsedMs = performance.now() - t
  const during = sim.requests().slice(before)
  const writes = during.filter((r) => /Contract\/UpdateStopSale$/i.test(r.path)).length
  const looks = during.filter((r) => /GetStopSaleList$/i.test(r.path)).length
  const pulls = during.filter((r) => /GetStopSaleListWithUpdateDate$/i.test(r.path)).length

  const stored = sim.stopSales().length
  if (summary.synced !== count || stored !== count) {
    console.error(`sync did not complete: synced ${summary.synced} of ${count}, ${stored} in the simulator`)
    console.error(
      JSON.stringify(
        { ...summary, results: summary.results.filter((r: { status: string }) => r.status !== 'synced').slice(0, 5) },
        null,
        2,
      ),
    )
    exitCode = 1
  } else {
    const perStopSale = during.length / count
    const boundMs = (count * 2 * latencyMs) / concurrency
    const ratio = elapsedMs / boundMs
    console.log(`stop sales synced:           ${count.toLocaleString('en')}`)
    console.log(`concurrency:                 ${concurrency}`)
    console.log(`latency per request:         ${latencyMs} ms`)
    console.log(`elapsed:                     ${(elapsedMs / 1000).toFixed(2)} s`)
    console.log(`requests per stop sale:      ${perStopSale.toFixed(3)} (${during.length} requests)`)
    console.log(`writes per stop sale:        ${(writes / count).toFixed(3)} (UpdateStopSale)`)
    console.log(`looks before first sends:    ${looks} (GetStopSaleList), mirror pulls: ${pulls}`)
    console.log(`bound (N × 2 × latency / c): ${(boundMs / 1000).toFixed(2)} s`)
    console.log(`ratio elapsed / bound:       ${ratio.toFixed(3)}`)
    console.log(`main-process RSS:            ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`)
    const ok = perStopSale <= 2.1 && writes === 2 * count && ratio <= 1.3
    console.log(
      `targets (requests per stop sale <= 2.1, writes = 2, ratio <= 1.3): ${ok ? 'met' : 'NOT met'}` +
        ` (requests ${perStopSale <= 2.1 ? 'ok' : 'off'}, writes ${writes === 2 * count ? 'ok' : 'off'},` +
        ` ratio ${ratio <= 1.3 ? 'ok' : 'off'})`,
    )
  }
} finally {
  await ctx.close()
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
}
process.exit(exitCode)
