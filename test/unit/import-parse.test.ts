import fc from 'fast-check'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, describe, expect, it } from 'vitest'
import {
  canonicalProblems,
  FIELD_NAMES,
  type CanonicalStopSale,
  type RowResult,
} from '../../src/main/stop-sales/import/canonical'
import { detectDelimiter } from '../../src/main/files/csv-layout'
import { ImportFileError } from '../../src/main/files/file-error'
import { wordMessage } from '../../src/shared/messages/word'
import { parseNight, parseReceivedAt } from '../../src/main/files/dates'
import { decodeBuffer, openTextStream, SNIFF_BYTES } from '../../src/main/files/decode'
import {
  describeBytes,
  describeFile,
  readStopSaleBytes,
  readStopSaleFile,
  type FileFacts,
  type ReadOptions,
} from '../../src/main/stop-sales/import/read-file'

const SAMPLES = '/work/shared/samples/parsed'
const dir = mkdtempSync(join(tmpdir(), 'import-parse-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let fileNo = 0
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, `${++fileNo}-${name}`)
  writeFileSync(path, content)
  return path
}

/** Windows-1254 by hand (not via the decoder under test): ASCII plus the letters the tests use. */
const CP1254: Readonly<Record<string, number>> = {
  Ç: 0xc7,
  Ğ: 0xd0,
  İ: 0xdd,
  Ö: 0xd6,
  Ş: 0xde,
  Ü: 0xdc,
  ç: 0xe7,
  ğ: 0xf0,
  ı: 0xfd,
  ö: 0xf6,
  ş: 0xfe,
  ü: 0xfc,
  â: 0xe2,
  î: 0xee,
  û: 0xfb,
  '€': 0x80,
  '’': 0x92,
}
function encode1254(s: string): Uint8Array {
  const out: number[] = []
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else {
      const b = CP1254[ch]
      if (b === undefined) throw new Error(`not in the test's Windows-1254 map: ${ch}`)
      out.push(b)
    }
  }
  return Uint8Array.from(out)
}
const encodable1254 = (s: string) => [...s].every((ch) => ch.codePointAt(0)! < 0x80 || CP1254[ch] !== undefined)
const BOM = Uint8Array.from([0xef, 0xbb, 0xbf])
const withBom = (s: string) => Buffer.concat([BOM, Buffer.from(s, 'utf8')])

type Gen = AsyncGenerator<RowResult, FileFacts, undefined>
async function drain(gen: Gen): Promise<{ rows: RowResult[]; facts: FileFacts }> {
  const rows: RowResult[] = []
  for (;;) {
    const r = await gen.next()
    if (r.done) return { rows, facts: r.value }
    rows.push(r.value)
  }
}
const readPath = (path: string, opts?: ReadOptions) => drain(readStopSaleFile(path, opts))
const readText = (name: string, content: string | Uint8Array, opts?: ReadOptions) => readPath(file(name, content), opts)

function okRow(r: RowResult | undefined): CanonicalStopSale[] {
  if (!r || !r.ok) throw new Error(`expected an ok row, got ${JSON.stringify(r)}`)
  return r.stopSales
}
/** A row's problems, worded in English (each is a coded message; the wording is what staff read). */
function errRow(r: RowResult | undefined): string[] {
  if (!r || r.ok) throw new Error(`expected a row with errors, got ${JSON.stringify(r)}`)
  return r.errors.map((m) => wordMessage(m))
}
async function fileError(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError)
    return (e as Error).message
  }
  throw new Error('expected an ImportFileError')
}

const base = {
  hotelName: 'X',
  hotelId: null,
  roomCodes: [],
  boardCodes: [],
  kind: 'close',
  reason: null,
  marketIds: [],
  messageId: null,
  receivedAt: null,
  subject: null,
  emailId: null,
} as const satisfies Partial<CanonicalStopSale>

// ---------------------------------------------------------------------------------------------

describe('parseNight', () => {
  it.each([
    ['2025-06-15', '2025-06-15'],
    ['15.06.2025', '2025-06-15'],
    ['15.06.25', '2025-06-15'],
    ['15/06/2025', '2025-06-15'],
    ['15-06-2025', '2025-06-15'],
    ['5.6.2025', '2025-06-05'],
    ['05.06.2025', '2025-06-05'], // day-first: 5 June, never 6 May
    ['01/02/25', '2025-02-01'],
    [' 29.02.2024 ', '2024-02-29'],
    ['2025-6-5', '2025-06-05'],
  ])('%s → %s', (text, night) => expect(parseNight(text)).toBe(night))

  it.each([
    '31.02.2025',
    '29.02.2025',
    '2025-13-01',
    '2025-02-30',
    '32.01.2025',
    '00.01.2025',
    '15.13.2025',
    'tomorrow',
    '',
    '15.06.2025x',
    '15.06-2025',
    '2025/06/15',
    '15.06.025',
    '2025-06-15T00:00',
  ])('%j is not a real date', (text) => expect(parseNight(text)).toBeUndefined())
})

describe('parseReceivedAt', () => {
  it.each([
    ['2025-04-10T09:12:00+03:00', '2025-04-10T09:12:00+03:00'],
    ['2025-04-10T09:12:00.250+03:00', '2025-04-10T09:12:00.250+03:00'],
    ['2025-04-10 09:12', '2025-04-10T09:12:00'],
    ['2025-04-10T06:12:00z', '2025-04-10T06:12:00Z'],
    ['2025-04-10T09:12:00+0300', '2025-04-10T09:12:00+03:00'],
    ['2025-04-10T09:12+03', '2025-04-10T09:12:00+03:00'],
    ['10.04.2025 09:12', '2025-04-10T09:12:00'],
  ])('%s → %s', (text, iso) => expect(parseReceivedAt(text)).toBe(iso))

  it.each([
    '2025-04-10',
    '2025-02-30T10:00:00',
    '2025-04-10T24:00:00',
    '2025-04-10T09:60',
    '2025-04-10T09:12:00+15:00',
    'yesterday',
  ])('%j is not a date-time', (text) => expect(parseReceivedAt(text)).toBeUndefined())
})

