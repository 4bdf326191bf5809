/**
 * Sedna is the record the desks share (#14): before a stop sale's first send, the app looks for the
 * same stop in Sedna — sent by another desk (its own data folder) or typed in Sedna's screens — and
 * adopts it instead of writing it again. Two app contexts on two data folders, one simulator over HTTP.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openAppContext, type AppContext } from '../../src/main/app-context'
import { createMemoryStore } from '../../src/main/credentials'
import { createMemoryLogger } from '../../src/main/log'
import type { Fault } from '../../src/main/sedna/simulator'
import type { NewStopSale } from '../../src/main/stop-sales/service'
import { migrationsFolder } from '../harness/server'
import { addSimAccount } from '../support/account'
import { invoke } from '../support/context'
import { tempDataDir } from '../support/fixtures'
import { mandarin, startSyncApp, stopSaleWrites, type SyncApp } from '../support/sync-app'

let app: SyncApp | undefined
const closers: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
  await app?.close()
  app = undefined
})

/** Another desk of the agency: its own data folder and app, the same Sedna account on the same simulator. */
async function otherDesk(sim: SyncApp['sim']) {
  const t = tempDataDir()
  const ctx: AppContext = await openAppContext({
    dataDir: t.dir,
    migrationsFolder,
    version: 'desk-b',
    logger: createMemoryLogger(),
    credentials: createMemoryStore(),
    sync: { backoff: { baseMs: 60_000, capMs: 60_000 }, probeIntervalMs: 60_000 },
  })
  closers.push(async () => {
    await ctx.close()
    t.cleanup()
  })
  await addSimAccount(ctx, sim.url)
  const row = (id: number) =>
    ctx.database.sqlite.prepare('select * from stop_sales where id = ?').get(id) as Record<string, any>
  return {
    ctx,
    row,
    add: (...records: Partial<NewStopSale>[]) => ctx.services.stopSales.add(records.map((r) => mandarin(r))),
    sync: (ids: number[]) => invoke(ctx, 'sync.stopSales', { ids }),
    attempts: async (id: number) => invoke(ctx, 'stopSales.attempts', { id }),
  }
}

const sync = (a: SyncApp, ids: number[]) => invoke(a.ctx, 'sync.stopSales', { ids })
const lookups = (a: SyncApp) => a.sim.requests().filter((r) => r.path.endsWith('/GetStopSaleList'))
/** A stop sale at hotel 18 typed in Sedna's own screens: STDSV (63), operator 7STAR (571), AI (1). */
const typedIn = (a: SyncApp, user: string, over: Record<string, unknown> = {}) =>
  a.sim.ui.enterStopSale(user, {
    HotelId: 18,
    BeginDate: '2026-01-25',
    EndDate: '2026-01-27',
    DeclareDate: '2025-12-29T09:30:00',
    children: { rooms: [63], operators: [571], boards: [1], markets: [10] },
    ...over,
  })

