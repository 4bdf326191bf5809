/**
 * Drift (#14 item 3), through the app context against the simulator over real HTTP and a real migrated
 * SQLite file: stop sales synced from here, then edited and deleted in "Sedna's own screens" (sim.ui),
 * are flagged by the next pull with the fields that changed; the person accepts Sedna's version (the
 * record here follows it and the next pull finds nothing) or sends ours again (phase 2 on the same
 * RecId; a record deleted there is created anew only once confirmed); an adopted record is watched too.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { NewStopSale } from '../../src/main/stop-sales/service'
import { addSimAccount } from '../support/account'
import { invoke } from '../support/context'
import { startSyncApp, stopSaleWrites, type SyncApp } from '../support/sync-app'

let app: SyncApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

/** This computer's day `offset` days from today, YYYY-MM-DD (the pull window is counted in local days). */
function night(offset: number): string {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
}

/** Three stop sales at Mandarin Resort (hotel 18) inside the pull window; STDSV 63, STDLV 1364; AI 1, UAI 37. */
const THREE: Partial<NewStopSale>[] = [
  { firstNight: night(20), lastNight: night(22), sourceMessageId: '<a@mandarin.example>' },
  { firstNight: night(30), lastNight: night(31), roomCodes: ['STDLV'], sourceMessageId: '<b@mandarin.example>' },
  { firstNight: night(40), lastNight: night(44), boardCodes: ['UAI'], sourceMessageId: '<c@mandarin.example>' },
]

async function syncedThree(a: SyncApp) {
  const ids = a.add(...THREE)
  expect(await invoke(a.ctx, 'sync.stopSales', { ids })).toMatchObject({ synced: 3 })
  const recIds = ids.map((id) => a.row(id).sedna_rec_id as number)
  return { ids, recIds }
}

const pull = (a: SyncApp, full = true) => invoke(a.ctx, 'mirror.pull', full ? { full: true } : {})
const statusOf = (a: SyncApp, id: number) => a.row(id).status
const driftOf = (a: SyncApp, id: number) => JSON.parse((a.row(id).drift as string | null) ?? 'null')
const history = (a: SyncApp, id: number) => invoke(a.ctx, 'stopSales.attempts', { id })
const simRecord = (a: SyncApp, recId: number) => a.sim.stopSales().find((r) => r.RecId === recId)