describe('decodeBuffer', () => {
  const name = 'Işıklar İstanbul Şile Güneş Çağ Öğü'
  it('reads UTF-8 with and without BOM, and Windows-1254', () => {
    expect(decodeBuffer(Buffer.from(name))).toEqual({ text: name, encoding: 'utf-8', bom: false })
    expect(decodeBuffer(withBom(name))).toEqual({ text: name, encoding: 'utf-8', bom: true })
    expect(decodeBuffer(encode1254(name))).toEqual({ text: name, encoding: 'windows-1254', bom: false })
  })

  it("agrees with the test's own Windows-1254 byte map for every letter in it", () => {
    for (const [ch, byte] of Object.entries(CP1254)) {
      expect(decodeBuffer(Uint8Array.from([0x41, byte, 0x41])).text).toBe(`A${ch}A`)
    }
  })

  it('refuses UTF-16 and Excel workbooks with a message saying how to save the file', () => {
    expect(() => decodeBuffer(Uint8Array.from([0xff, 0xfe, 0x41, 0]))).toThrow(/UTF-16.*CSV UTF-8/)
    expect(() => decodeBuffer(Uint8Array.from([0x50, 0x4b, 3, 4, 0]))).toThrow(/Excel workbook/)
  })

  it('property: UTF-8 text round-trips; Windows-1254 text with Turkish letters round-trips', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(decodeBuffer(Buffer.from(s, 'utf8')).text).toBe(s)
      }),
      { numRuns: 300 },
    )
    const turkish = fc.string({
      unit: fc.constantFrom(...'abcİIıiŞşĞğÇçÖöÜü ;,"'.split('')),
      minLength: 1,
      maxLength: 40,
    })
    fc.assert(
      fc.property(turkish, (s) => {
        const d = decodeBuffer(encode1254(s))
        expect(d.text).toBe(s)
        // eslint-disable-next-line no-control-regex -- any character above ASCII, from NUL up
        expect(d.encoding).toBe(/[^\x00-\x7f]/.test(s) ? 'windows-1254' : 'utf-8')
      }),
      { numRuns: 300 },
    )
  })
})

// ---------------------------------------------------------------------------------------------

