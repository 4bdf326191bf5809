/**
 * Guests' personal data (names, birth dates, passport numbers) is removed a set number of days after
 * check-out — from the reservation, from the requests sent to Sedna and its answers, and from the
 * import's rows — while the reservation itself stays usable (lists, counts, cancelling in Sedna).
 * Real rows in a real migrated database; reservations sent to the simulator over real HTTP.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { retentionCutoff } from '../../src/main/services/guest-data'
import { invoke } from '../support/context'
import { startSyncApp, type SyncApp } from '../support/sync-app'

let app: SyncApp
afterEach(async () => {
  await app?.close()
})

/** What must never be found once the guests' data is removed (as imported and as sent, upper-cased). */
const PERSONAL = ['Oleksandr', 'OLEKSANDR', 'Kovalenko', 'KOVALENKO', 'FU022013', '1980-03-02', 'Iryna', 'IRYNA']

/** A parsed reservation at the vendor's hotel 18, which every simulator seed knows. */
function parsed(voucher: string, checkIn: string, checkOut: string) {
  return {
    voucher_no: voucher,
    hotel_name: 'Mandarin Resort',
    check_in: checkIn,
    check_out: checkOut,
    room_type: 'STDSV',
    board_type: 'AI',
    adults: 2,
    children: 0,
    total_price: 980,
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
        nationality: 'UA',
      },
    ],
    source_email_id: `mail-${voucher}`,
  }
}

const file = (records: unknown[]) => ({
  fileName: 'reservations.json',
  contentBase64: Buffer.from(JSON.stringify(records)).toString('base64'),
})
const sql = (query: string, ...params: unknown[]) => {
  const statement = app.ctx.database.sqlite.prepare(query)
  return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as Record<string, any>[]
}
const reservation = (id: number) => sql('select * from reservations where id = ?', id)[0]!
/** Everything the purge may touch, as stored. */
const snapshot = () => ({
  reservations: sql('select * from reservations order by id'),
  attempts: sql('select * from reservation_attempts order by id'),
  imports: sql('select * from reservation_imports order by id'),
  importRows: sql('select * from reservation_import_rows order by id'),
})
const holdsPersonalData = (value: unknown) => PERSONAL.some((p) => JSON.stringify(value).includes(p))

/**
 * Stays that ended in April 2026 (old by NOW) — one sent with a lost answer (so its look-up answer
 * echoes the guests), one sent then cancelled, one never sent — and one ending in July 2026 (recent);
 * an open preview of another old booking; an open preview of a duplicate of an old one plus a later
 * booking; and the file, imported in March, whose invalid row quotes a name.
 */
async function scene() {
  app = await startSyncApp({ sednaTimeouts: { headersMs: 500, bodyMs: 500 } })
  const preview = await invoke(
    app.ctx,
    'reservationImport.preview',
    file([
      parsed('OLD-SENT', '2026-04-01', '2026-04-08'),
      parsed('OLD-CANCELLED', '2026-04-01', '2026-04-08'),
      parsed('OLD-UNSENT', '2026-04-01', '2026-04-08'),
      parsed('RECENT', '2026-06-24', '2026-07-01'),
      { ...parsed('INVALID', '2026-04-01', '2026-04-08'), guests: ['Oleksandr Kovalenko'] },
    ]),
  )
  const [sent, cancelled, unsent, recent] = (
    await invoke(app.ctx, 'reservationImport.commit', { importId: preview.importId })
  ).ids as number[]
  sql("update reservation_imports set created_at = '2026-03-20T09:00:00.000Z' where id = ?", preview.importId)
  // The first InsertReservation lands but its answer is lost: the look-up's answer echoes the guests.
  app.sim.addFault({ path: 'Integratiion/InsertReservation', calls: [1], fault: { kind: 'drop-response' } })
  await invoke(app.ctx, 'sync.reservations', { ids: [sent] })
  await invoke(app.ctx, 'sync.reservations', { ids: [sent, cancelled, recent] })
  expect(reservation(sent!)).toMatchObject({ status: 'synced', sedna_rec_id: expect.any(Number) })
  await invoke(app.ctx, 'reservations.cancel', { id: cancelled, confirm: true })
  expect(reservation(cancelled!).status).toBe('cancelled')
  const lookups = sql(
    "select response_body from reservation_attempts where reservation_id = ? and phase = 'lookup'",
    sent,
  )
  // The last look (after the lost answer; the first was the look before the first send) echoes the guests.
  expect(lookups.at(-1)!.response_body).toContain('KOVALENKO')

  const abandoned = await invoke(
    app.ctx,
    'reservationImport.preview',
    file([parsed('OLD-PREVIEW', '2026-04-01', '2026-04-08')]),
  )
  const open = await invoke(
    app.ctx,
    'reservationImport.preview',
    file([parsed('OLD-SENT', '2026-04-01', '2026-04-08'), parsed('FRESH', '2027-05-01', '2027-05-08')]),
  )
  expect(open).toMatchObject({ willImport: 1, duplicates: 1 })
  return { sent: sent!, cancelled: cancelled!, unsent: unsent!, recent: recent!, abandoned, open }
}

