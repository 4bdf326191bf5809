/**
 * The rules for each field of a stop-sale record (text, nights, date ranges, codes, is_close, markets).
 * Each reader returns what it read and pushes every problem it found as a coded message naming the
 * file's own field and the value (`importRow.*`), so a row's preview lists all its problems at once.
 */
import { message, type Message } from '../../../shared/messages'
import type { MessageParams } from '../../../shared/result'
import { parseNight } from '../../files/dates'
import { memoByText } from '../../files/memo'
import { normalizeCode } from '../../reference/hotel-matching'

const codeOf = memoByText(normalizeCode)

export type Errors = Message[]

export const LIMITS = {
  hotelName: 200,
  code: 30,
  /** reason and subject; also applied to message_id and email_id. */
  text: 1000,
} as const

/** Years a night may fall in; anything else is a typo (15.06.2205) rather than a stop sale. */
export const NIGHT_YEARS = { min: 2000, max: 2099 } as const

/** 'Hotel_Name ', ' HOTEL NAME', 'hotel-name' → 'hotel_name'. */
export const normalizeFieldName = memoByText((name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_'),
)

/**
 * Where in the record a value stands, as a message names it: a field (date_from), an item of a list
 * (date_ranges item 2), or the from/to end of a range in either (importRow.label.*).
 */
export interface Label {
  at: 'field' | 'item' | 'fieldFrom' | 'fieldTo' | 'itemFrom' | 'itemTo'
  field: string
  item?: number
}
const fieldLabel = (field: string): Label => ({ at: 'field', field })
const labelParams = (l: Label): MessageParams =>
  l.item === undefined ? { at: l.at, field: l.field } : { at: l.at, field: l.field, item: l.item }
/** The same place, at the from or to end of its range. */
const end = (l: Label, which: 'From' | 'To'): Label => ({
  ...l,
  at: `${l.at === 'item' || l.at.startsWith('item') ? 'item' : 'field'}${which}`,
})

const push = (errors: Errors, code: Parameters<typeof message>[0], params?: MessageParams) =>
  errors.push(message(code, params))

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

export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
}

export function charCount(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A whole number above 0 from a JSON number or a text of digits; undefined otherwise. */
export function positiveId(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? v : undefined
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) {
    const n = Number(v.trim())
    return Number.isSafeInteger(n) && n > 0 ? n : undefined
  }
  return undefined
}

export function readText(field: string, v: unknown, errors: Errors, max: number, numbers: boolean): string | null {
  if (isBlank(v)) return null
  let t: string
  if (typeof v === 'string') t = v.trim()
  else if (numbers && typeof v === 'number' && Number.isFinite(v)) t = String(v)
  else {
    push(errors, 'importRow.notText', { field, value: show(v) })
    return null
  }
  const n = charCount(t)
  if (n > max) push(errors, 'importRow.tooLong', { field, max, length: n })
  return t
}

/** Validates one night; pushes an error naming the place and the value when it is not a real, plausible date. */
export function readNight(label: Label | string, v: unknown, errors: Errors): string | undefined {
  const where = typeof label === 'string' ? fieldLabel(label) : label
  const night = typeof v === 'string' ? parseNight(v) : undefined
  if (night === undefined) {
    push(errors, 'importRow.notRealDate', { ...labelParams(where), value: show(v) })
    return undefined
  }
  const year = Number(night.slice(0, 4))
  if (year < NIGHT_YEARS.min || year > NIGHT_YEARS.max) {
    push(errors, 'importRow.outsideYears', { ...labelParams(where), value: show(v), ...NIGHT_YEARS })
    return undefined
  }
  return night
}

export interface Range {
  firstNight: string
  lastNight: string
}

/** date_from/date_to (both present) → a range, or errors naming both values when to is before from. */
export function datePair(from: unknown, to: unknown, errors: Errors): Range | undefined {
  const first = readNight('date_from', from, errors)
  const last = readNight('date_to', to, errors)
  if (first === undefined || last === undefined) return undefined
  if (last < first) {
    push(errors, 'importRow.datesBackwards', { to: show(to), from: show(from) })
    return undefined
  }
  return { firstNight: first, lastNight: last }
}