describe('the sample files', () => {
  it('JSON sample: every record, exactly', async () => {
    const { rows, facts } = await readPath(join(SAMPLES, 'stop-sales.sample.json'))
    expect(facts).toEqual({ format: 'json', encoding: 'utf-8', bom: false })
    // line: where the record's "{" is in the file
    expect(rows.map((r) => [r.row, r.line, r.ok])).toEqual([
      [1, 2, true],
      [2, 14, true],
      [3, 25, true],
      [4, 35, true],
    ])
    expect(okRow(rows[0])).toEqual([
      {
        ...base,
        hotelName: 'Mandarin Resort',
        firstNight: '2025-04-13',
        lastNight: '2025-04-18',
        messageId: '<20250410.260@mandarin-resort.example>',
        receivedAt: '2025-04-10T09:12:00+03:00',
        subject: 'STOP SALE - Mandarin resort',
      },
    ])
    expect(okRow(rows[1])).toEqual([
      {
        ...base,
        hotelName: 'Grand Palace Hotel',
        firstNight: '2025-05-01',
        lastNight: '2025-05-10',
        roomCodes: ['DBL', 'TRP'],
        boardCodes: ['AI'],
        reason: 'Full capacity',
        messageId: '<20250428.301@grandpalace.example>',
        receivedAt: '2025-04-28T16:40:00+03:00',
      },
    ])
    expect(okRow(rows[2])).toMatchObject([
      { hotelName: 'Sunset Beach Resort', kind: 'open', roomCodes: [], boardCodes: [] },
    ])
    const common = {
      ...base,
      hotelName: 'Antalya Beach Otel',
      roomCodes: ['STDSV', 'STDLV'],
      boardCodes: ['UAI'],
      reason: 'Doluluk',
      messageId: '<20250601.310@antalyabeach.example>',
      receivedAt: '2025-06-01T08:00:00+03:00',
    }
    expect(okRow(rows[3])).toEqual([
      { ...common, firstNight: '2025-06-15', lastNight: '2025-06-20' },
      { ...common, firstNight: '2025-07-01', lastNight: '2025-07-05' },
    ])
  })

  it('CSV sample: semicolons, UTF-8, Turkish names, two-digit years, is_close false', async () => {
    const { rows, facts } = await readPath(join(SAMPLES, 'stop-sales.sample.csv'))
    expect(facts).toEqual({ format: 'csv', encoding: 'utf-8', bom: false, delimiter: ';' })
    expect(rows.map((r) => [r.row, r.line])).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
    ])
    expect(okRow(rows[0])).toEqual([
      {
        ...base,
        hotelName: 'Çamyuva Güneş Otel',
        firstNight: '2025-05-12',
        lastNight: '2025-05-18',
        roomCodes: ['DBL', 'SGL'],
        boardCodes: ['AI'],
        reason: 'Doluluk',
        messageId: '<a1@otel.example>',
        receivedAt: '2025-05-02T10:00:00+03:00',
      },
    ])
    expect(okRow(rows[1])).toMatchObject([
      {
        hotelName: 'İstanbul Boğaz Palace',
        firstNight: '2025-06-01',
        lastNight: '2025-06-01',
        roomCodes: [],
        boardCodes: [],
      },
    ])
    expect(okRow(rows[2])).toEqual([
      {
        ...base,
        hotelName: 'Kemer Işıklar Resort',
        firstNight: '2025-06-20',
        lastNight: '2025-06-25',
        roomCodes: ['FAM'],
        boardCodes: ['HB', 'FB'],
        kind: 'open',
        reason: 'Satış açıldı',
        messageId: '<a3@otel.example>',
        receivedAt: '2025-05-03T12:00:00+03:00',
      },
    ])
    // Byte-exact: the name's UTF-8 bytes are the ones in the file.
    const raw = readFileSync(join(SAMPLES, 'stop-sales.sample.csv'))
    expect(raw.includes(Buffer.from(okRow(rows[2])[0]!.hotelName, 'utf8'))).toBe(true)
  })

  it('the same bytes handed over in memory give the same rows', async () => {
    for (const name of ['stop-sales.sample.json', 'stop-sales.sample.csv']) {
      const path = join(SAMPLES, name)
      const fromFile = await readPath(path)
      const fromBytes = await drain(readStopSaleBytes(readFileSync(path), name))
      expect(fromBytes).toEqual(fromFile)
      expect(await describeFile(path)).toEqual(fromFile.facts)
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('JSON shapes', () => {
  const rec = { hotel_name: 'A', date_from: '2025-06-15', date_to: '2025-06-16' }

  it('a bare array and { "stopSales": [...] } (key in any case), unknown keys ignored', async () => {
    const a = await readText('a.json', JSON.stringify([rec, rec]))
    const b = await readText(
      'b.json',
      JSON.stringify({ meta: { big: [1, 2, { x: 3 }] }, stopSales: [rec, rec], after: 1 }),
    )
    const c = await readText('c.json', JSON.stringify({ StopSales: [rec] }))
    expect(a.rows).toHaveLength(2)
    expect(b.rows).toEqual(a.rows)
    expect(okRow(c.rows[0])).toEqual(okRow(a.rows[0]))
  })

  it('room_types (list) vs room_type (text), board_types vs board_type, "," or "|" separated', async () => {
    const { rows } = await readText(
      'codes.json',
      JSON.stringify([
        { ...rec, room_types: ['dbl', ' trp ', 'DBL', ''], board_types: ['ai', 'UAI'] },
        { ...rec, room_type: 'DBL, TRP|sgl', board_type: 'AI|hb' },
        { ...rec, ROOM_TYPES: 'dbl,trp', 'Board_Types ': 'ai' },
        { ...rec, room_types: [], room_type: '', board_types: null },
        { ...rec, room_types: ['DBL'], room_type: 'dbl' },
      ]),
    )
    expect(okRow(rows[0])[0]).toMatchObject({ roomCodes: ['DBL', 'TRP'], boardCodes: ['AI', 'UAI'] })
    expect(okRow(rows[1])[0]).toMatchObject({ roomCodes: ['DBL', 'TRP', 'SGL'], boardCodes: ['AI', 'HB'] })
    expect(okRow(rows[2])[0]).toMatchObject({ roomCodes: ['DBL', 'TRP'], boardCodes: ['AI'] })
    expect(okRow(rows[3])[0]).toMatchObject({ roomCodes: [], boardCodes: [] })
    expect(okRow(rows[4])[0]).toMatchObject({ roomCodes: ['DBL'] })
  })

  it('date_ranges: each range becomes its own stop sale, in order, other fields shared', async () => {
    const { rows } = await readText(
      'ranges.json',
      JSON.stringify([
        {
          hotel_name: 'Antalya',
          date_ranges: [
            { from: '15.06.2025', to: '20.06.2025' },
            { From: '2025-07-01', TO: '05.07.25' },
            '01.08.2025-03.08.2025',
          ],
          room_type: 'STD',
          is_close: false,
          markets: [10, '12'],
          email_id: 4711,
        },
      ]),
    )
    const got = okRow(rows[0])
    expect(got.map((s) => [s.firstNight, s.lastNight])).toEqual([
      ['2025-06-15', '2025-06-20'],
      ['2025-07-01', '2025-07-05'],
      ['2025-08-01', '2025-08-03'],
    ])
    for (const s of got)
      expect(s).toMatchObject({
        hotelName: 'Antalya',
        roomCodes: ['STD'],
        kind: 'open',
        marketIds: [10, 12],
        emailId: '4711',
      })
  })

  it('records that are not objects are row errors; numbering follows the array', async () => {
    const { rows } = await readText('mixed.json', JSON.stringify([rec, 5, null, [rec], rec]))
    expect(rows.map((r) => [r.row, r.ok])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ])
    expect(errRow(rows[1])).toEqual(['the record is not an object with stop-sale fields (got 5)'])
  })
})

describe('date formats', () => {
  const formats: [string, string][] = [
    ['2025-06-15', '2025-06-15'],
    ['15.06.2025', '2025-06-15'],
    ['15.06.25', '2025-06-15'],
    ['15/06/2025', '2025-06-15'],
    ['15-06-2025', '2025-06-15'],
    ['5.6.2025', '2025-06-05'],
  ]
  it('every format in CSV and JSON, day-first', async () => {
    const csv = ['hotel_name;date_from;date_to', ...formats.map(([t]) => `H;${t};${t}`)].join('\n')
    const json = JSON.stringify(formats.map(([t]) => ({ hotel_name: 'H', date_from: t, date_to: t })))
    for (const { rows } of [await readText('d.csv', csv), await readText('d.json', json)]) {
      expect(rows.map((r) => okRow(r)[0]!.firstNight)).toEqual(formats.map(([, iso]) => iso))
    }
  })

  it('date_ranges cells in CSV, ISO and dashed day-first dates included', async () => {
    const { rows } = await readText(
      'r.csv',
      [
        'hotel_name,date_ranges',
        'H,15.06.2025-20.06.2025|01.07.2025-05.07.2025',
        'H,2025-06-15-2025-06-20',
        'H,15-06-2025 - 20-06-2025',
        'H,15.06.25..16.06.25',
      ].join('\r\n'),
    )
    expect(okRow(rows[0]).map((s) => [s.firstNight, s.lastNight])).toEqual([
      ['2025-06-15', '2025-06-20'],
      ['2025-07-01', '2025-07-05'],
    ])
    for (const r of rows.slice(1, 3))
      expect(okRow(r).map((s) => [s.firstNight, s.lastNight])).toEqual([['2025-06-15', '2025-06-20']])
    expect(okRow(rows[3])[0]).toMatchObject({ firstNight: '2025-06-15', lastNight: '2025-06-16' })
  })
})

// ---------------------------------------------------------------------------------------------

describe('encodings', () => {
  const header = 'hotel_name;date_from;date_to;reason\r\n'
  const name = 'Işıklar İstanbul Şile Güneş'

  it('a Windows-1254 CSV (Turkish Excel) decodes İ ı ş ğ exactly', async () => {
    const bytes = encode1254(
      `${header}${name};15.06.2025;20.06.2025;Doluluk çok\r\nÇağ Öğretmen Evi;01.07.2025;01.07.2025;\r\n`,
    )
    expect(Buffer.from(bytes).includes(Buffer.from('ı', 'utf8'))).toBe(false) // really not UTF-8
    const { rows, facts } = await readText('cp1254.csv', bytes)
    expect(facts).toEqual({ format: 'csv', encoding: 'windows-1254', bom: false, delimiter: ';' })
    expect(okRow(rows[0])[0]!.hotelName).toBe('Işıklar İstanbul Şile Güneş')
    expect(okRow(rows[0])[0]!.reason).toBe('Doluluk çok')
    expect(okRow(rows[1])[0]!.hotelName).toBe('Çağ Öğretmen Evi')
  })

  it('UTF-8 with a BOM (Excel "CSV UTF-8"): BOM reported, first column still recognised', async () => {
    const { rows, facts } = await readText('bom.csv', withBom(`${header}${name};15.06.2025;20.06.2025;\r\n`))
    expect(facts).toEqual({ format: 'csv', encoding: 'utf-8', bom: true, delimiter: ';' })
    expect(okRow(rows[0])[0]!.hotelName).toBe(name)
    const json = await readText(
      'bom.json',
      withBom(JSON.stringify([{ hotel_name: name, date_from: '2025-06-15', date_to: '2025-06-15' }])),
    )
    expect(json.facts).toEqual({ format: 'json', encoding: 'utf-8', bom: true })
    expect(okRow(json.rows[0])[0]!.hotelName).toBe(name)
  })

  it('Turkish and Cyrillic names stay byte-exact (no case change, no normalisation), only trimmed', async () => {
    const names = [
      '  Гостиница Космос  ',
      'İSTANBUL ısparta',
      'Ağva Dere Otel',
      'Ca\u0301mlık (decomposed á)',
      'Отель «Звезда» & Spa',
    ]
    const csv = `hotel_name,date_from,date_to\n${names.map((n) => `"${n}",15.06.2025,15.06.2025`).join('\n')}\n`
    const json = JSON.stringify(names.map((n) => ({ hotel_name: n, date_from: '15.06.2025', date_to: '15.06.2025' })))
    for (const { rows } of [await readText('n.csv', csv), await readText('n.json', json)]) {
      const got = rows.map((r) => okRow(r)[0]!.hotelName)
      expect(got).toEqual(names.map((n) => n.trim()))
      got.forEach((g, i) => expect(Buffer.from(g)).toEqual(Buffer.from(names[i]!.trim())))
    }
  })

  it('a file that is ASCII for its first 256 KiB and Windows-1254 later is read as Windows-1254', async () => {
    const filler = Array.from(
      { length: 8000 },
      (_, i) => `Hotel ${i};15.06.2025;16.06.2025;plain ascii reason text\r\n`,
    ).join('')
    expect(filler.length).toBeGreaterThan(256 * 1024)
    const bytes = Buffer.concat([Buffer.from(header + filler), encode1254(`${name};15.06.2025;20.06.2025;ş\r\n`)])
    for (const chunkSize of [64 * 1024, 4096, 333]) {
      const { rows, facts } = await readText('late.csv', bytes, { chunkSize })
      expect(facts.encoding).toBe('windows-1254')
      expect(rows).toHaveLength(8001)
      expect(okRow(rows[8000])[0]).toMatchObject({ hotelName: name, reason: 'ş' })
      expect(rows[8000]!.line).toBe(8002)
    }
  })

  it('property: after an ASCII head, UTF-8 stays UTF-8 and Windows-1254 switches cleanly, wherever chunks split', async () => {
    const prefix = Buffer.alloc(SNIFF_BYTES + 100, 'a')
    const tail = fc.string({ unit: fc.constantFrom(...'aZ;\nÇçĞğİıÖöŞşÜü'.split('')), minLength: 1, maxLength: 12 })
    const cuts = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 30 })
    await fc.assert(
      fc.asyncProperty(tail, fc.boolean(), cuts, fc.integer({ min: 0, max: 50 }), async (t, utf8, sizes, back) => {
        const bytes = Buffer.concat([prefix, utf8 ? Buffer.from(t) : encode1254(t)])
        async function* chunks() {
          let at = bytes.length - Buffer.byteLength(t) - back
          yield bytes.subarray(0, at)
          for (let i = 0; at < bytes.length; i++) {
            const n = sizes[i % sizes.length]!
            yield bytes.subarray(at, at + n)
            at += n
          }
        }
        const stream = await openTextStream(chunks())
        let text = ''
        for await (const s of stream.text) text += s
        expect(text).toBe(prefix.toString() + t)
        // eslint-disable-next-line no-control-regex -- any character above ASCII, from NUL up
        expect(stream.facts.encoding).toBe(!utf8 && /[^\x00-\x7f]/.test(t) ? 'windows-1254' : 'utf-8')
      }),
      { numRuns: 300 },
    )
  })

  it('a file that is UTF-8 with Turkish letters early and Windows-1254 later is refused (mixed encodings)', async () => {
    const filler = Array.from({ length: 10_000 }, (_, i) => `Güneş ${i};15.06.2025;16.06.2025;x\r\n`).join('')
    expect(Buffer.byteLength(filler)).toBeGreaterThan(256 * 1024)
    const bytes = Buffer.concat([Buffer.from(header + filler), encode1254(`${name};15.06.2025;20.06.2025;ş\r\n`)])
    expect(await fileError(readText('mixed.csv', bytes))).toMatch(/mixes two text encodings.*line 10002 is not UTF-8/)
    // In memory the whole input is checked first, so there is no guess to go back on.
    const { facts, rows } = await drain(readStopSaleBytes(bytes, 'mixed.csv'))
    expect(facts.encoding).toBe('windows-1254')
    expect(okRow(rows[10_000])[0]!.hotelName).toBe(name)
  })
})

