/**
 * How long the mirror takes to become usable, and what it costs: N stop sales with their children in the
 * simulator (typed in by hand over the past 90 days, nights spread over the pull window), latency per
 * request, then the first (full) pull through the real app context — time, requests, peak memory sampled
 * every 5 ms — then M records edited in Sedna's screens and a 'changes' pull: its time, requests, counts.
 * The simulator runs in a child process so the memory figures are the app's alone. Prints figures;
 * asserts nothing, but exits 1 if the mirror does not hold the N records or the M changes.
 * Usage: npm run bench:pull [-- --count N --latency MS --chunk-months K --changes M]
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string', default: '20000' },
    latency: { type: 'string', default: '50' },
    'chunk-months': { type: 'string', default: '' },
    changes: { type: 'string', default: '100' },
    'sim-child': { type: 'boolean', default: false },
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
const latencyMs = positiveInt('latency', flags.latency, 0)
const changes = Math.min(count, positiveInt('changes', flags.changes, 1))

type FromChild =
  | { ready: { url: string; children: number } }
  | { edited: { recId: number; endDate: string; rooms: number[] }[] }
  | { requests: { lists: number; logins: number; all: number } }

if (flags['sim-child']) await simulatorChild()
else await bench()

/** The child: the simulator, filled; edits and request counts on the parent's messages. */
async function simulatorChild() {
  const { startSimulator, defaultSeed } = await import('../src/main/sedna/simulator')
  const seed = defaultSeed()
  const day = 86_400_000
  const realNow = Date.now()
  let clock = realNow - 90 * day
  const sim = await startSimulator({ latencyMs, clock: () => clock })
  const hotels = seed.hotels.filter((h) => h.active)
  const boards = seed.boards.map((b) => b.id)
  const today = Date.UTC(new Date().getFullYear(), new Date().getMonth(), new Date().getDate())
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  let children = 0
  for (let i = 0; i < count; i++) {
    clock = realNow - 90 * day + Math.floor((i * 90 * day) / count)
    const hotel = hotels[i % hotels.length]!
    const first = today + (-29 + Math.floor((i * 540) / count)) * day
    const rooms = hotel.roomTypes.filter((_, k) => (i + k) % 2 === 0).map((r) => r.id)
    const chosen = { rooms, boards: [boards[i % boards.length]!], operators: [571], markets: [10] }
    children += rooms.length + 3
    sim.ui.enterStopSale(i % 3 ? 'ayse' : 'mehmet', {
      HotelId: hotel.id,
      BeginDate: iso(first),
      EndDate: iso(first + (i % 14) * day),
      StopType: i % 5 ? 0 : 1,
      children: chosen,
    })
  }
  // Edits (below) fall on today: the clock is moved to the real time then.
  clock = realNow
  const send = (m: FromChild) => process.send!(m)
  send({ ready: { url: sim.url, children } })
  process.on('message', (m: { edit?: number; requests?: true; close?: true }) => {
    if (m.edit) {
      clock = Date.now()
      const all = sim.stopSales()
      const step = Math.floor(all.length / m.edit)
      const edited = []
      for (let k = 0; k < m.edit; k++) {
        const r = all[k * step]!
        const endDate = iso(Date.parse(`${r.EndDate.slice(0, 10)}T00:00:00Z`) + day)
        const hotelRooms = seed.hotels.find((h) => h.id === r.HotelId)!.roomTypes.map((t) => t.id)
        const after = sim.ui.editStopSale(r.RecId, { EndDate: endDate, children: { rooms: hotelRooms } })
        edited.push({ recId: after.RecId, endDate, rooms: [...after.children.rooms].sort((a, b) => a - b) })
      }
      send({ edited })
    }
    if (m.requests) {
      const log = sim.requests()
      send({
        requests: {
          lists: log.filter((r) => /GetStopSaleListWithUpdateDate/i.test(r.path)).length,
          logins: log.filter((r) => /AgencyLogin/i.test(r.path)).length,
          all: log.length,
        },
      })
    }
    if (m.close) void sim.close().then(() => process.exit(0))
  })
}

function ask<K extends string>(child: ChildProcess, message: object, key: K): Promise<any> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (!(key in m)) return
      child.off('message', on)
      resolve(m[key])
    }
    child.on('message', on)
    if (Object.keys(message).length) child.send(message)
  })
}

/** Peak RSS and heap while `work` runs, sampled every 5 ms. */
async function sampled<T>(work: () => Promise<T>) {
  let rss = 0
  let heap = 0
  const sample = () => {
    const m = process.memoryUsage()
    rss = Math.max(rss, m.rss)
    heap = Math.max(heap, m.heapUsed)
  }
  sample()
  const timer = setInterval(sample, 5)
  try {
    const t = performance.now()
    const value = await work()
    const ms = performance.now() - t
    sample()
    return { value, ms, rss, heap }
  } finally {
    clearInterval(timer)
  }
}

