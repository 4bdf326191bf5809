/**
 * The canonical shape of one imported stop sale, and the rules that turn one record of a
 * "parsed stop sales" file (a JSON object, or a CSV row keyed by its header) into it.
 *
 * Pure: no electron, no I/O. `read-file.ts` streams records out of files and calls
 * `canonicalizeRecord` for each; the import service can call it too (e.g. to re-check a row a
 * person corrected).
 */
import type { MessageParams } from '../../../shared/result'
import { normalizeCode } from '../../reference/hotel-matching'
import { parseNight, parseReceivedAt } from '../../files/dates'
import { memoByText } from '../../files/memo'

const codeOf = memoByText(normalizeCode)

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

/** Something the preview says about a row that is not a problem: control characters removed from a field. */
export interface TextNote {
  /** The field as the file names it (hotel_name, room_types, …). */
  field: string
  /** Characters removed. */
  removed: number
}

export type RowResult =
  | { row: number; line: number | null; ok: true; stopSales: CanonicalStopSale[]; notes?: TextNote[] }
  | { row: number; line: number | null; ok: false; errors: string[]; notes?: TextNote[] }

/**
 * A problem with the file as a whole (unreadable, empty, not JSON/CSV, no usable header, …). The message
 * is for staff and never quotes the file's content (it may be any file on the machine): it says what is
 * wrong and where. `code` and `params` let the screen word it (`errors.<code>`).
 */
export class ImportFileError extends Error {
  override name = 'ImportFileError'
  readonly kind: 'validation' | 'not-found'
  constructor(
    readonly code: string,
    message: string,
    readonly params: MessageParams = {},
    options?: { cause?: unknown; kind?: 'validation' | 'not-found' },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.kind = options?.kind ?? 'validation'
  }
}

export type ImportFormat = 'json' | 'csv'

export const LIMITS = {
  hotelName: 200,
  code: 30,
  /** reason and subject; also applied to message_id and email_id. */
  text: 1000,
} as const

/** Years a night may fall in; anything else is a typo (15.06.2205) rather than a stop sale. */
export const NIGHT_YEARS = { min: 2000, max: 2099 } as const

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