describe('CSV layout', () => {
  const rows3 = (d: string) =>
    [
      `hotel_name${d}date_from${d}date_to${d}room_types`,
      `"A${d} B"${d}15.06.2025${d}16.06.2025${d}"DBL,TRP"`,
      `C${d}01.07.2025${d}02.07.2025${d}SGL`,
    ].join('\n')

  it.each([
    [';', ';'],
    [',', ','],
    ['\t', '\t'],
  ] as const)('delimiter %j is detected from the header', async (d, expected) => {
    const { rows, facts } = await readText('d.csv', rows3(d))
    expect(facts.delimiter).toBe(expected)
    expect(okRow(rows[0])[0]).toMatchObject({ hotelName: `A${d} B`, roomCodes: ['DBL', 'TRP'] })
    expect(okRow(rows[1])[0]).toMatchObject({ hotelName: 'C', roomCodes: ['SGL'] })
  })

  it('delimiter counting ignores quoted text; ties go ; then , then tab', () => {
    expect(detectDelimiter('"a;b;c",d,e')).toBe(',')
    expect(detectDelimiter('a;b,c')).toBe(';')
    expect(detectDelimiter('a,b\tc')).toBe(',')
    expect(detectDelimiter('a\tb\tc;d,e')).toBe('\t')
    expect(detectDelimiter('abc')).toBe(';')
  })

  it("Excel's sep= line, headers in any case with spaces, extra and empty columns", async () => {
    const { rows, facts } = await readText(
      'sep.csv',
      'sep=,\r\n Hotel_Name ,DATE_FROM, date to ,notes,,Is_Close\r\nA,15.06.2025,16.06.2025,whatever,,Hayır\r\n',
    )
    expect(facts.delimiter).toBe(',')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ row: 1, line: 3 })
    expect(okRow(rows[0])[0]).toMatchObject({
      hotelName: 'A',
      firstNight: '2025-06-15',
      lastNight: '2025-06-16',
      kind: 'open',
    })
  })

  it('blank lines and rows of empty cells are skipped; a sniffed format needs no extension', async () => {
    const csv = '\n\nhotel_name;date_from;date_to\n\n;;\nA;15.06.2025;15.06.2025\n\n\n'
    const { rows } = await readText('data.dat', csv)
    expect(rows).toEqual([
      {
        row: 1,
        line: 6,
        ok: true,
        stopSales: [{ ...base, hotelName: 'A', firstNight: '2025-06-15', lastNight: '2025-06-15' }],
      },
    ])
    const json = await readText('data.dat', ' \n [{"hotel_name":"A","date_from":"15.06.2025","date_to":"15.06.2025"}]')
    expect(json.facts.format).toBe('json')
    expect(okRow(json.rows[0])).toEqual(okRow(rows[0]))
  })
})

// ---------------------------------------------------------------------------------------------

