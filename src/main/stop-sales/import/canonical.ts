/**
 * The canonical shape of one imported stop sale, and the rules that turn one record of a
 * "parsed stop sales" file (a JSON object, or a CSV row keyed by its header) into it.
 *
 * Pure: no electron, no I/O. `read-file.ts` streams records out of files and calls
 * `canonicalizeRecord` for each; the import service can call it too (e.g. to re-check a row a
 * person corrected).
 */
import { message, type Message } from '../../../shared/messages'
import type { TextNote } from '../../files/clean-text'
import { parseNight, parseReceivedAt } from '../../files/dates'
import {
  charCount,
  datePair,
  isBlank,
  isPlainObject,
  LIMITS,
  normalizeFieldName,
  positiveId,
  readCodePair,
  readIsClose,
  readMarkets,
  readNight,
  readRanges,
  readText,
  show,
  type Errors,
  type Range,
} from './field-rules'

export { LIMITS, NIGHT_YEARS, normalizeFieldName, show, splitRangeText } from './field-rules'

export interface CanonicalStopSale {
  /** Trimmed; otherwise exactly as in the file (no case change, no Unicode normalisation). '' only when hotelId is set. */
  hotelName: string
  /** A hotel id given in the file (hotel_id): a positive whole number. Whether Sedna knows it is for the caller to check. */
  hotelId: number | null
  /** YYYY-MM-DD (date_from, or a date_ranges item's from). */
  firstNight: string
  /** YYYY-MM-DD (date_to, or a date_ranges item's to), inclusive, >= firstNight. */
  lastNight: string
  /** normalizeCode()d, empties and duplicates dropped, order kept; [] = all rooms. */
  roomCodes: string[]
  /** Same rules; [] = all boards. */
  boardCodes: string[]
  /** is_close true or missing → 'close'; false → 'open'. */
  kind: 'close' | 'open'
  reason: string | null
  /** Positive whole numbers, duplicates dropped, order kept. */
  marketIds: number[]
  messageId: string | null
  /** ISO 8601 date-time with the wall clock and offset text of the file (see parseReceivedAt). */
  receivedAt: string | null
  subject: string | null
  /** email_id as text (a JSON number becomes its decimal text). */
  emailId: string | null
}

export type { TextNote }

export type RowResult =
  | { row: number; line: number | null; ok: true; stopSales: CanonicalStopSale[]; notes?: TextNote[] }
  | { row: number; line: number | null; ok: false; errors: Message[]; notes?: TextNote[] }

export type ImportFormat = 'json' | 'csv'

/** The fields the importer understands (JSON keys and CSV headers, after normalizeFieldName). */
export const FIELD_NAMES = [
  'hotel_name',
  'hotel_id',
  'date_from',
  'date_to',
  'date_ranges',
  'room_types',
  'room_type',
  'board_types',
  'board_type',
  'is_close',
  'reason',
  'subject',
  'message_id',
  'received_at',
  'email_id',
  'markets',
] as const
export type FieldName = (typeof FIELD_NAMES)[number]
const FIELD_SET: ReadonlySet<string> = new Set(FIELD_NAMES)

export function isFieldName(name: string): name is FieldName {
  return FIELD_SET.has(name)
}

/** One record's known fields, keyed by normalized field name; values as JSON gives them, or CSV cell text. */
export type RecordFields = ReadonlyMap<FieldName, unknown>

export type CanonicalOutcome = { ok: true; stopSales: CanonicalStopSale[] } | { ok: false; errors: Message[] }

/**
 * Applies the field rules to one record. Collects every problem of the record (each naming the
 * field and the value); on success returns one stop sale per date range, in the file's order.
 */
