/**
 * The hotel calendar (#15 item 1) through the app context ('calendar.get' on the dispatcher), against the
 * simulator over real HTTP and a real migrated SQLite file: Sedna's records (typed in Sedna's screens or
 * sent from here, read back by a pull) and this desk's waiting ones, decided night by night by the notice
 * declared last. Hotel 18 (Mandarin Resort): STDSV 63, STDLV 1364, FAM 1389, SUI 1390, DBL 15730,
 * TRP 15731; boards AI 1, UAI 37.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { unresolvedMessage } from '../../src/main/reference/unresolved'
import { resolveStopSale } from '../../src/main/stop-sales/resolve'
import type { Calendar } from '../../src/shared/contracts/calendar'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { startSyncApp, type SyncApp } from '../support/sync-app'

let app: SyncApp | TestApp | undefined
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

const calendar = (a: SyncApp, from: number, to: number, more: { board?: number } = {}) =>
  invoke(a.ctx, 'calendar.get', { hotelId: 18, from: night(from), to: night(to), ...more })
const pull = (a: SyncApp) => invoke(a.ctx, 'mirror.pull', { full: true })
/** The states of one row, by room code ('*' the all-rooms row). */
const row = (c: Calendar, code: string) => c.rows.find((r) => r.code === code)!.states
const times = (n: number, state: string) => Array<string>(n).fill(state)
/** Typed in Sedna's own screens by someone else. */
const typed = (a: SyncApp, entry: Parameters<SyncApp['sim']['ui']['enterStopSale']>[1]) =>
  a.sim.ui.enterStopSale('Otel Resepsiyon', entry)

