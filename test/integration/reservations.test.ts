/**
 * Reservations end to end through the real app context and IPC dispatcher, against the simulator over
 * real HTTP: import (preview, validation, idempotent re-import) → resolve (hotel, room, board,
 * nationality via GetCountrys) → InsertReservation exactly once (array body, query credentials,
 * redacted in what is stored) → cancel (CancelReservationBySourcId).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SednaClient } from '../../src/main/sedna/client'
import { startSimulator } from '../../src/main/sedna/simulator'
import { projectRoot } from '../harness/server'
import { invoke } from '../support/context'
import { startSyncApp, UNKNOWN_OUTCOME_FAULTS, type SyncApp } from '../support/sync-app'
import { worded, wordedAll } from '../support/words'

let app: SyncApp
afterEach(async () => {
  await app?.close()
})

const SAMPLE = join(projectRoot, '../shared/samples/parsed/reservation-row.sample.json')

/** A parsed reservation (the parser's field names) at the vendor's hotel 18, which every seed knows. */
function parsed(overrides: Record<string, unknown> = {}) {
  return {
    voucher_no: 'JUN2025001',
    hotel_name: 'Mandarin Resort',
    check_in: '2026-07-10',
    check_out: '2026-07-17',
    room_type: 'STDSV',
    board_type: 'AI',
    adults: 2,
    children: 1,
    total_price: 1850.5,
    currency: 'EUR',
    guests: [
      {
        title: 'Mr',
        first_name: 'Oleksandr',
        last_name: 'Kovalenko',
        birth_date: '1980-03-02',
        passport_no: 'FU022013',
        nationality: 'UA',
      },
      {
        title: 'Mrs',
        first_name: 'Iryna',
        last_name: 'Kovalenko',
        birth_date: null,
        passport_no: null,
        nationality: 'Ukrayna',
      },
      {
        title: null,
        first_name: 'Mykola',
        last_name: 'Kovalenko',
        birth_date: '2019-09-01',
        passport_no: null,
        nationality: 'UA',
      },
    ],
    source_email_id: 411,
    ...overrides,
  }
}

const file = (records: unknown, fileName = 'reservations.json') => ({
  fileName,
  contentBase64: Buffer.from(typeof records === 'string' ? records : JSON.stringify(records)).toString('base64'),
})

/** Preview + commit; returns the new reservation ids. */
async function importRecords(records: unknown[]): Promise<number[]> {
  const preview = await invoke(app.ctx, 'reservationImport.preview', file(records))
  const result = await invoke(app.ctx, 'reservationImport.commit', { importId: preview.importId })
  return result.ids
}

const sync = (ids: number[]) => invoke(app.ctx, 'sync.reservations', { ids })
const attempts = (id: number) => invoke(app.ctx, 'reservations.attempts', { id })
const row = (id: number) =>
  app.ctx.database.sqlite.prepare('select * from reservations where id = ?').get(id) as Record<string, any>
const inserts = () => app.sim.requests().filter((r) => /InsertReservation$/i.test(r.path))

