/** The stop-sales list: filters, sorts and paging done by SQLite, over the real services and a real file. */
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { databaseFileIn } from '../../src/main/paths'
import type { NewStopSale } from '../../src/main/stop-sales/service'
import { stopSaleSortColumns, stopSaleStatuses, type StopSaleSortColumn } from '../../src/shared/stop-sales'
import { invoke, startTestApp, type TestApp } from '../support/context'
import { sampleStopSale } from '../support/fixtures'

let app: TestApp
beforeEach(async () => {
  app = await startTestApp()
})
afterEach(async () => {
  await app.close()
})

const list = (input: Record<string, unknown>) => invoke(app.ctx, 'stopSales.list', input)
const ids = (page: { rows: Array<{ id: number }> }) => page.rows.map((r) => r.id)
const sql = (text: string, ...params: unknown[]) => app.ctx.database.sqlite.prepare(text).run(...params)

/** A varied set: Turkish and ASCII spellings, long and short stops, every kind, codes and reasons. */
function seed(): Record<string, number> {
  const records: Array<[string, Partial<NewStopSale>]> = [
    ['istanbul', { hotelName: 'İstanbul Boğaz Palace', firstNight: '2026-06-10', lastNight: '2026-06-15' }],
    [
      'istanbulAscii',
      {
        hotelName: 'ISTANBUL BOGAZ PALACE HOTEL',
        firstNight: '2026-06-15',
        lastNight: '2026-06-20',
        roomCodes: ['SUI'],
        boardCodes: ['UAI'],
        kind: 'open',
      },
    ],
    [
      'kemer',
      {
        hotelName: 'Kemer Işıklar Resort',
        firstNight: '2026-06-21',
        lastNight: '2026-06-21',
        roomCodes: ['TRP'],
        reason: 'Tadilat 100% kapalı',
      },
    ],
    [
      'camyuva',
      {
        hotelName: 'Çamyuva Güneş Otel',
        firstNight: '2026-05-01',
        lastNight: '2026-07-31',
        roomCodes: [],
        boardCodes: [],
        reason: null,
      },
    ],
    ['grand', { hotelName: 'Grand Palace Hotel', firstNight: '2026-07-01', lastNight: '2026-07-03', reason: 'Grup' }],
    [
      'antalya',
      { hotelName: 'Antalya Beach Otel', firstNight: '2026-06-01', lastNight: '2026-06-09', roomCodes: ['STDSV'] },
    ],
    ['mandarin', { hotelName: 'Mandarin Resort', firstNight: '2026-08-01', lastNight: '2026-08-02', kind: 'open' }],
    ['sunset', { hotelName: 'Sunset Beach Resort', firstNight: '2026-06-16', lastNight: '2026-06-18' }],
  ]
  const added = app.ctx.services.stopSales.add(records.map(([, r]) => sampleStopSale(r)))
  const byName = Object.fromEntries(records.map(([name], i) => [name, added[i]!]))
  // Sync state as the engine would leave it.
  sql(
    "update stop_sales set status = 'synced', sedna_rec_id = 823259, last_attempt_at = '2026-01-02T10:00:00Z' where id = ?",
    byName.istanbul,
  )
  sql(
    "update stop_sales set status = 'synced', sedna_rec_id = 823301, last_attempt_at = '2026-01-03T10:00:00Z' where id = ?",
    byName.grand,
  )
  sql(
    "update stop_sales set status = 'needs_attention', last_attempt_at = '2026-01-01T09:00:00Z' where id = ?",
    byName.kemer,
  )
  sql("update stop_sales set status = 'needs_attention' where id = ?", byName.sunset)
  sql("update stop_sales set status = 'failed', last_attempt_at = '2026-01-04T08:00:00Z' where id = ?", byName.mandarin)
  return byName
}

