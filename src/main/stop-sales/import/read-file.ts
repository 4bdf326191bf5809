/**
 * Streaming reader for "parsed stop sales" files: JSON from the e-mail parser, or CSV that staff
 * fixed in Excel. One RowResult per record, holding no more than a chunk of the file (plus one
 * record) in memory.
 *
 * Usage (the generator's return value is the file's facts):
 *
 *   const rows = readStopSaleFile(path)
 *   for (let r = await rows.next(); ; r = await rows.next()) {
 *     if (r.done) { facts = r.value; break }
 *     stage(r.value)
 *   }
 *
 * A rejection (always ImportFileError) is about the file as a whole and may come after some rows
 * were yielded — a truncated JSON file, a CSV quote that is never closed, a file that switches
 * encodings — so treat the whole file as failed and drop what was staged from it.
 */
import { extname } from 'node:path'
import { Readable, pipeline } from 'node:stream'
import { CsvError, parse as parseCsv, type Parser } from 'csv-parse'
import {
  canonicalizeRecord,
  fieldsFromJsonRecord,
  ImportFileError,
  isFieldName,
  normalizeFieldName,
  type FieldName,
  type ImportFormat,
  type RowResult,
  type TextNote,
} from './canonical'
import { cleanText, cleanValue } from '../../files/clean-text'
import { isValidUtf8, openTextStream, type Encoding, type TextStream } from '../../files/decode'
import { JsonRecordSplitter, type RawValue } from './json-records'
import { MAX_STOP_SALE_FILE_BYTES, openImportFile, type ImportFile } from '../../files/safe-file'

export interface ReadOptions {
  /** Default: from the file name's extension (.json → json; .csv/.tsv/.txt → csv), else sniffed: first non-space character '[' or '{' → json, otherwise csv. */
  format?: ImportFormat
  /** Bytes per read (default 64 KiB). For tests; there is no reason to change it otherwise. */
  chunkSize?: number
}

export type Delimiter = ',' | ';' | '\t'

export interface FileFacts {
  format: ImportFormat
  /** Final once the file was read to the end (a file that is plain ASCII for its first 256 KiB may turn out to be Windows-1254 later). */
  encoding: Encoding
  /** CSV only: the separator found in the header line (or a leading "sep=" line). */
  delimiter?: Delimiter
  /** The file started with a UTF-8 byte order mark. */
  bom: boolean
}

/** The largest single record (CSV row, JSON object) accepted; bigger ones are a broken file, not a stop sale. */
export const MAX_RECORD_BYTES = 1024 * 1024
const DEFAULT_CHUNK = 64 * 1024

/**
 * Streams the file's records, one RowResult per record, never holding more than a chunk of the
 * file in memory. Its return value is the FileFacts. Rejects with ImportFileError only for
 * file-level problems (unreadable, empty, not JSON/CSV, JSON root neither an array nor
 * { "stopSales": [...] }, CSV header without a hotel column or without any date column, ...).
 */
export function readStopSaleFile(
  path: string,
  opts: ReadOptions = {},
): AsyncGenerator<RowResult, FileFacts, undefined> {
  return oneByOne(readStopSaleFileBatches(path, opts))
}

/** Same, from bytes in memory (the renderer may hand over dropped file contents). */
export function readStopSaleBytes(
  bytes: Uint8Array,
  fileName: string,
  opts: ReadOptions = {},
): AsyncGenerator<RowResult, FileFacts, undefined> {
  return oneByOne(readStopSaleBytesBatches(bytes, fileName, opts))
}

/**
 * The same records in batches (those completed by one chunk of the file): what the importer reads,
 * since a step of an async generator per record costs more than the record's own checks. The file is
 * opened as every import file is (safe-file.ts: a regular file, size and read caps) and closed at the end.
 */
export async function* readStopSaleFileBatches(
  path: string,
  opts: ReadOptions = {},
): AsyncGenerator<RowResult[], FileFacts, undefined> {
  const file = await openImportFile(path, MAX_STOP_SALE_FILE_BYTES)
  try {
    return yield* readImportFileBatches(file, opts)
  } finally {
    await file.close()
  }
}

