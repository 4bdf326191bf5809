/** Import of parsed stop sales: preview, commit, duplicates — real files, real SQLite. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createImportService } from '../../src/main/stop-sales/import/service'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { wordedAll } from '../support/words'

const samples = join(import.meta.dirname, '../../../shared/samples/parsed')
const sampleJson = join(samples, 'stop-sales.sample.json')
const sampleCsv = join(samples, 'stop-sales.sample.csv')

let app: TestApp
let dir: string
beforeEach(async () => {
  app = await startTestApp()
  dir = mkdtempSync(join(tmpdir(), 'sedna-import-'))
})
afterEach(async () => {
  await app.close()
})

const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
const stopSales = () =>
  app.ctx.database.sqlite.prepare('select * from stop_sales order by id').all() as Array<Record<string, unknown>>
const preview = (path: string) => invoke(app.ctx, 'import.preview', { path })
const commit = (importId: number) => invoke(app.ctx, 'import.commit', { importId })
const rows = (importId: number, states?: ('new' | 'duplicate' | 'invalid')[]) =>
  invoke(app.ctx, 'import.rows', { importId, ...(states ? { states } : {}) }).then((r) => r.rows)

describe('import', () => {
  it('previews the sample JSON, then imports it: one stop sale per date range, all pending', async () => {
    const p = await preview(sampleJson)
    expect(p).toMatchObject({
      fileName: 'stop-sales.sample.json',
      format: 'json',
      rows: 4,
      stopSales: 5,
      willImport: 5,
      duplicates: 0,
      invalid: 0,
      sameFileImported: null,
      resolutionChecked: false,
    })
    expect(stopSales()).toHaveLength(0) // a preview imports nothing
    const result = await commit(p.importId)
    expect(result).toMatchObject({ imported: 5, duplicates: 0, invalid: 0 })
    const all = stopSales()
    expect(all.map((s) => s.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending'])
    const antalya = all.filter((s) => s.hotel_name === 'Antalya Beach Otel')
    expect(antalya.map((s) => [s.first_night, s.last_night])).toEqual([
      ['2025-06-15', '2025-06-20'],
      ['2025-07-01', '2025-07-05'],
    ])
    expect(JSON.parse(antalya[0]!.room_codes as string)).toEqual(['STDSV', 'STDLV'])
    expect(all.find((s) => s.hotel_name === 'Grand Palace Hotel')).toMatchObject({
      first_night: '2025-05-01',
      last_night: '2025-05-10',
      room_codes: '["DBL","TRP"]',
      board_codes: '["AI"]',
      kind: 'close',
      source_message_id: '<20250428.301@grandpalace.example>',
      source_received_at: '2025-04-28T16:40:00+03:00',
    })
    expect(all.find((s) => s.hotel_name === 'Sunset Beach Resort')).toMatchObject({ kind: 'open', room_codes: '[]' })
  })

  it('imports the Turkish CSV with names byte-exact, day-first and two-digit-year dates', async () => {
    const p = await preview(sampleCsv)
    expect(p).toMatchObject({ format: 'csv', rows: 3, willImport: 3, invalid: 0 })
    await commit(p.importId)
    const names = stopSales().map((s) => s.hotel_name)
    expect(names).toEqual(['Çamyuva Güneş Otel', 'İstanbul Boğaz Palace', 'Kemer Işıklar Resort'])
    expect(Buffer.from(names[2] as string).equals(Buffer.from('Kemer Işıklar Resort'))).toBe(true)
    expect(stopSales()[2]).toMatchObject({
      first_night: '2025-06-20',
      last_night: '2025-06-25',
      kind: 'open',
      board_codes: '["HB","FB"]',
    })
    expect(stopSales()[1]).toMatchObject({ first_night: '2025-06-01', last_night: '2025-06-01', room_codes: '[]' })
  })

  it('never imports twice: the same file, or the same e-mail in another file, adds nothing and says so', async () => {
    await commit((await preview(sampleJson)).importId)
    const again = await preview(sampleJson)
    expect(again).toMatchObject({ willImport: 0, duplicates: 5, sameFileImported: { importId: expect.any(Number) } })
    expect(wordedAll((await rows(again.importId))[0].reason)).toMatch(/Already imported as stop sale #\d+/)
    expect(await commit(again.importId)).toMatchObject({ imported: 0, duplicates: 5 })

    // The Grand Palace e-mail forwarded: other file, same message id, keys reordered.
    const forwarded = write(
      'forwarded.json',
      JSON.stringify({
        stopSales: [
          {
            message_id: '<20250428.301@grandpalace.example>',
            hotel_name: 'GRAND PALACE HOTEL',
            date_from: '2025-05-01',
            date_to: '2025-05-10',
            room_types: ['TRP', 'DBL'],
            board_type: 'AI',
          },
        ],
      }),
    )
    expect(await preview(forwarded)).toMatchObject({ willImport: 0, duplicates: 1, sameFileImported: null })
    expect(stopSales()).toHaveLength(5)
  })

  it('a later open sale for the same hotel and nights is kept beside the stop, in declared order', async () => {
    await commit((await preview(sampleJson)).importId)
    const reopen = write(
      'reopen.json',
      JSON.stringify([
        {
          message_id: '<later@grandpalace.example>',
          received_at: '2025-04-30T09:00:00+03:00',
          hotel_name: 'Grand Palace Hotel',
          date_from: '01.05.2025',
          date_to: '10.05.2025',
          room_type: 'DBL, TRP',
          board_type: 'AI',
          is_close: false,
        },
        // A second copy of that open sale in the same file is a duplicate of the row above.
        {
          message_id: '<later-fwd@grandpalace.example>',
          received_at: '2025-04-30T09:05:00+03:00',
          hotel_name: 'Grand Palace Hotel',
          date_from: '01.05.2025',
          date_to: '10.05.2025',
          room_type: 'DBL, TRP',
          board_type: 'AI',
          is_close: false,
        },
      ]),
    )
    const p = await preview(reopen)
    expect(p).toMatchObject({ willImport: 1, duplicates: 1 })
    expect(wordedAll((await rows(p.importId, ['duplicate']))[0].reason)).toMatch(/earlier row of this file/)
    await commit(p.importId)
    const grand = stopSales().filter((s) => s.hotel_name === 'Grand Palace Hotel')
    expect(grand.map((s) => s.kind)).toEqual(['close', 'open'])
  })

  it('lists invalid rows with their line and reason, and leaves them out', async () => {
    const csv = write(
      'mixed.csv',
      [
        'hotel_name;date_from;date_to;room_types;is_close',
        'Çamyuva Güneş Otel;12.05.2025;18.05.2025;DBL|SGL;true',
        ';12.05.2025;18.05.2025;;true',
        'Kemer Işıklar Resort;31.02.2025;05.03.2025;;true',
        'Antalya Beach Otel;20.06.2025;10.06.2025;;maybe',
      ].join('\n'),
    )
    const p = await preview(csv)
    expect(p).toMatchObject({ rows: 4, willImport: 1, invalid: 3 })
    const invalid = await rows(p.importId, ['invalid'])
    expect(invalid.map((r) => r.line)).toEqual([3, 4, 5])
    expect(invalid[0].reason).toEqual([{ code: 'importRow.missing', params: { field: 'hotel_name' } }])
    expect(wordedAll(invalid[1].reason)).toMatch(/31\.02\.2025.*not a real date/)
    expect(wordedAll(invalid[2].reason)).toMatch(/is_close/)
    expect(wordedAll(invalid[2].reason)).toMatch(/20\.06\.2025|2025-06-20/)
    // Worded in Turkish from the same codes.
    expect(wordedAll(invalid[1].reason, 'tr')).toBe('date_from: "31.02.2025" geçerli bir tarih değil')
    expect(await commit(p.importId)).toMatchObject({ imported: 1, invalid: 3 })
    // Kept with the import: the codes, and the English beside them.
    const kept = await rows(p.importId)
    expect(kept.map((r: { reason: unknown }) => r.reason)).toEqual(invalid.map((r: { reason: unknown }) => r.reason))
    expect(
      app.ctx.database.sqlite
        .prepare('select reason from import_rows where import_id = ? order by row')
        .pluck()
        .all(p.importId),
    ).toEqual(invalid.map((r) => wordedAll(r.reason)))
    expect(stopSales()).toHaveLength(1)
    expect(JSON.parse(stopSales()[0]!.room_codes as string)).toEqual(['DBL', 'SGL'])
  })

  it('says which stop sales will need a mapping when a Sedna account is set up', async () => {
    const demo = await invoke(app.ctx, 'profiles.createDemo', {})
    await invoke(app.ctx, 'reference.refresh', { profileId: demo.id })
    const p = await preview(sampleJson)
    expect(p).toMatchObject({ resolutionChecked: true, willImport: 5, needsAttention: 3 })
    const attention = (await rows(p.importId)).filter((r) => r.attention.length)
    expect(attention.map((r) => r.hotelName)).toEqual([
      'Grand Palace Hotel',
      'Antalya Beach Otel',
      'Antalya Beach Otel',
    ])
    expect(attention[0].attention).toEqual([
      {
        code: 'resolution.needsMapping',
        params: { kind: 'room', code: 'TRP', hotelId: expect.any(Number), count: 1, more: 0 },
      },
    ])
    expect(wordedAll(attention[0].attention)).toMatch(/room code "TRP" is unknown/)
    // Committed, they carry it as their last error: the code for the screens, the English for the log.
    await commit(p.importId)
    const grand = stopSales().find((s) => s.hotel_name === 'Grand Palace Hotel')!
    expect(grand).toMatchObject({ last_error_code: 'resolution.needsMapping', status: 'pending' })
    expect(JSON.parse(grand.last_error_params as string)).toMatchObject({ kind: 'room', code: 'TRP' })
    expect(grand.last_error).toMatch(/^Needs mapping before it can be sent: room code "TRP" is unknown at hotel \d+\.$/)
    const listed = await invoke(app.ctx, 'stopSales.get', { id: grand.id as number })
    expect(listed.lastError).toEqual({
      code: 'resolution.needsMapping',
      params: JSON.parse(grand.last_error_params as string),
    })
  })

  it('refuses to commit twice, and a discarded preview imports nothing', async () => {
    const p = await preview(sampleJson)
    await commit(p.importId)
    expect(await app.ctx.dispatch('import.commit', { importId: p.importId })).toMatchObject({
      ok: false,
      error: { kind: 'conflict' },
    })
    const q = await preview(sampleCsv)
    await invoke(app.ctx, 'import.discard', { importId: q.importId })
    expect(await app.ctx.dispatch('import.commit', { importId: q.importId })).toMatchObject({
      ok: false,
      error: { kind: 'conflict' },
    })
    expect(stopSales()).toHaveLength(5)
  })

  it('checks duplicates again at commit: what was imported meanwhile is not imported twice', async () => {
    const first = await preview(sampleJson)
    const second = await preview(write('copy.json', readFileSync(sampleJson)))
    await commit(second.importId)
    expect(await commit(first.importId)).toMatchObject({ imported: 0, duplicates: 5 })
    expect(stopSales()).toHaveLength(5)
  })

  it('a preview lives in the process that made it: another process (or a restart) must preview again', async () => {
    const p = await preview(sampleJson)
    const other = await startTestApp({ dataDir: app.dataDir })
    try {
      const refused = await other.ctx.dispatch('import.commit', { importId: p.importId })
      expect(refused).toMatchObject({
        ok: false,
        error: { kind: 'conflict', message: expect.stringMatching(/Preview the file again/) },
      })
    } finally {
      await other.close()
    }
    expect(await commit(p.importId)).toMatchObject({ imported: 5 }) // still fine where it was made
  })

  it('keeps the last few previews open; an older one must be made again', async () => {
    const first = await preview(sampleJson)
    for (let i = 0; i < 4; i++) await preview(sampleCsv)
    expect(await app.ctx.dispatch('import.commit', { importId: first.importId })).toMatchObject({
      ok: false,
      error: { kind: 'conflict' },
    })
    expect(app.ctx.database.sqlite.prepare('select status from imports where id = ?').pluck().get(first.importId)).toBe(
      'discarded',
    )
  })

  it('a huge file (more distinct keys than kept in memory) still finds its repeats, through an indexed stage', async () => {
    const imports = createImportService({
      db: app.ctx.database.db,
      sqlite: app.ctx.database.sqlite,
      events: app.ctx.events,
      activeProfile: () => undefined,
      limits: { batch: 2, fileKeys: 3 },
    })
    const rec = (i: number, receivedAt: string) => ({
      hotel_name: `Otel ${i}`,
      date_from: '2025-06-15',
      date_to: '2025-06-16',
      received_at: receivedAt,
    })
    // 6 distinct stop sales (past 3 keys the stage is indexed), then three again in later batches: copies.
    const records = [0, 1, 2, 3, 4, 5].map((i) => rec(i, '2025-06-01T08:00:00+03:00'))
    records.push(...[5, 0, 3].map((i) => rec(i, '2025-06-02T08:00:00+03:00')))
    const path = write('many.json', JSON.stringify(records))
    const p = await imports.preview({ path })
    expect(p).toMatchObject({ willImport: 6, duplicates: 3 })
    const r = imports.commit(p.importId)
    expect(r).toMatchObject({ imported: 6, duplicates: 3 })
  })

  it('accepts file contents instead of a path (a file dropped in a browser)', async () => {
    const p = await invoke(app.ctx, 'import.preview', {
      fileName: 'dropped.csv',
      contentBase64: readFileSync(sampleCsv).toString('base64'),
    })
    expect(p).toMatchObject({ fileName: 'dropped.csv', format: 'csv', willImport: 3 })
  })

  it('a file that is not stop sales is refused with a clear message', async () => {
    const bad = write('notes.json', '{"hello": "world"}')
    const result = await app.ctx.dispatch('import.preview', { path: bad })
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } })
    expect((await app.ctx.dispatch('import.preview', { path: join(dir, 'missing.csv') })).ok).toBe(false)
  })
})