describe('look before the first send', () => {
  it('a second desk with the same notices adopts what the first desk sent and writes nothing', async () => {
    app = await startSyncApp()
    const deskB = await otherDesk(app.sim)
    const notices = [{}, { firstNight: '2026-02-01', lastNight: '2026-02-03', roomCodes: [], kind: 'open' as const }]
    expect(await sync(app, app.add(...notices))).toMatchObject({ synced: 2 })
    expect(stopSaleWrites(app.sim)).toHaveLength(4)

    const ids = deskB.add(...notices)
    expect(await deskB.sync(ids)).toMatchObject({ synced: 2 })
    // Nothing more written: each stop is in Sedna once, and desk B holds the same RecIds.
    expect(stopSaleWrites(app.sim)).toHaveLength(4)
    expect(app.sim.stopSales()).toHaveLength(2)
    const recIds = app.sim.stopSales().map((r) => r.RecId)
    for (const id of ids) {
      const row = deskB.row(id)
      expect(row.status).toBe('synced')
      expect(recIds).toContain(row.sedna_rec_id)
      expect(JSON.parse(row.sedna_found)).toMatchObject({
        recId: row.sedna_rec_id,
        recordUser: 'Entegrasyon',
        declareDate: '2025-12-29T09:30:00',
      })
      const history = await deskB.attempts(id)
      expect(history.map((h) => `${h.phase}:${h.outcome}`)).toEqual(['lookup:ok'])
      expect(history[0]!.message).toMatchObject({ code: 'outbox.attempt.adopted', params: { recId: row.sedna_rec_id } })
    }
  })

  it('a stop typed in Sedna by a person is adopted with who recorded it; declared earlier counts too', async () => {
    app = await startSyncApp()
    const byHand = typedIn(app, 'ayse', { DeclareDate: '2025-12-20T08:00:00' })
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ synced: 1 })
    expect(stopSaleWrites(app.sim)).toHaveLength(0)
    expect(app.row(id!)).toMatchObject({ status: 'synced', sedna_rec_id: byHand.RecId })
    expect(JSON.parse(app.row(id!).sedna_found as string)).toMatchObject({ recordUser: 'ayse' })
  })

  it('stop, then an open-sale, then the same stop again: the second stop is sent', async () => {
    app = await startSyncApp()
    typedIn(app, 'ayse', { DeclareDate: '2025-12-20T08:00:00' })
    typedIn(app, 'ayse', {
      StopType: 1,
      BeginDate: '2026-01-26',
      EndDate: '2026-01-26',
      DeclareDate: '2025-12-24T08:00:00',
    })
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ synced: 1 })
    expect(stopSaleWrites(app.sim)).toHaveLength(2)
    expect(app.sim.stopSales()).toHaveLength(3)
    const history = await invoke(app.ctx, 'stopSales.attempts', { id: id! })
    expect(history[0]!.message).toMatchObject({ code: 'outbox.attempt.reopenedSince' })
  })

  it('an open-sale still waiting on this desk counts as a notice in between', async () => {
    app = await startSyncApp()
    typedIn(app, 'ayse', { DeclareDate: '2025-12-20T08:00:00' })
    const [stop, open] = app.add(
      {},
      {
        kind: 'open',
        firstNight: '2026-01-27',
        lastNight: '2026-01-27',
        sourceReceivedAt: '2025-12-25T10:00:00+03:00',
      },
    )
    expect(await sync(app, [stop!])).toMatchObject({ synced: 1 })
    expect(stopSaleWrites(app.sim)).toHaveLength(2)
    expect(app.row(open!).status).toBe('pending')
  })

  it('a partial overlap is another scope: sent, and the overlap said', async () => {
    app = await startSyncApp()
    const other = typedIn(app, 'ayse', { BeginDate: '2026-01-20', EndDate: '2026-01-26' })
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ synced: 1 })
    expect(stopSaleWrites(app.sim)).toHaveLength(2)
    const history = await invoke(app.ctx, 'stopSales.attempts', { id: id! })
    expect(history[0]!.message).toMatchObject({
      code: 'outbox.attempt.overlaps',
      params: { ids: String(other.RecId), from: '2026-01-25', to: '2026-01-26' },
    })
  })

  it("another operator's stop, other rooms or the other kind are not this stop", async () => {
    app = await startSyncApp()
    typedIn(app, 'ayse', { children: { rooms: [63], operators: [612], boards: [1] } })
    typedIn(app, 'ayse', { children: { rooms: [1364], operators: [571], boards: [1] } })
    typedIn(app, 'ayse', { StopType: 1, DeclareDate: '2025-12-01T00:00:00' })
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ synced: 1 })
    expect(stopSaleWrites(app.sim)).toHaveLength(2)
  })

  it('"all rooms" follows the account: an empty room list is all only when the account sends all as empty', async () => {
    app = await startSyncApp()
    const emptyRooms = typedIn(app, 'ayse', { children: { rooms: [], operators: [571], boards: [1] } })
    // The account sends "all" explicitly (the default): the empty list is another scope, so it is sent.
    const [explicit] = app.add({ roomCodes: [] })
    expect(await sync(app, [explicit!])).toMatchObject({ synced: 1 })
    expect(stopSaleWrites(app.sim)).toHaveLength(2)
    // The same notice at an account that sends "all" as an empty list is that record.
    app.ctx.database.sqlite.prepare("update sedna_profiles set all_rooms = 'empty'").run()
    const [empty] = app.add({ roomCodes: [], sourceMessageId: '<again@mandarin.example>' })
    expect(await sync(app, [empty!])).toMatchObject({ synced: 1 })
    expect(app.row(empty!).sedna_rec_id).toBe(emptyRooms.RecId)
    expect(stopSaleWrites(app.sim)).toHaveLength(2)
  })

  it('one Sedna record is never adopted for two local ones', async () => {
    app = await startSyncApp()
    const byHand = typedIn(app, 'ayse')
    const ids = app.add({}, { sourceMessageId: '<repeat@mandarin.example>' })
    expect(await sync(app, ids)).toMatchObject({ synced: 2 })
    const recIds = ids.map((id) => app!.row(id).sedna_rec_id)
    expect(recIds).toContain(byHand.RecId)
    expect(new Set(recIds).size).toBe(2)
    expect(stopSaleWrites(app.sim)).toHaveLength(2)
  })

  it('one look serves every waiting stop sale of a hotel', async () => {
    app = await startSyncApp()
    const ids = app.add(
      ...Array.from({ length: 6 }, (_, i) => ({
        firstNight: `2026-03-0${i + 1}`,
        lastNight: `2026-03-0${i + 1}`,
        sourceMessageId: `<m${i}@mandarin.example>`,
      })),
    )
    expect(await sync(app, ids)).toMatchObject({ synced: 6 })
    expect(lookups(app)).toHaveLength(1)
    expect(stopSaleWrites(app.sim)).toHaveLength(12)
  })
})

