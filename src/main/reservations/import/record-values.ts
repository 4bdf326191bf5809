/** Small readers of a raw reservation record's values, shared by the file reader and the field rules. */
import type { MessageParams } from '../../../shared/result'
import { parseNight } from '../../files/dates'

/** `voucherNo`, `Voucher No`, `voucher-no` → `voucher_no`. */
export function fieldKey(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

export function normaliseKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) out[fieldKey(k)] = v
  return out
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * A value as a message shows it (`reservationRow.value.*`): text in quotes (shortened), a number as
 * is, a list or an object by its kind — never a whole structure from the file.
 */
export function valueParams(v: unknown): MessageParams {
  if (Array.isArray(v)) return { kind: 'list' }
  if (typeof v === 'object' && v !== null) return { kind: 'object' }
  if (typeof v === 'string') return { kind: 'plain', value: JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) }
  return { kind: 'plain', value: String(v) }
}

export function pick(fields: Record<string, unknown>, names: readonly string[]): unknown {
  for (const n of names) {
    const v = fields[n]
    if (v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')) return v
  }
  return undefined
}

/** A day-first date (see dates.ts), or an ISO date-time whose date part is taken. */
export function readDate(text: string): string | undefined {
  const s = text.trim()
  const dateTime = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(s)
  return parseNight(dateTime ? dateTime[1]! : s)
}

export const ALIASES = {
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

let aliasFields: Map<string, string> | undefined
/** An alias → the first alias of its field ('hotel' → 'hotel_name'), the name notes use. */
export function fieldOfAlias(alias: string): string | undefined {
  if (!aliasFields) {
    aliasFields = new Map()
    for (const names of Object.values(ALIASES)) for (const n of names) aliasFields.set(n, names[0])
  }
  return aliasFields.get(alias)
}
