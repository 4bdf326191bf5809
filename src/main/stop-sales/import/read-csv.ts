/** The CSV side of the stop-sale file reader: the header's columns, then one verdict per row. */
import { Readable, pipeline } from 'node:stream'
import { message } from '../../../shared/messages'
import { parse as parseCsv } from 'csv-parse'
import {
  canonicalizeRecord,
  isFieldName,
  normalizeFieldName,
  type FieldName,
  type RowResult,
  type TextNote,
} from './canonical'
import { cleanText } from '../../files/clean-text'
import { delimiterName, scanHeader, type Delimiter, type HeaderLayout } from '../../files/csv-layout'
import { csvFileError, csvRecords, LineTracker } from '../../files/csv-stream'
import { ImportFileError } from '../../files/file-error'
import { MAX_RECORD_BYTES, type FileFacts } from './file-facts'

function mapHeader(cells: readonly string[], delimiter: Delimiter): (FieldName | undefined)[] {
  const columns = cells.map((c) => {
    const name = normalizeFieldName(c.replace(/^\uFEFF/, ''))
    return isFieldName(name) ? name : undefined
  })
  const firstAt = new Map<FieldName, number>()
  columns.forEach((name, i) => {
    if (name === undefined) return
    const earlier = firstAt.get(name)
    if (earlier !== undefined) {
      throw new ImportFileError(
        'importFile.columnTwice',
        `The column ${name} appears twice in the header (columns ${earlier + 1} and ${i + 1}); keep only one of them.`,
        { column: name, first: earlier + 1, second: i + 1 },
      )
    }
    firstAt.set(name, i)
  })
  // Said without the header's own text (the file may be anything): how many columns, and which of them
  // are known (those names are the importer's, not the file's).
  const known = [...firstAt.keys()].join(', ') || 'none'
  const params = { columns: cells.length, known, separator: delimiterName(delimiter) }
  const context = `The first line of a CSV file must name its columns; this one has ${cells.length} column${cells.length === 1 ? '' : 's'} (read with ${params.separator} as the separator), of which these are known: ${known}.`
  if (!firstAt.has('hotel_name') && !firstAt.has('hotel_id')) {
    throw new ImportFileError(
      'importFile.noHotelColumn',
      `The CSV file has no hotel_name (or hotel_id) column. ${context}`,
      params,
    )
  }
  if (!firstAt.has('date_from') && !firstAt.has('date_to') && !firstAt.has('date_ranges')) {
    throw new ImportFileError(
      'importFile.noDateColumn',
      `The CSV file has no date column (date_from and date_to, or date_ranges). ${context}`,
      params,
    )
  }
  return columns
}

function csvRow(
  row: number,
  line: number,
  cells: readonly string[],
  columns: readonly (FieldName | undefined)[],
  delimiter: Delimiter,
): RowResult {
  if (cells.length !== columns.length) {
    return {
      row,
      line,
      ok: false,
      errors: [
        message('importRow.cellCount', {
          cells: cells.length,
          columns: columns.length,
          separator: delimiter === ';' ? 'semicolon' : delimiter === ',' ? 'comma' : 'tab',
        }),
      ],
    }
  }
  const fields = new Map<FieldName, unknown>()
  let notes: TextNote[] | undefined
  columns.forEach((name, i) => {
    if (name === undefined) return
    const cell = cleanText(cells[i]!)
    if (cell.removed) (notes ??= []).push({ field: name, removed: cell.removed })
    fields.set(name, cell.text)
  })
  const out = canonicalizeRecord(fields)
  const noted = notes ? { notes } : {}
  return out.ok
    ? { row, line, ok: true, stopSales: out.stopSales, ...noted }
    : { row, line, ok: false, errors: out.errors, ...noted }
}

export async function* readCsv(
  text: AsyncGenerator<string, void, undefined>,
  facts: FileFacts,
): AsyncGenerator<RowResult[], void, undefined> {
  // The header line decides the delimiter, so it is read before csv-parse starts.
  let pre = ''
  let layout: HeaderLayout | undefined
  for (;;) {
    layout = scanHeader(pre, false)
    if (layout) break
    const next = await text.next()
    if (next.done) {
      layout = scanHeader(pre, true)!
      break
    }
    pre += next.value
    if (pre.length > MAX_RECORD_BYTES) {
      throw new ImportFileError(
        'importFile.headerTooLong',
        'The first line of the file is longer than 1 MiB: this is not a stop-sale CSV file.',
      )
    }
  }
  const { delimiter } = layout
  facts.delimiter = delimiter

  const lines = new LineTracker()
  async function* feed(): AsyncGenerator<Buffer, void, undefined> {
    const first = Buffer.from(pre, 'utf8')
    pre = ''
    lines.push(first)
    yield first
    for await (const s of text) {
      const b = Buffer.from(s, 'utf8')
      lines.push(b)
      yield b
    }
  }
  const parser = parseCsv({
    delimiter,
    bom: false, // decode.ts removed it
    relax_column_count: true, // a row with the wrong number of cells is a row error, reported below
    relax_quotes: true, // a quote inside an unquoted cell is text (Hotel "Star")
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
  })
  pipeline(Readable.from(feed(), { objectMode: false }), parser, () => {
    // Errors reach the loop below through the parser.
  })

  let skipSepLine = layout.sepLine
  let columns: (FieldName | undefined)[] | undefined
  let row = 0
  try {
    for await (const records of csvRecords(parser)) {
      const batch: RowResult[] = []
      for (const rec of records) {
        const line = lines.advance(rec.info.bytes)
        const cells = rec.record
        if (cells.every((c) => c.trim() === '')) continue // blank lines and rows of empty cells (";;;;")
        if (skipSepLine) {
          skipSepLine = false
          continue
        }
        if (!columns) {
          columns = mapHeader(cells, delimiter)
          continue
        }
        row++
        batch.push(csvRow(row, line, cells, columns, delimiter))
      }
      if (batch.length) yield batch
    }
  } catch (e) {
    throw csvFileError(e, lines)
  }
  if (!columns) {
    throw new ImportFileError(
      'importFile.noHeader',
      'The file has no header line naming its columns (hotel_name, date_from, date_to, …).',
    )
  }
}
