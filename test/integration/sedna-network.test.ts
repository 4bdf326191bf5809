/**
 * Sedna's network cannot hang or flood the app: every request has an overall deadline and a cap on
 * the answer's size, calls in flight are cancelled on quit (the item is left safe), and a claim's lease
 * outlasts the longest turn. Against the simulator over real HTTP; timings and memory are printed.
 */
import { rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, SednaClient, type SednaExchange, type UpdateStopSaleBody } from '../../src/main/sedna/client'
import { SednaError } from '../../src/main/sedna/failures'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import { createMemoryStore } from '../../src/main/credentials'
import { createMemoryLogger } from '../../src/main/log'
import { databaseFileIn } from '../../src/main/paths'
import { LEASE_MS, LONGEST_TURN_MS, TURN_REQUESTS } from '../../src/main/outbox/leased-queue'
import { migrationsFolder } from '../harness/server'
import { invoke } from '../support/context'
import { startSyncApp, stopSaleWrites, type SyncApp } from '../support/sync-app'

const MiB = 1024 * 1024
let sim: Simulator | undefined
let app: SyncApp | undefined
const clients: SednaClient[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await sim?.close()
  sim = undefined
  await app?.close()
  app = undefined
})

function client(s: Simulator, overrides: Partial<ConstructorParameters<typeof SednaClient>[0]> = {}) {
  const c = new SednaClient({ baseUrl: s.url, username: 'demo', password: async () => 'demo', env: {}, ...overrides })
  clients.push(c)
  return c
}

async function failure(p: Promise<unknown>): Promise<SednaError> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(SednaError)
    return err as SednaError
  }
  throw new Error('expected a SednaError')
}

/** A phase 1 body (RecId 0, no children) for hotel 18. */
const phase1 = (): UpdateStopSaleBody => ({
  RecId: 0,
  HotelId: 18,
  BeginDate: '2026-01-25T00:00:00',
  EndDate: '2026-01-27T00:00:00',
  DeclareDate: '2025-12-29T09:30:00',
  Active: 0,
  RecordUser: 'Entegrasyon',
  RecordSource: 0,
  StopType: 0,
  Authority: 207,
  RoomRemark: 'STDSV',
  OperatorRemark: '7STAR,',
  BoardRemark: 'AI',
  State: 1,
  StopSaleRooms: [],
  StopSaleOperators: [],
  StopSaleBoards: [],
  StopSaleMarkets: [],
})

describe('overall deadline', () => {
  it('a server that drips one byte every 200 ms fails at the deadline (undici’s per-chunk body timeout never trips)', async () => {
    sim = await startSimulator()
    const exchanges: SednaExchange[] = []
    const c = client(sim, {
      timeouts: { connectMs: 1_000, headersMs: 1_000, bodyMs: 1_000 },
      limits: { write: { maxBytes: MiB, deadlineMs: 1_500 }, list: { maxBytes: MiB, deadlineMs: 2_500 } },
      onExchange: (x) => exchanges.push(x),
    })
    await c.login()
    sim.addFault({ path: 'Contract/UpdateStopSale', fault: { kind: 'drip', intervalMs: 200 } })
    sim.addFault({ path: 'Service2/GetBoardList', fault: { kind: 'drip', intervalMs: 200 } })

    let started = performance.now()
    const write = await failure(c.updateStopSale(phase1()))
    const writeMs = performance.now() - started
    started = performance.now()
    const list = await failure(c.getBoards())
    const listMs = performance.now() - started
    console.log(
      `drip every 200 ms: the write gave up after ${Math.round(writeMs)} ms (deadline 1500), the list after ${Math.round(listMs)} ms (deadline 2500)`,
    )
    // The write was applied before the drip began: its outcome is unknown, never "not sent".
    expect(write).toMatchObject({ kind: 'timeout', delivery: 'unknown', coded: { code: 'sedna.deadline' } })
    expect(write.message).toMatch(/did not finish answering Contract\/UpdateStopSale within 1\.5 s/)
    expect(list).toMatchObject({ kind: 'timeout', coded: { code: 'sedna.deadline', params: { seconds: 2.5 } } })
    expect(writeMs).toBeGreaterThanOrEqual(1_450)
    expect(writeMs).toBeLessThan(3_000)
    expect(listMs).toBeGreaterThanOrEqual(2_450)
    expect(listMs).toBeLessThan(4_000)
    // Recorded like any other outcome, with the status that had arrived.
    expect(exchanges.at(-1)).toMatchObject({ status: 200, error: { kind: 'timeout', delivery: 'unknown' } })
    expect(sim.stopSales()).toHaveLength(1)
  })

  it('the login has a deadline too', async () => {
    sim = await startSimulator()
    sim.addFault({ path: 'Integratiion/AgencyLogin', fault: { kind: 'drip', intervalMs: 100 } })
    const started = performance.now()
    const err = await failure(
      client(sim, { limits: { write: { maxBytes: MiB, deadlineMs: 800 } }, timeouts: { bodyMs: 5_000 } }).login(),
    )
    expect(err).toMatchObject({ kind: 'timeout', coded: { code: 'sedna.deadline' } })
    expect(performance.now() - started).toBeLessThan(2_500)
  })

  it('a dripping phase 1 leaves the stop sale queued as unknown; the next turn looks it up and adopts it (one record)', async () => {
    app = await startSyncApp({ sednaLimits: { write: { maxBytes: MiB, deadlineMs: 1_000 } } })
    const [id] = app.add({})
    app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [1], fault: { kind: 'drip', intervalMs: 100 } })
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [id] })).toMatchObject({ queued: 1 })
    expect(app.row(id!)).toMatchObject({ status: 'creating', sedna_rec_id: null })
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [id] })).toMatchObject({ synced: 1 })
    expect(app.sim.stopSales()).toHaveLength(1)
    expect(stopSaleWrites(app.sim)).toHaveLength(2) // the dripped phase 1 (applied) and phase 2
  })
})

