/**
 * The preview of a sync (#15 item 3): what "Sync" would do, from a fresh look in Sedna (the simulator over
 * HTTP) or the mirror, with nothing written anywhere; then a send of exactly what was previewed, refused
 * whole when a record changed since. Real SQLite, the real services through the dispatcher.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { CallInput, CallName } from '../../src/shared/ipc'
import type { SyncPreview } from '../../src/shared/contracts/calendar'
import { invoke } from '../support/context'
import { importReservations, sednaWrites, startSyncApp, stopSaleWrites, type SyncApp } from '../support/sync-app'

let app: SyncApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** A stop sale at hotel 18 typed in Sedna's own screens: STDSV (63), operator 7STAR (571), AI (1). */
const typedIn = (a: SyncApp, over: Record<string, unknown> = {}) =>
  a.sim.ui.enterStopSale('ayse', {
    HotelId: 18,
    BeginDate: '2026-01-25',
    EndDate: '2026-01-27',
    DeclareDate: '2025-12-29T09:30:00',
    children: { rooms: [63], operators: [571], boards: [1], markets: [10] },
    ...over,
  })

const preview = (a: SyncApp, ids?: number[]) => invoke(a.ctx, 'sync.preview', ids ? { ids } : {})
const previewed = (p: SyncPreview): CallInput<'sync.sendPreviewed'> => ({
  stopSales: p.items.map(({ id, updatedAt }) => ({ id, updatedAt })),
  reservations: p.reservations,
})
const itemOf = (p: SyncPreview, id: number) => p.items.find((i) => i.id === id)!
const looks = (a: SyncApp) => a.sim.requests().filter((r) => /\/GetStopSaleList$/i.test(r.path))
const localRows = (a: SyncApp) => a.ctx.database.sqlite.prepare('select * from stop_sales order by id').all()
/** A refused call: its error code and params. */
async function refusal<N extends CallName>(a: SyncApp, channel: N, input: CallInput<N>) {
  const result = await a.ctx.dispatch(channel, input)
  if (result.ok) throw new Error(`${channel} was not refused`)
  return result.error
}