describe('row errors', () => {
  it('line numbers stay right after a quoted multi-line cell (CRLF), blank lines and a short row', async () => {
    const csv = [
      'hotel_name;date_from;date_to;reason', // 1
      'A;15.06.2025;16.06.2025;"first line', // 2
      'second line;still the reason', // 3
      'third"" line"', // 4
      '', // 5
      'B;31.02.2025;16.06.2025;bad date', // 6
      'C;15.06.2025;16.06.2025', // 7: one cell short
      '"D', // 8
      'E";15.06.2025;14.06.2025;ends before it starts', // 9
    ].join('\r\n')
    const { rows } = await readText('lines.csv', csv)
    expect(rows.map((r) => [r.row, r.line, r.ok])).toEqual([
      [1, 2, true],
      [2, 6, false],
      [3, 7, false],
      [4, 8, false],
    ])
    expect(okRow(rows[0])[0]!.reason).toBe('first line\r\nsecond line;still the reason\r\nthird" line')
    expect(errRow(rows[1])).toEqual(['date_from "31.02.2025" is not a real date'])
    expect(errRow(rows[2])).toEqual([
      'the row has 3 cells but the header has 4 columns; check for a stray or missing ";" or quote (")',
    ])
    expect(errRow(rows[3])).toEqual(['date_to "14.06.2025" is before date_from "15.06.2025"'])
    expect(okRow(rows[0])[0]!.hotelName).toBe('A')
  })

  it('every problem of a row is reported, naming the field and the value', async () => {
    const csv = [
      'hotel_name;hotel_id;date_from;date_to;room_types;room_type;board_types;is_close;markets;received_at;reason',
      `;abc;tomorrow;31.02.2025;${'X'.repeat(31)};;AI;maybe;10|x;yesterday;${'r'.repeat(1001)}`,
      ';;15.06.2025;;DBL;SGL;;;;;',
    ].join('\n')
    const { rows } = await readText('errs.csv', csv)
    expect(errRow(rows[0])).toEqual([
      'hotel_id "abc" is not a Sedna hotel id (a whole number above 0)',
      'date_from "tomorrow" is not a real date',
      'date_to "31.02.2025" is not a real date',
      `room_types: code "${'X'.repeat(31)}" is longer than 30 characters`,
      'is_close must be true or false (got "maybe")',
      'markets: "x" is not a market id (a whole number above 0)',
      'reason is longer than 1000 characters (it has 1001)',
      'received_at "yesterday" is not a date-time like 2025-04-10T09:12:00+03:00',
    ])
    expect(errRow(rows[1])).toEqual([
      'hotel_name is missing',
      'date_to is missing',
      'room_types "DBL" and room_type "SGL" disagree; keep only one of them',
    ])
  })

  it('JSON field rules: types, limits, both date forms, duplicated keys', async () => {
    const ok = { hotel_name: 'H', date_from: '2025-06-15', date_to: '2025-06-16' }
    const { rows } = await readText(
      'rules.json',
      JSON.stringify([
        { hotel_id: 42, date_from: '2025-06-15', date_to: '2025-06-15' },
        { ...ok, date_ranges: [{ from: '2025-06-15', to: '2025-06-16' }] },
        { hotel_name: 'H', date_ranges: [{ from: '2025-06-15' }, { from: '2025-06-20', to: '2025-06-19' }, 7] },
        { hotel_name: 'H', date_ranges: [] },
        { ...ok, Hotel_Name: 'H2' },
        {
          ...ok,
          hotel_name: 'n'.repeat(201),
          subject: 's'.repeat(1001),
          room_types: [{}],
          is_close: 'EVET',
          markets: [0],
        },
        { ...ok, is_close: 'Hayır', markets: '10, 12,10', message_id: 123, received_at: '2025-04-10 09:12' },
        { ...ok, hotel_name: 7, reason: 5, date_from: 45823, date_to: null },
        { ...ok, date_from: '15.06.2205', date_to: '16.06.2205' },
      ]),
    )
    expect(okRow(rows[0])[0]).toMatchObject({ hotelName: '', hotelId: 42 })
    expect(errRow(rows[1])).toEqual(['give either date_from/date_to or date_ranges, not both'])
    expect(errRow(rows[2])).toEqual([
      'date_ranges item 1: to is missing',
      'date_ranges item 2 to "2025-06-19" is before date_ranges item 2 from "2025-06-20"',
      'date_ranges item 3 is not a range with from and to (got 7)',
    ])
    expect(errRow(rows[3])).toEqual(['date_ranges is empty'])
    expect(errRow(rows[4])).toEqual(['hotel_name is given twice (as "hotel_name" and "Hotel_Name")'])
    expect(errRow(rows[5])).toEqual([
      'hotel_name is longer than 200 characters (it has 201)',
      'room_types item 1 must be a code (got {})',
      'markets: 0 is not a market id (a whole number above 0)',
      'subject is longer than 1000 characters (it has 1001)',
    ])
    expect(okRow(rows[6])[0]).toMatchObject({
      kind: 'open',
      marketIds: [10, 12],
      messageId: '123',
      receivedAt: '2025-04-10T09:12:00',
    })
    expect(errRow(rows[7])).toEqual([
      'hotel_name must be text (got 7)',
      'date_to is missing',
      'date_from 45823 is not a real date',
      'reason must be text (got 5)',
    ])
    expect(errRow(rows[8])).toEqual([
      'date_from "15.06.2205" is outside the years 2000–2099',
      'date_to "16.06.2205" is outside the years 2000–2099',
    ])
  })

  it('is_close accepts true/false, 1/0, yes/no, evet/hayır, close/open, stop in any case; missing means close', async () => {
    const words: [string, 'close' | 'open'][] = [
      ['true', 'close'],
      ['FALSE', 'open'],
      ['1', 'close'],
      ['0', 'open'],
      ['Yes', 'close'],
      ['no', 'open'],
      ['EVET', 'close'],
      ['HAYIR', 'open'],
      ['hayir', 'open'],
      ['Close', 'close'],
      ['OPEN', 'open'],
      ['stop', 'close'],
      ['', 'close'],
    ]
    const csv = ['hotel_name,date_from,date_to,is_close', ...words.map(([w]) => `H,15.06.2025,15.06.2025,${w}`)].join(
      '\n',
    )
    const { rows } = await readText('close.csv', csv)
    expect(rows.map((r) => okRow(r)[0]!.kind)).toEqual(words.map(([, k]) => k))
  })
})

// ---------------------------------------------------------------------------------------------

