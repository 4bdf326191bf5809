/**
 * The queue view (queue.list, queue.tryNow) over the real services, a real SQLite file and the
 * simulator over real HTTP: what waits (stop sales and reservations, from one service), why, when it is
 * tried next, and "try now".
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import type { QueueList } from '../../src/shared/queue'
import { invoke } from '../support/context'
import { importReservations, startSyncApp, type SyncApp } from '../support/sync-app'
import { worded } from '../support/words'

let app: SyncApp | undefined
let restarted: Simulator | undefined
afterEach(async () => {
  await app?.close()
  await restarted?.close()
  app = restarted = undefined
})

const queue = (input: Record<string, unknown> = {}): Promise<QueueList> => invoke(app!.ctx, 'queue.list', input)
const sql = (text: string, ...params: unknown[]) => app!.ctx.database.sqlite.prepare(text).run(...params)
const statusOf = (id: number) => app!.row(id).status
/** "Sync" on these stop sales, as the list's button does; answers when each is synced, parked or queued. */
const sync = (ids: number[]) => app!.ctx.services.sync.syncStopSales(ids)

describe('queue.list', () => {
  it('is empty when nothing waits; pending, synced and parked stop sales are not in the queue', async () => {
    app = await startSyncApp()
    const [pending, synced, failed, attention] = app.add(
      {},
      { firstNight: '2026-02-01', lastNight: '2026-02-02' },
      { firstNight: '2026-03-01', lastNight: '2026-03-02' },
      { firstNight: '2026-04-01', lastNight: '2026-04-02' },
    )
    sql("update stop_sales set status = 'synced', sedna_rec_id = 900001 where id = ?", synced)
    sql("update stop_sales set status = 'failed', last_error = 'Sedna refused it' where id = ?", failed)
    sql("update stop_sales set status = 'needs_attention' where id = ?", attention)
    expect(statusOf(pending!)).toBe('pending')
    expect(await queue()).toMatchObject({
      items: [],
      total: 0,
      running: false,
      parked: {
        stopSales: { needsAttention: 1, needsReview: 0, failed: 1 },
        reservations: { needsAttention: 0, needsReview: 0, failed: 0 },
      },
    })
  })

  it('Sedna unreachable: the stop sales wait for it, with the reason, the attempts and a next try', async () => {
    app = await startSyncApp()
    const ids = app.add({}, { firstNight: '2026-04-01', lastNight: '2026-04-02' })
    await app.sim.close()
    expect(await sync(ids)).toMatchObject({ queued: 2, connectivity: 'offline' })

    const q = await queue()
    expect(q).toMatchObject({ total: 2, connectivity: 'offline', running: false })
    expect(q.items.map((i) => i.id).sort()).toEqual([...ids].sort())
    for (const item of q.items) {
      // Queued: the look in Sedna before the first send found Sedna unreachable, so nothing was sent.
      expect(item.status).toBe('queued')
      expect(item).toMatchObject({
        kind: 'stopSale',
        hotelName: 'Mandarin Resort',
        state: 'waiting-for-sedna',
        why: { code: 'queue.why.waitingForSedna' },
        roomCodes: ['STDSV'],
        sednaRecId: null,
        actions: ['tryNow'],
      })
      // In Sedna's words as the client put them (refused, or a kept-alive connection that broke).
      expect(worded(item.lastError)).toMatch(/Sedna.*127\.0\.0\.1/)
      expect(item.attempts).toBe(0)
      expect(Date.parse(item.nextAttemptAt!)).toBeGreaterThan(Date.parse(item.lastAttemptAt!) - 1)
    }
    // In the order the sync takes them: next try first.
    const next = q.items.map((i) => i.nextAttemptAt!)
    expect(next).toEqual([...next].sort())
  })

  it('Sedna asks to wait (503, Retry-After): the next try is that far away; "try now" sends it at once', async () => {
    app = await startSyncApp()
    app.sim.addFault({
      path: 'Contract/UpdateStopSale',
      calls: [1],
      fault: { kind: 'status', status: 503, retryAfterSeconds: 3_600 },
    })
    const [late, other] = app.add({}, { firstNight: '2026-05-01', lastNight: '2026-05-03' })
    const before = Date.now()
    await sync([late!])
    const [item] = (await queue()).items
    expect(item).toMatchObject({ id: late, state: 'retry-later', attempts: 1, why: { code: 'queue.why.retryLater' } })
    expect(item!.lastError).toMatchObject({
      code: 'sednaFailure.busyWait',
      params: { status: 503, unit: 'min', amount: 60 },
    })
    const next = Date.parse(item!.nextAttemptAt!)
    expect(next).toBeGreaterThanOrEqual(before + 3_600_000 - 1_000)
    expect(next).toBeLessThan(Date.now() + 3_600_000 + 60_000)

    // Only waiting stop sales are moved: a pending one and an unknown id are left alone.
    const changed: unknown[] = []
    app.ctx.events.subscribe((name, payload) => name === 'stopSales.changed' && changed.push(payload))
    const tried = await invoke(app.ctx, 'queue.tryNow', {
      items: [late, other, 987_654].map((id) => ({ kind: 'stopSale', id })),
    })
    expect(tried.due).toEqual([{ kind: 'stopSale', id: late }])
    expect(changed[0]).toEqual({ ids: [late] })
    expect(statusOf(other!)).toBe('pending')
    await vi.waitFor(() => expect(statusOf(late!)).toBe('synced'), { timeout: 10_000, interval: 50 })
    expect(app.sim.stopSales()).toHaveLength(1)
    expect(await queue()).toMatchObject({ items: [], total: 0 })
  })

  it('while Sedna is known to be down, every waiting row says so, in its state and in its why alike', async () => {
    app = await startSyncApp()
    const [a, b] = app.add({}, {})
    await app.sim.close()
    expect(await sync([a!])).toMatchObject({ connectivity: 'offline' })
    // Queued after Sedna was found down: not tried yet, and it will not go out before Sedna answers.
    await sync([b!])
    const items = (await queue()).items
    expect(items.map((i) => i.id).sort()).toEqual([a, b].sort())
    for (const item of items) {
      expect(item).toMatchObject({ state: 'waiting-for-sedna', why: { code: 'queue.why.waitingForSedna' } })
    }
  })

  it('"try now" while Sedna seemed down asks it again; when it answers the wait is over', async () => {
    app = await startSyncApp()
    const port = app.sim.port
    const [id] = app.add({})
    await app.sim.close()
    await sync([id!])
    expect((await queue()).items[0]).toMatchObject({ id, state: 'waiting-for-sedna' })

    // Still down: nothing is sent, it keeps waiting (probes are a minute apart in this app).
    const ref = { kind: 'stopSale' as const, id }
    expect(await invoke(app.ctx, 'queue.tryNow', { items: [ref] })).toEqual({ due: [ref], connectivity: 'offline' })
    expect((await queue()).items[0]).toMatchObject({ id, state: 'waiting-for-sedna' })

    restarted = await startSimulator({ port })
    expect(await invoke(app.ctx, 'queue.tryNow', { items: [ref] })).toMatchObject({
      due: [ref],
      connectivity: 'online',
    })
    await vi.waitFor(() => expect(statusOf(id!)).toBe('synced'), { timeout: 10_000, interval: 50 })
    expect((await queue()).total).toBe(0)
    expect(restarted.stopSales()).toHaveLength(1)
  })

  it('tells sending, due and retry-later apart, and pages in the order of the next try', async () => {
    app = await startSyncApp()
    const ids = app.add(
      ...Array.from({ length: 5 }, (_, i) => ({ firstNight: `2026-07-0${i + 1}`, lastNight: `2026-07-0${i + 1}` })),
    )
    const [a, b, c, d, e] = ids as [number, number, number, number, number]
    const soon = new Date(Date.now() + 60_000).toISOString()
    const later = new Date(Date.now() + 120_000).toISOString()
    const lease = new Date(Date.now() + 300_000).toISOString()
    sql("update stop_sales set status = 'queued', next_attempt_at = null where id = ?", a)
    sql(
      "update stop_sales set status = 'creating', next_attempt_at = ?, claimed_by = '1:cli', lease_until = ? where id = ?",
      soon,
      lease,
      b,
    )
    sql(
      "update stop_sales set status = 'created', sedna_rec_id = 823001, attempts = 3, last_error = 'HTTP 502', next_attempt_at = ? where id = ?",
      later,
      c,
    )
    sql("update stop_sales set status = 'queued', next_attempt_at = ?, waiting_for_network = 1 where id = ?", soon, d)
    sql("update stop_sales set status = 'synced' where id = ?", e)

    const all = await queue()
    expect(all.total).toBe(4)
    expect(all.items.map((i) => [i.id, i.state])).toEqual([
      [a, 'due'],
      [b, 'sending'],
      [d, 'waiting-for-sedna'],
      [c, 'retry-later'],
    ])
    // A last error stored before codes keeps its English words.
    expect(all.items[3]).toMatchObject({
      status: 'created',
      sednaRecId: 823001,
      attempts: 3,
      lastError: { code: 'record.stored', params: { text: 'HTTP 502' } },
    })
    expect(all.items.map((i) => i.actions)).toEqual([['tryNow'], [], ['tryNow'], ['tryNow']])
    // Another live process holds b: its pid, and that as the reason.
    expect(all.items[1]).toMatchObject({
      sentByPid: 1,
      why: { code: 'queue.why.sendingElsewhere', params: { pid: 1 } },
    })
    const second = await queue({ limit: 2, offset: 2 })
    expect(second.total).toBe(4)
    expect(second.items.map((i) => i.id)).toEqual([d, c])
  })

  it('a claim whose owner process is gone is not "sending" (the sync may take it at once), as the CLI sees it too', async () => {
    app = await startSyncApp()
    const [live, crashed] = app.add({}, { firstNight: '2026-08-01', lastNight: '2026-08-02' }) as [number, number]
    const lease = new Date(Date.now() + 300_000).toISOString()
    const claim = "update stop_sales set status = 'creating', claimed_by = ?, lease_until = ? where id = ?"
    sql(claim, `${process.ppid}:app`, lease, live) // the parent of this test process: alive
    sql(claim, '4194305:cli', lease, crashed) // above Linux's largest pid: no such process
    const items = (await queue()).items
    expect(items.map((i) => [i.id, i.state])).toEqual([
      [live, 'sending'],
      [crashed, 'due'],
    ])
  })

  it('lists stop sales and reservations together, in the order the sync takes them; "try now" takes either kind', async () => {
    app = await startSyncApp()
    const [stop] = app.add({})
    const [a, b] = await importReservations(app, ['Q-1', 'Q-2'])
    const soon = new Date(Date.now() + 60_000).toISOString()
    const later = new Date(Date.now() + 120_000).toISOString()
    sql("update stop_sales set status = 'queued', next_attempt_at = ? where id = ?", later, stop)
    sql("update reservations set status = 'queued', next_attempt_at = ? where id = ?", soon, a)
    sql(
      "update reservations set status = 'cancelling', sedna_rec_id = 5, cancel_requested_at = ?, waiting_for_network = 1, next_attempt_at = ? where id = ?",
      soon,
      later,
      b,
    )
    const q = await queue()
    expect(q).toMatchObject({ total: 3, waitingStopSales: 1, waitingReservations: 2 })
    expect(q.items.map((i) => [i.kind, i.id, i.state])).toEqual([
      ['reservation', a, 'retry-later'],
      ['stopSale', stop, 'retry-later'],
      ['reservation', b, 'waiting-for-sedna'],
    ])
    expect(q.items[0]).toMatchObject({ kind: 'reservation', voucherNo: 'Q-1', action: 'send', status: 'queued' })
    expect(q.items[2]).toMatchObject({ action: 'cancel', why: { code: 'queue.why.cancelWaitingForSedna' } })
    expect(worded(q.items[0]!.why, 'tr')).toMatch(/^Bir sonraki deneme: \d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d\.$/)

    // "Try now" on a reservation: it goes out at once (and stop sale ids are a separate series).
    const changed: unknown[] = []
    app.ctx.events.subscribe((name, payload) => name === 'reservations.changed' && changed.push(payload))
    const tried = await invoke(app.ctx, 'queue.tryNow', { items: [{ kind: 'reservation', id: a }] })
    expect(tried.due).toEqual([{ kind: 'reservation', id: a }])
    expect(changed[0]).toEqual({ ids: [a] })
    await vi.waitFor(() => expect(reservationStatus(a!)).toBe('synced'), { timeout: 10_000, interval: 50 })
    expect(app.sim.reservations()).toHaveLength(1)
    expect(statusOf(stop!)).toBe('queued')
  })
})

const reservationStatus = (id: number) =>
  (app!.ctx.database.sqlite.prepare('select status from reservations where id = ?').get(id) as { status: string })
    .status