describe('stopSales.list filters', () => {
  it('keeps the old answer without new fields: newest first, counts per status', async () => {
    const s = seed()
    const page = await list({})
    expect(ids(page)).toEqual(Object.values(s).sort((a, b) => b - a))
    expect(page.total).toBe(8)
    expect(page.countsByStatus).toEqual({
      ...Object.fromEntries(stopSaleStatuses.map((x) => [x, 0])),
      pending: 3,
      synced: 2,
      needs_attention: 2,
      failed: 1,
    })
  })

  it('filters by status; the total is the filter’s, the counts are over all rows', async () => {
    const s = seed()
    const page = await list({ statuses: ['needs_attention', 'failed'] })
    expect(ids(page)).toEqual([s.sunset, s.mandarin, s.kemer])
    expect(page.total).toBe(3)
    expect(page.countsByStatus).toMatchObject({ pending: 3, synced: 2, needs_attention: 2, failed: 1 })
  })

  it('matches the hotel case- and Turkish-insensitively, anywhere in the name', async () => {
    const s = seed()
    const hotel = async (h: string) => ids(await list({ hotel: h, sort: { column: 'createdAt', direction: 'asc' } }))
    expect(await hotel('istanbul')).toEqual([s.istanbul, s.istanbulAscii])
    expect(await hotel('İSTANBUL')).toEqual([s.istanbul, s.istanbulAscii])
    expect(await hotel('ıstanbul')).toEqual([s.istanbul, s.istanbulAscii])
    expect(await hotel('Boğaz')).toEqual([s.istanbul, s.istanbulAscii])
    expect(await hotel('bogaz pal')).toEqual([s.istanbul, s.istanbulAscii])
    expect(await hotel('isiklar')).toEqual([s.kemer])
    expect(await hotel('ÇAMYUVA GÜNEŞ')).toEqual([s.camyuva])
    expect(await hotel('palace')).toEqual([s.istanbul, s.istanbulAscii, s.grand])
    expect(await hotel('beach')).toEqual([s.antalya, s.sunset])
    expect(await hotel('nowhere')).toEqual([])
    // A name without a letter or digit matches nothing; an empty box is no filter.
    expect(await hotel('★ ★')).toEqual([])
    expect((await list({ hotel: '   ' })).total).toBe(8)
    const filtered = await list({ hotel: 'istanbul' })
    expect(filtered.total).toBe(2)
    expect(filtered.countsByStatus.pending).toBe(3)
  })

  it('finds stop sales whose nights overlap the range (both ends inclusive, either end open)', async () => {
    const s = seed()
    const range = async (q: { from?: string; to?: string }) =>
      ids(await list({ ...q, sort: { column: 'createdAt', direction: 'asc' } }))
    expect(await range({ from: '2026-06-15', to: '2026-06-15' })).toEqual([s.istanbul, s.istanbulAscii, s.camyuva])
    expect(await range({ from: '2026-06-16', to: '2026-06-20' })).toEqual([s.istanbulAscii, s.camyuva, s.sunset])
    expect(await range({ from: '2026-06-21', to: '2026-06-30' })).toEqual([s.kemer, s.camyuva])
    expect(await range({ from: '2026-07-04' })).toEqual([s.camyuva, s.mandarin])
    expect(await range({ to: '2026-05-31' })).toEqual([s.camyuva])
    expect(await range({ from: '2026-08-03' })).toEqual([])
    // The long stop (92 nights) is found from a range near its end: the index bound follows the longest stop.
    expect(await range({ from: '2026-07-31', to: '2026-07-31' })).toEqual([s.camyuva])
    expect((await list({ from: '2026-06-15', to: '2026-06-15', limit: 1 })).total).toBe(3)
  })

  it('searches free text in hotel names, room and board codes, reasons and the RecId; every word must match', async () => {
    const s = seed()
    const text = async (t: string) => ids(await list({ text: t, sort: { column: 'createdAt', direction: 'asc' } }))
    expect(await text('uai')).toEqual([s.istanbulAscii])
    expect(await text('stdsv')).toEqual([s.antalya])
    expect(await text('TADILAT')).toEqual([s.kemer])
    expect(await text('823259')).toEqual([s.istanbul])
    expect(await text('istanbul')).toEqual([s.istanbul, s.istanbulAscii])
    expect(await text('istanbul sui')).toEqual([s.istanbulAscii])
    expect(await text('  palace   grup ')).toEqual([s.grand])
    // LIKE's wildcards are text here.
    expect(await text('100%')).toEqual([s.kemer])
    expect(await text('_')).toEqual([])
    expect(await text('nothing-like-this')).toEqual([])
  })

  it('combines filters, and pages with a stable total', async () => {
    const s = seed()
    const q = { statuses: ['pending', 'needs_attention'], from: '2026-06-01', to: '2026-06-30', text: 'ai' }
    const all = await list({ ...q, sort: { column: 'firstNight', direction: 'asc' } })
    // "ai" is in the board codes AI and UAI (not in "[]", nor in any hotel name or reason).
    expect(ids(all)).toEqual([s.antalya, s.istanbulAscii, s.sunset, s.kemer])
    const first = await list({ ...q, sort: { column: 'firstNight', direction: 'asc' }, limit: 2 })
    const second = await list({ ...q, sort: { column: 'firstNight', direction: 'asc' }, limit: 2, offset: 2 })
    const beyond = await list({ ...q, limit: 2, offset: 10 })
    expect([...ids(first), ...ids(second)]).toEqual(ids(all))
    expect([first.total, second.total, beyond.total]).toEqual([4, 4, 4])
    expect(beyond.rows).toEqual([])
  })
})

