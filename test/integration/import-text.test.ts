/**
 * Control characters in imported text: removed at import (both kinds, JSON and CSV; the row still
 * imports and its preview says what was removed), and escaped by the command line for whatever an
 * older database still holds (`list`, `reservations list`, with and without --json).
 */
/* eslint-disable no-control-regex -- these tests are about control characters: the patterns must name them */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureCliBuilt, runCli } from '../support/cli'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { tempDataDir } from '../support/fixtures'

/** NUL, a terminal escape that clears the screen, a one-byte CSI (U+009B) and a right-to-left override. */
const DIRTY_HOTEL = 'Antalya\u0000 Beach\u001b[2J Otel\u009b\u202e'
const CLEAN_HOTEL = 'Antalya Beach[2J Otel'
/** What a terminal acts on: C0 but tab and line feed, DEL, C1, bidi controls. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/
/** Also not allowed in stored text (the import keeps tab, line feed and carriage return in free text). */
const REMOVED = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/

const files = tempDataDir('sedna-import-text-')
let app: TestApp
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app.close()
  files.cleanup()
})

function write(name: string, content: string): string {
  const path = join(files.dir, name)
  writeFileSync(path, content)
  return path
}

const hotelNote = {
  code: 'controlsRemoved',
  params: { field: 'hotel_name', count: 4 },
  message: '4 control characters removed from hotel_name',
}
const roomNote = {
  code: 'controlsRemoved',
  params: { field: 'room_types', count: 2 },
  message: '2 control characters removed from room_types',
}

describe('stop sales', () => {
  const record = {
    hotel_name: DIRTY_HOTEL,
    date_from: '2026-06-15',
    date_to: '2026-06-16',
    room_types: ['DBL\u0000', 'S\u202eGL'],
    reason: 'Doluluk\tvar\nyarın bakılacak',
  }
  const files_ = {
    // JSON.stringify writes NUL and ESC as \u0000 / \u001b escapes, U+009B and U+202E as they are: both forms.
    json: () => write('dirty.json', JSON.stringify([record, { ...record, date_from: '31.02.2026', room_types: [] }])),
    // Raw bytes in a UTF-8 CSV (the reason quoted for its line break).
    csv: () =>
      write(
        'dirty.csv',
        `hotel_name;date_from;date_to;room_types;reason\n${DIRTY_HOTEL};17.06.2026;18.06.2026;DBL\u0000,S\u202eGL;"Doluluk\tvar\nyarın bakılacak"\n` +
          `${DIRTY_HOTEL};31.02.2026;16.06.2026;;\n`,
      ),
  }
  for (const [format, file] of Object.entries(files_)) {
    it(`${format}: removed from every text field, the row still imports and its preview says so`, async () => {
      const before = (app.ctx.database.sqlite.prepare('select max(id) as id from stop_sales').get() as { id: number })
        .id
      const preview = await invoke(app.ctx, 'import.preview', { path: file() })
      expect(preview).toMatchObject({ rows: 2, willImport: 1, invalid: 1, textCleaned: 2 })
      const { rows } = await invoke(app.ctx, 'import.rows', { importId: preview.importId })
      expect(rows[0]).toMatchObject({ state: 'new', hotelName: CLEAN_HOTEL, roomCodes: ['DBL', 'SGL'] })
      expect(rows[0].notes).toEqual([hotelNote, roomNote])
      // An invalid row says so too (and keeps saying so once the import is committed, in its record).
      expect(rows[1]).toMatchObject({ state: 'invalid', notes: [hotelNote] })
      await invoke(app.ctx, 'import.commit', { importId: preview.importId })
      const kept = await invoke(app.ctx, 'import.rows', { importId: preview.importId })
      expect(kept.rows).toMatchObject([{ state: 'invalid', notes: [hotelNote] }])

      const stored = app.ctx.database.sqlite
        .prepare('select hotel_name, room_codes, reason, hotel_key from stop_sales where id > ?')
        .all(before ?? 0) as { hotel_name: string; room_codes: string; reason: string; hotel_key: string }[]
      expect(stored).toHaveLength(1)
      expect(stored[0]).toMatchObject({
        hotel_name: CLEAN_HOTEL,
        room_codes: '["DBL","SGL"]',
        reason: 'Doluluk\tvar\nyarın bakılacak', // tab and line break are text
      })
      for (const v of Object.values(stored[0]!)) expect(v).not.toMatch(REMOVED)
    })
  }

  it('a clean file has no notes', async () => {
    const preview = await invoke(app.ctx, 'import.preview', {
      path: write('clean.csv', 'hotel_name;date_from;date_to\nTemiz Otel;15.06.2026;16.06.2026\n'),
    })
    expect(preview.textCleaned).toBe(0)
    const { rows } = await invoke(app.ctx, 'import.rows', { importId: preview.importId })
    expect(rows[0].notes).toEqual([])
    await invoke(app.ctx, 'import.discard', { importId: preview.importId })
  })
})