describe('import', () => {
  it('previews the parser sample, says what needs mapping, and a re-import adds nothing', async () => {
    app = await startSyncApp()
    const preview = await invoke(app.ctx, 'reservationImport.preview', { path: SAMPLE })
    expect(preview).toMatchObject({
      format: 'json',
      rows: 1,
      willImport: 1,
      duplicates: 0,
      invalid: 0,
      needsAttention: 1,
      resolutionChecked: true,
      sameFileImported: null,
    })
    const { rows } = await invoke(app.ctx, 'reservationImport.rows', { importId: preview.importId })
    expect(rows[0]).toMatchObject({
      row: 1,
      state: 'new',
      voucherNo: 'JUN2024001',
      hotelName: 'Grand Paradise Resort',
      checkIn: '2025-01-15',
      checkOut: '2025-01-22',
      roomCode: 'DBL',
      boardCode: 'AI',
      adults: 2,
      children: 1,
      attention: [
        {
          code: 'resolution.needsMapping',
          params: expect.objectContaining({ kind: 'hotelClosest', name: 'Grand Paradise Resort', count: 1 }),
        },
      ],
    })
    expect(wordedAll(rows[0].attention)).toMatch(/hotel "Grand Paradise Resort" is not known in Sedna/)
    expect(rows[0].guests.map((g: any) => [g.title, g.firstName, g.lastName])).toEqual([
      ['Mrs', 'JOHN', 'TEST'],
      ['Mrs', 'JANE', 'TEST'],
    ])
    const result = await invoke(app.ctx, 'reservationImport.commit', { importId: preview.importId })
    expect(result).toMatchObject({ imported: 1, duplicates: 0, invalid: 0, needsAttention: 1 })
    const [id] = result.ids
    const stored = await invoke(app.ctx, 'reservations.get', { id })
    expect(stored).toMatchObject({
      status: 'pending',
      voucherNo: 'JUN2024001',
      nights: 7,
      pax: 3,
      guestCount: 2,
      leadGuest: 'Mrs JOHN TEST',
      totalPrice: 1234.56,
      currency: 'EUR',
      sourceEmailId: '310',
      sourceId: expect.stringMatching(new RegExp(`^R${id}-[0-9a-f]{6}$`)),
      sednaRecId: null,
    })

    // The same file again: recognised, nothing imported.
    const again = await invoke(app.ctx, 'reservationImport.preview', { path: SAMPLE })
    expect(again).toMatchObject({ willImport: 0, duplicates: 1, sameFileImported: { importId: preview.importId } })
    const dupRows = await invoke(app.ctx, 'reservationImport.rows', { importId: again.importId })
    expect(dupRows.rows[0]).toMatchObject({
      state: 'duplicate',
      reason: [
        { code: 'reservationImport.duplicateOfEmail', params: { id: id!, voucher: 'JUN2024001', email: '310' } },
      ],
    })
    expect(wordedAll(dupRows.rows[0].reason)).toBe(
      `Already imported as reservation #${id} (voucher JUN2024001, e-mail 310).`,
    )
    expect(await invoke(app.ctx, 'reservationImport.commit', { importId: again.importId })).toMatchObject({
      imported: 0,
    })
    // A changed copy of the same booking from the same e-mail: still a duplicate, and says what differs.
    const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'))
    const changed = await invoke(app.ctx, 'reservationImport.preview', file([{ ...sample, room_type: 'SUI' }]))
    const changedRows = await invoke(app.ctx, 'reservationImport.rows', { importId: changed.importId })
    expect(wordedAll(changedRows.rows[0].reason, 'en', ' ')).toMatch(
      /\(voucher JUN2024001, e-mail 310\)\. This one has another room type\. The stored one is kept\.$/,
    )
    expect((await invoke(app.ctx, 'reservations.list', {})).total).toBe(1)
  })

  it('gives every invalid record its exact reasons, and reads CSV with numbered guest columns', async () => {
    app = await startSyncApp()
    const preview = await invoke(
      app.ctx,
      'reservationImport.preview',
      file([
        parsed({ voucher_no: '' }),
        parsed({ voucher_no: 'B', check_in: '2026-07-17', check_out: '2026-07-10' }),
        parsed({ voucher_no: 'C', check_in: '31.02.2026' }),
        parsed({ voucher_no: 'D', adults: 1, children: 0 }),
        parsed({ voucher_no: 'E', guests: [{ title: 'Dr', first_name: 'A', last_name: 'B' }] }),
        parsed({ voucher_no: 'F', room_type: null, guests: [] }),
        42,
        parsed({ voucher_no: 'OK' }),
        parsed({ voucher_no: 'OK' }),
      ]),
    )
    expect(preview).toMatchObject({ rows: 9, willImport: 1, invalid: 7, duplicates: 1 })
    const { rows } = await invoke(app.ctx, 'reservationImport.rows', {
      importId: preview.importId,
      states: ['invalid', 'duplicate'],
    })
    const reasons = Object.fromEntries(rows.map((r: any) => [r.row, wordedAll(r.reason, 'en', ' ')]))
    expect(reasons[1]).toMatch(/Voucher number is missing/)
    expect(reasons[2]).toMatch(/Check-out 2026-07-10 is not after check-in 2026-07-17/)
    expect(reasons[3]).toMatch(/Check-in "31.02.2026" is not a real date/)
    expect(reasons[4]).toMatch(/3 guests are listed for 1 adult and 0 children/)
    expect(reasons[5]).toMatch(/title "Dr" is not one Sedna knows/)
    expect(reasons[6]).toMatch(/Room type is missing.*No guests are listed/)
    expect(reasons[7]).toMatch(/Record 7 is not an object/)
    expect(reasons[9]).toMatch(/Same voucher and source e-mail as row 8 of this file/)

    const csv = [
      'voucher_no;hotel_name;check_in;check_out;room_type;board_type;adults;children;total_price;currency;source_email_id;guest1_title;guest1_first_name;guest1_last_name;guest1_nationality;guest2_title;guest2_first_name;guest2_last_name;guest2_birth_date',
      'CSV-1;Çamyuva Güneş Otel;15.08.2026;22.08.2026;DBL;AI;1;1;"1.234,50";€;512;Bay;Ahmet;Yılmaz;TR;;Elif;Yılmaz;01.05.2025',
    ].join('\r\n')
    const csvPreview = await invoke(app.ctx, 'reservationImport.preview', file(csv, 'rez.csv'))
    expect(csvPreview).toMatchObject({ format: 'csv', encoding: 'UTF-8, ";"-separated', willImport: 1, invalid: 0 })
    const csvRows = await invoke(app.ctx, 'reservationImport.rows', { importId: csvPreview.importId })
    expect(csvRows.rows[0]).toMatchObject({
      line: 2,
      hotelName: 'Çamyuva Güneş Otel',
      checkIn: '2026-08-15',
      attention: [],
    })
    expect(csvRows.rows[0].guests).toEqual([
      expect.objectContaining({ title: 'Mr', titleAsReceived: 'Bay', lastName: 'Yılmaz', nationality: 'TR' }),
      // No title, one year old at check-in: an infant.
      expect.objectContaining({ title: 'Inf', titleAsReceived: null, birthDate: '2025-05-01' }),
    ])
    const [id] = (await invoke(app.ctx, 'reservationImport.commit', { importId: csvPreview.importId })).ids
    expect(await invoke(app.ctx, 'reservations.get', { id })).toMatchObject({ totalPrice: 1234.5, currency: 'EUR' })
  })
})