const NOW = new Date('2026-11-01T00:00:00.000Z')

describe('removing guests’ personal data after check-out', () => {
  it('clears old reservations, their requests and answers and the import rows; keeps the reservation; a second run changes nothing', async () => {
    const s = await scene()
    const before = snapshot()
    const listBefore = await invoke(app.ctx, 'reservations.list', { limit: 100 })
    expect(retentionCutoff(NOW, 180)).toBe('2026-05-05')

    const result = await app.ctx.guestData.purge(NOW)
    expect(result).toEqual({
      reservations: 2,
      attempts: expect.any(Number),
      importRows: 2,
      previewsDiscarded: 1,
      keptUnsent: 1,
    })
    expect(result.attempts).toBeGreaterThanOrEqual(3)

    for (const id of [s.sent, s.cancelled]) {
      const was = before.reservations.find((r) => r.id === id)!
      const now = reservation(id)
      // The reservation stays as it was, but for the guests' personal fields and when they went.
      const { guests: _g, guest_data_purged_at: purgedAt, ...kept } = now
      const { guests: _w, guest_data_purged_at: _p, ...keptBefore } = was
      expect(kept).toEqual(keptBefore)
      expect(purgedAt).toBe(NOW.toISOString())
      expect(JSON.parse(now.guests)).toEqual([
        {
          title: 'Mr',
          titleAsReceived: 'Mr',
          firstName: '',
          lastName: '',
          birthDate: null,
          passportNo: null,
          nationality: 'UA',
        },
        {
          title: 'Mrs',
          titleAsReceived: 'Mrs',
          firstName: '',
          lastName: '',
          birthDate: null,
          passportNo: null,
          nationality: 'UA',
        },
      ])
      const attempts = sql('select * from reservation_attempts where reservation_id = ?', id)
      expect(attempts.length).toBe(before.attempts.filter((a) => a.reservation_id === id).length)
      expect(attempts.filter(holdsPersonalData)).toEqual([])
    }
    // What was sent keeps what is not personal: titles, ages, nationalities, the ids Sedna knows it by.
    const sentBody = JSON.parse(
      sql("select request_body from reservation_attempts where reservation_id = ? and phase = 'send'", s.sent)[0]!
        .request_body,
    )
    expect(sentBody[0]).toMatchObject({
      Voucher: 'OLD-SENT',
      HotelId: 18,
      Adult: 2,
      SourceId: reservation(s.sent).source_id,
    })
    expect(sentBody[0].Customers[0]).toEqual({
      Title: 'Mr',
      Age: 46,
      Nationality: expect.any(String),
      NationalityId: expect.any(Number),
      SourceId: `${reservation(s.sent).source_id}-1`,
    })
    const lookup = sql(
      "select response_body from reservation_attempts where reservation_id = ? and phase = 'lookup'",
      s.sent,
    )
    expect(JSON.parse(lookup.at(-1)!.response_body)[0]).toMatchObject({
      SourceId: reservation(s.sent).source_id,
      RecId: reservation(s.sent).sedna_rec_id,
    })

    // Not in Sedna yet: kept as it was (sending it needs the names). Within the retention: untouched.
    for (const id of [s.unsent, s.recent]) {
      expect(reservation(id)).toEqual(before.reservations.find((r) => r.id === id))
      expect(sql('select * from reservation_attempts where reservation_id = ?', id)).toEqual(
        before.attempts.filter((a) => a.reservation_id === id),
      )
    }

    // Imports: the preview of an old booking is discarded; the other keeps its recent booking as it was,
    // its duplicate of an old one loses the guests; the invalid row's reason loses the name it quoted.
    expect(sql('select status from reservation_imports where id = ?', s.abandoned.importId)[0]!.status).toBe(
      'discarded',
    )
    expect(sql('select * from reservation_import_rows where import_id = ?', s.abandoned.importId)).toEqual([])
    const openRows = sql('select * from reservation_import_rows where import_id = ? order by row', s.open.importId)
    expect(openRows.map((r) => r.state)).toEqual(['duplicate', 'new'])
    expect(holdsPersonalData(openRows[0])).toBe(false)
    expect(JSON.parse(openRows[0]!.payload)).toMatchObject({
      voucherNo: 'OLD-SENT',
      guestDataPurgedAt: expect.any(String),
    })
    expect(openRows[1]).toEqual(before.importRows.find((r) => r.id === openRows[1]!.id))
    const invalid = sql("select reason, reason_messages from reservation_import_rows where state = 'invalid'")
    expect(invalid).toHaveLength(1)
    expect(invalid[0]!.reason).toMatch(/^Guest 1 is not an object \(\(removed\)\)/)
    // The same reason as codes: the quoted value goes there too, the code and the guest's number stay.
    expect(JSON.parse(invalid[0]!.reason_messages)[0]).toEqual({
      code: 'reservationRow.guestNotObject',
      params: { guest: 1, kind: 'plain', value: '(removed)' },
    })

    // Lists and counts as before (no lead guest without names); the detail says when, and what was sent.
    const listAfter = await invoke(app.ctx, 'reservations.list', { limit: 100 })
    expect(listAfter.total).toBe(listBefore.total)
    expect(listAfter.countsByStatus).toEqual(listBefore.countsByStatus)
    expect(listAfter.rows.find((r: any) => r.id === s.sent)).toMatchObject({
      leadGuest: null,
      guestCount: 2,
      guestDataPurgedAt: NOW.toISOString(),
    })
    expect(listAfter.rows.find((r: any) => r.id === s.unsent)).toMatchObject({
      leadGuest: 'Mr OLEKSANDR KOVALENKO',
      guestDataPurgedAt: null,
    })
    const detail = await invoke(app.ctx, 'reservations.detail', { id: s.sent })
    expect(detail.record.guestDataPurgedAt).toBe(NOW.toISOString())
    expect(detail.payload).toMatchObject({ source: 'sent' })
    expect(holdsPersonalData(detail)).toBe(false)
    expect((await invoke(app.ctx, 'reservations.detail', { id: s.cancelled })).payload).toMatchObject({
      source: 'sent',
    })

    // The open preview can still be committed; a second run changes nothing.
    expect(await invoke(app.ctx, 'reservationImport.commit', { importId: s.open.importId })).toMatchObject({
      imported: 1,
    })
    const after = snapshot()
    expect(await app.ctx.guestData.purge(NOW)).toEqual({
      reservations: 0,
      attempts: 0,
      importRows: 0,
      previewsDiscarded: 0,
      keptUnsent: 1,
    })
    expect(snapshot()).toEqual(after)
  })

  it('a purged reservation is still cancelled in Sedna by its SourceId; what that brings back is removed too', async () => {
    const s = await scene()
    await app.ctx.guestData.purge(NOW)
    // Sedna refuses the cancel: the app looks the reservation up, and Sedna's answer names the guests.
    app.sim.addFault({
      path: 'Integratiion/CancelReservationBySourcId',
      calls: [2], // the scene cancelled OLD-CANCELLED with the first
      fault: { kind: 'error-type', errorType: 1, message: 'İptal edilemez' },
    })
    const refused = await invoke(app.ctx, 'reservations.cancel', { id: s.sent, confirm: true })
    expect(refused.status).toBe('synced')
    const later = sql(
      "select * from reservation_attempts where reservation_id = ? and phase = 'lookup' order by id desc limit 1",
      s.sent,
    )[0]!
    expect(later.response_body).toContain('KOVALENKO')

    expect((await app.ctx.guestData.purge(NOW)).attempts).toBe(1)
    expect(holdsPersonalData(sql('select * from reservation_attempts where id = ?', later.id))).toBe(false)
    expect(await invoke(app.ctx, 'reservations.cancel', { id: s.sent, confirm: true })).toMatchObject({
      status: 'cancelled',
    })
    expect(app.sim.reservations().find((r) => r.RecId === reservation(s.sent).sedna_rec_id)?.status).toBe('cancelled')
  })

  it('honours the retention setting', async () => {
    const s = await scene()
    const purged = () =>
      sql('select id from reservations where guest_data_purged_at is not null order by id').map((r) => r.id)

    await invoke(app.ctx, 'settings.save', { guestDataRetentionDays: 3650 })
    expect((await app.ctx.guestData.purge(NOW)).reservations).toBe(0)
    expect(purged()).toEqual([])

    await invoke(app.ctx, 'settings.save', { guestDataRetentionDays: 180 })
    expect((await app.ctx.guestData.purge(NOW)).reservations).toBe(2)
    expect(purged()).toEqual([s.sent, s.cancelled])

    // RECENT left on 01.07.2026: 123 days before NOW. A 122-day retention takes it; 123 days does not.
    await invoke(app.ctx, 'settings.save', { guestDataRetentionDays: 123 })
    expect((await app.ctx.guestData.purge(NOW)).reservations).toBe(0)
    await invoke(app.ctx, 'settings.save', { guestDataRetentionDays: 122 })
    expect((await app.ctx.guestData.purge(NOW)).reservations).toBe(1)
    expect(purged()).toEqual([s.sent, s.cancelled, s.recent])
    expect(holdsPersonalData(reservation(s.recent))).toBe(false)
  })

  it('runs when the app starts, and the database files no longer hold the passport number', async () => {
    const s = await scene()
    const dbFiles = () =>
      readdirSync(app.dataDir)
        .filter((f) => f.startsWith('sedna-stop-sales.sqlite'))
        .map((f) => join(app.dataDir, f))
        .filter((f) => statSync(f).isFile())
    const mentions = (text: string) => dbFiles().filter((f) => readFileSync(f).includes(text))
    // Reproduced: the passport number sits in the database files of the data folder.
    expect(mentions('FU022013').length).toBeGreaterThan(0)
    // What is not in Sedna yet (OLD-UNSENT) or recent (RECENT, the open preview's FRESH) keeps it: cancel
    // it, discard the preview, and let RECENT's stay be over too, so nothing may keep it.
    await invoke(app.ctx, 'reservations.cancel', { id: s.unsent, confirm: true })
    await invoke(app.ctx, 'reservationImport.discard', { importId: s.open.importId })
    await invoke(app.ctx, 'settings.save', { guestDataRetentionDays: 1 })
    app.sim.addFault({ path: 'Integratiion/InsertReservation', calls: [], fault: { kind: 'error-type', errorType: 1 } })
    sql('update reservations set check_in = ?, check_out = ? where id = ?', '2026-04-01', '2026-04-08', s.recent)

    app.ctx.start()
    await app.ctx.guestData.purge() // joins the run start() began
    expect(sql('select count(*) n from reservations where guest_data_purged_at is null')[0]!.n).toBe(0)
    expect(mentions('FU022013')).toEqual([])
    expect(mentions('KOVALENKO')).toEqual([])
    expect(mentions('Kovalenko')).toEqual([])
  })
})