describe('reservations', () => {
  const reservation = (voucher: string) => ({
    voucher_no: `${voucher}\u0000`,
    hotel_name: DIRTY_HOTEL,
    check_in: '2026-07-10',
    check_out: '2026-07-17',
    room_type: 'DBL\u001b',
    board_type: 'AI',
    adults: 1,
    guests: [{ title: 'Mr', first_name: 'Al\u202ei', last_name: 'Yıl\u009bmaz', nationality: 'TR' }],
  })

  it('JSON and CSV: removed from every field (guests too), imported, noted', async () => {
    const json = write('dirty-reservations.json', JSON.stringify([reservation('V-1')]))
    const csv = write(
      'dirty-reservations.csv',
      'voucher_no;hotel_name;check_in;check_out;room_type;board_type;adults;guest1_title;guest1_first_name;guest1_last_name\n' +
        `V-2\u0000;${DIRTY_HOTEL};10.07.2026;17.07.2026;DBL\u001b;AI;1;Mr;Al\u202ei;Yıl\u009bmaz\n`,
    )
    for (const path of [json, csv]) {
      const preview = await invoke(app.ctx, 'reservationImport.preview', { path })
      expect(preview).toMatchObject({ willImport: 1, invalid: 0, textCleaned: 1 })
      const { rows } = await invoke(app.ctx, 'reservationImport.rows', { importId: preview.importId })
      expect(rows[0]).toMatchObject({ state: 'new', hotelName: CLEAN_HOTEL, roomCode: 'DBL' })
      expect(rows[0].notes.map((n: { params: unknown }) => n.params)).toEqual([
        { field: 'voucher_no', count: 1 },
        { field: 'hotel_name', count: 4 },
        { field: 'room_type', count: 1 },
        { field: 'guests', count: 2 },
      ])
      await invoke(app.ctx, 'reservationImport.commit', { importId: preview.importId })
    }
    const stored = app.ctx.database.sqlite
      .prepare('select voucher_no, hotel_name, room_code, guests from reservations order by id')
      .all() as Record<string, string>[]
    expect(stored.map((r) => r.voucher_no)).toEqual(['V-1', 'V-2'])
    for (const r of stored) {
      expect(r).toMatchObject({ hotel_name: CLEAN_HOTEL, room_code: 'DBL' })
      expect(JSON.parse(r.guests!)).toMatchObject([{ firstName: 'Ali', lastName: 'Yılmaz' }])
      for (const v of Object.values(r)) expect(v).not.toMatch(REMOVED)
    }
  })
})

describe('the command line escapes what an older database still holds', () => {
  const data = tempDataDir('sedna-import-text-cli-')
  const env = { SEDNA_KEYCHAIN_SERVICE: `Sedna Stop Sales import-text test ${process.pid}`, SEDNA_DATA_DIR: undefined }
  const cli = (args: string[]) => runCli([...args, '--data-dir', data.dir], { env, timeoutMs: 30_000 })
  const RAW_ERROR = 'Sedna said: \u001b]0;owned\u0007 \u001b[31mred\u009b0m \u202eevil\r'

  beforeAll(async () => {
    ensureCliBuilt()
    const stopSale = write('one.csv', 'hotel_name;date_from;date_to\nTemiz Otel;15.06.2026;16.06.2026\n')
    expect((await cli(['import', stopSale])).code).toBe(0)
    const reservation = write('one-reservation.json', JSON.stringify({ ...reservationOf(), voucher_no: 'CLI-1' }))
    expect((await cli(['reservations', 'import', reservation])).code).toBe(0)
    // As a database from before the import cleaned text would hold it.
    const db = new Database(join(data.dir, 'sedna-stop-sales.sqlite'))
    try {
      db.prepare('update stop_sales set hotel_name = ?, last_error = ?').run(DIRTY_HOTEL, RAW_ERROR)
      db.prepare('update reservations set hotel_name = ?, voucher_no = ?, last_error = ?').run(
        DIRTY_HOTEL,
        'CLI\u001b[2J-1',
        RAW_ERROR,
      )
    } finally {
      db.close()
    }
  }, 120_000)
  afterAll(() => data.cleanup())

  for (const command of [['list'], ['reservations', 'list']]) {
    it(`${command.join(' ')}: no raw control character reaches the terminal; visible as \\uXXXX`, async () => {
      const run = await cli(command)
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).not.toMatch(UNSAFE)
      expect(run.stdout).toContain('Antalya\\u0000 Beach\\u001b[2J Otel\\u009b\\u202e')
    })

    it(`${command.join(' ')} --json: no raw control character, valid JSON, the stored text exactly`, async () => {
      const run = await cli([...command, '--json'])
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).not.toMatch(UNSAFE)
      const doc = run.json()
      const row = (doc.stopSales ?? doc.reservations)[0]
      expect(row.hotelName).toBe(DIRTY_HOTEL)
      expect(row.lastError).toBe(RAW_ERROR)
    })
  }

  it('an error line on stderr is escaped too (a file name with an escape sequence)', async () => {
    const run = await cli(['import', join(files.dir, 'gone\u001b[2J\u202e.csv')])
    expect(run.code).toBe(2)
    expect(run.stderr).not.toMatch(UNSAFE)
    expect(run.stderr).toContain('gone\\u001b[2J\\u202e.csv')
  })
})

function reservationOf() {
  return {
    voucher_no: 'V-0',
    hotel_name: 'Temiz Otel',
    check_in: '2026-07-10',
    check_out: '2026-07-17',
    room_type: 'DBL',
    board_type: 'AI',
    adults: 1,
    guests: [{ title: 'Mr', first_name: 'Ali', last_name: 'Yılmaz' }],
  }
}