describe('resolve and send', () => {
  it('import → resolve → InsertReservation: array body, query credentials present, redacted where stored', async () => {
    app = await startSyncApp()
    const [id] = await importRecords([parsed()])
    // Before the operator id is known (learned at login) the request cannot be previewed.
    expect((await invoke(app.ctx, 'reservations.detail', { id })).payload).toMatchObject({
      source: 'unavailable',
      message: { code: 'detail.operatorIdUnknown', params: { account: 'Acente' } },
    })
    await invoke(app.ctx, 'profiles.testConnection', { id: app.profileId })
    const before = await invoke(app.ctx, 'reservations.detail', { id })
    expect(before.resolution).toMatchObject({ source: 'resolved-now', resolution: { ok: true, hotelId: 18 } })
    expect(before.payload).toMatchObject({
      source: 'preview',
      url: expect.stringContaining('password=***&voucherNo=JUN2025001'),
    })

    const summary = await sync([id!])
    expect(summary).toMatchObject({
      synced: 1,
      reservations: { synced: 1, failed: 0, queued: 0, needsAttention: 0 },
      stopSales: { synced: 0 },
      errors: [],
    })
    const [stored] = app.sim.reservations()
    expect(app.sim.reservations()).toHaveLength(1)
    expect(summary.reservationResults).toEqual([
      { id, voucherNo: 'JUN2025001', status: 'synced', recId: stored!.RecId, message: null, lastError: null },
    ])
    expect(row(id!)).toMatchObject({ status: 'synced', sedna_rec_id: stored!.RecId, operator_id: 571 })

    // What travelled: a JSON array, credentials and voucher in the query.
    const [request] = inserts()
    expect(request!.body.trimStart().startsWith('[')).toBe(true)
    expect(request!.query).toMatchObject({ username: 'demo', password: 'demo', voucherNo: 'JUN2025001' })
    const sourceId = row(id!).source_id
    expect(stored).toMatchObject({ voucher: 'JUN2025001', SourceId: sourceId, OperatorId: 571, status: 'active' })
    expect(stored!.element).toEqual({
      Voucher: 'JUN2025001',
      CheckinDate: '2026-07-10',
      CheckOutDate: '2026-07-17',
      HotelId: 18,
      OperatorId: 571,
      Adult: 2,
      Child: 1,
      BoardId: 1,
      RoomTypeId: 63,
      SourceId: sourceId,
      Customers: [
        {
          Title: 'Mr',
          FirstName: 'OLEKSANDR',
          LastName: 'KOVALENKO',
          BirthDate: '1980-03-02',
          Age: 46,
          PassNo: 'FU022013',
          Nationality: 'UKRAYNA',
          NationalityId: 79,
          SourceId: `${sourceId}-1`,
        },
        {
          Title: 'Mrs',
          FirstName: 'IRYNA',
          LastName: 'KOVALENKO',
          Nationality: 'UKRAYNA',
          NationalityId: 79,
          SourceId: `${sourceId}-2`,
        },
        {
          Title: 'Chd',
          FirstName: 'MYKOLA',
          LastName: 'KOVALENKO',
          BirthDate: '2019-09-01',
          Age: 6,
          Nationality: 'UKRAYNA',
          NationalityId: 79,
          SourceId: `${sourceId}-3`,
        },
      ],
      IsReservationChanged: false,
      Amount: 1850.5,
      CurrencyRemark: 'EUR',
    })

    // Stored: the URL with password=***, never the password; the body byte for byte as sent.
    const history = await attempts(id!)
    const send = history.find((a) => a.phase === 'send')!
    expect(send).toMatchObject({ outcome: 'ok', httpStatus: 200 })
    expect(send.url).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/SednaAgencyb2bApi\/api\/Integratiion\/InsertReservation\?/,
    )
    // (The profile's username is "demo" like its password, so every "demo" in it is starred too.)
    expect(send.url).toMatch(/\?username=[^&]+&password=\*\*\*&voucherNo=JUN2025001$/)
    expect(send.requestBody).toBe(request!.body)
    const detail = await invoke(app.ctx, 'reservations.detail', { id })
    expect(detail.payload).toMatchObject({ source: 'sent', body: request!.body, url: send.url, outcome: 'ok' })
    expect(detail.record).toMatchObject({
      status: 'synced',
      sednaRecId: stored!.RecId,
      operatorId: 571,
      profileId: app.profileId,
    })
    const everything = JSON.stringify(app.ctx.database.sqlite.prepare('select * from reservation_attempts').all())
    expect(everything).not.toMatch(/password=demo/)

    // Synced again: nothing is sent, never a second reservation.
    expect(await sync([id!])).toMatchObject({ reservations: { synced: 1 } })
    expect(inserts()).toHaveLength(1)
    const list = await invoke(app.ctx, 'reservations.list', { text: String(stored!.RecId) })
    expect(list.rows.map((r: any) => r.id)).toEqual([id])
    expect(list.countsByStatus).toMatchObject({ synced: 1, pending: 0 })
  })

  it('an unknown nationality parks it as needs attention with the exact list; mapped once, it is sent', async () => {
    app = await startSyncApp()
    const guests = parsed().guests.map((g, i) => (i === 1 ? { ...g, nationality: 'Atlantis' } : g))
    const [id] = await importRecords([parsed({ guests, room_type: 'FAMILY' })])
    const summary = await sync([id!])
    expect(summary).toMatchObject({ needsAttention: 1, reservations: { needsAttention: 1, synced: 0 } })
    // The first thing to map and how many more (the detail lists them all from the stored resolution).
    expect(summary.reservationResults[0].message).toEqual({
      code: 'resolution.needsMapping',
      params: { kind: 'room', code: 'FAMILY', hotelId: 18, count: 2, more: 1 },
    })
    expect(worded(summary.reservationResults[0].message)).toBe(
      'Needs mapping before it can be sent: room code "FAMILY" is unknown at hotel 18, and 1 more (see the detail).',
    )
    expect(summary.errors).toEqual([
      { kind: 'reservation', id, label: 'JUN2025001', message: summary.reservationResults[0].message },
    ])
    expect(inserts()).toHaveLength(0)
    expect(row(id!).resolution).toContain('"kind":"nationality","value":"Atlantis"')

    // Fix in place from the reservation (main takes its account and its hotel): the room first (still
    // waiting for the nationality), then the nationality.
    const room = await invoke(app.ctx, 'mappings.setRoom', {
      record: { kind: 'reservation', id },
      code: 'FAMILY',
      roomTypeId: 1389,
    })
    expect(room).toEqual({
      released: [],
      stillNeedsAttention: [],
      reservations: { released: [], stillNeedsAttention: [id] },
    })
    expect(row(id!).last_error).toMatch(/^Needs mapping before it can be sent: nationality "Atlantis"/)
    expect(row(id!).last_error_code).toBe('resolution.needsMapping')
    const countries = await invoke(app.ctx, 'reference.countries', { profileId: app.profileId, query: 'ukr' })
    expect(countries).toEqual([{ id: 79, name: 'UKRAYNA', code: 'UA', exact: false }])
    const bad = await app.ctx.dispatch('mappings.setNationality', {
      profileId: app.profileId,
      nationality: 'Atlantis',
      countryId: 4242,
    })
    expect(bad).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: expect.stringMatching(/Country 4242 is not in the country list/) },
    })
    const mapped = await invoke(app.ctx, 'mappings.setNationality', {
      record: { kind: 'reservation', id },
      nationality: 'atlantis',
      countryId: 79,
    })
    expect(mapped).toEqual({
      released: [],
      stillNeedsAttention: [],
      reservations: { released: [id], stillNeedsAttention: [] },
    })
    expect(row(id!)).toMatchObject({ status: 'pending', last_error: null, last_error_code: null })
    expect(await sync([id!])).toMatchObject({ reservations: { synced: 1 } })
    const customers = (app.sim.reservations()[0]!.element as any).Customers
    expect(customers.map((c: any) => c.NationalityId)).toEqual([79, 79, 79])
    expect((app.sim.reservations()[0]!.element as any).RoomTypeId).toBe(1389)
  })

  it('"sync all pending" sends stop sales and reservations, and the summary counts both', async () => {
    app = await startSyncApp()
    const [stopSaleId] = app.add({})
    const [resId, unresolved] = await importRecords([
      parsed(),
      parsed({ voucher_no: 'X-2', hotel_name: 'Olmayan Otel' }),
    ])
    const summary = await invoke(app.ctx, 'sync.allPending', {})
    expect(summary).toMatchObject({
      synced: 2,
      needsAttention: 1,
      stopSales: { synced: 1, failed: 0 },
      reservations: { synced: 1, needsAttention: 1 },
    })
    expect(summary.results.map((r: any) => r.id)).toEqual([stopSaleId])
    expect(summary.reservationResults.map((r: any) => [r.id, r.status])).toEqual([
      [resId, 'synced'],
      [unresolved, 'needs_attention'],
    ])
    expect(summary.errors).toEqual([
      {
        kind: 'reservation',
        id: unresolved,
        label: 'X-2',
        message: expect.objectContaining({ code: 'resolution.needsMapping' }),
      },
    ])
    expect(worded(summary.errors[0].message)).toMatch(/hotel "Olmayan Otel"/)
    expect(await invoke(app.ctx, 'sync.status', {})).toMatchObject({
      waiting: 0,
      waitingReservations: 0,
      waitingStopSales: 0,
    })
  })

  it('wrong credentials: refused at the look or on InsertReservation (query credentials), it waits for a person', async () => {
    app = await startSyncApp()
    const [id] = await importRecords([parsed()])
    await invoke(app.ctx, 'profiles.testConnection', { id: app.profileId })
    const save = (password: string) =>
      invoke(app.ctx, 'profiles.save', {
        id: app.profileId,
        name: 'Acente',
        baseUrl: app.sim.url,
        username: 'demo',
        password,
        operatorCode: '7STAR',
        allowHttp: true,
      })
    await save('yanlış')
    // The look before the first send logs in first: refused there, nothing is sent.
    const summary = await sync([id!])
    expect(summary).toMatchObject({ reservations: { needsAttention: 1 } })
    expect((await attempts(id!)).map((a: any) => `${a.phase}:${a.outcome}`).at(-1)).toBe('lookup:failed')
    expect(summary.reservationResults[0].message).toMatchObject({ code: 'sednaFailure.loginRejectedSaying' })
    expect(inserts()).toHaveLength(0)
    expect(row(id!)).toMatchObject({ status: 'needs_attention', send_started_at: null })

    // InsertReservation carries its own credentials in the query: refused there (401), the same.
    await save('demo')
    app.sim.addFault({ path: 'Integratiion/InsertReservation', calls: [1], fault: { kind: 'status', status: 401 } })
    expect(await sync([id!])).toMatchObject({ reservations: { needsAttention: 1 } })
    expect(inserts().map((r) => r.status)).toEqual([401])
    expect(app.sim.reservations()).toHaveLength(0)
    expect(row(id!)).toMatchObject({ status: 'needs_attention', send_started_at: null })
  })
})