describe('answer size cap', () => {
  /** Runs `call`, sampling memory every 5 ms; the peak growth over the start, in MiB. */
  async function peakGrowth(call: () => Promise<unknown>) {
    global.gc?.()
    const before = process.memoryUsage()
    const peak = { rss: 0, heap: 0, buffers: 0 }
    const sample = () => {
      const m = process.memoryUsage()
      peak.rss = Math.max(peak.rss, m.rss - before.rss)
      peak.heap = Math.max(peak.heap, m.heapUsed - before.heapUsed)
      peak.buffers = Math.max(peak.buffers, m.arrayBuffers - before.arrayBuffers)
    }
    const timer = setInterval(sample, 5)
    const started = performance.now()
    let outcome: unknown
    try {
      await call()
    } catch (err) {
      outcome = err
    } finally {
      clearInterval(timer)
      sample()
    }
    const mib = (n: number) => Math.round((n / MiB) * 10) / 10
    return {
      outcome,
      ms: Math.round(performance.now() - started),
      rss: mib(peak.rss),
      heap: mib(peak.heap),
      buffers: mib(peak.buffers),
    }
  }

  it('a 200 MB list answer is refused at the 64 MiB cap, and memory grows by a fraction of it', async () => {
    sim = await startSimulator()
    const c = client(sim)
    await c.login()
    sim.addFault({ path: 'Service2/GetBoardList', fault: { kind: 'huge', bytes: 200 * 1000 * 1000 } })
    const m = await peakGrowth(() => c.getBoards())
    console.log(
      `200 MB list answer, default cap ${DEFAULT_LIMITS.list.maxBytes / MiB} MiB: refused after ${m.ms} ms; peak growth RSS ${m.rss} MiB, heap ${m.heap} MiB, buffers ${m.buffers} MiB`,
    )
    const err = m.outcome as SednaError
    expect(err).toBeInstanceOf(SednaError)
    expect(err).toMatchObject({
      kind: 'malformed',
      delivery: 'rejected',
      coded: { code: 'sedna.tooLarge', params: { limit: '64 MiB' } },
    })
    expect(err.message).toMatch(/larger than the 64 MiB the app accepts/)
    // Reading it whole took about 1.6 GB before; now at most the cap is held.
    expect(m.rss).toBeLessThan(160)
    expect(m.heap).toBeLessThan(100)
  })

  it('a 200 MB answer to a write is refused at the 1 MiB cap (outcome unknown: it was applied)', async () => {
    sim = await startSimulator()
    const c = client(sim)
    await c.login()
    sim.addFault({ path: 'Contract/UpdateStopSale', fault: { kind: 'huge', bytes: 200 * 1000 * 1000 } })
    const m = await peakGrowth(() => c.updateStopSale(phase1()))
    console.log(
      `200 MB write answer, cap 1 MiB: refused after ${m.ms} ms; peak growth RSS ${m.rss} MiB, heap ${m.heap} MiB, buffers ${m.buffers} MiB`,
    )
    expect(m.outcome).toMatchObject({
      kind: 'malformed',
      delivery: 'unknown',
      coded: { code: 'sedna.tooLarge', params: { limit: '1 MiB' } },
    })
    expect((m.outcome as Error).message).toMatch(/may have been applied/)
    expect(m.rss).toBeLessThan(40)
    expect(sim.stopSales()).toHaveLength(1)
  })

  it('an announced Content-Length past the cap is refused before reading the body', async () => {
    sim = await startSimulator()
    const exchanges: SednaExchange[] = []
    const c = client(sim, {
      limits: { list: { maxBytes: 64 * 1024, deadlineMs: 5_000 } },
      onExchange: (x) => exchanges.push(x),
    })
    await c.login()
    sim.addFault({
      path: 'Service2/GetBoardList',
      fault: { kind: 'huge', bytes: 50 * 1000 * 1000, contentLength: true },
    })
    const m = await peakGrowth(() => c.getBoards())
    console.log(`50 MB announced, cap 64 KiB: refused after ${m.ms} ms; peak growth RSS ${m.rss} MiB`)
    expect(m.outcome).toMatchObject({
      kind: 'malformed',
      coded: { code: 'sedna.tooLarge', params: { limit: '64 KiB' } },
    })
    expect(exchanges.at(-1)).toMatchObject({ status: 200, error: { kind: 'malformed' } })
    expect(m.ms).toBeLessThan(2_000)
  })
})

