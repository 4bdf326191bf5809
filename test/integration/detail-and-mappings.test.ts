/** stopSales.detail and fixing "needs attention" in place, against the simulator over real HTTP. */
import { afterEach, describe, expect, it } from 'vitest'
import { REC_ID_PLACEHOLDER } from '../../src/shared/detail'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { sampleStopSale } from '../support/fixtures'
import { startSyncApp, stopSaleWrites, type SyncApp } from '../support/sync-app'

let app: SyncApp | TestApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const syncApp = async () => (app = await startSyncApp())
const sync = (a: SyncApp, ids: number[]) => invoke(a.ctx, 'sync.stopSales', { ids })
const detail = (a: TestApp, id: number) => invoke(a.ctx, 'stopSales.detail', { id })
const refused = async (a: TestApp, channel: string, input: unknown) => {
  const result = await a.ctx.dispatch(channel, input)
  expect(result.ok, `${channel} accepted ${JSON.stringify(input)}`).toBe(false)
  return result.ok ? undefined : result.error
}

describe('stopSales.detail', () => {
  it('shows a synced stop sale with the exact bodies of both phases and its history', async () => {
    const a = await syncApp()
    const [id] = a.add({})
    expect(await sync(a, [id!])).toMatchObject({ synced: 1 })
    const recId = a.sim.stopSales()[0]!.RecId
    const d = await detail(a, id!)
    expect(d.record).toMatchObject({
      id,
      hotelName: 'Mandarin Resort',
      roomCodes: ['STDSV'],
      boardCodes: ['AI'],
      marketIds: [10],
      firstNight: '2026-01-25',
      lastNight: '2026-01-27',
      nights: 3,
      reason: 'Doluluk',
      sourceMessageId: '<a1@otel.example>',
      sourceReceivedAt: '2025-12-29T09:30:00+03:00',
      status: 'synced',
      sednaRecId: recId,
      profileId: a.profileId,
      declareDate: '2025-12-29T09:30:00',
      attempts: 2,
      importId: null,
    })
    expect(d.resolution).toEqual({
      source: 'stored',
      profileId: a.profileId,
      message: null,
      resolution: {
        ok: true,
        hotelId: 18,
        roomTypeIds: [63],
        boardIds: [1],
        roomRemarkCodes: ['STDSV'],
        boardRemarkCodes: ['AI'],
        allRooms: false,
        allBoards: false,
      },
    })
    const history = await invoke(a.ctx, 'stopSales.attempts', { id })
    expect(d.attempts).toEqual(history)
    expect(d.payloads.phase1).toMatchObject({ source: 'sent', outcome: 'ok', attemptId: history[0].id })
    expect(d.payloads.phase2).toMatchObject({ source: 'sent', outcome: 'ok', attemptId: history[1].id })
    // Byte for byte what went over the wire.
    const sent = stopSaleWrites(a.sim).map((r) => r.body)
    expect([d.payloads.phase1.body, d.payloads.phase2.body]).toEqual(sent)
    expect(JSON.parse(d.payloads.phase1.body)).toMatchObject({ RecId: 0, HotelId: 18, StopSaleRooms: [] })
    expect(JSON.parse(d.payloads.phase2.body)).toMatchObject({
      RecId: recId,
      StopSaleRooms: [{ RoomTypeId: 63, StopSaleId: recId }],
      StopSaleOperators: [{ OperatorId: 571, StopSaleId: recId }],
      StopSaleBoards: [{ BoardId: 1, StopSaleId: recId }],
      StopSaleMarkets: [{ MarketId: 10, StopSaleId: recId }],
    })
  })

  it('previews both phases of a pending stop sale exactly as they are then sent', async () => {
    const a = await syncApp()
    const [id] = a.add({ roomCodes: ['STDSV', 'DBL'] })
    // The operator id is only known after a login.
    let d = await detail(a, id!)
    expect(d.resolution).toMatchObject({ source: 'resolved-now', profileId: a.profileId, resolution: { ok: true } })
    expect(d.payloads.phase1).toMatchObject({ source: 'unavailable', body: null, message: /operator id/ })
    // Resolving for display stores nothing.
    expect(a.row(id!)).toMatchObject({ status: 'pending', resolution: null })

    await invoke(a.ctx, 'profiles.testConnection', { id: a.profileId })
    d = await detail(a, id!)
    expect(d.payloads.phase1).toMatchObject({ source: 'preview', recIdPending: false, attemptId: null })
    expect(d.payloads.phase2).toMatchObject({ source: 'preview', recIdPending: true })
    const phase2 = JSON.parse(d.payloads.phase2.body)
    expect(phase2).toMatchObject({
      RecId: REC_ID_PLACEHOLDER,
      StopSaleRooms: [
        { RoomTypeId: 63, StopSaleId: REC_ID_PLACEHOLDER },
        { RoomTypeId: 15730, StopSaleId: REC_ID_PLACEHOLDER },
      ],
    })
    const preview = d.payloads

    expect(await sync(a, [id!])).toMatchObject({ synced: 1 })
    const recId = a.sim.stopSales()[0]!.RecId
    const after = await detail(a, id!)
    expect(after.payloads.phase1).toMatchObject({ source: 'sent', body: preview.phase1.body })
    expect(after.payloads.phase2.source).toBe('sent')
    expect(after.payloads.phase2.body).toBe(
      preview.phase2.body.replaceAll(JSON.stringify(REC_ID_PLACEHOLDER), String(recId)),
    )
  })

  it('shows where an imported stop sale came from', async () => {
    const a = await syncApp()
    const file = JSON.stringify([
      {
        hotel_name: 'Kemer Işıklar Resort',
        date_from: '15.06.2026',
        date_to: '18.06.2026',
        room_types: 'DBL, FAM',
        board_types: ['AI'],
        reason: 'Doluluk',
        message_id: '<kemer.42@isiklar.example>',
        received_at: '2026-06-01T08:15:00+03:00',
        subject: 'STOP SALE / Kemer Işıklar',
        email_id: 'mail-42',
      },
    ])
    const preview = await invoke(a.ctx, 'import.preview', {
      fileName: 'işıklar.json',
      contentBase64: Buffer.from(file).toString('base64'),
    })
    await invoke(a.ctx, 'import.commit', { importId: preview.importId })
    const id = Number(a.ctx.database.sqlite.prepare('select max(id) from stop_sales').pluck().get())
    const d = await detail(a, id)
    expect(d.record).toMatchObject({
      hotelName: 'Kemer Işıklar Resort',
      roomCodes: ['DBL', 'FAM'],
      nights: 4,
      sourceMessageId: '<kemer.42@isiklar.example>',
      sourceReceivedAt: '2026-06-01T08:15:00+03:00',
      sourceSubject: 'STOP SALE / Kemer Işıklar',
      sourceEmailId: 'mail-42',
      importId: preview.importId,
      sourceRow: 1,
      profileId: null,
      declareDate: null,
    })
    expect(d.import).toMatchObject({ id: preview.importId, fileName: 'işıklar.json', committedAt: expect.any(String) })
    expect(d.resolution).toMatchObject({
      source: 'resolved-now',
      resolution: { ok: true, hotelId: 916, roomTypeIds: [7528, 7530], boardIds: [1] },
    })
    expect(d.attempts).toEqual([])
  })

  it('says what is missing when there is no Sedna account, and not-found for an unknown id', async () => {
    const t = (app = await startTestApp())
    const [id] = t.ctx.services.stopSales.add([sampleStopSale()])
    const d = await detail(t, id!)
    expect(d.resolution).toMatchObject({ source: 'unavailable', resolution: null, message: /No Sedna account/ })
    expect(d.payloads.phase1).toMatchObject({ source: 'unavailable', body: null, message: /No Sedna account/ })
    expect(d.payloads.phase2).toMatchObject({ source: 'unavailable', body: null })
    expect(await refused(t, 'stopSales.detail', { id: 4242 })).toEqual({
      kind: 'not-found',
      message: 'Stop sale #4242 does not exist (it may have been deleted).',
    })
  })
})