describe("Sedna's answer shapes and faults on the look itself", () => {
  it('without DeclareDate and RecordUser: adopted when nothing of the other kind is in between', async () => {
    app = await startSyncApp({}, { shapes: { omitFields: ['DeclareDate', 'RecordUser'] } })
    const byHand = typedIn(app, 'ayse')
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ synced: 1 })
    expect(app.row(id!).sedna_rec_id).toBe(byHand.RecId)
    expect(JSON.parse(app.row(id!).sedna_found as string)).toMatchObject({ recordUser: null, declareDate: null })
  })

  it('without DeclareDate and with an open-sale over those nights: a person decides, nothing is written', async () => {
    app = await startSyncApp({}, { shapes: { omitFields: ['DeclareDate'] } })
    typedIn(app, 'ayse')
    typedIn(app, 'ayse', { StopType: 1, BeginDate: '2026-01-26', EndDate: '2026-01-26' })
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ needsReview: 1 })
    expect(app.row(id!)).toMatchObject({ status: 'needs_review', last_error_code: 'lookup.stopSaleNoDeclareDate' })
    expect(stopSaleWrites(app.sim)).toHaveLength(0)
  })

  it('without RecId: the listed stop cannot be read, so a person decides and nothing is written', async () => {
    app = await startSyncApp({}, { shapes: { omitFields: ['RecId'] } })
    typedIn(app, 'ayse')
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ needsReview: 1 })
    expect(app.row(id!)).toMatchObject({ status: 'needs_review', last_error_code: 'lookup.stopSaleUnreadable' })
    expect(stopSaleWrites(app.sim)).toHaveLength(0)
  })

  it('wrapped lists are read as bare ones', async () => {
    app = await startSyncApp({}, { shapes: { lists: 'wrapped' } })
    const byHand = typedIn(app, 'ayse')
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ synced: 1 })
    expect(app.row(id!).sedna_rec_id).toBe(byHand.RecId)
  })

  const faults: Array<[string, Fault]> = [
    ['HTTP 500', { kind: 'http-500' }],
    ['connection reset', { kind: 'reset' }],
    ['no answer (hang)', { kind: 'hang' }],
  ]
  it.each(faults)('%s on the look: nothing is written, and the retry sends it once', async (_name, fault) => {
    app = await startSyncApp({ sync: { backoff: { baseMs: 50, capMs: 50 }, probeIntervalMs: 100 } })
    app.sim.addFault({ path: 'Integratiion/GetStopSaleList', calls: [1], fault })
    const [id] = app.add({})
    const first = await sync(app, [id!])
    expect(first.synced).toBe(0)
    expect(stopSaleWrites(app.sim)).toHaveLength(0)
    await vi.waitFor(() => expect(app!.row(id!).status).toBe('synced'), { timeout: 15_000, interval: 50 })
    expect(app.sim.stopSales()).toHaveLength(1)
    expect(stopSaleWrites(app.sim)).toHaveLength(2)
  })
})

describe('a send whose outcome is unknown, the account or a mapping changed meanwhile (item 7)', () => {
  /** Staff edit the account (its record user) and map STDSV at hotel 18 to another room type. */
  const changeEverything = async (a: SyncApp) => {
    a.ctx.database.sqlite.prepare("update sedna_profiles set record_user = 'Yeni Kullanıcı', authority_id = 208").run()
    await invoke(a.ctx, 'mappings.setRoom', { profileId: a.profileId, hotelId: 18, code: 'STDSV', roomTypeId: 1364 })
  }
  const phase1Bodies = (a: SyncApp) =>
    stopSaleWrites(a.sim)
      .map((r) => r.body)
      .filter((b) => JSON.parse(b).RecId === 0)

  it('phase 1 landed, its answer lost: the look still recognises it, and phase 2 keeps what was sent', async () => {
    app = await startSyncApp()
    app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [1], fault: { kind: 'drop-response' } })
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ queued: 1 })
    await changeEverything(app)
    await invoke(app.ctx, 'queue.tryNow', { items: [{ kind: 'stopSale', id: id! }] })
    await vi.waitFor(() => expect(app!.row(id!).status).toBe('synced'), { timeout: 10_000, interval: 50 })
    const [record] = app.sim.stopSales()
    expect(app.sim.stopSales()).toHaveLength(1)
    expect(record).toMatchObject({ RecordUser: 'Entegrasyon', Authority: 207 })
    expect(record!.children.rooms).toEqual([63])
    expect(phase1Bodies(app)).toHaveLength(1)
  })

  it('phase 1 never landed (500): sent again byte for byte as the first time', async () => {
    app = await startSyncApp()
    app.sim.addFault({ path: 'Contract/UpdateStopSale', calls: [1], fault: { kind: 'http-500' } })
    const [id] = app.add({})
    expect(await sync(app, [id!])).toMatchObject({ queued: 1 })
    await changeEverything(app)
    await invoke(app.ctx, 'queue.tryNow', { items: [{ kind: 'stopSale', id: id! }] })
    await vi.waitFor(() => expect(app!.row(id!).status).toBe('synced'), { timeout: 10_000, interval: 50 })
    const bodies = phase1Bodies(app)
    expect(bodies).toHaveLength(2)
    expect(bodies[1]).toBe(bodies[0])
    expect(app.sim.stopSales()).toHaveLength(1)
    expect(app.sim.stopSales()[0]!.children.rooms).toEqual([63])
  })
})
