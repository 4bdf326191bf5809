/**
 * Parsed reservations, as the e-mail parser writes them (../shared/samples/parsed/reservation-row.sample.json):
 * the rules that turn one raw record (read-file.ts) into one canonical reservation — or into the exact
 * problems why it cannot be imported, each a coded message (`reservationRow.*`). Dates are read by the
 * importers' day-first date reader. Field names are matched loosely: `voucher_no`, `voucherNo`,
 * `Voucher No` are the same field.
 */
import type { ReservationGuest } from '../../../shared/reservations'
import { message, type Message } from '../../../shared/messages'
import { normalizeCode } from '../../reference/hotel-matching'
import { readGuests } from './guests'
import { ALIASES, pick, readDate, valueParams } from './record-values'

export { ageOn, CHILD_BELOW, INFANT_BELOW } from './guests'
export { contentHash, differences, reservationDedupeKey } from './identity'
export { MAX_RESERVATION_FILE_BYTES } from './read-file'
export { fieldKey } from './record-values'

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

const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '₺': 'TRY', TL: 'TRY', YTL: 'TRY' }
const YEARS = { min: 2000, max: 2099 } as const
const MAX_PAX = 50

export type Canonical = { ok: true; value: CanonicalReservation } | { ok: false; errors: Message[] }

/** A field as messages name it (`reservationRow.field.*`). */
type NamedField = keyof typeof ALIASES

export function canonicalizeReservation(fields: Record<string, unknown>): Canonical {
  const errors: Message[] = []
  const text = (field: NamedField, max: number, required: boolean): string | null => {
    const v = pick(fields, ALIASES[field])
    if (v === undefined) {
      if (required) errors.push(message('reservationRow.missing', { field }))
      return null
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      errors.push(message('reservationRow.notText', { field, ...valueParams(v) }))
      return null
    }
    const s = String(v).trim().replace(/\s+/g, ' ')
    if (s.length > max) {
      errors.push(message('reservationRow.tooLong', { field, max }))
      return null
    }
    return s
  }
  const count = (field: 'adults' | 'children', required: boolean, min: number): number | null => {
    const v = pick(fields, ALIASES[field])
    if (v === undefined) {
      if (required) errors.push(message('reservationRow.missing', { field }))
      return required ? null : 0
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN
    if (!Number.isInteger(n) || n < min || n > MAX_PAX) {
      errors.push(message('reservationRow.notACount', { field, min, max: MAX_PAX, ...valueParams(v) }))
      return null
    }
    return n
  }
  const date = (field: 'checkIn' | 'checkOut' | 'saleDate', required: boolean): string | null => {
    const v = pick(fields, ALIASES[field])
    if (v === undefined) {
      if (required) errors.push(message('reservationRow.missing', { field }))
      return null
    }
    const d = typeof v === 'string' ? readDate(v) : undefined
    if (!d) errors.push(message('reservationRow.notADate', { field, ...valueParams(v) }))
    return d ?? null
  }

  const voucherNo = text('voucherNo', 50, true)
  const hotelName = text('hotelName', 300, true)
  let hotelId: number | null = null
  const rawHotelId = pick(fields, ALIASES.hotelId)
  if (rawHotelId !== undefined) {
    const n = Number(rawHotelId)
    if (!Number.isInteger(n) || n <= 0) errors.push(message('reservationRow.notAHotelId', valueParams(rawHotelId)))
    else hotelId = n
  }
  const checkIn = date('checkIn', true)
  const checkOut = date('checkOut', true)
  if (checkIn && checkOut) {
    if (checkOut <= checkIn) errors.push(message('reservationRow.checkOutNotAfter', { checkIn, checkOut }))
    else if (Date.parse(checkOut) - Date.parse(checkIn) > 365 * 86_400_000)
      errors.push(message('reservationRow.stayTooLong', { checkIn, checkOut }))
    for (const d of [checkIn, checkOut]) {
      const y = Number(d.slice(0, 4))
      if (y < YEARS.min || y > YEARS.max) errors.push(message('reservationRow.outsideYears', { date: d, ...YEARS }))
    }
  }
  const roomRaw = text('roomCode', 50, true)
  const boardRaw = text('boardCode', 50, true)
  const adults = count('adults', true, 1)
  const children = count('children', false, 0)

  const rawPrice = pick(fields, ALIASES.totalPrice)
  let totalPrice: number | null = null
  if (rawPrice !== undefined) {
    totalPrice = readAmount(rawPrice)
    if (totalPrice === null) errors.push(message('reservationRow.notAnAmount', valueParams(rawPrice)))
  }
  let currency = text('currency', 10, false)
  if (currency !== null) {
    const c = CURRENCY_SYMBOLS[currency] ?? currency.toUpperCase()
    if (!/^[A-Z]{3}$/.test(c)) {
      errors.push(message('reservationRow.notACurrency', { value: currency }))
      currency = null
    } else currency = c
  }
  const saleDate = date('saleDate', false)
  const source = pick(fields, ALIASES.sourceEmailId)
  let sourceEmailId: string | null = null
  if (source !== undefined) {
    if (typeof source !== 'string' && typeof source !== 'number') errors.push(message('reservationRow.sourceNotText'))
    else sourceEmailId = String(source).trim().slice(0, 200)
  }

  const guests = readGuests(pick(fields, ALIASES.guests), checkIn, errors)
  if (guests && adults !== null && children !== null && guests.length > adults + children) {
    errors.push(message('reservationRow.tooManyGuests', { guests: guests.length, adults, children }))
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
