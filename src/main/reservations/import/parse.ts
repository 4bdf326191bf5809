/**
 * Parsed reservations, as the e-mail parser writes them (../shared/samples/parsed/reservation-row.sample.json),
 * read from JSON or CSV into one canonical record each — or into the exact reasons a record cannot be
 * imported. Reservation files are small (tens to hundreds of rows), so the whole file is read at once;
 * the bytes are decoded by the stop-sale importer's decoder (UTF-8 with or without BOM, or Windows-1254),
 * dates are read by its day-first date reader.
 *
 * Accepted JSON: an array of records, `{ "reservations": [...] }`, or one record on its own (as the sample).
 * Accepted CSV: a header row (`,` `;` or tab), the same field names; guests either as a `guests` column
 * holding the JSON array, or as numbered columns `guest1_first_name`, `guest_2_last_name`, ….
 * Field names are matched loosely: `voucher_no`, `voucherNo`, `Voucher No` are the same field.
 */
import { createHash } from 'node:crypto'
import { parse as parseCsvSync } from 'csv-parse/sync'
import type { ReservationGuest } from '../../../shared/reservations'
import type { SednaTitle } from '../../../shared/reservation-basics'
import type { MessageParams } from '../../../shared/result'
import { AppFailure } from '../../errors'
import { ImportFileError, type TextNote } from '../../stop-sales/import/canonical'
import { cleanValue } from '../../files/clean-text'
import { parseNight } from '../../files/dates'
import { decodeBuffer, type Encoding } from '../../files/decode'
import { locateJsonError } from '../../stop-sales/import/json-records'
import { detectDelimiter } from '../../stop-sales/import/read-file'
import { foldName, normalizeCode } from '../../reference/hotel-matching'

/** One reservation as imported: what the parser said, checked and normalised. */
export interface CanonicalReservation {
  voucherNo: string
  hotelName: string
  hotelId: number | null
  checkIn: string
  checkOut: string
  roomCode: string
  boardCode: string
  adults: number
  children: number
  guests: ReservationGuest[]
  totalPrice: number | null
  currency: string | null
  saleDate: string | null
  sourceEmailId: string | null
}

export interface RawRecord {
  row: number
  line: number | null
  /** Field name (normalised, see fieldKey) → value as found. */
  fields: Record<string, unknown>
  /** A record that is not even an object (e.g. a number in the JSON array). */
  error?: string
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

/** `voucherNo`, `Voucher No`, `voucher-no` → `voucher_no`. */
export function fieldKey(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

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
  const encoding =
    decoded.encoding === 'windows-1254' ? 'Windows-1254 (Turkish)' : decoded.bom ? 'UTF-8 with BOM' : 'UTF-8'
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
    encoding: isJson ? encoding : `${encoding}, ${csvDelimiterName(text)}`,
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
      : { row: i + 1, line: null, fields: {}, error: `Record ${i + 1} is not an object (${describe(value)}).` },
  )
}

function csvDelimiterName(text: string): string {
  const d = detectDelimiter(firstLine(text))
  return d === '\t' ? 'tab-separated' : `"${d}"-separated`
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
    const field = fieldOfAlias().get(key)
    if (field === undefined) continue // not a field the import reads: nothing of it is kept
    const earlier = notes?.find((n) => n.field === field)
    if (earlier) earlier.removed += c.removed
    else (notes ??= []).push({ field, removed: c.removed })
  }
  if (notes) record.notes = notes
}

let aliasFields: Map<string, string> | undefined
/** Every alias → the first alias of its field ('hotel' → 'hotel_name'), the name notes use. */
function fieldOfAlias(): Map<string, string> {
  if (!aliasFields) {
    aliasFields = new Map()
    for (const names of Object.values(ALIASES)) for (const n of names) aliasFields.set(n, names[0])
  }
  return aliasFields
}

function normaliseKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) out[fieldKey(k)] = v
  return out
}

// ---- canonical record ------------------------------------------------------------------------

