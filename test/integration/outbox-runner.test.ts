/**
 * The one outbox runner's paths that the sync and reservation suites do not reach, through the real app
 * context, a real SQLite file and the simulator over real HTTP: a step that throws, a claim lost after
 * its lease ran out, the concurrency cap, turn-taking between the kinds, "stop after the current ones",
 * and a non-transient 4xx on a write (failed, never retried) against 408/429/5xx (retried).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppContext } from '../../src/main/app-context'
import type { Fault } from '../../src/main/sedna/simulator'
import type { SimRequest } from '../../src/main/sedna/simulator/types'
import { invoke } from '../support/context'
import { importReservations, sednaWrites, startSyncApp, stopSaleWrites, type SyncApp } from '../support/sync-app'
import { worded } from '../support/words'

let app: SyncApp | undefined
let other: AppContext | undefined
afterEach(async () => {
  await other?.close()
  await app?.close()
  app = other = undefined
})

const sql = (text: string, ...params: unknown[]) => app!.ctx.database.sqlite.prepare(text).run(...params)
const reservationRow = (id: number) =>
  app!.ctx.database.sqlite.prepare('select * from reservations where id = ?').get(id) as Record<string, unknown>
const nights = (i: number) => ({
  firstNight: `2026-06-${String(i + 1).padStart(2, '0')}`,
  lastNight: `2026-06-${String(i + 1).padStart(2, '0')}`,
})

/** The most requests the simulator was answering at once (from their arrival and answer times). */
function mostAtOnce(requests: SimRequest[]): number {
  const edges = requests.flatMap((r) => [
    { at: r.at, step: 1 },
    { at: r.answeredAt!, step: -1 },
  ])
  // An answer and an arrival in the same millisecond: the answer first (they did not overlap).
  edges.sort((a, b) => a.at - b.at || a.step - b.step)
  let now = 0
  let most = 0
  for (const e of edges) most = Math.max(most, (now += e.step))
  return most
}

/** A second app context on the same data folder: another process's engine, as the command line would be. */
async function secondApp(a: SyncApp): Promise<AppContext> {
  const { openAppContext } = await import('../../src/main/app-context')
  const { createMemoryStore } = await import('../../src/main/credentials')
  const { createMemoryLogger } = await import('../../src/main/log')
  const { migrationsFolder } = await import('../harness/server')
  return openAppContext({
    dataDir: a.dataDir,
    migrationsFolder,
    version: 'second',
    logger: createMemoryLogger(),
    credentials: createMemoryStore([[{ profileId: a.profileId, baseUrl: a.sim.url, username: 'demo' }, 'demo']]),
    sync: { backoff: { baseMs: 60_000, capMs: 60_000 }, probeIntervalMs: 60_000 },
  })
}