/** 'Hotel_Name ', ' HOTEL NAME', 'hotel-name' → 'hotel_name'. */
export const normalizeFieldName = memoByText((name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_'),
)

export function isFieldName(name: string): name is FieldName {
  return FIELD_SET.has(name)
}

/** A value as staff should see it in a message: text in quotes (shortened), anything else as JSON. */
export function show(value: unknown): string {
  const max = 80
  let s: string
  if (typeof value === 'string') s = JSON.stringify(value.trim())
  else if (value === undefined) s = 'nothing'
  else {
    try {
      s = JSON.stringify(value) ?? String(value)
    } catch {
      s = String(value)
    }
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
}

function charCount(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A whole number above 0 from a JSON number or a text of digits; undefined otherwise. */
function positiveId(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? v : undefined
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) {
    const n = Number(v.trim())
    return Number.isSafeInteger(n) && n > 0 ? n : undefined
  }
  return undefined
}

type Errors = string[]

function readText(field: string, v: unknown, errors: Errors, max: number, numbers: boolean): string | null {
  if (isBlank(v)) return null
  let t: string
  if (typeof v === 'string') t = v.trim()
  else if (numbers && typeof v === 'number' && Number.isFinite(v)) t = String(v)
  else {
    errors.push(`${field} must be text (got ${show(v)})`)
    return null
  }
  const n = charCount(t)
  if (n > max) errors.push(`${field} is longer than ${max} characters (it has ${n})`)
  return t
}

interface NightCheck {
  night: string | undefined
}

/** Validates one night; pushes an error naming `label` and the value when it is not a real, plausible date. */
function readNight(label: string, v: unknown, errors: Errors): NightCheck {
  if (typeof v !== 'string') {
    errors.push(`${label} ${show(v)} is not a real date`)
    return { night: undefined }
  }
  const night = parseNight(v)
  if (night === undefined) {
    errors.push(`${label} ${show(v)} is not a real date`)
    return { night: undefined }
  }
  const year = Number(night.slice(0, 4))
  if (year < NIGHT_YEARS.min || year > NIGHT_YEARS.max) {
    errors.push(`${label} ${show(v)} is outside the years ${NIGHT_YEARS.min}–${NIGHT_YEARS.max}`)
    return { night: undefined }
  }
  return { night }
}

interface Range {
  firstNight: string
  lastNight: string
}

/** from/to (already present) → a range, or errors naming both values when to is before from. */
function checkedRange(
  fromLabel: string,
  fromValue: unknown,
  toLabel: string,
  toValue: unknown,
  errors: Errors,
): Range | undefined {
  const from = readNight(fromLabel, fromValue, errors).night
  const to = readNight(toLabel, toValue, errors).night
  if (from === undefined || to === undefined) return undefined
  if (to < from) {
    errors.push(`${toLabel} ${show(toValue)} is before ${fromLabel} ${show(fromValue)}`)
    return undefined
  }
  return { firstNight: from, lastNight: to }
}

const RANGE_SEPARATORS = /\s*(?:\.\.|[-–—])\s*/g

/** '15.06.2025-20.06.2025', '2025-06-15 - 2025-06-20', '15.06.25..20.06.25' → [from, to] texts. */
export function splitRangeText(text: string): [string, string] | undefined {
  const t = text.trim()
  const found = new Map<string, [string, string]>()
  for (const m of t.matchAll(RANGE_SEPARATORS)) {
    const left = t.slice(0, m.index).trim()
    const right = t.slice(m.index + m[0].length).trim()
    const a = parseNight(left)
    const b = parseNight(right)
    if (a !== undefined && b !== undefined) found.set(`${a}/${b}`, [left, right])
  }
  return found.size === 1 ? [...found.values()][0] : undefined
}

function readRanges(v: unknown, errors: Errors): Range[] {
  const ranges: Range[] = []
  const fromText = (piece: string, label: string) => {
    const parts = splitRangeText(piece)
    if (!parts) {
      errors.push(`${label} ${show(piece)} is not a range like 15.06.2025-20.06.2025`)
      return
    }
    const r = checkedRange(`${label} from`, parts[0], `${label} to`, parts[1], errors)
    if (r) ranges.push(r)
  }
  if (typeof v === 'string') {
    const pieces = v.split(/[|,]/).filter((p) => p.trim() !== '')
    const several = pieces.length > 1
    pieces.forEach((p, i) => fromText(p, several ? `date_ranges item ${i + 1}` : 'date_ranges'))
  } else if (Array.isArray(v)) {
    v.forEach((item, i) => {
      const label = `date_ranges item ${i + 1}`
      if (typeof item === 'string') return fromText(item, label)
      if (!isPlainObject(item)) {
        errors.push(`${label} is not a range with from and to (got ${show(item)})`)
        return
      }
      let from: unknown
      let to: unknown
      for (const [k, val] of Object.entries(item)) {
        const key = normalizeFieldName(k)
        if (key === 'from' || key === 'date_from') from = val
        else if (key === 'to' || key === 'date_to') to = val
      }
      const missing: string[] = []
      if (isBlank(from)) missing.push(`${label}: from is missing`)
      if (isBlank(to)) missing.push(`${label}: to is missing`)
      if (missing.length > 0) {
        errors.push(...missing)
        // Still check the value that is there, so every problem of the row is reported at once.
        if (!isBlank(from)) readNight(`${label} from`, from, errors)
        if (!isBlank(to)) readNight(`${label} to`, to, errors)
        return
      }
      const r = checkedRange(`${label} from`, from, `${label} to`, to, errors)
      if (r) ranges.push(r)
    })
    if (v.length === 0) errors.push('date_ranges is empty')
  } else {
    errors.push(`date_ranges must be a list of ranges (got ${show(v)})`)
  }
  return ranges
}

function readCodes(field: string, v: unknown, errors: Errors): string[] {
  if (isBlank(v)) return []
  const pieces: string[] = []
  const take = (item: unknown, label: string) => {
    if (typeof item === 'string') pieces.push(...item.split(/[,|]/))
    else if (typeof item === 'number' && Number.isFinite(item)) pieces.push(String(item))
    else errors.push(`${label} must be a code (got ${show(item)})`)
  }
  if (Array.isArray(v)) v.forEach((item, i) => take(item, `${field} item ${i + 1}`))
  else if (typeof v === 'string' || typeof v === 'number') take(v, field)
  else errors.push(`${field} must be a list of codes or text (got ${show(v)})`)
  const out: string[] = []
  for (const piece of pieces) {
    const code = codeOf(piece)
    if (code === '') continue
    if (charCount(code) > LIMITS.code) {
      errors.push(`${field}: code ${show(piece)} is longer than ${LIMITS.code} characters`)
      continue
    }
    if (!out.includes(code)) out.push(code)
  }
  return out
}

/** room_types and room_type (or the board pair) together: both may be given only when they agree. */
function readCodePair(plural: FieldName, singular: FieldName, fields: RecordFields, errors: Errors): string[] {
  const pv = fields.get(plural)
  const sv = fields.get(singular)
  const pBlank = isBlank(pv) || (Array.isArray(pv) && pv.length === 0)
  const sBlank = isBlank(sv) || (Array.isArray(sv) && sv.length === 0)
  const p = pBlank ? [] : readCodes(plural, pv, errors)
  const s = sBlank ? [] : readCodes(singular, sv, errors)
  if (!pBlank && !sBlank && p.join('\u0000') !== s.join('\u0000')) {
    errors.push(`${plural} ${show(pv)} and ${singular} ${show(sv)} disagree; keep only one of them`)
  }
  return pBlank ? s : p
}

const CLOSE_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['1', true],
  ['yes', true],
  ['evet', true],
  ['close', true],
  ['stop', true],
  ['false', false],
  ['0', false],
  ['no', false],
  ['hayir', false],
  ['open', false],
])