const ALIASES = {
  voucherNo: ['voucher_no', 'voucher', 'voucher_number', 'voucher_id'],
  hotelName: ['hotel_name', 'hotel'],
  hotelId: ['hotel_id'],
  checkIn: ['check_in', 'checkin', 'arrival', 'arrival_date', 'check_in_date'],
  checkOut: ['check_out', 'checkout', 'departure', 'departure_date', 'check_out_date'],
  roomCode: ['room_type', 'room', 'room_code', 'room_type_code'],
  boardCode: ['board_type', 'board', 'board_code', 'meal_plan'],
  adults: ['adults', 'adult', 'adt'],
  children: ['children', 'child', 'chd'],
  guests: ['guests', 'customers', 'passengers'],
  totalPrice: ['total_price', 'price', 'amount', 'total_amount', 'total'],
  currency: ['currency'],
  saleDate: ['sale_date', 'booking_date'],
  sourceEmailId: ['source_email_id', 'email_id'],
} as const
const GUEST_ALIASES = {
  title: ['title', 'salutation'],
  firstName: ['first_name', 'firstname', 'given_name', 'name'],
  lastName: ['last_name', 'lastname', 'surname', 'family_name'],
  birthDate: ['birth_date', 'birthdate', 'date_of_birth', 'dob'],
  passportNo: ['passport_no', 'passport', 'passport_number', 'pass_no'],
  nationality: ['nationality', 'country'],
} as const

function pick(fields: Record<string, unknown>, names: readonly string[]): unknown {
  for (const n of names) {
    const v = fields[n]
    if (v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')) return v
  }
  return undefined
}

/**
 * Sedna's titles (VENDOR: Mr, Mrs, Grp, Chd, Inf) from what vouchers write. Ms/Miss/Mme have no Sedna
 * equivalent but Mrs (GUESS); "Mstr" (Master) is a boy: Chd.
 */
const TITLES: Record<string, SednaTitle> = {
  mr: 'Mr',
  mister: 'Mr',
  bay: 'Mr',
  herr: 'Mr',
  monsieur: 'Mr',
  sr: 'Mr',
  mrs: 'Mrs',
  ms: 'Mrs',
  miss: 'Mrs',
  mme: 'Mrs',
  madam: 'Mrs',
  bayan: 'Mrs',
  frau: 'Mrs',
  sra: 'Mrs',
  chd: 'Chd',
  child: 'Chd',
  cocuk: 'Chd',
  kid: 'Chd',
  mstr: 'Chd',
  master: 'Chd',
  inf: 'Inf',
  infant: 'Inf',
  baby: 'Inf',
  bebek: 'Inf',
  grp: 'Grp',
}
/** Ages (at check-in) below which a guest without a title is an infant or a child (GUESS: hotels vary). */
export const INFANT_BELOW = 2
export const CHILD_BELOW = 12

const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '₺': 'TRY', TL: 'TRY', YTL: 'TRY' }

export type Canonical = { ok: true; value: CanonicalReservation } | { ok: false; errors: string[] }