async function bench() {
  const { openAppContext } = await import('../src/main/app-context')
  const { createMemoryStore } = await import('../src/main/credentials')
  const { createMemoryLogger } = await import('../src/main/log')
  const { DEFAULT_CHUNK_MONTHS } = await import('../src/main/mirror/service')
  const chunkMonths = flags['chunk-months'] ? positiveInt('chunk-months', flags['chunk-months'], 1) : undefined

  const child = fork(import.meta.filename, [...process.argv.slice(2), '--sim-child'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const tFill = performance.now()
  const ready = (await ask(child, {}, 'ready')) as { url: string; children: number }
  const fillMs = performance.now() - tFill
  const dir = mkdtempSync(join(tmpdir(), 'sedna-bench-pull-'))
  const ctx = await openAppContext({
    dataDir: dir,
    migrationsFolder: join(import.meta.dirname, '../drizzle'),
    version: 'bench',
    logger: createMemoryLogger(),
    credentials: createMemoryStore(),
    ...(chunkMonths ? { mirror: { chunkMonths } } : {}),
  })
  let exitCode = 0
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`
  const requests = async () => (await ask(child, { requests: true }, 'requests')) as { lists: number; logins: number }
  try {
    const call = async (channel: string, input: unknown): Promise<any> => {
      const r = await ctx.dispatch(channel, input)
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.kind}: ${r.error.message}`)
      return r.value
    }
    const profile = await call('profiles.save', {
      name: 'Bench',
      baseUrl: ready.url,
      username: 'demo',
      password: 'demo',
      operatorCode: '7STAR',
      allowHttp: true,
    })
    await call('profiles.testConnection', { id: profile.id })
    global.gc?.()
    const base = process.memoryUsage()
    const before = await requests()
    const first = await sampled(() => ctx.services.mirror.pull({ profileId: profile.id }))
    const afterFirst = await requests()

    const edited = (await ask(child, { edit: changes }, 'edited')) as {
      recId: number
      endDate: string
      rooms: number[]
    }[]
    const second = await sampled(() => ctx.services.mirror.pull({ profileId: profile.id }))
    const afterSecond = await requests()

    const held = first.value.records
    const wrong = edited.filter((e) => {
      const row = ctx.services.mirror.byRecId(profile.id, e.recId)
      return !row || row.endDate !== e.endDate || JSON.stringify(row.rooms) !== JSON.stringify(e.rooms)
    })
    const withChildren = ctx.database.sqlite
      .prepare(
        'select count(*) from sedna_stop_sales where rooms is not null and boards is not null and operators is not null and markets is not null',
      )
      .pluck()
      .get() as number

    console.log(
      `stop sales in Sedna:          ${count.toLocaleString('en')} (${ready.children.toLocaleString('en')} children), filled in ${(fillMs / 1000).toFixed(1)} s`,
    )
    console.log(`latency per request:          ${latencyMs} ms`)
    console.log(
      `months of nights per request: ${chunkMonths ?? `${DEFAULT_CHUNK_MONTHS} (the default)`}: ${first.value.requests} requests for ${first.value.windowFrom} – ${first.value.windowTo}`,
    )
    console.log('first pull (full): time to a usable mirror')
    console.log(`  elapsed:                    ${(first.ms / 1000).toFixed(2)} s`)
    console.log(
      `  requests:                   ${afterFirst.lists - before.lists} list + ${afterFirst.logins - before.logins} login`,
    )
    console.log(`  received / changed / gone:  ${first.value.received} / ${first.value.changed} / ${first.value.gone}`)
    console.log(`  mirror holds:               ${held} (${withChildren} with all four child lists)`)
    console.log(
      `  peak RSS:                   ${mib(first.rss)} (${mib(first.rss - base.rss)} above the ${mib(base.rss)} before)`,
    )
    console.log(
      `  peak heap used:             ${mib(first.heap)} (${mib(first.heap - base.heapUsed)} above the ${mib(base.heapUsed)} before)`,
    )
    console.log(`second pull ('changes') after ${changes} edits in Sedna's screens`)
    console.log(`  elapsed:                    ${(second.ms / 1000).toFixed(2)} s (since ${second.value.sinceDay})`)
    console.log(
      `  requests:                   ${afterSecond.lists - afterFirst.lists} list + ${afterSecond.logins - afterFirst.logins} login`,
    )
    console.log(
      `  received / changed / gone:  ${second.value.received} / ${second.value.changed} / ${second.value.gone}`,
    )
    console.log(`  edits in the mirror:        ${edited.length - wrong.length} of ${edited.length}`)
    console.log(`  peak RSS / heap used:       ${mib(second.rss)} / ${mib(second.heap)}`)
    if (held !== count || withChildren !== count) {
      console.error(`the mirror holds ${held} records (${withChildren} with children), not ${count}`)
      exitCode = 1
    }
    if (wrong.length || second.value.changed < changes) {
      console.error(`${wrong.length} edits are not in the mirror (changed: ${second.value.changed})`)
      exitCode = 1
    }
  } finally {
    await ctx.close()
    child.send({ close: true })
    rmSync(dir, { recursive: true, force: true })
  }
  process.exit(exitCode)
}