/** The from/to ends of one range of date_ranges (both present). */
function rangeOf(label: Label, from: unknown, to: unknown, errors: Errors): Range | undefined {
  const first = readNight(end(label, 'From'), from, errors)
  const last = readNight(end(label, 'To'), to, errors)
  if (first === undefined || last === undefined) return undefined
  if (last < first) {
    push(errors, 'importRow.rangeBackwards', { ...labelParams(label), to: show(to), from: show(from) })
    return undefined
  }
  return { firstNight: first, lastNight: last }
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

export function readRanges(v: unknown, errors: Errors): Range[] {
  const field = 'date_ranges'
  const ranges: Range[] = []
  const fromText = (piece: string, label: Label) => {
    const parts = splitRangeText(piece)
    if (!parts) {
      push(errors, 'importRow.notARange', { ...labelParams(label), value: show(piece) })
      return
    }
    const r = rangeOf(label, parts[0], parts[1], errors)
    if (r) ranges.push(r)
  }
  if (typeof v === 'string') {
    const pieces = v.split(/[|,]/).filter((p) => p.trim() !== '')
    const several = pieces.length > 1
    pieces.forEach((p, i) => fromText(p, several ? { at: 'item', field, item: i + 1 } : fieldLabel(field)))
  } else if (Array.isArray(v)) {
    v.forEach((item, i) => {
      const label: Label = { at: 'item', field, item: i + 1 }
      if (typeof item === 'string') return fromText(item, label)
      if (!isPlainObject(item)) {
        push(errors, 'importRow.rangeNotObject', { field, item: i + 1, value: show(item) })
        return
      }
      let from: unknown
      let to: unknown
      for (const [k, val] of Object.entries(item)) {
        const key = normalizeFieldName(k)
        if (key === 'from' || key === 'date_from') from = val
        else if (key === 'to' || key === 'date_to') to = val
      }
      if (isBlank(from) || isBlank(to)) {
        if (isBlank(from)) push(errors, 'importRow.rangeEndMissing', { field, item: i + 1, end: 'from' })
        if (isBlank(to)) push(errors, 'importRow.rangeEndMissing', { field, item: i + 1, end: 'to' })
        // Still check the value that is there, so every problem of the row is reported at once.
        if (!isBlank(from)) readNight(end(label, 'From'), from, errors)
        if (!isBlank(to)) readNight(end(label, 'To'), to, errors)
        return
      }
      const r = rangeOf(label, from, to, errors)
      if (r) ranges.push(r)
    })
    if (v.length === 0) push(errors, 'importRow.rangesEmpty')
  } else {
    push(errors, 'importRow.rangesNotList', { value: show(v) })
  }
  return ranges
}

function readCodes(field: string, v: unknown, errors: Errors): string[] {
  if (isBlank(v)) return []
  const pieces: string[] = []
  const take = (item: unknown, label: Label) => {
    if (typeof item === 'string') pieces.push(...item.split(/[,|]/))
    else if (typeof item === 'number' && Number.isFinite(item)) pieces.push(String(item))
    else push(errors, 'importRow.notACode', { ...labelParams(label), value: show(item) })
  }
  if (Array.isArray(v)) v.forEach((item, i) => take(item, { at: 'item', field, item: i + 1 }))
  else if (typeof v === 'string' || typeof v === 'number') take(v, fieldLabel(field))
  else push(errors, 'importRow.codesNotList', { field, value: show(v) })
  const out: string[] = []
  for (const piece of pieces) {
    const code = codeOf(piece)
    if (code === '') continue
    if (charCount(code) > LIMITS.code) {
      push(errors, 'importRow.codeTooLong', { field, value: show(piece), max: LIMITS.code })
      continue
    }
    if (!out.includes(code)) out.push(code)
  }
  return out
}

/** room_types and room_type (or the board pair) together: both may be given only when they agree. */
export function readCodePair(
  plural: string,
  singular: string,
  fields: ReadonlyMap<string, unknown>,
  errors: Errors,
): string[] {
  const pv = fields.get(plural)
  const sv = fields.get(singular)
  const pBlank = isBlank(pv) || (Array.isArray(pv) && pv.length === 0)
  const sBlank = isBlank(sv) || (Array.isArray(sv) && sv.length === 0)
  const p = pBlank ? [] : readCodes(plural, pv, errors)
  const s = sBlank ? [] : readCodes(singular, sv, errors)
  if (!pBlank && !sBlank && p.join('\u0000') !== s.join('\u0000')) {
    push(errors, 'importRow.codesDisagree', { plural, pluralValue: show(pv), singular, singularValue: show(sv) })
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

export function readIsClose(v: unknown, errors: Errors): boolean {
  if (isBlank(v)) return true
  if (typeof v === 'boolean') return v
  if (v === 1 || v === 0) return v === 1
  if (typeof v === 'string') {
    // Turkish-safe folding: 'HAYIR', 'Hayır', 'hayir' and 'EVET' all match.
    const key = v.trim().replace(/[Iİ]/g, 'i').toLowerCase().replace(/ı/g, 'i')
    const b = CLOSE_WORDS.get(key)
    if (b !== undefined) return b
  }
  push(errors, 'importRow.isCloseInvalid', { value: show(v) })
  return true
}

export function readMarkets(v: unknown, errors: Errors): number[] {
  if (isBlank(v)) return []
  let items: unknown[]
  if (Array.isArray(v)) items = v
  else if (typeof v === 'string') items = v.split(/[,|]/).filter((p) => p.trim() !== '')
  else if (typeof v === 'number') items = [v]
  else {
    push(errors, 'importRow.marketsNotList', { value: show(v) })
    return []
  }
  const out: number[] = []
  for (const item of items) {
    const id = positiveId(item)
    if (id === undefined) push(errors, 'importRow.notAMarket', { value: show(item) })
    else if (!out.includes(id)) out.push(id)
  }
  return out
}
