/**
 * A parsed-reservations file read into raw records: the bytes decoded by the importers' decoder (UTF-8
 * with or without BOM, or Windows-1254), then JSON or CSV. Reservation files are small (tens to hundreds
 * of rows), so the whole file is read at once.
 *
 * Accepted JSON: an array of records, `{ "reservations": [...] }`, or one record on its own (as the sample).
 * Accepted CSV: a header row (`,` `;` or tab), the same field names; guests either as a `guests` column
 * holding the JSON array, or as numbered columns `guest1_first_name`, `guest_2_last_name`, ….
 */
import { parse as parseCsvSync } from 'csv-parse/sync'
import type { MessageParams } from '../../../shared/result'
import { AppFailure } from '../../errors'
import { cleanValue, type TextNote } from '../../files/clean-text'
import { detectDelimiter } from '../../files/csv-layout'
import { decodeBuffer, type Encoding } from '../../files/decode'
import { encodingLabel, ImportFileError } from '../../files/file-error'
import { locateJsonError } from '../../files/json-errors'
import { fieldKey, fieldOfAlias, isPlainObject, normaliseKeys, valueParams } from './record-values'

export interface RawRecord {
  row: number
  line: number | null
  /** Field name (normalised, see fieldKey) → value as found. */
  fields: Record<string, unknown>
  /** A record that is not even an object (e.g. a number in the JSON array): what it is instead. */
  notAnObject?: MessageParams
  /** Control characters removed from its fields (by the field's first alias: hotel_name, guests, …). */
  notes?: TextNote[]
}

export interface ReadReservations {
  format: 'json' | 'csv'
  encoding: string
  records: RawRecord[]
}

/** Larger than any reservations file; a bigger one is something else. */
export const MAX_RESERVATION_FILE_BYTES = 20 * 2 ** 20
const MAX_RECORDS = 10_000

/** A file-level problem, coded, for staff; like every import file error it never quotes the file. */
function fileProblem(fileName: string, code: string, message: string, params: MessageParams = {}): AppFailure {
  return new AppFailure('validation', message, undefined, { code, params: { file: fileName, ...params } })
}

/**
 * Reads the file's records. File-level problems are AppFailure('validation') with a code and a message
 * for staff. Control characters are removed from every field (the record's notes say which).
 */
export function readReservationBytes(bytes: Uint8Array, fileName: string): ReadReservations {
  if (bytes.length > MAX_RESERVATION_FILE_BYTES) {
    const mib = (n: number) => Math.ceil(n / 2 ** 20)
    throw fileProblem(
      fileName,
      'files.tooLarge',
      `The file "${fileName}" is ${mib(bytes.length)} MiB; at most ${mib(MAX_RESERVATION_FILE_BYTES)} MiB can be imported at once. Check that it is the right file, or split it.`,
      { size: mib(bytes.length), max: mib(MAX_RESERVATION_FILE_BYTES) },
    )
  }
  let decoded: { text: string; encoding: Encoding; bom: boolean }
  try {
    decoded = decodeBuffer(bytes)
  } catch (err) {
    if (err instanceof ImportFileError) throw fileProblem(fileName, err.code, `${fileName}: ${err.message}`, err.params)
    throw err
  }
  const text = decoded.text
  if (text.trim() === '') throw fileProblem(fileName, 'importFile.empty', `The file "${fileName}" is empty.`)
  const first = text.trimStart()[0]
  const isJson = /\.json$/i.test(fileName) || (!/\.(csv|tsv|txt)$/i.test(fileName) && (first === '[' || first === '{'))
  const records = isJson ? jsonRecords(text, fileName) : csvRecords(text, fileName)
  if (records.length === 0) {
    throw fileProblem(fileName, 'reservationFile.noRecords', `${fileName} holds no reservations.`)
  }
  if (records.length > MAX_RECORDS) {
    throw fileProblem(
      fileName,
      'reservationFile.tooManyRecords',
      `${fileName} holds ${records.length} records; at most ${MAX_RECORDS} at a time.`,
      { count: records.length, max: MAX_RECORDS },
    )
  }
  for (const record of records) cleanRecord(record)
  return {
    format: isJson ? 'json' : 'csv',
    encoding: encodingLabel(decoded.encoding, decoded.bom, isJson ? undefined : detectDelimiter(firstLine(text))),
    records,
  }
}