describe('fix in place', () => {
  it('an unknown room code, mapped, goes back to pending and is then synced', async () => {
    const a = await syncApp()
    const [id] = a.add({ roomCodes: ['STDSV', 'FAMILY'] })
    expect(await sync(a, [id!])).toMatchObject({ needsAttention: 1 })
    const parked = await detail(a, id!)
    expect(parked.record.status).toBe('needs_attention')
    expect(parked.resolution).toMatchObject({
      source: 'stored',
      resolution: { ok: false, unresolved: [{ kind: 'room', code: 'FAMILY', hotelId: 18 }] },
      message: /room code "FAMILY" is unknown at hotel 18/,
    })
    expect(parked.payloads.phase1).toMatchObject({ source: 'unavailable', message: /FAMILY/ })

    const options = await invoke(a.ctx, 'reference.roomTypes', { profileId: a.profileId, hotelId: 18 })
    expect(options).toContainEqual({ id: 1389, code: 'FAM', name: 'Aile Odası', hotelId: 18 })
    const events: unknown[] = []
    a.ctx.events.subscribe((name, payload) => events.push({ name, payload }))
    expect(
      await invoke(a.ctx, 'mappings.setRoom', {
        profileId: a.profileId,
        hotelId: 18,
        code: 'family',
        roomTypeId: 1389,
      }),
    ).toEqual({ released: [id], stillNeedsAttention: [] })
    expect(events).toEqual([{ name: 'stopSales.changed', payload: { ids: [id] } }])
    expect(a.row(id!)).toMatchObject({ status: 'pending', resolution: null, last_error: null })

    expect(await invoke(a.ctx, 'sync.allPending', {})).toMatchObject({ synced: 1 })
    expect(a.row(id!)).toMatchObject({ status: 'synced' })
    expect(a.sim.stopSales()[0]!.children.rooms).toEqual([63, 1389])
  })

  it('a record missing two mappings waits for both; the list of what is missing follows', async () => {
    const a = await syncApp()
    const [both, boardOnly, other] = a.add(
      { roomCodes: ['FAMILY'], boardCodes: ['ALL INCL'] },
      { boardCodes: ['ALL INCL'], firstNight: '2026-02-01', lastNight: '2026-02-02' },
      { roomCodes: ['XL'], firstNight: '2026-03-01', lastNight: '2026-03-02' },
    )
    expect(await sync(a, [both!, boardOnly!, other!])).toMatchObject({ needsAttention: 3 })
    expect(
      await invoke(a.ctx, 'mappings.setRoom', {
        profileId: a.profileId,
        hotelId: 18,
        code: 'FAMILY',
        roomTypeId: 1389,
      }),
    ).toEqual({ released: [], stillNeedsAttention: [both] })
    expect(a.row(both!).last_error).toBe('Needs mapping before it can be sent: board code "ALL INCL" is unknown.')
    const boards = await invoke(a.ctx, 'reference.boards', { profileId: a.profileId })
    expect(boards).toContainEqual({ id: 1, code: 'AI', name: 'All Inclusive' })
    expect(await invoke(a.ctx, 'mappings.setBoard', { profileId: a.profileId, code: 'all incl', boardId: 1 })).toEqual({
      released: [both, boardOnly],
      stillNeedsAttention: [],
    })
    // Not concerned by either mapping: untouched.
    expect(a.row(other!)).toMatchObject({ status: 'needs_attention', last_error: expect.stringMatching(/"XL"/) })
    expect(await invoke(a.ctx, 'sync.allPending', {})).toMatchObject({ synced: 2 })
  })

  it('an unknown hotel is picked from ranked suggestions and mapped', async () => {
    const a = await syncApp()
    const [id] = a.add({ hotelName: 'Mandarın Rsort Kemer' })
    // A record parked for another reason (credentials) is not released by a mapping.
    const [elsewhere] = a.add({ hotelName: 'Mandarın Rsort Kemer', firstNight: '2026-03-01', lastNight: '2026-03-01' })
    expect(await sync(a, [id!])).toMatchObject({ needsAttention: 1 })
    a.ctx.database.sqlite
      .prepare("update stop_sales set status = 'needs_attention', last_error = 'Sedna refused the login' where id = ?")
      .run(elsewhere)

    const suggestions = await invoke(a.ctx, 'reference.hotels', { profileId: a.profileId, query: 'mandarin rsort' })
    expect(suggestions[0]).toMatchObject({ id: 18, name: 'Mandarin Resort', exact: false, score: expect.any(Number) })
    const typed = await invoke(a.ctx, 'reference.hotels', { profileId: a.profileId, query: 'ista', limit: 5 })
    expect(typed.map((h: { name: string }) => h.name)).toContain('İstanbul Boğaz Palace')
    const first = await invoke(a.ctx, 'reference.hotels', { profileId: a.profileId, limit: 3 })
    expect(first.map((h: { name: string }) => h.name)).toEqual([
      'Antalya Beach Otel',
      'Çamyuva Güneş Otel',
      'Grand Palace Hotel',
    ])
    expect(first[0].score).toBeNull()

    expect(
      await invoke(a.ctx, 'mappings.setHotel', {
        profileId: a.profileId,
        hotelName: 'MANDARIN RSORT KEMER',
        hotelId: 18,
      }),
    ).toEqual({ released: [id], stillNeedsAttention: [] })
    expect(a.row(elsewhere!)).toMatchObject({ status: 'needs_attention', last_error: 'Sedna refused the login' })
    expect(await sync(a, [id!])).toMatchObject({ synced: 1 })
    expect(a.sim.stopSales()[0]).toMatchObject({ HotelId: 18 })
  })

  it('refuses ids that are not in the profile’s reference data, and changes nothing', async () => {
    const a = await syncApp()
    const [id] = a.add({ roomCodes: ['FAMILY'] })
    await sync(a, [id!])
    const p = a.profileId
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      // Room type 133 exists, but at Çamyuva Güneş Otel (hotel 28), not at Mandarin Resort.
      [
        'mappings.setRoom',
        { profileId: p, hotelId: 18, code: 'FAMILY', roomTypeId: 133 },
        'validation',
        /Room type 133 is not a room type of Mandarin Resort \(hotel 18\)/,
      ],
      [
        'mappings.setRoom',
        { profileId: p, hotelId: 424242, code: 'FAMILY', roomTypeId: 1389 },
        'validation',
        /Hotel 424242 is not in the hotel list of the Sedna account "Acente"/,
      ],
      [
        'mappings.setBoard',
        { profileId: p, code: 'AI', boardId: 999 },
        'validation',
        /Board 999 is not in the board list/,
      ],
      [
        'mappings.setHotel',
        { profileId: p, hotelName: 'Mandarin', hotelId: 4242 },
        'validation',
        /Hotel 4242 is not in the hotel list/,
      ],
      ['mappings.setHotel', { profileId: p, hotelName: '★★★', hotelId: 18 }, 'validation', /no letters or digits/],
      [
        'mappings.setRoom',
        { profileId: 99, hotelId: 18, code: 'FAMILY', roomTypeId: 1389 },
        'not-found',
        /profile #99 does not exist/,
      ],
      ['reference.roomTypes', { profileId: p, hotelId: 424242 }, 'validation', /Hotel 424242/],
      ['reference.hotels', { profileId: 99 }, 'not-found', /profile #99/],
    ]
    for (const [channel, input, kind, message] of cases) {
      const error = await refused(a, channel, input)
      expect(error?.kind, `${channel} ${JSON.stringify(input)}`).toBe(kind)
      expect(error?.message).toMatch(message)
    }
    const count = (table: string) => a.ctx.database.sqlite.prepare(`select count(*) from ${table}`).pluck().get()
    expect([count('code_mappings'), count('hotel_mappings')]).toEqual([0, 0])
    expect(a.row(id!)).toMatchObject({ status: 'needs_attention' })
  })
})