export function canonicalizeReservation(fields: Record<string, unknown>): Canonical {
  const errors: string[] = []
  const text = (name: keyof typeof ALIASES, label: string, max: number, required: boolean): string | null => {
    const v = pick(fields, ALIASES[name])
    if (v === undefined) {
      if (required) errors.push(`${label} is missing.`)
      return null
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      errors.push(`${label} must be text, not ${describe(v)}.`)
      return null
    }
    const s = String(v).trim().replace(/\s+/g, ' ')
    if (s.length > max) {
      errors.push(`${label} is longer than ${max} characters.`)
      return null
    }
    return s
  }
  const count = (name: 'adults' | 'children', label: string, required: boolean, min: number): number | null => {
    const v = pick(fields, ALIASES[name])
    if (v === undefined) {
      if (required) errors.push(`${label} is missing.`)
      return required ? null : 0
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN
    if (!Number.isInteger(n) || n < min || n > 50) {
      errors.push(`${label} must be a whole number from ${min} to 50 (got ${describe(v)}).`)
      return null
    }
    return n
  }
  const date = (name: 'checkIn' | 'checkOut' | 'saleDate', label: string, required: boolean): string | null => {
    const v = pick(fields, ALIASES[name])
    if (v === undefined) {
      if (required) errors.push(`${label} is missing.`)
      return null
    }
    const d = typeof v === 'string' ? readDate(v) : undefined
    if (!d) errors.push(`${label} ${describe(v)} is not a real date (use 2025-01-15 or 15.01.2025).`)
    return d ?? null
  }

  const voucherNo = text('voucherNo', 'Voucher number', 50, true)
  const hotelName = text('hotelName', 'Hotel name', 300, true)
  let hotelId: number | null = null
  const rawHotelId = pick(fields, ALIASES.hotelId)
  if (rawHotelId !== undefined) {
    const n = Number(rawHotelId)
    if (!Number.isInteger(n) || n <= 0) errors.push(`Hotel id ${describe(rawHotelId)} is not a Sedna hotel id.`)
    else hotelId = n
  }
  const checkIn = date('checkIn', 'Check-in', true)
  const checkOut = date('checkOut', 'Check-out', true)
  if (checkIn && checkOut) {
    if (checkOut <= checkIn) errors.push(`Check-out ${checkOut} is not after check-in ${checkIn}.`)
    else if (Date.parse(checkOut) - Date.parse(checkIn) > 365 * 86_400_000)
      errors.push(`A stay from ${checkIn} to ${checkOut} is longer than a year.`)
    for (const d of [checkIn, checkOut]) {
      const y = Number(d.slice(0, 4))
      if (y < 2000 || y > 2099) errors.push(`${d} is outside the years 2000–2099.`)
    }
  }
  const roomRaw = text('roomCode', 'Room type', 50, true)
  const boardRaw = text('boardCode', 'Board type', 50, true)
  const adults = count('adults', 'Adults', true, 1)
  const children = count('children', 'Children', false, 0)

  const rawPrice = pick(fields, ALIASES.totalPrice)
  let totalPrice: number | null = null
  if (rawPrice !== undefined) {
    totalPrice = readAmount(rawPrice)
    if (totalPrice === null) errors.push(`Total price ${describe(rawPrice)} is not an amount.`)
  }
  let currency = text('currency', 'Currency', 10, false)
  if (currency !== null) {
    const c = CURRENCY_SYMBOLS[currency] ?? currency.toUpperCase()
    if (!/^[A-Z]{3}$/.test(c)) {
      errors.push(`Currency "${currency}" is not a three-letter code such as EUR.`)
      currency = null
    } else currency = c
  }
  const saleDate = date('saleDate', 'Sale date', false)
  const source = pick(fields, ALIASES.sourceEmailId)
  let sourceEmailId: string | null = null
  if (source !== undefined) {
    if (typeof source !== 'string' && typeof source !== 'number')
      errors.push('Source e-mail id must be text or a number.')
    else sourceEmailId = String(source).trim().slice(0, 200)
  }

  const guests = readGuests(pick(fields, ALIASES.guests), checkIn, errors)
  if (guests && adults !== null && children !== null && guests.length > adults + children) {
    errors.push(
      `${guests.length} guests are listed for ${adults} adult${adults === 1 ? '' : 's'} and ${children} child${children === 1 ? '' : 'ren'}.`,
    )
  }

  if (errors.length) return { ok: false, errors }
  return {
    ok: true,
    value: {
      voucherNo: voucherNo!,
      hotelName: hotelName!,
      hotelId,
      checkIn: checkIn!,
      checkOut: checkOut!,
      roomCode: normalizeCode(roomRaw!),
      boardCode: normalizeCode(boardRaw!),
      adults: adults!,
      children: children!,
      guests: guests!,
      totalPrice,
      currency,
      saleDate,
      sourceEmailId,
    },
  }
}

function readGuests(value: unknown, checkIn: string | null, errors: string[]): ReservationGuest[] | null {
  if (value === undefined) {
    errors.push('No guests are listed (at least one guest with first and last name is needed).')
    return null
  }
  if (!Array.isArray(value)) {
    errors.push(`Guests must be a list, not ${describe(value)}.`)
    return null
  }
  if (value.length === 0) {
    errors.push('No guests are listed (at least one guest with first and last name is needed).')
    return null
  }
  const guests: ReservationGuest[] = []
  value.forEach((raw, i) => {
    const label = `Guest ${i + 1}`
    if (!isPlainObject(raw)) {
      errors.push(`${label} is not an object (${describe(raw)}).`)
      return
    }
    const g = normaliseKeys(raw)
    const str = (name: keyof typeof GUEST_ALIASES, max: number): string | null => {
      const v = pick(g, GUEST_ALIASES[name])
      if (v === undefined) return null
      if (typeof v !== 'string' && typeof v !== 'number') {
        errors.push(`${label}: ${name} must be text, not ${describe(v)}.`)
        return null
      }
      const s = String(v).trim().replace(/\s+/g, ' ')
      if (s.length > max) {
        errors.push(`${label}: ${name} is longer than ${max} characters.`)
        return null
      }
      return s
    }
    const firstName = str('firstName', 100)
    const lastName = str('lastName', 100)
    if (!firstName) errors.push(`${label} has no first name.`)
    if (!lastName) errors.push(`${label} has no last name.`)
    const rawBirth = pick(g, GUEST_ALIASES.birthDate)
    let birthDate: string | null = null
    if (rawBirth !== undefined) {
      birthDate = typeof rawBirth === 'string' ? (readDate(rawBirth) ?? null) : null
      if (!birthDate) errors.push(`${label}: birth date ${describe(rawBirth)} is not a real date.`)
      else if (checkIn && birthDate > checkIn) errors.push(`${label}: birth date ${birthDate} is after check-in.`)
    }
    const titleAsReceived = str('title', 30)
    let title: SednaTitle | undefined
    if (titleAsReceived !== null) {
      title = TITLES[foldName(titleAsReceived).replace(/ /g, '')]
      if (!title) {
        errors.push(`${label}: title "${titleAsReceived}" is not one Sedna knows (Mr, Mrs, Ms, Miss, Chd, Inf).`)
      }
    } else if (birthDate && checkIn) {
      const age = ageOn(birthDate, checkIn)
      if (age < INFANT_BELOW) title = 'Inf'
      else if (age < CHILD_BELOW) title = 'Chd'
      else errors.push(`${label} has no title (Mr or Mrs).`)
    } else if (!birthDate) {
      errors.push(`${label} has no title (Mr, Mrs, or Chd/Inf for a child; a birth date also tells a child).`)
    }
    if (firstName && lastName && title) {
      guests.push({
        title,
        titleAsReceived,
        firstName,
        lastName,
        birthDate,
        passportNo: str('passportNo', 50),
        nationality: str('nationality', 100),
      })
    }
  })
  return guests
}

/** Whole years from birth to the day (the guest's age at check-in). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/** A day-first date (see dates.ts), or an ISO date-time whose date part is taken. */
function readDate(text: string): string | undefined {
  const s = text.trim()
  const dateTime = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(s)
  return parseNight(dateTime ? dateTime[1]! : s)
}

/** 1234.56, "1234.56", "1234,56", "1.234,56", "1,234.56", "€ 1,234.56" → 1234.56; null when not an amount. */
export function readAmount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null
  if (typeof value !== 'string') return null
  let s = value.replace(/[^\d.,-]/g, '')
  if (!/^\d[\d.,]*$/.test(s)) return null
  const lastDot = s.lastIndexOf('.')
  const lastComma = s.lastIndexOf(',')
  const decimal = lastComma > lastDot && s.length - lastComma - 1 !== 3 ? ',' : lastDot > lastComma ? '.' : null
  if (decimal === ',') s = s.replace(/\./g, '').replace(',', '.')
  else if (decimal === '.') s = s.replace(/,/g, '')
  else s = s.replace(/[.,]/g, '')
  const n = Number(s)
  return Number.isFinite(n) ? n : null
}