describe('the item runner', () => {
  it('a step that throws is given back for a later try, never lost, and the other items go on', async () => {
    app = await startSyncApp()
    const [bad, good] = app.add({}, nights(1))
    // Phase 1 lands, phase 2 fails: the RecId and the resolution are stored.
    app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [2], fault: { kind: 'http-500' } })
    await invoke(app.ctx, 'sync.stopSales', { ids: [bad] })
    expect(app.row(bad!)).toMatchObject({ status: 'created', sedna_rec_id: expect.any(Number) })
    // The stored resolution is damaged (a bug, a hand edit): building phase 2 now throws a TypeError.
    const stored = app.row(bad!).resolution as string
    sql(`update stop_sales set resolution = '{"ok":true}' where id = ?`, bad)

    const before = Date.now()
    const summary = await invoke(app.ctx, 'sync.stopSales', { ids: [bad, good] })
    // The other stop sale went through; the broken one waits, its claim given back, its RecId kept.
    expect(summary).toMatchObject({ synced: 1, queued: 1, failed: 0 })
    expect(app.row(good!)).toMatchObject({ status: 'synced' })
    expect(app.row(bad!)).toMatchObject({
      status: 'created',
      claimed_by: null,
      last_error_code: 'outbox.crashed',
      sedna_rec_id: app.sim.stopSales()[0]!.RecId,
    })
    expect(Date.parse(app.row(bad!).next_attempt_at as string)).toBeGreaterThan(before + 30_000)
    const history = await invoke(app.ctx, 'stopSales.attempts', { id: bad })
    expect(history.at(-1)).toMatchObject({
      phase: 'phase2',
      outcome: 'unknown',
      message: {
        code: 'outbox.unexpected',
        params: { detail: expect.stringMatching(/^Cannot read properties of undefined/) },
      },
    })

    // Repaired, and tried now: phase 2 goes out on the RecId it had; still one record.
    sql('update stop_sales set resolution = ? where id = ?', stored, bad)
    await invoke(app.ctx, 'queue.tryNow', { items: [{ kind: 'stopSale', id: bad }] })
    await vi.waitFor(() => expect(app!.row(bad!).status).toBe('synced'), { timeout: 10_000, interval: 50 })
    expect(app.sim.stopSales()).toHaveLength(2)
    expect(app.sim.stopSales().find((r) => r.RecId === app!.row(bad!).sedna_rec_id)!.children.rooms).toEqual([63])
  })

  it('a claim lost after its lease ran out: the other worker finishes it, the first one changes nothing more', async () => {
    app = await startSyncApp()
    other = await secondApp(app)
    const [id] = app.add({})
    // Sedna applies phase 1 at once but its answer takes a while to come back.
    app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [1], fault: { kind: 'late-answer', ms: 1_200 } })
    const first = invoke(app.ctx, 'sync.stopSales', { ids: [id] })
    await vi.waitFor(() => expect(app!.sim.stopSales()).toHaveLength(1), { timeout: 5_000, interval: 10 })
    // The first worker's lease runs out while its answer is on the way: the row is free for others.
    sql("update stop_sales set lease_until = '2000-01-01T00:00:00.000Z' where id = ?", id)

    // Another process takes it: phase 1 may have landed, so it looks, adopts the record and finishes it.
    const taken = await invoke(other, 'sync.stopSales', { ids: [id] })
    expect(taken).toMatchObject({ synced: 1 })
    expect(other.sync.engine.lastOutcomes.get(`stopSale:${id}`)).toMatchObject({ kind: 'synced' })

    // The first worker's answer arrives late: storing its RecId is refused, and it sends nothing more.
    await first
    expect(app.ctx.sync.engine.lastOutcomes.get(`stopSale:${id}`)).toEqual({ kind: 'lost-claim' })
    const records = app.sim.stopSales()
    expect(records).toHaveLength(1)
    expect(stopSaleWrites(app.sim)).toHaveLength(2)
    expect(app.row(id!)).toMatchObject({ status: 'synced', sedna_rec_id: records[0]!.RecId, claimed_by: null })
    const phases = (await invoke(app.ctx, 'stopSales.attempts', { id }))
      .map((a: { phase: string; outcome: string }) => `${a.phase}:${a.outcome}`)
      .filter((p: string) => !p.startsWith('login:'))
    // The first worker's look before its first send and its phase 1 (recorded when its answer came), the
    // second's look and phase 2.
    expect(phases.sort()).toEqual(['lookup:ok', 'lookup:ok', 'phase1:ok', 'phase2:ok'])
  })

  it('never more than N items in flight, both kinds in one budget (counted at the simulator)', async () => {
    app = await startSyncApp({ sync: { concurrency: 3 } })
    app.add(...Array.from({ length: 8 }, (_, i) => nights(i)))
    await importReservations(app, ['C-1', 'C-2', 'C-3', 'C-4'])
    for (const path of ['Contract/UpdateStopSale', 'Integratiion/InsertReservation']) {
      app.sim.addFault({ path, fault: { kind: 'latency', ms: 150 } })
    }
    let mostInFlight = 0
    app.ctx.events.subscribe((name, payload) => {
      if (name !== 'sync.progress') return
      const p = payload as { currentIds: number[]; currentReservationIds: number[] }
      mostInFlight = Math.max(mostInFlight, p.currentIds.length + p.currentReservationIds.length)
    })
    expect(await invoke(app.ctx, 'sync.allPending', {})).toMatchObject({ synced: 12 })
    // Each item has one request out at a time, so requests at once = items in flight: the cap, reached.
    expect(mostAtOnce(sednaWrites(app.sim))).toBe(3)
    expect(mostInFlight).toBe(3)
    expect(app.sim.stopSales()).toHaveLength(8)
    expect(app.sim.reservations()).toHaveLength(4)
  })

  it('the kinds take turns: a long queue of stop sales does not keep reservations waiting', async () => {
    app = await startSyncApp({ sync: { concurrency: 1 } })
    app.add(...Array.from({ length: 12 }, (_, i) => nights(i)))
    await importReservations(app, ['T-1', 'T-2'])
    expect(await invoke(app.ctx, 'sync.allPending', {})).toMatchObject({ synced: 14 })
    // Items in the order they went out: a stop sale starts with its phase 1 (RecId 0).
    const items = sednaWrites(app.sim)
      .filter((w) => /InsertReservation$/i.test(w.path) || JSON.parse(w.body).RecId === 0)
      .map((w) => (/InsertReservation$/i.test(w.path) ? 'R' : 'S'))
    expect(items).toHaveLength(14)
    // One at a time, turn about: both reservations are among the first four items, never back to back.
    expect(items.slice(0, 4).filter((k) => k === 'R')).toHaveLength(2)
    expect(items.join('')).not.toMatch(/RR/)
  })

  it('"stop after the current ones" (the screen\'s call): what is in flight finishes, nothing new starts', async () => {
    app = await startSyncApp({ sync: { concurrency: 1 } })
    const ids = app.add(...Array.from({ length: 5 }, (_, i) => nights(i)))
    app.sim.addFault({ path: 'Contract/UpdateStopSale', fault: { kind: 'latency', ms: 300 } })
    const syncing = invoke(app.ctx, 'sync.stopSales', { ids })
    await vi.waitFor(() => expect(stopSaleWrites(app!.sim).length).toBeGreaterThan(0), { timeout: 5_000, interval: 10 })
    expect(await invoke(app.ctx, 'sync.stopAfterCurrent', {})).toEqual({ stopping: true })
    const summary = await syncing
    // The one being sent finished both phases; the others were not started and wait, due.
    expect(summary).toMatchObject({ synced: 1, queued: 4, failed: 0 })
    expect(stopSaleWrites(app.sim)).toHaveLength(2)
    expect(app.sim.stopSales()).toHaveLength(1)
    const waiting = summary.results.filter((r: { status: string }) => r.status !== 'synced')
    expect(waiting.map((r: { status: string }) => r.status)).toEqual(['queued', 'queued', 'queued', 'queued'])
    expect(
      waiting.every((r: { message: unknown }) => worded(r.message as never) === worded({ code: 'queue.why.due' })),
    ).toBe(true)
    const untouched = app.ctx.database.sqlite
      .prepare('select count(*) from stop_sales where attempts = 0')
      .pluck()
      .get()
    expect(untouched).toBe(4)
    // The next Sync sends the rest, each once.
    expect(await invoke(app.ctx, 'sync.stopSales', { ids })).toMatchObject({ synced: 5 })
    expect(app.sim.stopSales()).toHaveLength(5)
    expect(stopSaleWrites(app.sim)).toHaveLength(10)
  })
})

