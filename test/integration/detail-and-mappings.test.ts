/** stopSales.detail and fixing "needs attention" in place, against the simulator over real HTTP. */
import { afterEach, describe, expect, it } from 'vitest'
import { REC_ID_PLACEHOLDER } from '../../src/shared/detail'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { sampleStopSale } from '../support/fixtures'
import { importReservations, startSyncApp, stopSaleWrites, type SyncApp } from '../support/sync-app'
import { worded } from '../support/words'
import { addSimAccount } from '../support/account'

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
    // The look in Sedna before the first send, then the two phases.
    expect(history.map((h) => h.phase)).toEqual(['lookup', 'phase1', 'phase2'])
    expect(d.payloads.phase1).toMatchObject({ source: 'sent', outcome: 'ok', attemptId: history[1]!.id })
    expect(d.payloads.phase2).toMatchObject({ source: 'sent', outcome: 'ok', attemptId: history[2]!.id })
    // Byte for byte what went over the wire.
    const sent = stopSaleWrites(a.sim).map((r) => r.body)
    expect([d.payloads.phase1.body, d.payloads.phase2.body]).toEqual(sent)
    expect(JSON.parse(d.payloads.phase1.body!)).toMatchObject({ RecId: 0, HotelId: 18, StopSaleRooms: [] })
    expect(JSON.parse(d.payloads.phase2.body!)).toMatchObject({
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
    expect(d.payloads.phase1).toMatchObject({
      source: 'unavailable',
      body: null,
      message: { code: 'detail.operatorIdUnknown', params: { account: 'Acente' } },
    })
    // Resolving for display stores nothing.
    expect(a.row(id!)).toMatchObject({ status: 'pending', resolution: null })

    await invoke(a.ctx, 'profiles.testConnection', { id: a.profileId })
    d = await detail(a, id!)
    expect(d.payloads.phase1).toMatchObject({ source: 'preview', recIdPending: false, attemptId: null })
    expect(d.payloads.phase2).toMatchObject({ source: 'preview', recIdPending: true })
    const phase2 = JSON.parse(d.payloads.phase2.body!)
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
      preview.phase2.body!.replaceAll(JSON.stringify(REC_ID_PLACEHOLDER), String(recId)),
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
    const noAccount = { code: 'resolution.noAccount' }
    expect(d.resolution).toMatchObject({ source: 'unavailable', resolution: null, message: noAccount })
    expect(worded(d.resolution.message)).toMatch(/^No Sedna account is set up/)
    expect(d.payloads.phase1).toMatchObject({ source: 'unavailable', body: null, message: noAccount })
    expect(d.account).toBeNull()
    expect(d.record.actions).toEqual(['sync'])
    expect(d.payloads.phase2).toMatchObject({ source: 'unavailable', body: null })
    expect(await refused(t, 'stopSales.detail', { id: 4242 })).toEqual({
      kind: 'not-found',
      message: 'Stop sale #4242 does not exist (it may have been deleted).',
      code: 'record.stopSaleNotFound',
      params: { id: 4242 },
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
    })
    expect(worded(parked.resolution.message)).toMatch(/room code "FAMILY" is unknown at hotel 18/)
    expect(parked.payloads.phase1.message).toEqual(parked.resolution.message)
    // What main allows, and the account a fix applies to: the screen asks for nothing else.
    expect(parked.record.actions).toEqual(['sync', 'fix'])
    expect(parked.account).toEqual({ id: a.profileId, name: 'Acente' })

    const options = await invoke(a.ctx, 'reference.roomTypes', { profileId: a.profileId, hotelId: 18 })
    expect(options).toContainEqual({ id: 1389, code: 'FAM', name: 'Aile Odası', hotelId: 18 })
    const events: unknown[] = []
    a.ctx.events.subscribe((name, payload) => events.push({ name, payload }))
    // Mapped from the record: main takes its account and its hotel.
    expect(
      await invoke(a.ctx, 'mappings.setRoom', { record: { kind: 'stopSale', id }, code: 'family', roomTypeId: 1389 }),
    ).toEqual({ released: [id], stillNeedsAttention: [] })
    expect(events).toEqual([{ name: 'stopSales.changed', payload: { ids: [id] } }])
    expect(a.row(id!)).toMatchObject({ status: 'pending', resolution: null, last_error: null, last_error_code: null })

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
    expect(a.row(both!)).toMatchObject({ last_error_code: 'resolution.needsMapping' })
    expect((await invoke(a.ctx, 'stopSales.get', { id: both })).lastError).toEqual({
      code: 'resolution.needsMapping',
      params: { kind: 'board', code: 'ALL INCL', count: 1, more: 0 },
    })
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

describe('rules in main: what may be done, and with which account', () => {
  it('list, get and detail answers carry the actions each status allows, for both kinds', async () => {
    const a = await syncApp()
    const sql = a.ctx.database.sqlite
    const stopSaleCases: Array<[string, string[]]> = [
      ['pending', ['sync']],
      ['queued', ['sync', 'tryNow']],
      ['creating', ['sync', 'tryNow']],
      ['created', ['sync', 'tryNow']],
      ['updating', ['sync', 'tryNow']],
      ['synced', []],
      ['needs_attention', ['sync']],
      ['needs_review', []],
      ['failed', ['sync']],
    ]
    // Parked for want of a mapping: it may also be fixed in place.
    const [parked] = a.add({ roomCodes: ['FAMILY'] })
    await sync(a, [parked!])
    // The others put in each status (after that sync, which would have sent the queued ones).
    const ids = a.add(
      ...stopSaleCases.map((_, i) => ({ firstNight: `2026-04-${10 + i}`, lastNight: `2026-04-${10 + i}` })),
    )
    stopSaleCases.forEach(([status], i) =>
      sql.prepare('update stop_sales set status = ? where id = ?').run(status, ids[i]),
    )
    const listed = await invoke(a.ctx, 'stopSales.list', { sort: { column: 'createdAt', direction: 'asc' } })
    expect(listed.rows.map((r: { status: string; actions: string[] }) => [r.status, r.actions])).toEqual([
      ['needs_attention', ['sync', 'fix']],
      ...stopSaleCases,
    ])
    expect((await invoke(a.ctx, 'stopSales.get', { id: parked })).actions).toEqual(['sync', 'fix'])
    expect((await detail(a, ids[5]!)).record.actions).toEqual([])

    const reservationCases: Array<[string, string | null, string[]]> = [
      ['pending', null, ['sync', 'cancel']],
      ['queued', null, ['sync', 'cancel', 'tryNow']],
      ['sending', '2026-01-01T10:00:00.000Z', ['sync', 'tryNow']],
      ['synced', '2026-01-01T10:00:00.000Z', ['cancel']],
      ['cancelling', '2026-01-01T10:00:00.000Z', ['tryNow']],
      ['cancelled', '2026-01-01T10:00:00.000Z', []],
      ['needs_attention', null, ['sync', 'cancel']],
      ['needs_review', '2026-01-01T10:00:00.000Z', []],
      ['failed', null, ['sync', 'cancel']],
    ]
    const resIds = await importReservations(
      a,
      reservationCases.map((_, i) => `ACT-${i}`),
    )
    reservationCases.forEach(([status, started], i) =>
      sql
        .prepare('update reservations set status = ?, send_started_at = ?, sedna_rec_id = ? where id = ?')
        .run(
          status,
          started,
          status === 'synced' || status === 'cancelling' || status === 'cancelled' ? 7000 + i : null,
          resIds[i],
        ),
    )
    const reservations = await invoke(a.ctx, 'reservations.list', { sort: { column: 'createdAt', direction: 'asc' } })
    expect(reservations.rows.map((r: { status: string; actions: string[] }) => [r.status, r.actions])).toEqual(
      reservationCases.map(([status, , actions]) => [status, actions]),
    )
    // One that lacks a mapping (its hotel): pending, so it may be fixed.
    const [unknown] = await importReservations(a, ['ACT-X'])
    sql.prepare("update reservations set hotel_name = 'Olmayan Otel', hotel_key = 'olmayan' where id = ?").run(unknown)
    const d = await invoke(a.ctx, 'reservations.detail', { id: unknown })
    expect(d.record.actions).toEqual(['sync', 'fix', 'cancel'])
    expect(d.account).toEqual({ id: a.profileId, name: 'Acente' })
  })

  it('a mapping asked from a record uses its account; a record of another account maps in that account', async () => {
    const a = await syncApp()
    const sql = a.ctx.database.sqlite
    // A second account on the same Sedna; the first stays the active one.
    const other = await addSimAccount(a.ctx, a.sim.url, { name: 'İkinci Acente' })
    expect((await invoke(a.ctx, 'profiles.list', {})).profiles.find((p: { isActive: boolean }) => p.isActive)!.id).toBe(
      a.profileId,
    )
    const [ours, theirs] = a.add(
      { roomCodes: ['FAMILY'] },
      { roomCodes: ['FAMILY'], firstNight: '2026-02-01', lastNight: '2026-02-01' },
    )
    await sync(a, [ours!, theirs!])
    // As if sent before with the other account: it belongs to it.
    sql.prepare('update stop_sales set profile_id = ? where id = ?').run(other.id, theirs)
    expect((await detail(a, theirs!)).account).toEqual({ id: other.id, name: 'İkinci Acente' })
    expect((await detail(a, ours!)).account).toEqual({ id: a.profileId, name: 'Acente' })

    const mappedIn = () => sql.prepare('select profile_id from code_mappings order by profile_id').pluck().all()
    expect(
      await invoke(a.ctx, 'mappings.setRoom', {
        record: { kind: 'stopSale', id: theirs },
        code: 'FAMILY',
        roomTypeId: 1389,
      }),
    ).toEqual({ released: [theirs], stillNeedsAttention: [] })
    expect(mappedIn()).toEqual([other.id])
    expect(a.row(ours!)).toMatchObject({ status: 'needs_attention' })
    expect(
      await invoke(a.ctx, 'mappings.setRoom', {
        record: { kind: 'stopSale', id: ours },
        code: 'family',
        roomTypeId: 1389,
      }),
    ).toEqual({ released: [ours], stillNeedsAttention: [] })
    expect(mappedIn()).toEqual([a.profileId, other.id].sort((x, y) => x - y))

    // A reservation of the other account: its hotel mapped there, by the reservation's own name.
    const [res] = await importReservations(a, ['OTHER-1'])
    sql
      .prepare(
        "update reservations set hotel_name = 'Mandarın Rsort', hotel_key = 'mandarin rsort', profile_id = ?, status = 'needs_attention', resolution = ? where id = ?",
      )
      .run(
        other.id,
        JSON.stringify({ ok: false, unresolved: [{ kind: 'hotel', name: 'Mandarın Rsort', suggestions: [] }] }),
        res,
      )
    expect(await invoke(a.ctx, 'mappings.setHotel', { record: { kind: 'reservation', id: res }, hotelId: 18 })).toEqual(
      {
        released: [],
        stillNeedsAttention: [],
        reservations: { released: [res], stillNeedsAttention: [] },
      },
    )
    expect(sql.prepare('select profile_id, name_as_received from hotel_mappings').all()).toEqual([
      { profile_id: other.id, name_as_received: 'Mandarın Rsort' },
    ])
  })

  it('refuses a mapping from a record that does not fit it, and changes nothing', async () => {
    const a = await syncApp()
    const [id] = a.add({ roomCodes: ['FAMILY'] })
    const [res] = await importReservations(a, ['FIT-1'])
    await sync(a, [id!])
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [
        'mappings.setRoom',
        { record: { kind: 'stopSale', id }, code: 'DBL', roomTypeId: 1389 },
        'validation',
        'mapping.notTheRecordsCode',
      ],
      [
        'mappings.setBoard',
        { record: { kind: 'stopSale', id }, code: 'UAI', boardId: 1 },
        'validation',
        'mapping.notTheRecordsCode',
      ],
      [
        'mappings.setNationality',
        { record: { kind: 'stopSale', id }, nationality: 'UA', countryId: 79 },
        'validation',
        'mapping.nationalityOfStopSale',
      ],
      [
        'mappings.setNationality',
        { record: { kind: 'reservation', id: res }, nationality: 'Atlantis', countryId: 79 },
        'validation',
        'mapping.notTheRecordsNationality',
      ],
      [
        'mappings.setHotel',
        { record: { kind: 'stopSale', id: 4242 }, hotelId: 18 },
        'not-found',
        'record.stopSaleNotFound',
      ],
      [
        'mappings.setHotel',
        { record: { kind: 'reservation', id: 4242 }, hotelId: 18 },
        'not-found',
        'record.reservationNotFound',
      ],
    ]
    for (const [channel, input, kind, code] of cases) {
      const error = await refused(a, channel, input)
      expect(error, `${channel} ${JSON.stringify(input)}`).toMatchObject({ kind, code })
    }
    const count = (table: string) => a.ctx.database.sqlite.prepare(`select count(*) from ${table}`).pluck().get()
    expect([count('code_mappings'), count('hotel_mappings'), count('nationality_mappings')]).toEqual([0, 0, 0])
  })
})