describe('drift: what changed in Sedna is flagged after the next pull', () => {
  it('an edit (nights and rooms) and a deletion made in Sedna: flagged with the changed fields; the rest untouched', async () => {
    app = await startSyncApp()
    const { ids, recIds } = await syncedThree(app)
    const [a, b, c] = ids as [number, number, number]
    const [pending] = app.add({ firstNight: night(50), lastNight: night(50), sourceMessageId: '<p@mandarin.example>' })
    await pull(app)
    expect(ids.map((id) => statusOf(app!, id))).toEqual(['synced', 'synced', 'synced'])

    app.sim.ui.editStopSale(recIds[0]!, { EndDate: night(23), children: { rooms: [63, 1364] } })
    app.sim.ui.deleteStopSale(recIds[1]!)
    const changes: number[][] = []
    app.ctx.events.subscribe((name, payload) => {
      if (name === 'stopSales.changed') changes.push((payload as { ids: number[] }).ids)
    })
    await pull(app)

    expect(statusOf(app, a)).toBe('changed_in_sedna')
    expect(driftOf(app, a)).toEqual([
      { field: 'lastNight', ours: night(22), sedna: night(23) },
      { field: 'rooms', ours: 'STDSV', sedna: 'STDLV,STDSV' },
    ])
    expect(statusOf(app, b)).toBe('missing_in_sedna')
    expect(driftOf(app, b)).toBeNull()
    expect(statusOf(app, c)).toBe('synced')
    expect(statusOf(app, pending!)).toBe('pending')
    expect(changes).toContainEqual([a, b])

    // The lists, the filter and the actions the screens and the command line read.
    const flagged = await invoke(app.ctx, 'stopSales.list', { statuses: ['changed_in_sedna', 'missing_in_sedna'] })
    expect(flagged.rows.map((r) => [r.id, r.status, r.actions])).toEqual(
      expect.arrayContaining([
        [a, 'changed_in_sedna', ['acceptSedna', 'sendOursAgain']],
        [b, 'missing_in_sedna', ['sendOursAgain']],
      ]),
    )
    expect(flagged.countsByStatus).toMatchObject({ changed_in_sedna: 1, missing_in_sedna: 1, synced: 1 })

    // The history says what a read of Sedna found.
    expect((await history(app, a)).at(-1)).toMatchObject({
      phase: 'drift',
      message: { code: 'drift.flaggedChanged', params: { recId: recIds[0] } },
    })
    expect((await history(app, b)).at(-1)).toMatchObject({
      phase: 'drift',
      message: { code: 'drift.flaggedMissing', params: { recId: recIds[1] } },
    })

    // The detail: Sedna's version beside ours, field by field, who recorded it and when.
    const detail = await invoke(app.ctx, 'stopSales.detail', { id: a })
    expect(detail.record.drift).toEqual(driftOf(app, a))
    expect(detail.sednaVersion).toMatchObject({
      recId: recIds[0],
      goneAt: null,
      stale: false,
      recordUser: 'Entegrasyon',
      updateDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    })
    expect(detail.sednaVersion!.fields.filter((f) => f.differs).map((f) => f.field)).toEqual(['lastNight', 'rooms'])
    expect(detail.sednaVersion!.fields.find((f) => f.field === 'boards')).toEqual({
      field: 'boards',
      ours: 'AI',
      sedna: 'AI',
      differs: false,
    })
    expect((await invoke(app.ctx, 'stopSales.detail', { id: b })).sednaVersion).toMatchObject({
      recId: recIds[1],
      goneAt: expect.any(String),
    })
  })

  it('a record deleted before any pull read it is missing only after a full pull that covers its nights', async () => {
    app = await startSyncApp()
    const { ids, recIds } = await syncedThree(app)
    // Beyond the window a full pull reads (18 months ahead): no pull can tell whether it is still there.
    const [far] = app.add({ firstNight: night(800), lastNight: night(801), sourceMessageId: '<far@mandarin.example>' })
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [far!] })).toMatchObject({ synced: 1 })
    app.sim.ui.deleteStopSale(recIds[2]!)
    app.sim.ui.deleteStopSale(app.row(far!).sedna_rec_id as number)
    // What changed since the mark cannot tell a deletion: nothing is said yet.
    await pull(app, false)
    expect(ids.map((id) => statusOf(app!, id))).toEqual(['synced', 'synced', 'synced'])
    await pull(app)
    expect(ids.map((id) => statusOf(app!, id))).toEqual(['synced', 'synced', 'missing_in_sedna'])
    expect(statusOf(app, far!)).toBe('synced')
  })

  it('a full pull that started before a record was sent does not call it missing', async () => {
    app = await startSyncApp()
    await pull(app)
    const lists = () => app!.sim.requests().filter((r) => r.path.endsWith('/GetStopSaleListWithUpdateDate')).length
    const before = lists()
    // Each request of the pull answered 300 ms late (the answer as it was when asked).
    app.sim.addFault({ path: 'Integratiion/GetStopSaleListWithUpdateDate', fault: { kind: 'late-answer', ms: 300 } })
    const slow = pull(app)
    await vi.waitFor(() => expect(lists()).toBe(before + 1), { interval: 10 })
    const { ids } = await syncedThree(app)
    const read = await slow
    app.sim.clearFaults()
    expect(read).toMatchObject({ kind: 'full', goneChecked: true })
    expect(Date.parse(read.startedAt)).toBeLessThan(Date.parse(app.row(ids[0]!).synced_at as string))
    expect(ids.map((id) => statusOf(app!, id))).toEqual(['synced', 'synced', 'synced'])
    await pull(app)
    expect(ids.map((id) => statusOf(app!, id))).toEqual(['synced', 'synced', 'synced'])
  })

  it('Sedna cancelling it (State 0) or turning it into an open-sale is a change too; undone, it is synced again', async () => {
    app = await startSyncApp()
    const { ids, recIds } = await syncedThree(app)
    await pull(app)
    app.sim.ui.editStopSale(recIds[2]!, { State: 0, StopType: 1 })
    await pull(app, false)
    expect(driftOf(app, ids[2]!)).toEqual([
      { field: 'kind', ours: 'close', sedna: 'open' },
      { field: 'state', ours: '1', sedna: '0' },
    ])
    app.sim.ui.editStopSale(recIds[2]!, { State: 1, StopType: 0 })
    await pull(app, false)
    expect(statusOf(app, ids[2]!)).toBe('synced')
    expect(driftOf(app, ids[2]!)).toBeNull()
    expect((await history(app, ids[2]!)).at(-1)?.message).toMatchObject({ code: 'drift.inLineAgain' })
  })
})