describe('file-level problems', () => {
  it.each([
    ['empty.csv', '', /is empty/],
    ['blank.json', '  \r\n ', /is empty/],
    ['scalar.json', '"stop sales"', /must hold a list of stop sales/],
    // File-level messages never quote the file (it may be any file): names are counted, tokens named by kind.
    ['obj.json', '{"data": [], "count": 0}', /no "stopSales" list \(it has 2 other names\)/],
    ['notlist.json', '{"stopSales": {"a": 1}}', /"stopSales" must be a list/],
    ['twice.json', '{"stopSales": [], "stop_sales": []}', /two "stopSales" lists/],
    ['garbage.json', '[{"hotel_name": "A"} {"b": 1}]', /not valid JSON: unexpected "\{" on line 1/],
    ['after.json', '[]\n[]', /more text after the end of the JSON list \(line 2\)/],
    ['badchar.json', '[\n\n  {"a": tru}]', /not valid JSON: unexpected "}" on line 3/],
    [
      'csv.json',
      'hotel_name;date_from\nA;1.1.2025',
      /^The file is not JSON: it does not start with "\[" or "\{" \(line 1\)/,
    ],
    [
      'nohotel.csv',
      'name;date_from;date_to\nA;1.1.2025;1.1.2025',
      /no hotel_name \(or hotel_id\) column.*has 3 columns \(read with ";" as the separator\), of which these are known: date_from, date_to\.$/,
    ],
    ['nodate.csv', 'hotel_name,from,to\nA,1.1.2025,1.1.2025', /no date column/],
    [
      'dup.csv',
      'hotel_name;date_from;date_to;Hotel Name\n',
      /hotel_name appears twice in the header \(columns 1 and 4\)/,
    ],
    [
      'quote.csv',
      'hotel_name;date_from;date_to\nA;1.1.2025;1.1.2025\n"B;1.1.2025;1.1.2025\nC;1.1.2025;1.1.2025\n',
      /quote \(".*line 3 is never closed/,
    ],
    ['book.xlsx', Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0, 6, 0]), /Excel workbook/],
    ['utf16.csv', Uint8Array.from([0xff, 0xfe, 0x68, 0, 0x69, 0]), /UTF-16/],
  ] as const)('%s', async (name, content, message) => {
    expect(await fileError(readText(name, content))).toMatch(message)
  })

  it('a missing file or a folder is an ImportFileError written for staff', async () => {
    expect(await fileError(readPath(join(dir, 'nope.csv')))).toBe(
      'The file "nope.csv" does not exist (it may have been moved, renamed or deleted).',
    )
    expect(await fileError(readPath(dir))).toMatch(/is a folder, not a file/)
    expect(await fileError(describeFile(join(dir, 'nope.json')))).toMatch(/does not exist/)
  })

  it('a truncated JSON file yields its complete records, then rejects', async () => {
    const text = JSON.stringify(
      [1, 2, 3].map((i) => ({ hotel_name: `H${i}`, date_from: '2025-06-15', date_to: '2025-06-16' })),
      null,
      2,
    )
    const gen = readStopSaleFile(file('cut.json', text.slice(0, text.lastIndexOf('H3') + 5)))
    const seen: RowResult[] = []
    const err = await (async () => {
      for await (const r of gen) seen.push(r)
    })().catch((e: unknown) => e)
    expect(seen.map((r) => r.row)).toEqual([1, 2])
    expect(err).toBeInstanceOf(ImportFileError)
    expect((err as Error).message).toMatch(/ends in the middle of the JSON list \(after record 2\).*cut off/)
  })

  it('records before a broken spot come out first, then the ImportFileError (JSON syntax, CSV quote)', async () => {
    const r = (h: string) => JSON.stringify({ hotel_name: h, date_from: '2025-06-15', date_to: '2025-06-15' })
    const collect = async (gen: Gen) => {
      const seen: number[] = []
      const err = await (async () => {
        for await (const x of gen) seen.push(x.row)
      })().catch((e: unknown) => e)
      return { seen, message: err instanceof ImportFileError ? err.message : String(err) }
    }
    expect(
      await collect(readStopSaleFile(file('syn.json', `[${r('A')},\n${r('B')},\n{"hotel_name": "C" "x"}]`))),
    ).toEqual({
      seen: [1, 2],
      message: 'The file is not valid JSON: unexpected text in quotes on line 3 (after record 2).',
    })
    const csv =
      'hotel_name;date_from;date_to\r\nA;1.1.2025;1.1.2025\r\n"B\r\nX";1.1.2025;1.1.2025\r\n"C;1.1.2025;1.1.2025\r\nD;1;1\r\n'
    const got = await collect(readStopSaleFile(file('q.csv', csv)))
    expect(got.seen).toEqual([1, 2])
    expect(got.message).toMatch(/row starting on line 5 is never closed/)
  })

  it('a record over 1 MiB (a missing quote, a file that is no stop-sale list) is a file error, not a memory problem', async () => {
    const big = 'x'.repeat(1_200_000)
    expect(await fileError(readText('big.json', `[{"hotel_name": "A", "reason": "${big}"}]`))).toMatch(
      /Record 1 .* larger than 1 MiB/,
    )
    expect(
      await fileError(readText('big.csv', `hotel_name;date_from;date_to\nA;1.1.2025;1.1.2025\n"${big}\n`)),
    ).toMatch(/row starting on line 3 is longer than 1 MiB/)
  })

  it('stopping early closes the file without errors', async () => {
    const path = file('many.csv', `hotel_name;date_from;date_to\n${'A;15.06.2025;15.06.2025\n'.repeat(50_000)}`)
    let n = 0
    for await (const _ of readStopSaleFile(path, { chunkSize: 4096 })) if (++n === 3) break
    expect(n).toBe(3)
    const json = file(
      'many.json',
      JSON.stringify(Array(20_000).fill({ hotel_name: 'A', date_from: '2025-06-15', date_to: '2025-06-15' })),
    )
    for await (const _ of readStopSaleFile(json, { chunkSize: 4096 })) break
  })

  it('describeFile / describeBytes report the facts from the head', async () => {
    const path = file('t.txt', withBom('hotel_name\tdate_from\tdate_to\nA\t1.1.2025\t1.1.2025\n'))
    expect(await describeFile(path)).toEqual({ format: 'csv', encoding: 'utf-8', bom: true, delimiter: '\t' })
    expect(await describeBytes(encode1254('hotel_name;date_ranges\nŞile;1.1.2025-2.1.2025'), 'x.csv')).toEqual({
      format: 'csv',
      encoding: 'windows-1254',
      bom: false,
      delimiter: ';',
    })
  })
})

// ---------------------------------------------------------------------------------------------
// Properties

/** Reads bytes and checks the contract: only ImportFileError escapes, ok rows are canonical, rows numbered 1, 2, 3… */
async function checkContract(
  bytes: Uint8Array,
  name: string,
  chunkSize: number,
  viaFile: boolean,
): Promise<RowResult[] | ImportFileError> {
  const gen = viaFile
    ? readStopSaleFile(file(name, bytes), { chunkSize })
    : readStopSaleBytes(bytes, name, { chunkSize })
  const rows: RowResult[] = []
  try {
    for await (const r of gen) {
      rows.push(r)
      if (r.ok) {
        expect(r.stopSales.length).toBeGreaterThan(0)
        for (const s of r.stopSales) expect(canonicalProblems(s)).toEqual([])
      } else {
        expect(r.errors.length).toBeGreaterThan(0)
        // Every problem is a code the language files word (never the code itself shown as is).
        for (const e of r.errors) expect(wordMessage(e)).not.toBe(e.code)
      }
    }
  } catch (e) {
    if (e instanceof ImportFileError) return e
    throw e
  }
  expect(rows.map((r) => r.row)).toEqual(rows.map((_, i) => i + 1))
  return rows
}

const fileName = fc.constantFrom('f.csv', 'f.json', 'f.txt', 'f')
const chunkSize = fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(64 * 1024))