/**
 * Records of a file opened with openImportFile (the caller closes it). Reads only the bytes it had when
 * opened, and rejects (files.changed) when it changed meanwhile — also instead of the problem a change
 * caused (a file rewritten while read may look cut off).
 */
export async function* readImportFileBatches(
  file: ImportFile,
  opts: ReadOptions = {},
): AsyncGenerator<RowResult[], FileFacts, undefined> {
  let facts: FileFacts
  try {
    facts = yield* readFrom(() => file.chunks(opts.chunkSize ?? DEFAULT_CHUNK), file.name, opts, undefined)
  } catch (e) {
    await file.checkUnchanged()
    throw e
  }
  await file.checkUnchanged()
  return facts
}

export function readStopSaleBytesBatches(
  bytes: Uint8Array,
  fileName: string,
  opts: ReadOptions = {},
): AsyncGenerator<RowResult[], FileFacts, undefined> {
  // In memory the whole input can be checked, so the encoding is never a guess.
  return readFrom(
    () => byteChunks(bytes, opts.chunkSize ?? DEFAULT_CHUNK),
    fileName,
    opts,
    () => isValidUtf8(bytes),
  )
}

async function* oneByOne<T, R>(batches: AsyncGenerator<T[], R, undefined>): AsyncGenerator<T, R, undefined> {
  try {
    for (;;) {
      const next = await batches.next()
      if (next.done) return next.value
      yield* next.value
    }
  } finally {
    await batches.return(undefined as R)
  }
}

/**
 * The facts of a file from its first 256 KiB, without reading records: format, encoding (a guess
 * only for a file that is plain ASCII for 256 KiB and changes later — the generator's return value
 * is final), delimiter, BOM. Rejects with ImportFileError when the file cannot be read or is empty.
 */
export async function describeFile(path: string, opts: ReadOptions = {}): Promise<FileFacts> {
  const file = await openImportFile(path, MAX_STOP_SALE_FILE_BYTES)
  try {
    return await describeImportFile(file, opts)
  } finally {
    await file.close()
  }
}

/** describeFile for a file opened with openImportFile (the caller closes it). */
export async function describeImportFile(file: ImportFile, opts: ReadOptions = {}): Promise<FileFacts> {
  return describe(await openTextStream(file.chunks(opts.chunkSize ?? DEFAULT_CHUNK)), file.name, opts)
}