export function canonicalizeRecord(fields: RecordFields): CanonicalOutcome {
  const errors: Errors = []

  // Hotel
  const rawName = fields.get('hotel_name')
  const hotelName = readText('hotel_name', rawName, errors, LIMITS.hotelName, false)
  let hotelId: number | null = null
  const rawId = fields.get('hotel_id')
  if (!isBlank(rawId)) {
    const id = positiveId(rawId)
    if (id === undefined) errors.push(message('importRow.notAHotelId', { value: show(rawId) }))
    else hotelId = id
  }
  if (isBlank(rawName) && isBlank(rawId)) errors.push(missing('hotel_name'))

  // Nights
  const from = fields.get('date_from')
  const to = fields.get('date_to')
  const rangesValue = fields.get('date_ranges')
  const hasPair = !isBlank(from) || !isBlank(to)
  let ranges: Range[] = []
  if (hasPair && !isBlank(rangesValue)) {
    errors.push(message('importRow.datesTwice'))
  } else if (hasPair) {
    if (isBlank(from)) errors.push(missing('date_from'))
    if (isBlank(to)) errors.push(missing('date_to'))
    if (isBlank(from) || isBlank(to)) {
      if (!isBlank(from)) readNight('date_from', from, errors)
      if (!isBlank(to)) readNight('date_to', to, errors)
    } else {
      const r = datePair(from, to, errors)
      if (r) ranges = [r]
    }
  } else if (!isBlank(rangesValue)) {
    ranges = readRanges(rangesValue, errors)
  } else {
    errors.push(missing('date_from'), missing('date_to'))
  }

  const roomCodes = readCodePair('room_types', 'room_type', fields, errors)
  const boardCodes = readCodePair('board_types', 'board_type', fields, errors)
  const isClose = readIsClose(fields.get('is_close'), errors)
  const marketIds = readMarkets(fields.get('markets'), errors)

  const reason = readText('reason', fields.get('reason'), errors, LIMITS.text, false)
  const subject = readText('subject', fields.get('subject'), errors, LIMITS.text, false)
  const messageId = readText('message_id', fields.get('message_id'), errors, LIMITS.text, true)
  const emailId = readText('email_id', fields.get('email_id'), errors, LIMITS.text, true)

  let receivedAt: string | null = null
  const rawReceived = fields.get('received_at')
  if (!isBlank(rawReceived)) {
    const parsed = typeof rawReceived === 'string' ? parseReceivedAt(rawReceived) : undefined
    if (parsed === undefined) errors.push(message('importRow.notADateTime', { value: show(rawReceived) }))
    else receivedAt = parsed
  }

  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    stopSales: ranges.map((r) => ({
      hotelName: hotelName ?? '',
      hotelId,
      firstNight: r.firstNight,
      lastNight: r.lastNight,
      roomCodes: [...roomCodes],
      boardCodes: [...boardCodes],
      kind: isClose ? 'close' : 'open',
      reason,
      marketIds: [...marketIds],
      messageId,
      receivedAt,
      subject,
      emailId,
    })),
  }
}

const missing = (field: string) => message('importRow.missing', { field })

/**
 * A JSON record (any JSON value) → its known fields. Keys are matched case-insensitively with
 * surrounding spaces ignored; unknown keys are ignored. Errors when the record is not an object or
 * names a field twice ("Hotel_Name" and "hotel_name").
 */
export function fieldsFromJsonRecord(value: unknown): { fields: Map<FieldName, unknown>; errors: Message[] } {
  const fields = new Map<FieldName, unknown>()
  if (!isPlainObject(value)) {
    const error = Array.isArray(value)
      ? message('importRow.notARecordList')
      : message('importRow.notARecord', { value: value === null ? 'null' : show(value) })
    return { fields, errors: [error] }
  }
  const errors: Message[] = []
  const keyOf = new Map<FieldName, string>()
  for (const [key, v] of Object.entries(value)) {
    const name = normalizeFieldName(key)
    if (!isFieldName(name)) continue
    const earlier = keyOf.get(name)
    if (earlier !== undefined) {
      errors.push(message('importRow.fieldTwice', { field: name, first: show(earlier), second: show(key) }))
      continue
    }
    keyOf.set(name, key)
    fields.set(name, v)
  }
  return { fields, errors }
}

/** The invariants every ok:true stop sale satisfies (used by tests; cheap enough for callers too). */
export function canonicalProblems(s: CanonicalStopSale): string[] {
  const p: string[] = []
  const iso = /^\d{4}-\d{2}-\d{2}$/
  if (!iso.test(s.firstNight) || parseNight(s.firstNight) !== s.firstNight) p.push('firstNight')
  if (!iso.test(s.lastNight) || parseNight(s.lastNight) !== s.lastNight) p.push('lastNight')
  if (s.lastNight < s.firstNight) p.push('order')
  if (s.hotelName.trim() !== s.hotelName) p.push('hotelName not trimmed')
  if (s.hotelName === '' && s.hotelId === null) p.push('no hotel')
  if (charCount(s.hotelName) > LIMITS.hotelName) p.push('hotelName too long')
  if (s.hotelId !== null && !(Number.isSafeInteger(s.hotelId) && s.hotelId > 0)) p.push('hotelId')
  for (const c of [...s.roomCodes, ...s.boardCodes]) {
    if (c === '' || c !== c.trim() || c !== c.toUpperCase() || charCount(c) > LIMITS.code) p.push(`code ${c}`)
  }
  if (new Set(s.roomCodes).size !== s.roomCodes.length) p.push('duplicate room code')
  if (new Set(s.boardCodes).size !== s.boardCodes.length) p.push('duplicate board code')
  if (!s.marketIds.every((m) => Number.isSafeInteger(m) && m > 0)) p.push('marketIds')
  if (s.kind !== 'close' && s.kind !== 'open') p.push('kind')
  if (s.receivedAt !== null && parseReceivedAt(s.receivedAt) !== s.receivedAt) p.push('receivedAt')
  return p
}