describe('the Chromium journey, on the backend', () => {
  it('the parser sample: hotel mapped in place, synced (its RecId shown), then cancelled', async () => {
    app = await startSyncApp()
    const preview = await invoke(app.ctx, 'reservationImport.preview', { path: SAMPLE })
    const [id] = (await invoke(app.ctx, 'reservationImport.commit', { importId: preview.importId })).ids
    const detail = await invoke(app.ctx, 'reservations.detail', { id })
    expect(detail.resolution).toMatchObject({
      source: 'resolved-now',
      resolution: { ok: false, unresolved: [{ kind: 'hotel', name: 'Grand Paradise Resort' }] },
    })
    // Main says what may be done and with which account; the screen asks nothing else.
    expect(detail.account).toEqual({ id: app.profileId, name: 'Acente' })
    expect(detail.record.actions).toEqual(['sync', 'fix', 'cancel'])
    const resolution = detail.resolution.resolution
    if (!resolution || resolution.ok) throw new Error('expected an unresolved reservation')
    const suggestion = (resolution.unresolved[0] as { suggestions: { id: number; name: string }[] }).suggestions[0]!
    expect(suggestion).toMatchObject({ id: 1187, name: 'Grand Palace Hotel' })
    const mapped = await invoke(app.ctx, 'mappings.setHotel', {
      record: { kind: 'reservation', id },
      hotelId: suggestion.id,
    })
    expect(mapped.reservations).toEqual({ released: [id], stillNeedsAttention: [] })
    expect(await invoke(app.ctx, 'reservations.get', { id })).toMatchObject({ status: 'pending', lastError: null })

    const summary = await invoke(app.ctx, 'sync.reservations', { ids: [id] })
    const [stored] = app.sim.reservations()
    expect(summary.reservationResults).toEqual([
      { id, voucherNo: 'JUN2024001', status: 'synced', recId: stored!.RecId, message: null, lastError: null },
    ])
    expect(stored!.element).toMatchObject({ HotelId: 1187, RoomTypeId: 9420, BoardId: 1, Adult: 2, Child: 1 })
    const list = await invoke(app.ctx, 'reservations.list', { statuses: ['synced'] })
    expect(list.rows[0]).toMatchObject({
      id,
      voucherNo: 'JUN2024001',
      sednaRecId: stored!.RecId,
      hotelName: 'Grand Paradise Resort',
    })

    expect(await invoke(app.ctx, 'reservations.cancel', { id, confirm: true })).toMatchObject({ status: 'cancelled' })
    expect(app.sim.reservations()[0]).toMatchObject({ status: 'cancelled' })
    expect((await invoke(app.ctx, 'reservations.list', { statuses: ['cancelled'] })).rows[0]).toMatchObject({
      id,
      cancelledAt: expect.any(String),
    })
  })
})