describe('quitting', () => {
  it('close() with a call hanging returns within the grace; the stop sale is left queued as unknown, then sent once', async () => {
    app = await startSyncApp({
      sednaTimeouts: { connectMs: 1_000, headersMs: 60_000, bodyMs: 60_000 },
      sync: { closeGraceMs: 1_000 },
    })
    const { sim: s, dataDir } = app
    const [id] = app.add({})
    s.addFault({ path: 'Contract/UpdateStopSale', calls: [1], fault: { kind: 'hang' } })
    const pending = invoke(app.ctx, 'sync.stopSales', { ids: [id] }).catch((err: unknown) => err)
    while (stopSaleWrites(s).length === 0) await new Promise((r) => setTimeout(r, 20))

    const started = performance.now()
    await app.ctx.close()
    const closeMs = performance.now() - started
    console.log(`close() with phase 1 hanging: returned after ${Math.round(closeMs)} ms (grace 1000 ms)`)
    expect(closeMs).toBeGreaterThanOrEqual(900)
    expect(closeMs).toBeLessThan(3_000)
    await pending

    // As the engine recorded it: phase 1 may have landed, so the next turn must look before resending.
    const file = new Database(databaseFileIn(dataDir), { readonly: true })
    try {
      expect(file.prepare('select * from stop_sales where id = ?').get(id)).toMatchObject({
        status: 'creating',
        sedna_rec_id: null,
        claimed_by: null,
        last_error: expect.stringMatching(/stopped before it finished/),
      })
      expect(file.prepare('select phase, outcome from sync_attempts where stop_sale_id = ?').all(id)).toEqual([
        { phase: 'lookup', outcome: 'ok' }, // before the first send
        { phase: 'phase1', outcome: 'unknown' },
      ])
    } finally {
      file.close()
    }

    // Reopened: the look-up finds nothing (the hang never applied it) and it is created exactly once.
    const closed = app
    app = undefined
    const { openAppContext } = await import('../../src/main/app-context')
    const reopened = await openAppContext({
      dataDir,
      migrationsFolder,
      version: 'test',
      logger: createMemoryLogger(),
      credentials: createMemoryStore([[{ profileId: closed.profileId, baseUrl: s.url, username: 'demo' }, 'demo']]),
      env: {},
    })
    try {
      expect(await invoke(reopened, 'sync.stopSales', { ids: [id] })).toMatchObject({ synced: 1 })
      expect(s.stopSales()).toHaveLength(1)
      expect(stopSaleWrites(s)).toHaveLength(3) // the hung phase 1, phase 1 again after the look-up, phase 2
    } finally {
      await reopened.close()
      await s.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('claim lease', () => {
  it('outlasts the longest turn, derived from the client’s deadlines', () => {
    const turnMs = (t: { logins: number; writes: number; lists: number }) =>
      (t.logins + t.writes) * DEFAULT_LIMITS.write.deadlineMs + t.lists * DEFAULT_LIMITS.list.deadlineMs
    for (const turn of Object.values(TURN_REQUESTS)) expect(LONGEST_TURN_MS).toBeGreaterThan(turnMs(turn))
    expect(LEASE_MS).toBeGreaterThan(LONGEST_TURN_MS)
    console.log(`longest turn ${Math.round(LONGEST_TURN_MS / 60_000)} min → lease ${Math.round(LEASE_MS / 60_000)} min`)
    // A client refuses a deadline past the default, so the lease cannot be outrun by configuration.
    expect(
      () =>
        new SednaClient({
          baseUrl: 'http://127.0.0.1:9/x',
          username: 'u',
          password: async () => 'p',
          limits: { list: { maxBytes: MiB, deadlineMs: DEFAULT_LIMITS.list.deadlineMs + 1 } },
        }),
    ).toThrow(RangeError)
  })

  /** The requests made since `from`, by kind. */
  const countSince = (s: Simulator, from: number) => {
    // Not the connectivity probe (a GET of the base address): it is no part of a turn.
    const requests = s
      .requests()
      .slice(from)
      .filter((r) => /\/api\//i.test(r.path))
    const logins = requests.filter((r) => /AgencyLogin/i.test(r.path)).length
    const lists = requests.filter((r) => /GetStopSaleList|GetReservations|GetReservationByVoucher/i.test(r.path)).length
    return { logins, lists, writes: requests.length - logins - lists }
  }

  it('the worst stop-sale turn makes no more requests than counted', async () => {
    app = await startSyncApp()
    const [id] = app.add({})
    const sync = () => invoke(app!.ctx, 'sync.stopSales', { ids: [id] })
    app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [1], fault: { kind: 'reset' } })
    expect(await sync()).toMatchObject({ queued: 1 })
    // A fresh client without the operator id, and a 401 on every call's first try: login, look-up,
    // phase 1 and phase 2, each with its re-login.
    app.ctx.database.sqlite.prepare('update sedna_profiles set operator_id = null').run()
    await app.ctx.connections.invalidate(app.profileId)
    for (const [path, calls] of [
      ['Integratiion/GetStopSaleList', [2]], // the 1st was the look before the first send
      ['Contract/UpdateStopSale', [2, 4]],
    ] as const) {
      app.sim.addFault({ path, calls: [...calls], fault: { kind: 'status', status: 401 } })
    }
    const from = app.sim.requests().length
    expect(await sync()).toMatchObject({ synced: 1 })
    const seen = countSince(app.sim, from)
    console.log('worst stop-sale turn:', seen, 'counted:', TURN_REQUESTS.stopSale)
    expect(seen).toEqual({ logins: 4, lists: 2, writes: 4 })
    expect(seen.logins).toBeLessThanOrEqual(TURN_REQUESTS.stopSale.logins)
    expect(seen.lists).toBeLessThanOrEqual(TURN_REQUESTS.stopSale.lists)
    expect(seen.writes).toBeLessThanOrEqual(TURN_REQUESTS.stopSale.writes)
  })

  it('the worst reservation turn makes no more requests than counted', async () => {
    app = await startSyncApp()
    const preview = await invoke(app.ctx, 'reservationImport.preview', {
      fileName: 'r.json',
      contentBase64: Buffer.from(
        JSON.stringify([
          {
            voucher_no: 'LEASE1',
            hotel_name: 'Mandarin Resort',
            check_in: '2026-07-10',
            check_out: '2026-07-17',
            room_type: 'STDSV',
            board_type: 'AI',
            adults: 1,
            children: 0,
            guests: [{ title: 'Mr', first_name: 'Ali', last_name: 'Veli', nationality: 'TR' }],
            source_email_id: 1,
          },
        ]),
      ).toString('base64'),
    })
    const [id] = (await invoke(app.ctx, 'reservationImport.commit', { importId: preview.importId })).ids
    const sync = () => invoke(app!.ctx, 'sync.reservations', { ids: [id] })
    app.sim.addFault({ path: 'Integratiion/InsertReservation', calls: [1], fault: { kind: 'reset' } })
    expect(await sync()).toMatchObject({ queued: 1 })
    app.ctx.database.sqlite.prepare('update sedna_profiles set operator_id = null').run()
    await app.ctx.connections.invalidate(app.profileId)
    // Look-up (401, re-login, unreadable → by voucher: 401, re-login), a refused send, the look-up again.
    const unauthorized = { kind: 'status', status: 401 } as const
    // (GetReservations' first call was the look before the first send.)
    app.sim.addFault({ path: 'Integratiion/GetReservations', calls: [2, 4], fault: unauthorized })
    app.sim.addFault({ path: 'Integratiion/GetReservations', calls: [3, 5], fault: { kind: 'non-json' } })
    app.sim.addFault({ path: 'Reservation/GetReservationByVoucher', calls: [1, 3], fault: unauthorized })
    app.sim.addFault({
      path: 'Integratiion/InsertReservation',
      calls: [2],
      fault: { kind: 'error-type', message: 'Hata' },
    })
    const from = app.sim.requests().length
    expect(await sync()).toMatchObject({ failed: 1 })
    const seen = countSince(app.sim, from)
    console.log('worst reservation turn:', seen, 'counted:', TURN_REQUESTS.reservation)
    expect(seen).toEqual({ logins: 5, lists: 8, writes: 1 })
    expect(seen.logins).toBeLessThanOrEqual(TURN_REQUESTS.reservation.logins)
    expect(seen.lists).toBeLessThanOrEqual(TURN_REQUESTS.reservation.lists)
    expect(seen.writes).toBeLessThanOrEqual(TURN_REQUESTS.reservation.writes)
  })
})