describe('stopSales.list sorting', () => {
  type Raw = Record<string, string | number | null>
  /** The order each column promises, computed in JS: the value (NULL first ascending), then the id. */
  const keyOf: Record<StopSaleSortColumn, (r: Raw) => Array<string | number | null>> = {
    status: (r) => [r.status!],
    hotel: (r) => [r.hotel_key!],
    firstNight: (r) => [r.first_night!, r.last_night!],
    lastNight: (r) => [r.last_night!],
    nights: (r) => [r.nights!],
    kind: (r) => [r.kind!],
    recId: (r) => [r.sedna_rec_id ?? null],
    lastAttemptAt: (r) => [r.last_attempt_at ?? null],
    createdAt: () => [],
  }
  const compare = (a: string | number | null, b: string | number | null) =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1

  it('sorts by every column in both directions, paging through every row in that order', async () => {
    seed()
    const raw = app.ctx.database.sqlite.prepare('select * from stop_sales').all() as Raw[]
    for (const column of stopSaleSortColumns) {
      for (const direction of ['asc', 'desc'] as const) {
        const sign = direction === 'asc' ? 1 : -1
        const expected = [...raw]
          .sort((a, b) => {
            const [ka, kb] = [
              [...keyOf[column](a), a.id!],
              [...keyOf[column](b), b.id!],
            ]
            for (let i = 0; i < ka.length; i++) {
              const c = compare(ka[i]!, kb[i]!)
              if (c) return sign * c
            }
            return 0
          })
          .map((r) => r.id)
        const seen: number[] = []
        for (let offset = 0; offset < raw.length; offset += 3) {
          const page = await list({ sort: { column, direction }, limit: 3, offset })
          expect(page.total).toBe(raw.length)
          seen.push(...ids(page))
        }
        expect(seen, `${column} ${direction}`).toEqual(expected)
      }
    }
  })

  it('sorts hotels by their folded names, so Turkish initials sit where staff expect them', async () => {
    seed()
    const page = await list({ sort: { column: 'hotel', direction: 'asc' } })
    expect(page.rows.map((r: { hotelName: string }) => r.hotelName)).toEqual([
      'Antalya Beach Otel',
      'Çamyuva Güneş Otel',
      'Grand Palace Hotel',
      'İstanbul Boğaz Palace',
      'ISTANBUL BOGAZ PALACE HOTEL',
      'Kemer Işıklar Resort',
      'Mandarin Resort',
      'Sunset Beach Resort',
    ])
    const nights = await list({ sort: { column: 'nights', direction: 'desc' }, limit: 2 })
    expect(nights.rows.map((r: { hotelName: string }) => r.hotelName)).toEqual([
      'Çamyuva Güneş Otel',
      'Antalya Beach Otel',
    ])
  })

  it('walks an index for the first page of every sort and for the status filter (EXPLAIN QUERY PLAN)', () => {
    const sqlite = app.ctx.database.sqlite
    const plan = (q: string) =>
      (sqlite.prepare(`explain query plan ${q}`).all() as Array<{ detail: string }>).map((p) => p.detail).join(' | ')
    const orderBy: Record<StopSaleSortColumn, string> = {
      status: 'status',
      hotel: 'hotel_key',
      firstNight: 'first_night, last_night',
      lastNight: 'last_night',
      nights: 'nights',
      kind: 'kind',
      recId: 'sedna_rec_id',
      lastAttemptAt: 'last_attempt_at',
      createdAt: '',
    }
    for (const [column, cols] of Object.entries(orderBy)) {
      for (const dir of ['asc', 'desc']) {
        const order = [...(cols ? cols.split(', ') : []), 'id'].map((c) => `${c} ${dir}`).join(', ')
        const p = plan(`select * from stop_sales order by ${order} limit 100`)
        expect(p, `${column} ${dir}`).not.toMatch(/TEMP B-TREE/)
        if (column !== 'createdAt') expect(p, `${column} ${dir}`).toMatch(/USING INDEX stop_sales_\w+_idx/)
      }
    }
    expect(plan("select * from stop_sales where status in ('failed') order by id desc limit 100")).toMatch(
      /SEARCH stop_sales USING INDEX stop_sales_status_idx \(status=\?\)/,
    )
    expect(
      plan(
        "select count(*) from stop_sales where first_night <= '2026-06-07' and last_night >= '2026-06-01' and first_night >= '2026-05-20'",
      ),
    ).toMatch(/USING COVERING INDEX stop_sales_first_night_idx/)
  })
})