/** voucher + source e-mail: the identity of a booking for re-imports (the same e-mail imported twice). */
export function reservationDedupeKey(r: Pick<CanonicalReservation, 'voucherNo' | 'sourceEmailId'>): string {
  return `${normalizeCode(r.voucherNo)}\u0000${r.sourceEmailId ?? ''}`
}

/** What is in a record, fields in a fixed order: equal hashes = the same reservation again. */
export function contentHash(r: CanonicalReservation): string {
  const ordered = [
    r.voucherNo,
    r.hotelName,
    r.hotelId,
    r.checkIn,
    r.checkOut,
    r.roomCode,
    r.boardCode,
    r.adults,
    r.children,
    r.guests.map((g) => [g.title, g.firstName, g.lastName, g.birthDate, g.passportNo, g.nationality]),
    r.totalPrice,
    r.currency,
    r.saleDate,
    r.sourceEmailId,
  ]
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex')
}

/** Names of the fields in which `b` differs from `a` (for a duplicate's reason). */
export function differences(a: CanonicalReservation, b: CanonicalReservation): string[] {
  const out: string[] = []
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y)
  if (a.hotelName !== b.hotelName || a.hotelId !== b.hotelId) out.push('hotel')
  if (a.checkIn !== b.checkIn || a.checkOut !== b.checkOut) out.push('dates')
  if (a.roomCode !== b.roomCode) out.push('room type')
  if (a.boardCode !== b.boardCode) out.push('board')
  if (a.adults !== b.adults || a.children !== b.children) out.push('pax')
  if (!same(a.guests, b.guests)) out.push('guests')
  if (a.totalPrice !== b.totalPrice || a.currency !== b.currency) out.push('price')
  return out
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'an object'
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)
  return String(v)
}