describe('a refusal no retry can fix ends as failed; transient answers stay retries (both kinds)', () => {
  for (const status of [400, 403, 404, 409] as const) {
    it(`HTTP ${status} on a write: failed at once, never retried`, async () => {
      app = await startSyncApp()
      const [stop] = app.add({})
      const [reservation] = await importReservations(app, ['F-1'])
      for (const path of ['Contract/UpdateStopSale', 'Integratiion/InsertReservation']) {
        app.sim.addFault({ path, calls: [1], fault: { kind: 'refused', status } })
      }
      const summary = await invoke(app.ctx, 'sync.allPending', {})
      expect(summary).toMatchObject({ failed: 2, queued: 0, stopSales: { failed: 1 }, reservations: { failed: 1 } })
      const code = status === 404 ? 'sednaFailure.noSuchCall' : 'sednaFailure.refusedHttpSaying'
      // Sedna said it did nothing: no look before the next try, and no try until a person asks.
      expect(app.row(stop!)).toMatchObject({
        status: 'failed',
        next_attempt_at: null,
        phase1_sent_at: null,
        last_error_code: code,
      })
      expect(reservationRow(reservation!)).toMatchObject({
        status: 'failed',
        next_attempt_at: null,
        send_started_at: null,
        last_error_code: code,
      })
      expect(JSON.parse(app.row(stop!).last_error_params as string)).toMatchObject(
        status === 404 ? { action: 'Contract/UpdateStopSale' } : { status },
      )
      expect(app.ctx.sync.engine.nextDue()).toEqual({ dueNow: 0, nextAt: null })
      expect(sednaWrites(app.sim)).toHaveLength(2)
      expect(app.sim.stopSales()).toHaveLength(0)
      expect(app.sim.reservations()).toHaveLength(0)
      const history = await invoke(app.ctx, 'stopSales.attempts', { id: stop })
      expect(history.map((a) => [a.phase, a.outcome, a.httpStatus])).toContainEqual(['phase1', 'failed', status])
      // Web API's 404 quotes the request URI: InsertReservation's query password never gets stored.
      const stored = JSON.stringify(app.ctx.database.sqlite.prepare('select * from reservation_attempts').all())
      expect(stored).not.toMatch(/password=demo/)

      // A person presses Sync again: each goes out once.
      expect(await invoke(app.ctx, 'sync.allPending', {})).toMatchObject({ synced: 0 })
      expect(await invoke(app.ctx, 'sync.stopSales', { ids: [stop] })).toMatchObject({ synced: 1 })
      expect(await invoke(app.ctx, 'sync.reservations', { ids: [reservation] })).toMatchObject({ synced: 1 })
      expect(app.sim.stopSales()).toHaveLength(1)
      expect(app.sim.reservations()).toHaveLength(1)
    })
  }

  const transient: Array<[string, Fault]> = [
    ['HTTP 408', { kind: 'status', status: 408 }],
    ['HTTP 429', { kind: 'status', status: 429 }],
    ['HTTP 500', { kind: 'http-500' }],
    ['HTTP 502', { kind: 'status', status: 502 }],
    ['HTTP 503', { kind: 'status', status: 503 }],
    ['HTTP 504', { kind: 'status', status: 504 }],
  ]
  for (const [name, fault] of transient) {
    it(`${name} on a write: waits for a retry, then goes out exactly once`, async () => {
      app = await startSyncApp()
      const [stop] = app.add({})
      const [reservation] = await importReservations(app, ['T-1'])
      for (const path of ['Contract/UpdateStopSale', 'Integratiion/InsertReservation']) {
        app.sim.addFault({ path, calls: [1], fault })
      }
      const summary = await invoke(app.ctx, 'sync.allPending', {})
      expect(summary).toMatchObject({ failed: 0, queued: 2 })
      expect(['queued', 'creating']).toContain(app.row(stop!).status)
      expect(['queued', 'sending']).toContain(reservationRow(reservation!).status)
      expect(app.row(stop!).next_attempt_at).not.toBeNull()
      expect(reservationRow(reservation!).next_attempt_at).not.toBeNull()
      expect(app.row(stop!).last_error_code).toMatch(/^(sednaFailure\.|outbox\.willLook)/)

      // Tried again (as "try all now"): one record each, whatever the first answer left unknown.
      await invoke(app.ctx, 'sync.retryNow', {})
      await vi.waitFor(
        () => {
          expect(app!.row(stop!).status).toBe('synced')
          expect(reservationRow(reservation!).status).toBe('synced')
        },
        { timeout: 10_000, interval: 50 },
      )
      expect(app.sim.stopSales()).toHaveLength(1)
      expect(app.sim.reservations()).toHaveLength(1)
    })
  }
})