describe('stopSales.list between changes', () => {
  it('the hotel filter gives the same rows and totals whether it looks keys up or walks the table', async () => {
    seed()
    // Few matching rows for a large page: looked up by key; many for a page of one: the table walked.
    for (const hotel of ['istanbul', 'palace', 'beach', 'resort', 'o', 'nowhere']) {
      for (const statuses of [undefined, ['pending', 'needs_attention']]) {
        const q = { hotel, sort: { column: 'firstNight', direction: 'asc' }, ...(statuses ? { statuses } : {}) }
        const all = await list({ ...q, limit: 100 })
        const oneByOne: number[] = []
        for (let offset = 0; offset < all.total + 1; offset++) {
          const page = await list({ ...q, limit: 1, offset })
          expect(page.total, `${hotel} ${statuses} @${offset}`).toBe(all.total)
          oneByOne.push(...ids(page))
        }
        expect(oneByOne, `${hotel} ${statuses}`).toEqual(ids(all))
      }
    }
  })

  it('counts and totals follow every change: from this process, and committed by another one', async () => {
    const s = seed()
    const q = { text: 'ai', limit: 2, offset: 2 }
    const before = await list(q)
    expect(before.total).toBe(7)
    expect(before.countsByStatus).toMatchObject({ pending: 3, synced: 2, failed: 1 })
    // Asked again with nothing changed: the same answer (kept), and a copy the caller may change.
    const again = await list(q)
    expect(again).toEqual(before)
    again.countsByStatus.pending = 99
    expect((await list(q)).countsByStatus.pending).toBe(3)

    // This process: the sync engine, an import.
    sql("update stop_sales set status = 'synced' where id = ?", s.antalya)
    app.ctx.services.stopSales.add([sampleStopSale({ hotelName: 'Yeni Otel', boardCodes: ['AI'] })])
    const mine = await list(q)
    expect(mine.total).toBe(8)
    expect(mine.countsByStatus).toMatchObject({ pending: 3, synced: 3, failed: 1 })

    // Another process (the command line) on the same file: SQLite's data_version moves.
    const other = new Database(databaseFileIn(app.dataDir))
    try {
      other
        .prepare(
          "insert into stop_sales (hotel_name, hotel_key, board_codes, first_night, last_night, status) values ('Başka Otel', 'baska', '[\"AI\"]', '2026-09-01', '2026-09-02', 'failed')",
        )
        .run()
      other.prepare("update stop_sales set status = 'pending' where id = ?").run(s.mandarin)
    } finally {
      other.close()
    }
    const theirs = await list(q)
    expect(theirs.total).toBe(9)
    expect(theirs.countsByStatus).toMatchObject({ pending: 4, synced: 3, failed: 1 })
    expect((await list({ hotel: 'baska' })).total).toBe(1)
  })
})

describe('hotel keys', () => {
  it('fills the key of rows stored without one: at start-up, and whenever the list needs keys', async () => {
    const s = seed()
    sql(
      "insert into stop_sales (hotel_name, first_night, last_night) values ('İSTANBUL Boğaz Palace Otel', '2026-09-01', '2026-09-02')",
    )
    sql('update stop_sales set hotel_key = null where id = ?', s.istanbul)
    const legacy = Number(app.ctx.database.sqlite.prepare('select max(id) from stop_sales').pluck().get())
    const page = await list({ hotel: 'istanbul bogaz', sort: { column: 'createdAt', direction: 'asc' } })
    expect(ids(page)).toEqual([s.istanbul, s.istanbulAscii, legacy])
    const keyOf = (id: number) =>
      app.ctx.database.sqlite.prepare('select hotel_key from stop_sales where id = ?').pluck().get(id)
    expect(keyOf(legacy)).toBe('istanbul bogaz palace')
    sql('update stop_sales set hotel_key = null')
    expect(app.ctx.services.stopSales.fillMissingHotelKeys()).toBe(9)
    expect(app.ctx.services.stopSales.fillMissingHotelKeys()).toBe(0)
    expect(keyOf(s.kemer!)).toBe('kemer isiklar')
  })

  it('an import fills the key in its commit', async () => {
    const file = JSON.stringify([
      { hotel_name: 'İstanbul Boğaz Palace', date_from: '2026-06-01', date_to: '2026-06-03', room_types: ['DBL'] },
      { hotel_name: 'KEMER IŞIKLAR', date_from: '2026-06-01', date_to: '2026-06-03' },
    ])
    const preview = await invoke(app.ctx, 'import.preview', {
      fileName: 'stops.json',
      contentBase64: Buffer.from(file).toString('base64'),
    })
    await invoke(app.ctx, 'import.commit', { importId: preview.importId })
    const keys = app.ctx.database.sqlite.prepare('select hotel_key from stop_sales order by id').pluck().all()
    expect(keys).toEqual(['istanbul bogaz palace', 'kemer isiklar'])
    expect((await list({ hotel: 'ışıklar' })).total).toBe(1)
  })
})