describe('properties', () => {
  it('random and mutated bytes: only ImportFileError, and every ok row is canonical', async () => {
    const sample = readFileSync(join(SAMPLES, 'stop-sales.sample.json'))
    const sampleCsv = readFileSync(join(SAMPLES, 'stop-sales.sample.csv'))
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      // Mutations of the real samples: truncated, bytes flipped, bytes inserted.
      fc
        .tuple(
          fc.constantFrom(sample, sampleCsv),
          fc.nat(),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        )
        .map(([src, cut, edits]) => {
          const b = Uint8Array.from(src.subarray(0, cut % (src.length + 1) || src.length))
          for (const [at, v] of edits) if (b.length > 0) b[at % b.length] = v
          return b
        }),
    )
    await fc.assert(
      fc.asyncProperty(
        bytes,
        fileName,
        chunkSize,
        fc.boolean(),
        async (b, n, c, f) => void (await checkContract(b, n, c, f)),
      ),
      {
        numRuns: 1200,
      },
    )
  })

  it('JSON records with random field values: only ImportFileError, ok rows canonical', async () => {
    const value = fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(
        '15.06.2025',
        '2025-06-20',
        '31.02.2025',
        '1.1.25',
        'DBL|TRP',
        ' evet ',
        'HAYIR',
        '10,12',
        '2025-04-10T09:12:00+03:00',
        '',
        ' ',
      ),
      fc.array(fc.constantFrom('dbl', 'ı', 'Ş', ' ', 'x'.repeat(31), '2025-06-15'), { maxLength: 3 }),
      fc.array(
        fc.record({
          from: fc.constantFrom('15.06.2025', '2025-07-01', 'x'),
          to: fc.constantFrom('20.06.2025', '2025-06-01'),
        }),
        { maxLength: 3 },
      ),
    )
    // Every field the importer knows, a differently-cased one and an unknown one.
    const key = fc.constantFrom(...FIELD_NAMES, 'Hotel_Name', 'other')
    const record = fc.oneof(fc.dictionary(key, value, { maxKeys: 10 }), fc.jsonValue({ maxDepth: 1 }))
    const doc = fc
      .tuple(fc.array(record, { maxLength: 6 }), fc.boolean(), fc.constantFrom(undefined, 2))
      .map(([records, wrap, indent]) => JSON.stringify(wrap ? { stopSales: records } : records, null, indent))
    await fc.assert(
      fc.asyncProperty(doc, chunkSize, async (text, c) => {
        const out = await checkContract(Buffer.from(text), 'r.json', c, false)
        expect(out).not.toBeInstanceOf(ImportFileError) // valid JSON of the right shape is never a file error
      }),
      { numRuns: 600 },
    )
  })

  it('truncated JSON: the complete records come out, then an ImportFileError', async () => {
    const rec = { hotel_name: 'Şile', date_from: '15.06.2025', date_to: '16.06.2025', room_types: ['DBL'] }
    const text = JSON.stringify({ stopSales: Array(5).fill(rec) }, null, 1)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: text.length - 1 }), chunkSize, async (cut, c) => {
        const out = await checkContract(Buffer.from(text.slice(0, cut)), 'cut.json', c, false)
        expect(out).toBeInstanceOf(ImportFileError)
      }),
      { numRuns: 300 },
    )
  })
})

// A model of valid files: what goes in (meaning) and what must come out.
interface Model {
  hotelName: string
  hotelId: number | null
  ranges: [Date, Date][]
  rooms: string[]
  boards: string[]
  isClose: [string | boolean, 'close' | 'open']
  reason: string | null
  markets: number[]
  received: [string, string] | null
}

const pad = (n: number) => String(n).padStart(2, '0')
const dateFormats: ((d: Date) => string)[] = [
  (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
  (d) => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`,
  (d) => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${String(d.getUTCFullYear()).slice(2)}`,
  (d) => `${d.getUTCDate()}.${d.getUTCMonth() + 1}.${d.getUTCFullYear()}`,
  (d) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
  (d) => `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}`,
]
const isoOf = (d: Date) => d.toISOString().slice(0, 10)

const letters = 'abcIıİiŞşĞğÇçÖöÜüАБВгдж xyz.,;"\'|-&()'
const nameArb = fc
  .string({ unit: fc.constantFrom(...letters.split('')), minLength: 1, maxLength: 40 })
  .map((s) => s.trim())
  .filter((s) => s !== '')
const codeArb = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkl0123456789'.split('')),
  minLength: 1,
  maxLength: 8,
})
const dayArb = fc.integer({ min: Date.UTC(2000, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 1) / 86_400_000 })
const rangeArb = fc
  .tuple(dayArb, fc.integer({ min: 0, max: 30 }))
  .map(([d, len]): [Date, Date] => [new Date(d * 86_400_000), new Date((d + len) * 86_400_000)])
const closeWords: [string | boolean, 'close' | 'open'][] = [
  ['true', 'close'],
  ['false', 'open'],
  ['Evet', 'close'],
  ['HAYIR', 'open'],
  ['0', 'open'],
  ['stop', 'close'],
  ['', 'close'],
  [true, 'close'],
  [false, 'open'],
]
const receivedArb = fc
  .tuple(dayArb, fc.integer({ min: 0, max: 86_399 }), fc.integer({ min: 0, max: 2 }))
  .map(([day, sec, form]): [string, string] => {
    const date = isoOf(new Date(day * 86_400_000))
    const t = `${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}`
    if (form === 0) return [`${date}T${t}:${pad(sec % 60)}+03:00`, `${date}T${t}:${pad(sec % 60)}+03:00`]
    if (form === 1) return [`${date} ${t}`, `${date}T${t}:00`]
    return [`${date}T${t}:${pad(sec % 60)}Z`, `${date}T${t}:${pad(sec % 60)}Z`]
  })
const modelArb: fc.Arbitrary<Model> = fc.record({
  hotelName: nameArb,
  hotelId: fc.option(fc.integer({ min: 1, max: 99_999 }), { freq: 4 }),
  ranges: fc.array(rangeArb, { minLength: 1, maxLength: 3 }),
  rooms: fc.array(codeArb, { maxLength: 4 }),
  boards: fc.array(codeArb, { maxLength: 3 }),
  isClose: fc.constantFrom(...closeWords),
  reason: fc.option(nameArb, { freq: 3 }),
  markets: fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 3 }),
  received: fc.option(receivedArb, { freq: 3 }),
})

function expected(m: Model): CanonicalStopSale[] {
  const codes = (cs: string[]) => [...new Set(cs.map((c) => c.toUpperCase()))]
  return m.ranges.map(([a, b]) => ({
    hotelName: m.hotelName,
    hotelId: m.hotelId,
    firstNight: isoOf(a),
    lastNight: isoOf(b),
    roomCodes: codes(m.rooms),
    boardCodes: codes(m.boards),
    kind: m.isClose[1],
    reason: m.reason,
    marketIds: m.markets,
    messageId: null,
    receivedAt: m.received ? m.received[1] : null,
    subject: null,
    emailId: null,
  }))
}