describe('calendar.get', { timeout: 60_000 }, () => {
  it('a stop, then an open-sale inside it: only the opened nights are open again; winners name the notice', async () => {
    const a = (app = await startSyncApp())
    const stop = typed(a, {
      HotelId: 18,
      BeginDate: night(10),
      EndDate: night(16),
      StopType: 0,
      DeclareDate: '2026-01-05T10:00:00',
      children: { rooms: [63], boards: [1] },
    })
    const open = typed(a, {
      HotelId: 18,
      BeginDate: night(12),
      EndDate: night(13),
      StopType: 1,
      DeclareDate: '2026-01-06T08:00:00',
      children: { rooms: [63], boards: [1] },
    })
    // Cancelled in Sedna's screens (State 0): in force no more, it closes nothing.
    const cancelled = typed(a, { HotelId: 18, BeginDate: night(9), EndDate: night(17), children: { rooms: [1364] } })
    a.sim.ui.editStopSale(cancelled.RecId, { State: 0 })
    await pull(a)
    const c = await calendar(a, 9, 17)
    expect(c.hotel).toEqual({ id: 18, name: 'Mandarin Resort' })
    expect(c.nights).toHaveLength(9)
    expect(row(c, 'STDSV')).toEqual(['open', 'closed', 'closed', 'open', 'open', 'closed', 'closed', 'closed', 'open'])
    expect(row(c, 'STDLV')).toEqual(times(9, 'open'))
    expect(row(c, '*')).toEqual(times(9, 'open'))
    expect(c.notices.map((n) => [n.key, n.kind, n.recordUser, n.declaredAt])).toEqual([
      [`sedna:${stop.RecId}`, 'close', 'Otel Resepsiyon', '2026-01-05T10:00:00'],
      [`sedna:${open.RecId}`, 'open', 'Otel Resepsiyon', '2026-01-06T08:00:00'],
    ])
    const winners = c.rows.find((r) => r.code === 'STDSV')!.winners
    expect(winners).toEqual([-1, 0, 0, 1, 1, 0, 0, 0, -1])
    // Rows: all rooms first, then the hotel's room types by code.
    expect(c.rows.map((r) => r.code)).toEqual(['*', 'DBL', 'FAM', 'STDLV', 'STDSV', 'SUI', 'TRP'])
    expect(c.mirrorPulledAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  it('an out-of-order pair: the later-declared notice decides, even when it was imported first', async () => {
    const a = (app = await startSyncApp())
    // The open-sale (declared 3 January) reaches the desk before the stop it lifts (declared 2 January).
    const [openId, closeId] = a.add(
      {
        kind: 'open',
        firstNight: night(21),
        lastNight: night(22),
        sourceReceivedAt: '2026-01-03T09:00:00+03:00',
        sourceMessageId: '<open@mandarin.example>',
      },
      {
        kind: 'close',
        firstNight: night(20),
        lastNight: night(24),
        sourceReceivedAt: '2026-01-02T09:00:00+03:00',
        sourceMessageId: '<close@mandarin.example>',
      },
    ) as [number, number]
    const waiting = await calendar(a, 20, 24)
    expect(row(waiting, 'STDSV')).toEqual(['closing', 'opening', 'opening', 'closing', 'closing'])
    expect(waiting.notices.map((n) => n.stopSaleId)).toEqual([closeId, openId])

    expect(await invoke(a.ctx, 'sync.stopSales', { ids: [openId, closeId] })).toMatchObject({ synced: 2 })
    await pull(a)
    const sent = await calendar(a, 20, 24)
    expect(row(sent, 'STDSV')).toEqual(['closed', 'open', 'open', 'closed', 'closed'])
    expect(sent.notices.map((n) => [n.source, n.stopSaleId])).toEqual([
      ['sedna', closeId],
      ['sedna', openId],
    ])
  })

  it('waiting, then synced (not read back yet), then read back: closing → closed, and the record shown once', async () => {
    const a = (app = await startSyncApp())
    const [id] = a.add({ firstNight: night(30), lastNight: night(31), sourceMessageId: '<w@mandarin.example>' })
    const waiting = await calendar(a, 30, 31)
    expect(row(waiting, 'STDSV')).toEqual(['closing', 'closing'])
    expect(waiting.notices).toEqual([
      expect.objectContaining({
        key: `local:${id}`,
        source: 'local',
        stopSaleId: id,
        recId: null,
        status: 'pending',
        roomTypeIds: [63],
        roomCodes: ['STDSV'],
        boardIds: [1],
        boardCodes: ['AI'],
        declaredAt: '2025-12-29T09:30:00',
        recordUser: 'Entegrasyon',
        changedInSedna: false,
      }),
    ])

    expect(await invoke(a.ctx, 'sync.stopSales', { ids: [id!] })).toMatchObject({ synced: 1 })
    const recId = a.row(id!).sedna_rec_id as number
    // Synced, but no pull has read it back: ours, as in Sedna.
    const unread = await calendar(a, 30, 31)
    expect(row(unread, 'STDSV')).toEqual(['closed', 'closed'])
    expect(unread.notices).toEqual([expect.objectContaining({ key: `local:${id}`, recId, status: 'synced' })])

    await pull(a)
    const read = await calendar(a, 30, 31)
    expect(row(read, 'STDSV')).toEqual(['closed', 'closed'])
    expect(read.notices).toHaveLength(1)
    expect(read.notices[0]).toMatchObject({
      key: `sedna:${recId}`,
      source: 'sedna',
      stopSaleId: id,
      recId,
      status: 'synced',
      changedInSedna: false,
      recordUser: 'Entegrasyon',
    })
  })

  it('a record changed in Sedna: shown as Sedna holds it, flagged', async () => {
    const a = (app = await startSyncApp())
    const [id] = a.add({ firstNight: night(40), lastNight: night(41), sourceMessageId: '<c@mandarin.example>' })
    await invoke(a.ctx, 'sync.stopSales', { ids: [id!] })
    const recId = a.row(id!).sedna_rec_id as number
    await pull(a)
    a.sim.ui.editStopSale(recId, { EndDate: night(43), children: { rooms: [63, 1364] } })
    await pull(a)
    expect(a.row(id!).status).toBe('changed_in_sedna')
    const c = await calendar(a, 40, 43)
    expect(row(c, 'STDSV')).toEqual(times(4, 'closed'))
    expect(row(c, 'STDLV')).toEqual(times(4, 'closed'))
    expect(c.notices).toEqual([
      expect.objectContaining({ key: `sedna:${recId}`, stopSaleId: id, changedInSedna: true, lastNight: night(43) }),
    ])

    // "Send ours again": until phase 2 lands, ours is the version shown (waiting), Sedna's copy behind it.
    await invoke(a.ctx, 'stopSales.sendOursAgain', { id: id! })
    expect(a.row(id!).status).toBe('created')
    const again = await calendar(a, 40, 43)
    expect(row(again, 'STDSV')).toEqual(['closing', 'closing', 'open', 'open'])
    expect(row(again, 'STDLV')).toEqual(times(4, 'open'))
    expect(again.notices).toEqual([expect.objectContaining({ key: `local:${id}`, recId, status: 'created' })])
  })

  it('a board filter: only notices covering that board count', async () => {
    const a = (app = await startSyncApp())
    a.add(
      { firstNight: night(50), lastNight: night(51), boardCodes: ['UAI'], sourceMessageId: '<u@mandarin.example>' },
      { firstNight: night(51), lastNight: night(52), boardCodes: ['AI'], sourceMessageId: '<a@mandarin.example>' },
    )
    const any = await calendar(a, 50, 52)
    expect(row(any, 'STDSV')).toEqual(times(3, 'closing'))
    expect(any.board).toBeNull()
    const ai = await calendar(a, 50, 52, { board: 1 })
    expect(row(ai, 'STDSV')).toEqual(['open', 'closing', 'closing'])
    expect(ai.board).toBe(1)
    expect(ai.notices.map((n) => n.boardCodes)).toEqual([['AI']])
    const uai = await calendar(a, 50, 52, { board: 37 })
    expect(row(uai, 'STDSV')).toEqual(['closing', 'closing', 'open'])
    expect(ai.boards.map((b) => b.code)).toEqual(expect.arrayContaining(['AI', 'UAI', 'FB', 'HB', 'BB', 'RO']))
  })

  it('the all-rooms row: painted only by notices naming every room (none named, or each one listed)', async () => {
    const a = (app = await startSyncApp())
    a.add(
      { firstNight: night(60), lastNight: night(60), roomCodes: [], sourceMessageId: '<all@mandarin.example>' },
      { firstNight: night(61), lastNight: night(61), sourceMessageId: '<one@mandarin.example>' },
    )
    typed(a, {
      HotelId: 18,
      BeginDate: night(62),
      EndDate: night(62),
      DeclareDate: '2026-01-01T00:00:00',
      children: { rooms: [63, 1364, 1389, 1390, 15730, 15731], boards: [1] },
    })
    await pull(a)
    const c = await calendar(a, 60, 62)
    expect(row(c, '*')).toEqual(['closing', 'open', 'closed'])
    expect(row(c, 'STDSV')).toEqual(['closing', 'closing', 'closed'])
    expect(row(c, 'TRP')).toEqual(['closing', 'open', 'closed'])
    expect(c.notices.find((n) => n.source === 'sedna')).toMatchObject({ roomTypeIds: null, roomCodes: ['*'] })
  })

  it("another operator's stop closes nothing for this account; one naming ours, or none, does", async () => {
    const a = (app = await startSyncApp())
    // 571 is this account's operator (7STAR); 3 is Anex.
    typed(a, { HotelId: 18, BeginDate: night(80), EndDate: night(80), children: { rooms: [63], operators: [3] } })
    typed(a, { HotelId: 18, BeginDate: night(81), EndDate: night(81), children: { rooms: [63], operators: [3, 571] } })
    typed(a, { HotelId: 18, BeginDate: night(82), EndDate: night(82), children: { rooms: [63], operators: [] } })
    await pull(a)
    expect(row(await calendar(a, 80, 82), 'STDSV')).toEqual(['open', 'closed', 'closed'])
  })

  it('a Sedna record naming only room codes the cache does not know is taken as all rooms (never shown open)', async () => {
    const a = (app = await startSyncApp())
    const { RecId } = typed(a, { HotelId: 18, BeginDate: night(84), EndDate: night(84), children: { rooms: [63] } })
    await pull(a)
    a.ctx.database.sqlite
      .prepare("update sedna_stop_sales set rooms = '[]', room_remark = 'PENTHOUSE' where rec_id = ?")
      .run(RecId)
    const c = await calendar(a, 84, 84)
    expect(c.rows.map((r) => r.states[0])).toEqual(c.rows.map(() => 'closed'))
  })

  it('a room the reference cache does not know gets its own row (#id)', async () => {
    const a = (app = await startSyncApp())
    typed(a, { HotelId: 18, BeginDate: night(70), EndDate: night(70), children: { rooms: [1390], boards: [1] } })
    await pull(a)
    a.ctx.database.sqlite.prepare('delete from ref_room_types where hotel_id = 18 and sedna_id = 1390').run()
    const c = await calendar(a, 70, 70)
    expect(c.rows.map((r) => [r.code, r.name === null])).toEqual([
      ['*', true],
      ['DBL', false],
      ['FAM', false],
      ['STDLV', false],
      ['STDSV', false],
      ['TRP', false],
      ['#1390', true],
    ])
    expect(row(c, '#1390')).toEqual(['closed'])
  })

  it('a waiting record whose rooms cannot be resolved is listed as unplaced, painting nothing', async () => {
    const a = (app = await startSyncApp())
    const [id] = a.add({ firstNight: night(80), lastNight: night(81), roomCodes: ['PENTHOUSE'] })
    const c = await calendar(a, 80, 81)
    expect(c.rows.every((r) => r.states.every((s) => s === 'open'))).toBe(true)
    expect(c.notices).toEqual([])
    expect(c.unplaced).toEqual([
      { stopSaleId: id, reason: { code: 'resolution.needsMapping', params: expect.objectContaining({ count: 1 }) } },
    ])
  })

  it('waiting records are placed exactly where resolveStopSale (the sync) puts them: codes in any case, mapped, repeated, none, unknown', async () => {
    const a = (app = await startSyncApp())
    // A mapped room code, a mapped board code (code_mappings), and another account mode for "all".
    await invoke(a.ctx, 'mappings.setRoom', { hotelId: 18, code: 'KING', roomTypeId: 1390 })
    await invoke(a.ctx, 'mappings.setBoard', { code: 'HER ŞEY DAHİL', boardId: 37 })
    const records: [string[], string[]][] = [
      [['stdsv'], ['ai']],
      [
        ['STDSV', 'STDLV', 'stdsv'],
        ['AI', 'UAI'],
      ],
      [['KING', 'DBL'], ['HER ŞEY DAHİL']],
      [[], []],
      [['FAM'], []],
      [[], ['UAI']],
      [['STDSV', 'PENTHOUSE'], ['AI']],
      [['SUI'], ['XX']],
    ]
    const ids = a.add(
      ...records.map(([roomCodes, boardCodes], i) => ({
        roomCodes,
        boardCodes,
        firstNight: night(90),
        lastNight: night(90),
        sourceMessageId: `<r${i}@mandarin.example>`,
      })),
    )
    const c = await calendar(a, 90, 90)
    const profile = a.ctx.services.profiles.active()!
    const sorted = (xs: readonly number[] | null) => (xs === null ? null : [...xs].sort((x, y) => x - y))
    for (const id of ids) {
      const row = a.row(id)
      const r = resolveStopSale(a.ctx.database.db, profile, {
        hotelName: row.hotel_name as string,
        hotelId: row.hotel_id as number | null,
        roomCodes: JSON.parse(row.room_codes as string),
        boardCodes: JSON.parse(row.board_codes as string),
      })
      const notice = c.notices.find((n) => n.stopSaleId === id)
      const unplaced = c.unplaced.find((u) => u.stopSaleId === id)
      if (!r.ok) {
        expect(notice).toBeUndefined()
        expect(unplaced?.reason).toEqual(unresolvedMessage(r.unresolved))
        continue
      }
      expect(unplaced).toBeUndefined()
      const allRooms = r.allRooms || [63, 1364, 1389, 1390, 15730, 15731].every((x) => r.roomTypeIds.includes(x))
      const allBoards = r.allBoards || [1, 2, 3, 4, 5, 37].every((x) => r.boardIds.includes(x))
      expect([id, sorted(notice!.roomTypeIds), sorted(notice!.boardIds)]).toEqual([
        id,
        allRooms ? null : sorted(r.roomTypeIds),
        allBoards ? null : sorted(r.boardIds),
      ])
    }
    expect(c.notices).toHaveLength(6)
    expect(c.unplaced).toHaveLength(2)
    expect(c.notices.find((n) => n.stopSaleId === ids[2])).toMatchObject({
      roomCodes: ['SUI', 'DBL'],
      boardCodes: ['UAI'],
    })
  })

  it('errors say why, with codes: no account, a hotel not in the cache, too many nights, from after to', async () => {
    const bare = (app = await startTestApp())
    const noAccount = await bare.ctx.dispatch('calendar.get', { hotelId: 18, from: night(1), to: night(2) })
    expect(noAccount).toMatchObject({ ok: false, error: { kind: 'validation', code: 'calendar.noAccount' } })
    await bare.close()

    const a = (app = await startSyncApp())
    const unknown = await a.ctx.dispatch('calendar.get', { hotelId: 999_999, from: night(1), to: night(2) })
    expect(unknown).toMatchObject({
      ok: false,
      error: { kind: 'not-found', code: 'calendar.unknownHotel', params: { hotelId: 999_999 } },
    })
    const long = await a.ctx.dispatch('calendar.get', { hotelId: 18, from: night(1), to: night(401) })
    expect(long).toMatchObject({ ok: false, error: { code: 'calendar.tooManyNights', params: { max: 400 } } })
    const atMost = await a.ctx.dispatch('calendar.get', { hotelId: 18, from: night(1), to: night(400) })
    expect(atMost).toMatchObject({ ok: true })
    const backwards = await a.ctx.dispatch('calendar.get', { hotelId: 18, from: night(2), to: night(1) })
    expect(backwards).toMatchObject({ ok: false, error: { kind: 'validation' } })
    // Not a day of the calendar: refused with the day named, never shifted (30 February read as 2 March)
    // nor answered with no nights at all (month 13).
    const february30 = await a.ctx.dispatch('calendar.get', { hotelId: 18, from: '2026-02-30', to: '2026-03-05' })
    expect(february30).toMatchObject({
      ok: false,
      error: { kind: 'validation', code: 'calendar.badDate', params: { date: '2026-02-30' } },
    })
    const month13 = await a.ctx.dispatch('calendar.get', { hotelId: 18, from: '2026-01-01', to: '2026-13-01' })
    expect(month13).toMatchObject({
      ok: false,
      error: { kind: 'validation', code: 'calendar.badDate', params: { date: '2026-13-01' } },
    })
    // A leap year's 29 February is a night like any other.
    const leap = await a.ctx.dispatch('calendar.get', { hotelId: 18, from: '2028-02-28', to: '2028-03-01' })
    expect(leap).toMatchObject({ ok: true, value: { nights: ['2028-02-28', '2028-02-29', '2028-03-01'] } })
  })
})