describe('exactly once under faults', () => {
  for (const [name, fault, { applied }] of UNKNOWN_OUTCOME_FAULTS) {
    it(`InsertReservation ${name}: looked up before sending again, exactly one reservation in Sedna`, async () => {
      app = await startSyncApp({ sednaTimeouts: { headersMs: 500, bodyMs: 500 } })
      const [id] = await importRecords([parsed()])
      app.sim.addFault({ path: 'Integratiion/InsertReservation', calls: [1], fault })
      const first = await sync([id!])
      expect(first).toMatchObject({ reservations: { queued: 1 } })
      expect(first.reservationResults[0].lastError).toMatchObject({ code: 'outbox.willLook' })
      expect(worded(first.reservationResults[0].lastError)).toMatch(/Sedna will be checked before sending again/)
      expect(row(id!)).toMatchObject({ status: 'sending', sedna_rec_id: null, send_started_at: expect.any(String) })
      expect(app.sim.reservations()).toHaveLength(applied ? 1 : 0)

      expect(await sync([id!])).toMatchObject({ reservations: { synced: 1 } })
      const records = app.sim.reservations()
      expect(records).toHaveLength(1)
      expect(row(id!)).toMatchObject({ status: 'synced', sedna_rec_id: records[0]!.RecId })
      const phases = (await attempts(id!)).map((a: any) => `${a.phase}:${a.outcome}`)
      expect(phases).toContain('lookup:ok')
      // Applied: found by its SourceId and adopted, not sent again. Not applied: sent once more.
      expect(inserts()).toHaveLength(applied ? 1 : 2)
      // One look before the first send (nothing there), one before sending again.
      const lookups = app.sim.requests().filter((r) => /GetReservations$/i.test(r.path))
      expect(lookups.length).toBe(2)
      for (const lookup of lookups) expect(JSON.parse(lookup.body)).toEqual({ VoucherNo: 'JUN2025001' })
    })
  }

  it('a refusal because the SourceId exists (an earlier try, or another desk, did land) adopts that reservation', async () => {
    app = await startSyncApp()
    const [id] = await importRecords([parsed()])
    await invoke(app.ctx, 'profiles.testConnection', { id: app.profileId })
    // The SourceId the send will carry (the detail previews it).
    const preview = await invoke(app.ctx, 'reservations.detail', { id })
    const sourceId = JSON.parse(preview.payload.body!)[0].SourceId as string
    // Sedna books this SourceId while the look before the first send is on its way back (its answer,
    // made before, shows nothing): the send is refused as a duplicate.
    app.sim.addFault({ path: 'Integratiion/GetReservations', calls: [1], fault: { kind: 'late-answer', ms: 300 } })
    const syncing = sync([id!])
    await vi.waitFor(() => expect(app.sim.requests().some((r) => /GetReservations$/i.test(r.path))).toBe(true))
    const client = new SednaClient({ baseUrl: app.sim.url, username: 'demo', password: async () => 'demo' })
    await client.insertReservation('JUN2025001', [{ HotelId: 18, OperatorId: 571, SourceId: sourceId }])
    await client.close()
    const summary = await syncing
    expect(summary).toMatchObject({ reservations: { synced: 1 } })
    expect(app.sim.reservations()).toHaveLength(1)
    expect(row(id!)).toMatchObject({ sedna_rec_id: app.sim.reservations()[0]!.RecId, source_id: sourceId })
    expect((await attempts(id!)).map((a: any) => `${a.phase}:${a.outcome}`)).toEqual([
      'lookup:ok',
      'send:failed',
      'lookup:ok',
    ])
  })

  it("a plain refusal (ErrorType != 0) is parked as failed with Sedna's reason; Sync again sends it once", async () => {
    app = await startSyncApp()
    const [id] = await importRecords([parsed()])
    app.sim.addFault({
      path: 'Integratiion/InsertReservation',
      calls: [1],
      fault: { kind: 'error-type', errorType: 3, message: 'Kontrat bulunamadı' },
    })
    const summary = await sync([id!])
    expect(summary.reservationResults[0]).toMatchObject({
      status: 'failed',
      message: { code: 'sednaFailure.refused', params: { reason: 'Kontrat bulunamadı', errorType: 3 } },
    })
    expect(row(id!).send_started_at).toBeNull()
    expect(await sync([id!])).toMatchObject({ reservations: { synced: 1 } })
    expect(app.sim.reservations()).toHaveLength(1)
  })

  it('an undecidable look-up (two reservations with its SourceId) goes to a person, with the evidence', async () => {
    app = await startSyncApp()
    const [id] = await importRecords([parsed()])
    app.sim.addFault({ path: 'Integratiion/InsertReservation', calls: [1], fault: { kind: 'drop-response' } })
    await sync([id!])
    // The retry timer must not look before the scene below is set (Sync wakes the engine again).
    app.ctx.sync.engine.stopAfterCurrent()
    // Meanwhile someone cancelled it in Sedna and booked it again under the same SourceId — from
    // elsewhere: a call through the app's own connection would tell it "Sedna is back" and flush the queue.
    const sourceId = row(id!).source_id
    const client = new SednaClient({ baseUrl: app.sim.url, username: 'demo', password: async () => 'demo' })
    await client.cancelReservationBySourceId(571, sourceId)
    await client.insertReservation('JUN2025001', [{ HotelId: 18, OperatorId: 571, SourceId: sourceId }])
    await client.close()
    const summary = await sync([id!])
    expect(summary.reservationResults[0]).toMatchObject({
      status: 'needs_review',
      message: { code: 'lookup.reservationSeveral' },
    })
    expect(worded(summary.reservationResults[0].message)).toMatch(
      /Sedna holds reservations \d+, \d+ with this reservation's SourceId/,
    )
    expect(app.sim.reservations()).toHaveLength(2)
    expect(inserts()).toHaveLength(2)
    // A person must decide: Sync does not touch it, cancel is refused until then.
    expect(await sync([id!])).toMatchObject({ reservations: { needsReview: 1 } })
    expect(await app.ctx.dispatch('reservations.cancel', { id, confirm: true })).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: expect.stringMatching(/check it there first/) },
    })
  })

  it('offline: reservations queue and go out by themselves when Sedna is back', async () => {
    app = await startSyncApp({ sync: { probeIntervalMs: 100 } })
    const ids = await importRecords([parsed(), parsed({ voucher_no: 'JUN2025002' })])
    const port = app.sim.port
    await app.sim.close()
    const summary = await sync(ids)
    expect(summary).toMatchObject({ connectivity: 'offline', reservations: { queued: 2 } })
    expect(worded(summary.reservationResults[0].message)).toMatch(/sent automatically when Sedna answers again/)
    expect(await invoke(app.ctx, 'sync.status', {})).toMatchObject({ waitingReservations: 2, connectivity: 'offline' })
    const back = await startSimulator({ port })
    app.sim = back
    await vi.waitFor(
      () =>
        expect(app.ctx.database.sqlite.prepare('select status from reservations').pluck().all()).toEqual([
          'synced',
          'synced',
        ]),
      { timeout: 10_000, interval: 50 },
    )
    expect(back.reservations()).toHaveLength(2)
  })
})