/** describeFile for bytes in memory. */
export async function describeBytes(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<FileFacts> {
  const chunks = byteChunks(bytes, opts.chunkSize ?? DEFAULT_CHUNK)
  return describe(await openTextStream(chunks, { utf8: isValidUtf8(bytes) }), fileName, opts)
}

async function describe(stream: TextStream, fileName: string, opts: ReadOptions): Promise<FileFacts> {
  try {
    if (stream.whole && stream.head.trim() === '') throw emptyFile(fileName)
    const format = formatOf(fileName, stream.head, opts.format)
    const facts: FileFacts = { format, encoding: stream.facts.encoding, bom: stream.facts.bom }
    if (format === 'csv') {
      const layout = scanHeader(stream.head, true)
      if (layout) facts.delimiter = layout.delimiter
    }
    return facts
  } finally {
    await stream.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Sources

async function* byteChunks(bytes: Uint8Array, chunkSize: number): AsyncGenerator<Uint8Array, void, undefined> {
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize)
}

const emptyFile = (fileName: string) =>
  new ImportFileError('importFile.empty', `The file "${fileName}" is empty.`, { file: fileName })

function formatOf(fileName: string, head: string, given: ImportFormat | undefined): ImportFormat {
  if (given) return given
  const ext = extname(fileName).toLowerCase()
  if (ext === '.json') return 'json'
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv'
  const first = head.trimStart()[0]
  return first === '[' || first === '{' ? 'json' : 'csv'
}

async function* readFrom(
  open: () => AsyncIterable<Uint8Array>,
  fileName: string,
  opts: ReadOptions,
  utf8: (() => boolean) | undefined,
): AsyncGenerator<RowResult[], FileFacts, undefined> {
  const stream = await openTextStream(open(), { utf8: utf8?.() })
  try {
    if (stream.whole && stream.head.trim() === '') throw emptyFile(fileName)
    const facts: FileFacts = {
      format: formatOf(fileName, stream.head, opts.format),
      encoding: stream.facts.encoding,
      bom: stream.facts.bom,
    }
    if (facts.format === 'json') yield* readJson(stream.text)
    else yield* readCsv(stream.text, facts)
    facts.encoding = stream.facts.encoding
    return facts
  } finally {
    await stream.text.return()
    await stream.close()
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

interface HeaderLayout {
  delimiter: Delimiter
  /** The file starts with Excel's "sep=;" line, which is not the header. */
  sepLine: boolean
}

const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'] // tie order
const delimiterName = (d: Delimiter) => (d === '\t' ? 'tab' : `"${d}"`)

/** Index of the first line break outside quotes at or after `from`, or -1. */
function lineEnd(text: string, from: number): number {
  let quoted = false
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) quoted = !quoted
    else if (!quoted && (c === 10 || c === 13)) return i
  }
  return -1
}

/** Counts ',', ';' and tab outside quotes; the most frequent wins, ties → ';' before ',' before tab. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1)
  }
  let best: Delimiter = ';'
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d
  return best
}

/** Finds the header line (after blank lines and an optional "sep=" line). Undefined: need more text. */
function scanHeader(text: string, eof: boolean): HeaderLayout | undefined {
  let pos = 0
  let sep: Delimiter | undefined
  for (;;) {
    const end = lineEnd(text, pos)
    if (end === -1 && !eof) return undefined
    const line = text.slice(pos, end === -1 ? text.length : end)
    if (line.trim() !== '') {
      const m = sep === undefined ? /^sep=(.)$/i.exec(line.replace(/^\uFEFF/, '')) : null
      if (!m) return { delimiter: sep ?? detectDelimiter(line), sepLine: sep !== undefined }
      const d = m[1]!
      if (d !== ',' && d !== ';' && d !== '\t') {
        throw new ImportFileError(
          'importFile.separatorLine',
          'The file\'s "sep=" line asks for a separator other than ",", ";" or tab, which are the only ones supported.',
        )
      }
      sep = d
    }
    if (end === -1) return { delimiter: sep ?? ';', sepLine: sep !== undefined }
    pos = end + 1
  }
}

/**
 * Line numbers of CSV records, from csv-parse's byte counts (csv-parse's own line count is off
 * after quoted CRLF line breaks). Holds only bytes csv-parse has not finished with.
 */
class LineTracker {
  private chunks: Buffer[] = []
  private index = 0
  private offset = 0
  private line = 1
  private afterCR = false

  push(chunk: Buffer): void {
    if (chunk.length > 0) this.chunks.push(chunk)
  }

  /** Moves to byte `end` (a record's end); returns the line where the record's first character is. */
  advance(end: number): number {
    let start: number | undefined
    while (this.offset < end) {
      const chunk = this.chunks[0]
      if (!chunk) break
      const byte = chunk[this.index]!
      if (start === undefined && byte !== 10 && byte !== 13) start = this.line
      if (byte === 10) {
        if (!this.afterCR) this.line++
        this.afterCR = false
      } else if (byte === 13) {
        this.line++
        this.afterCR = true
      } else this.afterCR = false
      this.offset++
      if (++this.index === chunk.length) {
        this.chunks.shift()
        this.index = 0
      }
    }
    return start ?? this.line
  }

  /** Line of the first character not yet part of a record. */
  pendingLine(): number {
    let line = this.line
    let afterCR = this.afterCR
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!
      for (let i = c === 0 ? this.index : 0; i < chunk.length; i++) {
        const byte = chunk[i]!
        if (byte === 10) {
          if (!afterCR) line++
          afterCR = false
        } else if (byte === 13) {
          line++
          afterCR = true
        } else return line
      }
    }
    return line
  }
}

interface CsvRecord {
  record: string[]
  info: { bytes: number }
}

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
        `the row has ${cells.length} cells but the header has ${columns.length} columns; check for a stray or missing ${delimiterName(delimiter)} or quote (")`,
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

async function* readCsv(
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

/**
 * csv-parse's records as they come, in batches, with backpressure. Unlike the stream's own async
 * iterator, the records parsed before an error are still delivered (then the error is thrown), so
 * the rows before an unclosed quote come out and the line numbers stay right.
 */
async function* csvRecords(parser: Parser): AsyncGenerator<CsvRecord[], void, undefined> {
  let queue: CsvRecord[] = []
  let failure: { error: unknown } | undefined
  let ended = false
  let wake: (() => void) | undefined
  const signal = () => {
    const w = wake
    wake = undefined
    w?.()
  }
  parser.on('data', (record: string[]) => {
    // The parser's live counters, read as each record is pushed: where the record ends (csv-parse's
    // per-record `info` option would copy all its counters for every record).
    queue.push({ record, info: { bytes: parser.info.bytes } })
    if (queue.length >= 1024) parser.pause()
    signal()
  })
  parser.on('error', (error: unknown) => {
    failure = { error }
    signal()
  })
  parser.on('end', () => {
    ended = true
    signal()
  })
  try {
    for (;;) {
      if (queue.length) {
        const batch = queue
        queue = []
        if (parser.isPaused() && !failure) parser.resume()
        yield batch
        continue
      }
      if (failure) throw failure.error
      if (ended) return
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    parser.destroy()
  }
}

function csvFileError(e: unknown, lines: LineTracker): unknown {
  if (e instanceof ImportFileError || !(e instanceof CsvError)) return e
  const line = lines.pendingLine()
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ImportFileError(
      'importFile.quoteNotClosed',
      `A quote (") opened in the row starting on line ${line} is never closed, so the rest of the file cannot be read. Fix the quotes in that row and import the file again.`,
      { line },
      { cause: e },
    )
  }
  if (e.code === 'CSV_MAX_RECORD_SIZE') {
    return new ImportFileError(
      'importFile.rowTooLong',
      `The row starting on line ${line} is longer than 1 MiB; most likely a quote (") opened there is never closed.`,
      { line },
      { cause: e },
    )
  }
  // csv-parse's own message may quote the row: only its code is given.
  return new ImportFileError(
    'importFile.csvBroken',
    `The CSV file cannot be read near line ${line} (${e.code}): check the quotes and separators there.`,
    { line, reason: e.code },
    { cause: e },
  )
}

// ---------------------------------------------------------------------------------------------
// JSON

/** A JSON record's verdict; `line` is where the record starts in the file. */
function jsonRow(row: number, line: number, value: unknown): RowResult {
  const { fields, errors } = fieldsFromJsonRecord(value)
  if (errors.length > 0 && fields.size === 0 && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    return { row, line, ok: false, errors }
  }
  let notes: TextNote[] | undefined
  for (const [name, v] of fields) {
    const c = cleanValue(v)
    if (c.removed === 0) continue
    ;(notes ??= []).push({ field: name, removed: c.removed })
    fields.set(name, c.value)
  }
  const noted = notes ? { notes } : {}
  const out = canonicalizeRecord(fields)
  const all = out.ok ? errors : [...errors, ...out.errors]
  if (all.length > 0 || !out.ok) return { row, line, ok: false, errors: all, ...noted }
  return { row, line, ok: true, stopSales: out.stopSales, ...noted }
}

/** Records of a JSON file: the splitter finds each record's text, JSON.parse reads it. */
async function* readJson(text: AsyncGenerator<string, void, undefined>): AsyncGenerator<RowResult[], void, undefined> {
  const splitter = new JsonRecordSplitter(MAX_RECORD_BYTES)
  const found: RawValue[] = []
  let row = 0
  /** The records the splitter found, read; a record JSON.parse refuses ends the file after those before it. */
  const read = (): { rows: RowResult[]; failure?: unknown } => {
    const rows: RowResult[] = []
    for (const v of found.splice(0)) {
      let value: unknown
      try {
        value = JSON.parse(v.text)
      } catch (e) {
        return { rows, failure: splitter.explain(v, e) }
      }
      if (!v.ignored) rows.push(jsonRow(++row, v.line, value))
    }
    return { rows }
  }
  for await (const s of text) {
    let fileProblem: { error: unknown } | undefined
    try {
      splitter.write(s, found)
    } catch (error) {
      fileProblem = { error }
    }
    // The records completed before a problem still come out (like CSV rows before an unclosed quote).
    const { rows, failure } = read()
    if (rows.length) yield rows
    if (failure !== undefined) throw failure
    if (fileProblem) throw fileProblem.error
  }
  splitter.end()
}