describe('properties: valid files read back to their meaning', () => {
  it('CSV: any delimiter, column order, quoting, line ending, blank lines, BOM or Windows-1254', async () => {
    const layout = fc.record({
      delimiter: fc.constantFrom(';', ',', '\t'),
      eol: fc.constantFrom('\n', '\r\n'),
      bom: fc.boolean(),
      cp1254: fc.boolean(),
      quoteAll: fc.boolean(),
      singular: fc.boolean(),
      order: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
      drop: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
      blanks: fc.array(fc.nat({ max: 2 }), { minLength: 12, maxLength: 12 }),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(modelArb, { minLength: 1, maxLength: 8 }),
        layout,
        chunkSize,
        fc.boolean(),
        async (models, l, c, viaFile) => {
          const multi = models.some((m) => m.ranges.length > 1)
          const pick = (i: number) => dateFormats[i % dateFormats.length]!
          type Column = [header: string, cell: (m: Model, i: number) => string]
          const dateColumns: Column[] = multi
            ? [
                [
                  'date_ranges',
                  (m, i) => m.ranges.map(([a, b], k) => `${pick(i + k)(a)}-${pick(i + k + 1)(b)}`).join('|'),
                ],
              ]
            : [
                ['date_from', (m, i) => pick(i)(m.ranges[0]![0])],
                ['Date_To', (m, i) => pick(i + 1)(m.ranges[0]![1])],
              ]
          const columns: Column[] = [
            ['hotel_name', (m) => m.hotelName],
            ['hotel_id', (m) => (m.hotelId === null ? '' : String(m.hotelId))],
            ...dateColumns,
            [l.singular ? 'room_type' : 'room_types', (m) => m.rooms.join(l.delimiter === ',' ? '|' : ', ')],
            [l.singular ? 'board_type' : 'BOARD_TYPES', (m) => m.boards.join('|')],
            ['is_close', (m) => String(m.isClose[0])],
            ['reason', (m) => m.reason ?? ''],
            ['markets', (m) => m.markets.join('|')],
            ['received_at', (m) => (m.received ? m.received[0] : '')],
            ['remarks', () => 'ignored "text"; here'],
          ]
          // A column may be left out when it says nothing: every cell empty, or a column the reader ignores.
          const kept = columns.filter(
            ([h, get], i) => !l.drop[i] || !(h === 'remarks' || models.every((m, k) => get(m, k) === '')),
          )
          const order = kept
            .map((col, i) => ({ col, key: l.order[i] ?? 0 }))
            .sort((a, b) => a.key - b.key)
            .map((x) => x.col)
          const cell = (v: string) =>
            l.quoteAll || /[;,\t"\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v
          const lines: string[] = []
          const expectedLines: number[] = []
          lines.push(order.map(([h]) => cell(h)).join(l.delimiter))
          models.forEach((m, i) => {
            for (let k = 0; k < (l.blanks[i] ?? 0); k++) lines.push('')
            expectedLines.push(lines.length + 1)
            lines.push(order.map(([, get]) => cell(get(m, i))).join(l.delimiter))
          })
          const text = lines.join(l.eol) + (l.blanks[11] === 1 ? l.eol : '')
          const use1254 = l.cp1254 && encodable1254(text)
          const bytes = use1254 ? encode1254(text) : l.bom ? withBom(text) : Buffer.from(text)
          const rows = await checkContract(bytes, 'model.csv', c, viaFile)
          if (rows instanceof ImportFileError) throw rows
          expect(rows).toEqual(
            models.map((m, i) => ({ row: i + 1, line: expectedLines[i], ok: true, stopSales: expected(m) })),
          )
        },
      ),
      { numRuns: 250 },
    )
  })

  it('JSON: array or { stopSales }, lists or "," / "|" text, date_ranges objects', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(modelArb, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.boolean(),
        chunkSize,
        async (models, wrap, textCodes, c) => {
          const records = models.map((m, i) => {
            const f = (k: number) => dateFormats[(i + k) % dateFormats.length]!
            return {
              hotel_name: ` ${m.hotelName} `,
              ...(m.hotelId === null ? {} : { hotel_id: m.hotelId }),
              ...(m.ranges.length === 1
                ? { date_from: f(0)(m.ranges[0]![0]), date_to: f(1)(m.ranges[0]![1]) }
                : { date_ranges: m.ranges.map(([a, b], k) => ({ from: f(k)(a), to: f(k + 1)(b) })) }),
              ...(textCodes
                ? { room_type: m.rooms.join(' | '), board_type: m.boards.join(',') }
                : { room_types: m.rooms, board_types: m.boards }),
              ...(m.isClose[0] === '' ? {} : { is_close: m.isClose[0] }),
              reason: m.reason,
              markets: m.markets,
              ...(m.received ? { received_at: m.received[0] } : {}),
              unknown: { nested: [1, 2, 3] },
            }
          })
          const text = JSON.stringify(wrap ? { version: 1, stopSales: records } : records, null, i2(c))
          const rows = await checkContract(Buffer.from(text), 'model.json', c, false)
          if (rows instanceof ImportFileError) throw rows
          expect(rows).toEqual(
            models.map((m, i) => ({ row: i + 1, line: expect.any(Number), ok: true, stopSales: expected(m) })),
          )
        },
      ),
      { numRuns: 250 },
    )
  })
})
const i2 = (c: number) => (c % 2 === 0 ? 2 : undefined)

// ---------------------------------------------------------------------------------------------

describe('streaming', () => {
  it('a 100,000-row CSV is read with heap growth far below the file size', async () => {
    const path = join(dir, 'big.csv')
    const fd = openSync(path, 'w')
    writeSync(fd, 'message_id;received_at;hotel_name;date_from;date_to;room_types;board_types;is_close;reason\r\n')
    let batch = ''
    for (let i = 1; i <= 100_000; i++) {
      batch += `<m${i}@otel.example>;2025-05-02T10:00:00+03:00;Çamyuva Güneş Otel ${i};12.05.2025;18.05.2025;DBL,SGL;AI;${i % 2 ? 'true' : 'false'};Doluluk ${i}\r\n`
      if (i % 5000 === 0) {
        writeSync(fd, batch)
        batch = ''
      }
    }
    closeSync(fd)
    const size = statSync(path).size

    // heapUsed counts garbage too, and V8 lets garbage pile up to tens of MiB when allocation is fast,
    // so the bound is checked on the live heap: a collection at regular points, then heapUsed. A
    // reader that kept the file (or its rows) would show here at 1-2x the file size or more.
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    gc()
    const before = process.memoryUsage().heapUsed
    let peakRaw = 0
    let peakLive = 0
    let rows = 0
    let okRows = 0
    let last: RowResult | undefined
    const started = performance.now()
    for await (const r of readStopSaleFile(path)) {
      rows++
      if (r.ok) okRows++
      last = r
      if (rows % 500 === 0) peakRaw = Math.max(peakRaw, process.memoryUsage().heapUsed - before)
      if (rows % 10_000 === 0) {
        gc()
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed - before)
      }
    }
    const ms = performance.now() - started
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`
    console.log(
      `streaming: ${rows} rows from a ${mib(size)} CSV in ${ms.toFixed(0)} ms; peak heapUsed growth: live ${mib(peakLive)} ` +
        `(${((peakLive / size) * 100).toFixed(0)}% of the file), without forced GC ${mib(peakRaw)}`,
    )
    expect(rows).toBe(100_000)
    expect(okRows).toBe(100_000)
    expect(last).toMatchObject({ row: 100_000, line: 100_001 })
    expect(peakLive).toBeLessThan(size / 4)
  }, 60_000)
})