function readIsClose(v: unknown, errors: Errors): boolean {
  if (isBlank(v)) return true
  if (typeof v === 'boolean') return v
  if (v === 1 || v === 0) return v === 1
  if (typeof v === 'string') {
    // Turkish-safe folding: 'HAYIR', 'Hayır', 'hayir' and 'EVET' all match.
    const key = v.trim().replace(/[Iİ]/g, 'i').toLowerCase().replace(/ı/g, 'i')
    const b = CLOSE_WORDS.get(key)
    if (b !== undefined) return b
  }
  errors.push(`is_close must be true or false (got ${show(v)})`)
  return true
}

function readMarkets(v: unknown, errors: Errors): number[] {
  if (isBlank(v)) return []
  let items: unknown[]
  if (Array.isArray(v)) items = v
  else if (typeof v === 'string') items = v.split(/[,|]/).filter((p) => p.trim() !== '')
  else if (typeof v === 'number') items = [v]
  else {
    errors.push(`markets must be a list of market ids (got ${show(v)})`)
    return []
  }
  const out: number[] = []
  for (const item of items) {
    const id = positiveId(item)
    if (id === undefined) errors.push(`markets: ${show(item)} is not a market id (a whole number above 0)`)
    else if (!out.includes(id)) out.push(id)
  }
  return out
}

/** One record's known fields, keyed by normalized field name; values as JSON gives them, or CSV cell text. */
export type RecordFields = ReadonlyMap<FieldName, unknown>

export type CanonicalOutcome = { ok: true; stopSales: CanonicalStopSale[] } | { ok: false; errors: string[] }

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
    if (id === undefined) errors.push(`hotel_id ${show(rawId)} is not a Sedna hotel id (a whole number above 0)`)
    else hotelId = id
  }
  if (isBlank(rawName) && isBlank(rawId)) errors.push('hotel_name is missing')

  // Nights
  const from = fields.get('date_from')
  const to = fields.get('date_to')
  const rangesValue = fields.get('date_ranges')
  const hasPair = !isBlank(from) || !isBlank(to)
  let ranges: Range[] = []
  if (hasPair && !isBlank(rangesValue)) {
    errors.push('give either date_from/date_to or date_ranges, not both')
  } else if (hasPair) {
    if (isBlank(from)) errors.push('date_from is missing')
    if (isBlank(to)) errors.push('date_to is missing')
    if (isBlank(from) || isBlank(to)) {
      if (!isBlank(from)) readNight('date_from', from, errors)
      if (!isBlank(to)) readNight('date_to', to, errors)
    } else {
      const r = checkedRange('date_from', from, 'date_to', to, errors)
      if (r) ranges = [r]
    }
  } else if (!isBlank(rangesValue)) {
    ranges = readRanges(rangesValue, errors)
  } else {
    errors.push('date_from is missing', 'date_to is missing')
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
    if (parsed === undefined) {
      errors.push(`received_at ${show(rawReceived)} is not a date-time like 2025-04-10T09:12:00+03:00`)
    } else receivedAt = parsed
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

/**
 * A JSON record (any JSON value) → its known fields. Keys are matched case-insensitively with
 * surrounding spaces ignored; unknown keys are ignored. Errors when the record is not an object or
 * names a field twice ("Hotel_Name" and "hotel_name").
 */
export function fieldsFromJsonRecord(value: unknown): { fields: Map<FieldName, unknown>; errors: string[] } {
  const fields = new Map<FieldName, unknown>()
  if (!isPlainObject(value)) {
    const what = Array.isArray(value) ? 'a list' : value === null ? 'null' : show(value)
    return { fields, errors: [`the record is not an object with stop-sale fields (got ${what})`] }
  }
  const errors: string[] = []
  const keyOf = new Map<FieldName, string>()
  for (const [key, v] of Object.entries(value)) {
    const name = normalizeFieldName(key)
    if (!isFieldName(name)) continue
    const earlier = keyOf.get(name)
    if (earlier !== undefined) {
      errors.push(`${name} is given twice (as ${show(earlier)} and ${show(key)})`)
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
