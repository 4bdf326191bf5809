/**
 * The command line's "send these and wait until each settles" (services.outbox, src/main/outbox/settle.ts)
 * through the real app context, a real SQLite file and the simulator over real HTTP: waiting for what
 * another process sends, Sedna unreachable, a retry later than the wait, a cancel, and a stop request.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/main/app-context'
import { importReservations, startSyncApp, stopSaleWrites, type SyncApp } from '../support/sync-app'
import { worded } from '../support/words'

let app: SyncApp | undefined
let other: AppContext | undefined
afterEach(async () => {
  await other?.close()
  await app?.close()
  app = other = undefined
})

const wait = { maxWaitMs: 10_000, pollMs: 20 }

describe('services.outbox: send and wait until settled', () => {
  it('waits for an item another process is sending, and reports it as that process left it', async () => {
    app = await startSyncApp()
    const { openAppContext } = await import('../../src/main/app-context')
    const { createMemoryStore } = await import('../../src/main/credentials')
    const { createMemoryLogger } = await import('../../src/main/log')
    const { migrationsFolder } = await import('../harness/server')
    other = await openAppContext({
      dataDir: app.dataDir,
      migrationsFolder,
      version: 'other',
      logger: createMemoryLogger(),
      credentials: createMemoryStore([[{ profileId: app.profileId, baseUrl: app.sim.url, username: 'demo' }, 'demo']]),
    })
    const [id] = app.add({})
    expect(app.ctx.services.outbox.unknownIds({ stopSales: [id!, 999], reservations: [5] })).toEqual({
      stopSales: [999],
      reservations: [5],
    })
    // The other process is sending it (phase 1's answer is slow) when this one is asked to.
    app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [1], fault: { kind: 'late-answer', ms: 600 } })
    const elsewhere = other.services.sync.syncStopSales([id!])
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => stopSaleWrites(app!.sim).length && (clearInterval(poll), resolve()), 10)
    })
    const queued = await app.ctx.dispatch('queue.list', {})
    expect(queued).toMatchObject({ ok: true, value: { items: [{ id, state: 'sending' }] } })

    const summary = await app.ctx.services.outbox.send({ stopSales: [id!], reservations: [] }, wait)
    expect(summary).toMatchObject({ synced: 1, queued: 0, handledHere: 0, results: [{ id, status: 'synced' }] })
    await elsewhere
    expect(app.sim.stopSales()).toHaveLength(1)
  })

  it('Sedna unreachable: stops waiting at once, both kinds queued, with why', async () => {
    app = await startSyncApp()
    const [stop] = app.add({})
    const [reservation] = await importReservations(app, ['W-1'])
    await app.sim.close()
    const summary = await app.ctx.services.outbox.sendAll({ ...wait, maxWaitMs: 60_000 })
    expect(summary).toMatchObject({
      queued: 2,
      connectivity: 'offline',
      stopSales: { queued: 1 },
      reservations: { queued: 1 },
      results: [{ id: stop, message: { code: 'queue.why.waitingForSedna' } }],
      reservationResults: [{ id: reservation, voucherNo: 'W-1', message: { code: 'queue.why.waitingForSedna' } }],
    })
    expect(summary.errors.map((e) => [e.kind, e.id, e.label])).toEqual([
      ['stopSale', stop, 'Mandarin Resort'],
      ['reservation', reservation, 'W-1'],
    ])
    expect(app.ctx.services.outbox.waiting()).toEqual({ stopSales: [stop], reservations: [reservation] })
  })

  it('a retry later than the wait counts as queued; "flush" sends what waits and waits for it', async () => {
    app = await startSyncApp()
    const [id] = app.add({})
    app.sim.addFault({
      path: 'Contract/UpdateStopSale',
      calls: [1],
      fault: { kind: 'status', status: 503, retryAfterSeconds: 3_600 },
    })
    const first = await app.ctx.services.outbox.send({ stopSales: [id!], reservations: [] }, wait)
    expect(first).toMatchObject({ queued: 1, results: [{ id, message: { code: 'queue.why.retryLater' } }] })
    expect(worded(first.results[0]!.lastError)).toMatch(/Sedna is busy \(HTTP 503\)\. It asked to wait 60 min\./)

    const flushed = await app.ctx.services.outbox.flush(wait)
    expect(flushed).toMatchObject({ synced: 1, queued: 0, handledHere: 1 })
    expect(app.sim.stopSales()).toHaveLength(1)
  })

  it('cancel waits while the cancellation is still to go out; a stop request ends the wait', async () => {
    app = await startSyncApp()
    const [id] = await importReservations(app, ['X-1'])
    await app.ctx.services.outbox.send({ stopSales: [], reservations: [id!] }, wait)
    const cancelled = await app.ctx.services.outbox.cancel(id!, wait)
    expect(cancelled).toMatchObject({ id, status: 'cancelled', message: { code: 'outbox.cancel.done' } })
    expect(app.sim.reservations()[0]).toMatchObject({ status: 'cancelled' })

    // Asked to stop (SIGINT) while it waits for a retry that falls due within the wait: it stops waiting.
    const [later] = app.add({})
    app.sim.addFault({
      path: 'Contract/UpdateStopSale',
      calls: [1],
      fault: { kind: 'status', status: 503, retryAfterSeconds: 30 },
    })
    const waiting = app.ctx.services.outbox.send(
      { stopSales: [later!], reservations: [] },
      { ...wait, maxWaitMs: 60_000 },
    )
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => app!.row(later!).last_error_code && (clearInterval(poll), resolve()), 10)
    })
    app.ctx.services.outbox.stopAfterCurrent()
    expect(await waiting).toMatchObject({ queued: 1, synced: 0, results: [{ id: later, status: 'queued' }] })
  })
})