function jsonRecords(text: string, fileName: string): RawRecord[] {
  let root: unknown
  try {
    root = JSON.parse(text)
  } catch {
    // JSON.parse's own message quotes the text: say where instead.
    const at = locateJsonError(text)
    throw fileProblem(
      fileName,
      'importFile.jsonSyntaxAt',
      `${fileName} is not valid JSON: ${at.found} on line ${at.line}.`,
      { line: at.line },
    )
  }
  let list: unknown[]
  if (Array.isArray(root)) list = root
  else if (isPlainObject(root) && Array.isArray(root.reservations)) list = root.reservations
  else if (isPlainObject(root)) list = [root]
  else {
    throw fileProblem(
      fileName,
      'reservationFile.wrongShape',
      `${fileName}: expected an array of reservations, { "reservations": [...] } or one reservation object.`,
    )
  }
  return list.map((value, i) =>
    isPlainObject(value)
      ? { row: i + 1, line: null, fields: normaliseKeys(value) }
      : { row: i + 1, line: null, fields: {}, notAnObject: valueParams(value) },
  )
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? ''
  return /^sep=.$/i.test(line.trim()) ? (text.split(/\r?\n/).filter((l) => l.trim() !== '')[1] ?? '') : line
}

function csvRecords(text: string, fileName: string): RawRecord[] {
  let body = text
  let delimiter = detectDelimiter(firstLine(text))
  const sep = /^\s*sep=(.)\r?\n/i.exec(text)
  if (sep) {
    delimiter = sep[1] === '\t' ? '\t' : sep[1] === ',' ? ',' : ';'
    body = text.slice(sep[0].length)
  }
  let parsed: Array<{ record: Record<string, string>; info: { lines: number } }>
  try {
    parsed = parseCsvSync(body, {
      delimiter,
      columns: (header: string[]) => header.map(fieldKey),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as typeof parsed
  } catch (err) {
    // csv-parse's message may quote the row: its code and line only.
    const { code, lines } = err as { code?: string; lines?: number }
    const line = (lines ?? 1) + (sep ? 1 : 0)
    throw fileProblem(
      fileName,
      'importFile.csvBroken',
      `${fileName} could not be read as CSV near line ${line} (${code ?? 'unreadable'}): check the quotes and separators there.`,
      { line, reason: code ?? 'unreadable' },
    )
  }
  const offset = sep ? 1 : 0
  return parsed.map(({ record, info }, i) => ({ row: i + 1, line: info.lines + offset, fields: guestColumns(record) }))
}

/** Numbered guest columns (guest1_first_name, guest_2_title…) → a guests array; a `guests` JSON cell parsed. */
function guestColumns(record: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const guests = new Map<number, Record<string, unknown>>()
  for (const [key, value] of Object.entries(record)) {
    const m = /^guest_?(\d+)_(.+)$/.exec(key)
    if (m) {
      const n = Number(m[1])
      const guest = guests.get(n) ?? {}
      guest[fieldKey(m[2]!)] = value
      guests.set(n, guest)
    } else if (value !== '') out[key] = value
  }
  if (typeof out.guests === 'string') {
    try {
      out.guests = JSON.parse(out.guests)
    } catch {
      // left as text: canonicalize says what is wrong with it
    }
  }
  if (guests.size && out.guests === undefined) {
    out.guests = [...guests.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, g]) => g)
      .filter((g) => Object.values(g).some((v) => v !== '' && v != null))
  }
  return out
}

/** Removes control characters from a record's values, noting them by field (see clean-text.ts). */
function cleanRecord(record: RawRecord): void {
  let notes: TextNote[] | undefined
  for (const [key, value] of Object.entries(record.fields)) {
    const c = cleanValue(value)
    if (c.removed === 0) continue
    record.fields[key] = c.value
    const field = fieldOfAlias(key)
    if (field === undefined) continue // not a field the import reads: nothing of it is kept
    const earlier = notes?.find((n) => n.field === field)
    if (earlier) earlier.removed += c.removed
    else (notes ??= []).push({ field, removed: c.removed })
  }
  if (notes) record.notes = notes
}