describe('sync preview', () => {
  it('create vs adopt from a fresh look; nothing written; the send does exactly what was promised', async () => {
    app = await startSyncApp()
    const byHand = typedIn(app)
    const [same, other] = app.add({}, { firstNight: '2026-03-01', lastNight: '2026-03-03' })
    const rowsBefore = localRows(app)
    const requestsBefore = app.sim.requests().length

    const p = await preview(app)
    expect(p).toMatchObject({ create: 1, adopt: 1, update: 0, blocked: 0, fresh: true, notice: null })
    expect(itemOf(p, same!)).toMatchObject({ action: 'adopt', recId: byHand.RecId, overlap: [], reopen: [] })
    expect(itemOf(p, other!)).toMatchObject({ action: 'create', recId: null })
    // One look for the hotel, over the span of its previewed nights; nothing written here or in Sedna.
    const asked = app.sim.requests().slice(requestsBefore)
    expect(asked.filter((r) => /GetStopSaleList$/i.test(r.path))).toHaveLength(1)
    expect(asked.filter((r) => !/GetStopSaleList$|Login/i.test(r.path))).toEqual([])
    expect(stopSaleWrites(app.sim)).toHaveLength(0)
    expect(localRows(app)).toEqual(rowsBefore)

    // A record imported after the preview is not part of its send.
    const [later] = app.add({ firstNight: '2026-04-01', lastNight: '2026-04-02' })
    const sent = await invoke(app.ctx, 'sync.sendPreviewed', previewed(p))
    expect(sent).toMatchObject({ synced: 2 })
    expect(sent.results.map((r) => r.id).sort()).toEqual([same, other].sort())
    expect(app.row(later!).status).toBe('pending')
    // The promise kept: one record created (phase 1 + phase 2), the adopted one written nothing.
    expect(stopSaleWrites(app.sim)).toHaveLength(2 * p.create)
    expect(app.sim.stopSales()).toHaveLength(1 + p.create)
    expect(app.row(same!)).toMatchObject({ status: 'synced', sedna_rec_id: byHand.RecId })
  })

  it('two of ours with the same scope and one record in Sedna: one adopts it, the other is created', async () => {
    app = await startSyncApp()
    const byHand = typedIn(app)
    const [first, second] = app.add({}, {})
    const p = await preview(app)
    expect(p).toMatchObject({ adopt: 1, create: 1 })
    expect(itemOf(p, first!)).toMatchObject({ action: 'adopt', recId: byHand.RecId })
    expect(itemOf(p, second!)).toMatchObject({ action: 'create', recId: null })
    await invoke(app.ctx, 'sync.sendPreviewed', previewed(p))
    expect(app.sim.stopSales()).toHaveLength(1 + p.create)
  })

  it('overlap with the nights in common; blocked when unresolved; update when it has its RecId', async () => {
    app = await startSyncApp()
    const wide = typedIn(app, { BeginDate: '2026-01-20', EndDate: '2026-01-26' })
    typedIn(app, {
      BeginDate: '2026-01-20',
      EndDate: '2026-01-31',
      children: { rooms: [1364], operators: [571], boards: [1], markets: [10] },
    })
    typedIn(app, {
      BeginDate: '2026-01-27',
      EndDate: '2026-01-27',
      children: { rooms: [63], operators: [3], boards: [1], markets: [10] },
    })
    // Sent once, then refused on phase 2: failed, with its RecId (a sync sends phase 2 again).
    const [withRecId] = app.add({ firstNight: '2026-05-01', lastNight: '2026-05-02' })
    app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [2], fault: { kind: 'refused', status: 400 } })
    await invoke(app.ctx, 'sync.stopSales', { ids: [withRecId!] })
    const recId = app.row(withRecId!).sedna_rec_id as number
    expect(recId).toBeGreaterThan(0)
    const [overlapping, unknown] = app.add({}, { roomCodes: ['NOPE'] })

    const p = await preview(app, [overlapping!, unknown!, withRecId!])
    expect(p).toMatchObject({ create: 1, adopt: 0, update: 1, blocked: 1 })
    // Another room (1364) and another operator's record (3) are no overlap of ours.
    expect(itemOf(p, overlapping!)).toMatchObject({
      action: 'create',
      overlap: [{ recId: wide.RecId, nights: ['2026-01-25', '2026-01-26'] }],
    })
    expect(p.overlap).toEqual([{ id: overlapping, recIds: [wide.RecId], nights: ['2026-01-25', '2026-01-26'] }])
    expect(itemOf(p, unknown!)).toMatchObject({ action: 'blocked', reason: { code: 'resolution.needsMapping' } })
    expect(itemOf(p, withRecId!)).toMatchObject({ action: 'update', recId, overlap: [] })
  })

  it('an open-sale inside a stop reopens those nights; a stop then an open in the same preview too', async () => {
    app = await startSyncApp()
    typedIn(app, { BeginDate: '2026-01-20', EndDate: '2026-01-31', DeclareDate: '2025-12-20T08:00:00' })
    const [inside, stop, openAfter, openBefore] = app.add(
      { kind: 'open', firstNight: '2026-01-25', lastNight: '2026-01-27' },
      { firstNight: '2026-03-01', lastNight: '2026-03-05', roomCodes: [] },
      {
        kind: 'open',
        firstNight: '2026-03-02',
        lastNight: '2026-03-03',
        sourceReceivedAt: '2025-12-30T10:00:00+03:00',
      },
      // Declared before the stop: the stop, sent in the same go, wins over it; nothing reopens.
      {
        kind: 'open',
        firstNight: '2026-03-05',
        lastNight: '2026-03-06',
        sourceReceivedAt: '2025-12-28T10:00:00+03:00',
      },
    )
    const p = await preview(app)
    expect(p).toMatchObject({ create: 4, blocked: 0 })
    expect(itemOf(p, inside!).reopen).toEqual(['2026-01-25', '2026-01-26', '2026-01-27'])
    expect(itemOf(p, openAfter!).reopen).toEqual(['2026-03-02', '2026-03-03'])
    expect(itemOf(p, openBefore!).reopen).toEqual([])
    expect(itemOf(p, stop!).reopen).toEqual([])
    expect(p.reopen).toEqual([
      { id: inside, nights: ['2026-01-25', '2026-01-26', '2026-01-27'] },
      { id: openAfter, nights: ['2026-03-02', '2026-03-03'] },
    ])
    expect(stopSaleWrites(app.sim)).toHaveLength(0)
  })

  it('Sedna unreachable: the mirror answers, fresh false with a notice; still nothing written', async () => {
    app = await startSyncApp()
    const byHand = typedIn(app, { BeginDate: '2027-03-10', EndDate: '2027-03-12' })
    await invoke(app.ctx, 'mirror.pull', { full: true })
    app.sim.addFault({ path: 'Integratiion/GetStopSaleList', fault: { kind: 'reset' } })
    const [same, other] = app.add(
      { firstNight: '2027-03-10', lastNight: '2027-03-12' },
      { firstNight: '2027-03-11', lastNight: '2027-03-14' },
    )
    const rowsBefore = localRows(app)
    const p = await preview(app)
    expect(p).toMatchObject({ fresh: false, adopt: 1, create: 1, notice: { code: 'preview.mirrorOnly' } })
    expect(p.notice!.params).toMatchObject({ hotels: 'Mandarin Resort', count: 1 })
    expect(p.mirrorPulledAt).not.toBeNull()
    expect(itemOf(p, same!)).toMatchObject({ action: 'adopt', recId: byHand.RecId })
    expect(itemOf(p, other!).overlap).toEqual([{ recId: byHand.RecId, nights: ['2027-03-11', '2027-03-12'] }])
    expect(looks(app).length).toBeGreaterThan(0)
    expect(stopSaleWrites(app.sim)).toHaveLength(0)
    expect(localRows(app)).toEqual(rowsBefore)
    // The preview's failed look does not mark Sedna unreachable: the send right after it tries for itself.
    expect(app.ctx.sync.connectivity.state).not.toBe('offline')
  })

  it('refuses the send, sending nothing, when a previewed record changed since (a mapping released it)', async () => {
    app = await startSyncApp()
    const [parked] = app.add({ roomCodes: ['XXX'], firstNight: '2026-06-01', lastNight: '2026-06-02' })
    await invoke(app.ctx, 'sync.stopSales', { ids: [parked!] })
    expect(app.row(parked!).status).toBe('needs_attention')
    const [fine] = app.add({})
    const p = await preview(app, [fine!, parked!])
    expect(p).toMatchObject({ create: 1, blocked: 1 })

    await invoke(app.ctx, 'mappings.setRoom', { hotelId: 18, code: 'XXX', roomTypeId: 1389 })
    expect(app.row(parked!).status).toBe('pending')
    const before = app.sim.requests().length
    const error = await refusal(app, 'sync.sendPreviewed', previewed(p))
    expect(error).toMatchObject({ kind: 'conflict', code: 'preview.stale', params: { count: 1 } })
    expect(app.sim.requests().slice(before)).toEqual([])
    expect(app.row(fine!).status).toBe('pending')
    expect(app.row(parked!).status).toBe('pending')
  })

  it('all pending lists the pending reservations too, and sends them; a synced stop sale is not sent again', async () => {
    app = await startSyncApp()
    const [done] = app.add({ firstNight: '2026-05-01', lastNight: '2026-05-02' })
    await invoke(app.ctx, 'sync.stopSales', { ids: [done!] })
    expect(app.row(done!).status).toBe('synced')
    const [reservation] = await importReservations(app, ['V-PREVIEW-1'])
    const [stop] = app.add({})

    const selection = await preview(app, [done!, stop!])
    expect(selection.reservations).toEqual([])
    expect(itemOf(selection, done!)).toMatchObject({
      action: 'blocked',
      reason: { code: 'preview.notSendable', params: { status: 'synced' } },
    })
    const all = await preview(app)
    expect(all.items.map((i) => i.id)).toEqual([stop])
    expect(all.reservations).toEqual([{ id: reservation, updatedAt: expect.any(String) }])
    const sent = await invoke(app.ctx, 'sync.sendPreviewed', previewed(all))
    expect(sent).toMatchObject({ synced: 2, stopSales: { synced: 1 }, reservations: { synced: 1 } })
    expect(sednaWrites(app.sim).filter((r) => /InsertReservation$/i.test(r.path))).toHaveLength(1)
  })

  it('an unknown id, and an empty send, are refused with a code', async () => {
    app = await startSyncApp()
    const [id] = app.add({})
    expect(await refusal(app, 'sync.preview', { ids: [id!, 9999] })).toMatchObject({
      code: 'preview.unknownIds',
      params: { ids: '9999', count: 1 },
    })
    expect(await refusal(app, 'sync.sendPreviewed', { stopSales: [], reservations: [] })).toMatchObject({
      code: 'preview.nothing',
    })
  })
})