describe("the person's choice", () => {
  it("accept Sedna's version: the record here follows it, synced; the next pulls change nothing", async () => {
    app = await startSyncApp()
    const { ids, recIds } = await syncedThree(app)
    const a = ids[0]!
    await pull(app)
    app.sim.ui.editStopSale(recIds[0]!, {
      BeginDate: night(19),
      EndDate: night(23),
      children: { rooms: [63, 1364], boards: [37] },
    })
    await pull(app, false)
    expect(statusOf(app, a)).toBe('changed_in_sedna')

    const accepted = await invoke(app.ctx, 'stopSales.acceptSedna', { id: a })
    expect(accepted).toMatchObject({
      id: a,
      status: 'synced',
      sednaRecId: recIds[0],
      firstNight: night(19),
      lastNight: night(23),
      kind: 'close',
      roomCodes: ['STDSV', 'STDLV'],
      boardCodes: ['UAI'],
      actions: [],
    })
    const row = app.row(a)
    expect(row.drift).toBeNull()
    expect(JSON.parse(row.resolution as string)).toMatchObject({
      ok: true,
      hotelId: 18,
      roomTypeIds: [63, 1364],
      boardIds: [37],
      allRooms: false,
      allBoards: false,
    })
    expect((await history(app, a)).at(-1)).toMatchObject({
      phase: 'drift',
      outcome: 'ok',
      message: {
        code: 'drift.accepted',
        params: { recId: recIds[0], from: night(19), to: night(23), rooms: 'STDSV, STDLV', boards: 'UAI' },
      },
    })
    // Nothing was written to Sedna.
    const writes = stopSaleWrites(app.sim).length
    const updatedAt = app.row(a).updated_at
    await pull(app, false)
    await pull(app)
    expect(app.row(a)).toMatchObject({ status: 'synced', updated_at: updatedAt, drift: null })
    expect(stopSaleWrites(app.sim)).toHaveLength(writes)

    // Only a changed one has a Sedna version to accept: the rest is refused, coded, and nothing changes.
    const refused = await app.ctx.dispatch('stopSales.acceptSedna', { id: a })
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'drift.notChanged' } })
  })

  it("accept is refused, coded, when Sedna's version names a room type the app does not know", async () => {
    app = await startSyncApp()
    const { ids, recIds } = await syncedThree(app)
    await pull(app)
    app.sim.ui.editStopSale(recIds[0]!, { children: { rooms: [63, 1389] } })
    await pull(app, false)
    expect(statusOf(app, ids[0]!)).toBe('changed_in_sedna')
    // The reference data here is older than Sedna's: it does not know room type 1389 (FAM) yet.
    app.ctx.database.sqlite.prepare('delete from ref_room_types where sedna_id = 1389').run()
    const before = app.row(ids[0]!)
    const refused = await app.ctx.dispatch('stopSales.acceptSedna', { id: ids[0]! })
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'conflict', code: 'drift.unknownRooms', params: { id: ids[0], ids: '1389' } },
    })
    expect(app.row(ids[0]!)).toEqual(before)
  })

  it('send ours again on a changed one: phase 2 on the same RecId puts ours back in Sedna, one record', async () => {
    app = await startSyncApp()
    const { ids, recIds } = await syncedThree(app)
    const c = ids[2]!
    await pull(app)
    app.sim.ui.editStopSale(recIds[2]!, { EndDate: night(46), children: { boards: [1, 37] } })
    await pull(app, false)
    expect(statusOf(app, c)).toBe('changed_in_sedna')
    const before = app.sim.stopSales().length
    const writes = stopSaleWrites(app.sim).length

    const queued = await invoke(app.ctx, 'stopSales.sendOursAgain', { id: c })
    expect(queued).toMatchObject({ id: c, status: 'created', sednaRecId: recIds[2] })
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [c] })).toMatchObject({ synced: 1 })

    expect(app.row(c)).toMatchObject({ status: 'synced', sedna_rec_id: recIds[2], drift: null })
    const sent = stopSaleWrites(app.sim).slice(writes)
    expect(sent).toHaveLength(1)
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ RecId: recIds[2] })
    expect(app.sim.stopSales()).toHaveLength(before)
    expect(simRecord(app, recIds[2]!)).toMatchObject({
      EndDate: expect.stringContaining(night(44)),
      children: { boards: [37], rooms: [63] },
    })
    expect((await history(app, c)).map((h) => `${h.phase}:${h.message?.code}`).slice(-2)).toEqual([
      'drift:drift.resendQueued',
      'phase2:outbox.attempt.saved',
    ])
    // The next pull reads ours back: the same, nothing flagged.
    await pull(app, false)
    expect(statusOf(app, c)).toBe('synced')
  })

  it('send ours again on a deleted one: refused without a confirmation; with it, created anew once', async () => {
    app = await startSyncApp()
    const { ids, recIds } = await syncedThree(app)
    const b = ids[1]!
    await pull(app)
    app.sim.ui.deleteStopSale(recIds[1]!)
    await pull(app)
    expect(statusOf(app, b)).toBe('missing_in_sedna')

    const refused = await app.ctx.dispatch('stopSales.sendOursAgain', { id: b })
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'validation', code: 'drift.confirmNeeded', params: { id: b, recId: recIds[1] } },
    })
    expect(app.row(b)).toMatchObject({ status: 'missing_in_sedna', sedna_rec_id: recIds[1] })

    const queued = await invoke(app.ctx, 'stopSales.sendOursAgain', { id: b, confirm: true })
    expect(queued).toMatchObject({ id: b, status: 'queued', sednaRecId: null })
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [b] })).toMatchObject({ synced: 1 })
    const recId = app.row(b).sedna_rec_id as number
    expect(recId).not.toBe(recIds[1])
    expect(app.sim.stopSales().filter((r) => r.BeginDate.startsWith(night(30)))).toHaveLength(1)
    expect(simRecord(app, recId)).toMatchObject({ children: { rooms: [1364], boards: [1] } })
    expect(app.row(b)).toMatchObject({ status: 'synced', sedna_found: null, drift: null })
    // Looked first (nothing there), then both phases: created once. (The look may be served by a read of
    // the same hotel made moments before; "nothing there" from a read it did not make leaves no line.)
    const phases = (await history(app, b)).map((h) => h.phase).filter((p) => p !== 'lookup')
    expect(phases.slice(-3)).toEqual(['drift', 'phase1', 'phase2'])
    await pull(app)
    expect(statusOf(app, b)).toBe('synced')
    // Not drifted any more: nothing to send again.
    expect(await app.ctx.dispatch('stopSales.sendOursAgain', { id: b, confirm: true })).toMatchObject({
      ok: false,
      error: { kind: 'conflict', code: 'drift.notDrifted' },
    })
  })

  it('a record adopted from Sedna (found there before its first send) and edited there is flagged too', async () => {
    app = await startSyncApp()
    const byHand = app.sim.ui.enterStopSale('ayse', {
      HotelId: 18,
      BeginDate: night(60),
      EndDate: night(62),
      DeclareDate: '2026-01-02T09:00:00',
      children: { rooms: [63], operators: [571], boards: [1], markets: [10] },
    })
    const [id] = app.add({
      firstNight: night(60),
      lastNight: night(62),
      sourceReceivedAt: '2026-01-02T09:00:00+03:00',
      sourceMessageId: '<adopted@mandarin.example>',
    })
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [id!] })).toMatchObject({ synced: 1 })
    expect(app.row(id!)).toMatchObject({ status: 'synced', sedna_rec_id: byHand.RecId })
    await pull(app)
    expect(statusOf(app, id!)).toBe('synced')

    app.sim.ui.editStopSale(byHand.RecId, { BeginDate: night(61) })
    await pull(app, false)
    expect(statusOf(app, id!)).toBe('changed_in_sedna')
    expect(driftOf(app, id!)).toEqual([{ field: 'firstNight', ours: night(60), sedna: night(61) }])
    const detail = await invoke(app.ctx, 'stopSales.detail', { id: id! })
    expect(detail.record.sednaFound).toMatchObject({ recId: byHand.RecId, recordUser: 'ayse' })
    expect(detail.sednaVersion).toMatchObject({ recId: byHand.RecId, recordUser: 'ayse' })
  })

  it('a pull that read Sedna before ours went out again does not flag it again', async () => {
    app = await startSyncApp()
    const { ids, recIds } = await syncedThree(app)
    const c = ids[2]!
    await pull(app)
    app.sim.ui.editStopSale(recIds[2]!, { EndDate: night(46) })
    await pull(app, false)
    expect(statusOf(app, c)).toBe('changed_in_sedna')

    // A read of Sedna answered before phase 2 goes out, its answer arriving after it.
    const lists = () => app!.sim.requests().filter((r) => r.path.endsWith('/GetStopSaleListWithUpdateDate')).length
    const before = lists()
    app.sim.addFault({ path: 'Integratiion/GetStopSaleListWithUpdateDate', fault: { kind: 'late-answer', ms: 1_500 } })
    const slow = pull(app, false)
    await vi.waitFor(() => expect(lists()).toBe(before + 1), { interval: 10 })
    app.sim.clearFaults()
    await invoke(app.ctx, 'stopSales.sendOursAgain', { id: c })
    expect(await invoke(app.ctx, 'sync.stopSales', { ids: [c] })).toMatchObject({ synced: 1 })
    const read = await slow
    expect(read.kind).toBe('changes')
    // It saw Sedna's edit, not ours: too old to say anything about what was just sent.
    expect(statusOf(app, c)).toBe('synced')
    await pull(app, false)
    expect(statusOf(app, c)).toBe('synced')
  })

  it("another account's pull leaves this account's stop sales alone", async () => {
    app = await startSyncApp()
    const { ids, recIds } = await syncedThree(app)
    await pull(app)
    const other = await addSimAccount(app.ctx, app.sim.url, { name: 'Second desk' })
    await invoke(app.ctx, 'mirror.pull', { full: true, profileId: other.id })
    app.sim.ui.deleteStopSale(recIds[0]!)
    // The other account's copy now says the record is gone; this account's has not been read since.
    expect((await invoke(app.ctx, 'mirror.pull', { full: true, profileId: other.id })).gone).toBe(1)
    expect(statusOf(app, ids[0]!)).toBe('synced')
  })
})

describe('reconcile', () => {
  it('a full pull, then what changed in Sedna and what is no longer there', async () => {
    app = await startSyncApp()
    const { ids, recIds } = await syncedThree(app)
    app.sim.ui.editStopSale(recIds[0]!, { EndDate: night(23) })
    app.sim.ui.deleteStopSale(recIds[1]!)
    const result = await invoke(app.ctx, 'stopSales.reconcile', {})
    expect(result).toEqual({
      profileId: app.profileId,
      pullId: expect.any(Number),
      pulled: 2,
      adopted: 0,
      changedInSedna: [
        { id: ids[0], recId: recIds[0], fields: [{ field: 'lastNight', ours: night(22), sedna: night(23) }] },
      ],
      missingInSedna: [{ id: ids[1], recId: recIds[1] }],
    })
  })
})