describe('cancel', () => {
  it('cancels a synced reservation in Sedna by its SourceId, with the request in its history', async () => {
    app = await startSyncApp()
    const [id] = await importRecords([parsed()])
    await sync([id!])
    const recId = row(id!).sedna_rec_id
    const unconfirmed = await app.ctx.dispatch('reservations.cancel', { id })
    expect(unconfirmed).toMatchObject({ ok: false, error: { kind: 'validation' } })
    const result = await invoke(app.ctx, 'reservations.cancel', { id, confirm: true })
    expect(result).toMatchObject({ id, status: 'cancelled', recId, message: { code: 'outbox.cancel.done' } })
    expect(worded(result.message)).toMatch(/^Cancelled in Sedna \(RecId \d+/)
    expect(app.sim.reservations()[0]).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) })
    const cancel = app.sim.requests().find((r) => /CancelReservationBySourcId$/i.test(r.path))!
    expect(cancel.query).toEqual({ operatorId: '571', sourceId: row(id!).source_id })
    expect(row(id!)).toMatchObject({ status: 'cancelled', cancelled_at: expect.any(String), sedna_rec_id: recId })
    const history = (await attempts(id!)).map((a: any) => `${a.phase}:${a.outcome}`)
    expect(history).toEqual(['lookup:ok', 'send:ok', 'cancel:ok'])
    // Cancelled is final: neither Sync nor a second cancel sends anything.
    expect(await sync([id!])).toMatchObject({ reservations: { cancelled: 1 } })
    expect(await invoke(app.ctx, 'reservations.cancel', { id, confirm: true })).toMatchObject({
      status: 'cancelled',
      message: { code: 'outbox.cancel.already', params: { id } },
    })
    expect(app.sim.requests().filter((r) => /CancelReservationBySourcId$/i.test(r.path))).toHaveLength(1)
    expect(inserts()).toHaveLength(1)
  })

  it('a reservation never sent is cancelled here, without asking Sedna', async () => {
    app = await startSyncApp()
    const [id] = await importRecords([parsed({ hotel_name: 'Olmayan Otel' })])
    const result = await invoke(app.ctx, 'reservations.cancel', { id, confirm: true })
    expect(result).toMatchObject({ status: 'cancelled', message: { code: 'outbox.cancel.local' } })
    expect(worded(result.message)).toMatch(/never been sent to Sedna/)
    expect(app.sim.requests().filter((r) => /Reservation/i.test(r.path))).toHaveLength(0)
    expect((await invoke(app.ctx, 'sync.allPending', {})).reservations.synced).toBe(0)
  })

  it('a lost cancel answer is retried (cancelling twice is harmless); a refusal keeps it synced with the reason', async () => {
    app = await startSyncApp()
    const [a, b] = await importRecords([parsed(), parsed({ voucher_no: 'JUN2025002' })])
    await sync([a!, b!])
    app.sim.addFault({ path: 'Integratiion/CancelReservationBySourcId', calls: [1], fault: { kind: 'drop-response' } })
    const first = await invoke(app.ctx, 'reservations.cancel', { id: a, confirm: true })
    // A dropped connection counts as Sedna unreachable: it goes out when Sedna answers again.
    expect(first).toMatchObject({ status: 'cancelling', message: { code: 'queue.why.cancelWaitingForSedna' } })
    expect(worded(first.message)).toMatch(/the cancellation will be sent automatically/)
    expect(app.sim.reservations().find((r) => r.voucher === 'JUN2025001')).toMatchObject({ status: 'cancelled' })
    expect(await invoke(app.ctx, 'reservations.cancel', { id: a, confirm: true })).toMatchObject({
      status: 'cancelled',
    })

    app.sim.addFault({
      path: 'Integratiion/CancelReservationBySourcId',
      calls: [3],
      fault: { kind: 'error-type', errorType: 1, message: 'Giriş yapılmış rezervasyon iptal edilemez' },
    })
    const refused = await invoke(app.ctx, 'reservations.cancel', { id: b, confirm: true })
    expect(refused).toMatchObject({ status: 'synced', message: { code: 'park.cancelRefused' } })
    expect(worded(refused.message)).toMatch(/Sedna refused to cancel it: .*iptal edilemez.*still booked in Sedna/)
    expect(worded(refused.message, 'tr')).toMatch(/Sedna iptali kabul etmedi: .*iptal edilemez.*hâlâ kayıtlı/)
    expect(app.sim.reservations().find((r) => r.voucher === 'JUN2025002')).toMatchObject({ status: 'active' })
    expect(row(b!)).toMatchObject({ status: 'synced', cancel_requested_at: null })
  })
})
