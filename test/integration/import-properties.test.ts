/**
 * Property-based: whatever file staff feed it — generated records, mutated ones, broken ones — the
 * importer never throws anything but a clear refusal, never commits an invalid row, and importing
 * the same content again never adds a row.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isoDateSchema } from '../../src/shared/stop-sales'
import { startTestApp, type TestApp } from '../support/context'

let app: TestApp
let dir: string
beforeAll(async () => {
  app = await startTestApp()
  dir = mkdtempSync(join(tmpdir(), 'sedna-prop-'))
})
afterAll(async () => {
  await app.close()
})

const hotel = fc.constantFrom(
  'Çamyuva Güneş Otel',
  'İstanbul Boğaz Palace',
  'Kemer Işıklar Resort',
  'Отель Москва',
  'Grand Palace Hotel',
  '',
  '  ',
)
const day = fc.integer({ min: 1, max: 31 }).map((d) => String(d).padStart(2, '0'))
const month = fc.integer({ min: 0, max: 13 }).map((m) => String(m).padStart(2, '0'))
const date = fc.oneof(
  fc.tuple(day, month, fc.constantFrom('2025', '2026', '25', '26')).map(([d, m, y]) => `${d}.${m}.${y}`),
  fc.tuple(day, month).map(([d, m]) => `2026-${m}-${d}`),
  fc.tuple(day, month).map(([d, m]) => `${d}/${m}/2026`),
  fc.constantFrom('', 'yarın', '2026-02-30', '31.04.2026'),
)
const codes = fc.array(fc.constantFrom('DBL', 'sgl', 'TRP', 'FAM', ' AI', 'UAI', '', 'x'.repeat(40)), { maxLength: 3 })
const record = fc.record(
  {
    hotel_name: hotel,
    date_from: date,
    date_to: date,
    room_types: codes,
    board_type: codes.map((c) => c.join(', ')),
    is_close: fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', 'evet', 'hayır', 'belki', 1, 0)),
    message_id: fc.option(fc.constantFrom('<a@x>', '<b@x>', '<c@x>'), { nil: undefined }),
    received_at: fc.option(fc.constantFrom('2025-05-02T10:00:00+03:00', '2025-05-03T08:00:00Z', 'dün'), {
      nil: undefined,
    }),
  },
  { requiredKeys: [] },
)

function toCsv(records: Array<Record<string, unknown>>, delimiter: ';' | ',' | '\t'): string {
  const cols = [
    'hotel_name',
    'date_from',
    'date_to',
    'room_types',
    'board_type',
    'is_close',
    'message_id',
    'received_at',
  ]
  const cell = (v: unknown) => {
    const s = Array.isArray(v) ? v.join('|') : v === undefined ? '' : String(v)
    return /["\n;,\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return [cols.join(delimiter), ...records.map((r) => cols.map((c) => cell(r[c])).join(delimiter))].join('\n')
}

const count = () => app.ctx.database.sqlite.prepare('select count(*) from stop_sales').pluck().get() as number

describe('import properties', () => {
  it('never throws, never commits an invalid row, re-importing never adds rows', async () => {
    let n = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 12 }),
        fc.constantFrom('json', 'csv;', 'csv,', 'csv\t'),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        async (records, format, cut) => {
          let text = format === 'json' ? JSON.stringify(records) : toCsv(records, format.slice(3) as ';')
          if (cut !== undefined) text = text.slice(0, cut) // a mutated (truncated) file
          const path = join(dir, `f${n++}.${format === 'json' ? 'json' : 'csv'}`)
          writeFileSync(path, text)

          const preview = await app.ctx.dispatch('import.preview', { path })
          if (!preview.ok) {
            // A refusal is data with a message, never a crash.
            expect(['validation', 'not-found']).toContain(preview.error.kind)
            expect(preview.error.message.length).toBeGreaterThan(10)
            return
          }
          const before = count()
          const committed = await app.ctx.dispatch('import.commit', {
            importId: (preview.value as { importId: number }).importId,
          })
          expect(committed.ok).toBe(true)
          const added = count() - before
          expect(added).toBe((committed as { value: { imported: number } }).value.imported)
          expect(added).toBeLessThanOrEqual((preview.value as { willImport: number }).willImport)

          // Everything in the table is valid.
          const bad = app.ctx.database.sqlite
            .prepare('select hotel_name, first_night, last_night from stop_sales')
            .all()
            .filter(
              (r: any) =>
                !r.hotel_name.trim() ||
                !isoDateSchema.safeParse(r.first_night).success ||
                !isoDateSchema.safeParse(r.last_night).success ||
                r.first_night > r.last_night,
            )
          expect(bad).toEqual([])

          // The same content again, as another file: nothing more.
          const again = join(dir, `f${n++}-again.${format === 'json' ? 'json' : 'csv'}`)
          writeFileSync(again, text)
          const second = await app.ctx.dispatch('import.preview', { path: again })
          expect(second.ok).toBe(true)
          await app.ctx.dispatch('import.commit', {
            importId: (second as { value: { importId: number } }).value.importId,
          })
          expect(count()).toBe(before + added)
        },
      ),
      { numRuns: Number(process.env.IMPORT_PROPERTY_RUNS ?? 300) },
    )
  }, 120_000)
})
