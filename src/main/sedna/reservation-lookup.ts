/**
 * Looking for a reservation in Sedna by its voucher — GetReservations with {"VoucherNo"} (VENDOR), falling
 * back to GetReservationByVoucher when that call is not there — for two questions:
 *  - "Did my InsertReservation create it?" (`findSentReservation`): asked whenever its outcome is unknown
 *    (timeout, reset, 5xx, unreadable answer, a crash before the RecId was stored), and when Sedna refuses
 *    it (a refusal such as "SourceId already exists" may mean an earlier try did land). Matches the app's
 *    own SourceId; never guesses: answers without a SourceId, or several with ours, go to a person.
 *  - "Is this booking in Sedna already?" (`lookBeforeFirstSend`, #14): another desk of the agency, or a
 *    person in Sedna's screens, may have entered it. The same booking — same voucher and operator, same
 *    hotel and dates, and the same room, board and pax where Sedna lists them — live and not linked to
 *    another reservation here, is adopted; a cancelled one, one that differs, or one that cannot be told
 *    goes to a person with Sedna's version.
 *
 * Response shapes are GUESSES (sedna-api.md §6): ids as RecId / ReservationId / Id, the SourceId as
 * SourceId / SourceID, the state as Status / State text, the element's own field names for the rest. Read
 * leniently.
 */
import { message, type Message } from '../../shared/messages'
import type { SednaReservation } from '../../shared/reservations'
import type { CallOptions, SednaClient } from './client'
import { SednaError } from './failures'

/** `evidence`: why a person must decide, as a code (lookup.*) with the reservations' ids. */
export type ReservationLookup =
  | { outcome: 'found'; recId: number; cancelled: boolean }
  | { outcome: 'absent' }
  | { outcome: 'undecidable'; evidence: Message }

const field = (r: Record<string, unknown>, ...names: string[]) => {
  for (const n of names) if (r[n] !== undefined && r[n] !== null) return r[n]
  const lower = Object.keys(r).find((k) => names.some((n) => n.toLowerCase() === k.toLowerCase()))
  return lower === undefined ? undefined : r[lower]
}
const recIdOf = (r: Record<string, unknown>) => {
  const n = Number(field(r, 'RecId', 'ReservationId', 'Id'))
  return Number.isInteger(n) && n > 0 ? n : undefined
}
const isCancelled = (r: Record<string, unknown>) => /cancel|iptal/i.test(String(field(r, 'Status', 'State') ?? ''))

/** The voucher's reservations for this operator (an item without an OperatorId is taken as ours). */
async function voucherReservations(
  client: SednaClient,
  voucherNo: string,
  operatorId: number,
  options?: CallOptions,
): Promise<Record<string, unknown>[]> {
  let items: Record<string, unknown>[]
  try {
    items = (await client.getReservations({ VoucherNo: voucherNo }, options)).items
  } catch (err) {
    // GetReservations not there (or answering something unreadable): ask by voucher instead.
    if (!(err instanceof SednaError) || !(err.status === 404 || err.status === 405 || err.kind === 'malformed'))
      throw err
    items = (await client.getReservationByVoucher(voucherNo, operatorId, options)).items
  }
  return items.filter((r) => {
    const op = field(r, 'OperatorId')
    return op === undefined || Number(op) === operatorId
  })
}

export async function findSentReservation(
  client: SednaClient,
  sent: { voucherNo: string; sourceId: string; operatorId: number },
  recIdsInUse: ReadonlySet<number>,
  options?: CallOptions,
): Promise<ReservationLookup> {
  const sameOperator = await voucherReservations(client, sent.voucherNo, sent.operatorId, options)
  const ours = sameOperator.filter((r) => String(field(r, 'SourceId', 'SourceID') ?? '') === sent.sourceId)
  const unreadable = sameOperator.filter((r) => field(r, 'SourceId', 'SourceID') === undefined)
  const said = { voucher: sent.voucherNo, sourceId: sent.sourceId }
  if (ours.length === 0 && unreadable.length) {
    return {
      outcome: 'undecidable',
      evidence: message('lookup.reservationNoSourceId', { ...said, ids: ids(unreadable), count: unreadable.length }),
    }
  }
  if (ours.length === 0) return { outcome: 'absent' }
  const fresh = ours.filter((r) => !recIdsInUse.has(recIdOf(r) ?? 0))
  if (fresh.length === 1) {
    const recId = recIdOf(fresh[0]!)
    if (recId === undefined) return { outcome: 'undecidable', evidence: message('lookup.reservationNoRecId', said) }
    return { outcome: 'found', recId, cancelled: isCancelled(fresh[0]!) }
  }
  return {
    outcome: 'undecidable',
    evidence:
      fresh.length === 0
        ? message('lookup.reservationLinked', said)
        : message('lookup.reservationSeveral', { ...said, ids: ids(fresh) }),
  }
}

const ids = (records: Record<string, unknown>[]) => records.map((r) => recIdOf(r) ?? '?').join(', ')

// ---- the look before the first send ------------------------------------------------------------

/** Ours as Sedna would receive it: the ids it is sent with. */
export interface OurBooking {
  voucherNo: string
  operatorId: number
  hotelId: number
  checkIn: string
  checkOut: string
  roomTypeId: number
  boardId: number
  adults: number
  children: number
}

/**
 * same: exactly one live reservation is this booking (adopt it); review: a person compares (`evidence`
 * says why); absent: nothing for this voucher (after what a person already overruled is set aside).
 * `seen`: every reservation Sedna listed for the voucher and operator, as read.
 */
export type FirstLook =
  | { outcome: 'absent'; seen: SednaReservation[] }
  | { outcome: 'same'; found: SednaReservation; seen: SednaReservation[] }
  | { outcome: 'review'; evidence: Message; seen: SednaReservation[] }

/**
 * `overruled`: the versions a person has already seen and chose to send ours over — set aside as they
 * were seen (a version that changed since counts again).
 */
export async function lookBeforeFirstSend(
  client: SednaClient,
  ours: OurBooking,
  recIdsInUse: ReadonlySet<number>,
  overruled: readonly SednaReservation[],
  options?: CallOptions,
): Promise<FirstLook> {
  const listed = await voucherReservations(client, ours.voucherNo, ours.operatorId, options)
  const voucher = ours.voucherNo.trim().toUpperCase()
  const seen = listed
    .map((r) => readSednaReservation(r, ours, recIdsInUse))
    // Sedna's filter is a GUESS too: an item that names another voucher is not this one.
    .filter((s) => s.voucherNo === null || s.voucherNo.trim().toUpperCase() === voucher)
  const settled = new Set(overruled.map(fingerprint))
  const open = seen.filter((s) => !settled.has(fingerprint(s)))
  if (open.length === 0) return { outcome: 'absent', seen }
  const same = open.filter((s) => s.differs.length === 0)
  const adoptable = same.filter((s) => s.recId !== null && !s.linked)
  if (adoptable.length === 1) return { outcome: 'same', found: adoptable[0]!, seen }
  const said = (list: SednaReservation[]) => ({
    voucher: ours.voucherNo,
    ids: list.map((s) => s.recId ?? '?').join(', '),
  })
  const cancelled = open.filter((s) => s.cancelled)
  const evidence =
    adoptable.length > 1
      ? message('lookup.reservationInSednaSeveral', said(adoptable))
      : same.some((s) => s.linked)
        ? message('lookup.reservationInSednaLinked', said(same.filter((s) => s.linked)))
        : same.length
          ? message('lookup.reservationInSednaNoRecId', { voucher: ours.voucherNo })
          : cancelled.length === open.length
            ? message('lookup.reservationInSednaCancelled', said(cancelled))
            : message('lookup.reservationInSednaDiffers', said(open.filter((s) => !s.cancelled)))
  return { outcome: 'review', evidence, seen }
}

/** One listed reservation, read leniently, with where it differs from ours. */
export function readSednaReservation(
  r: Record<string, unknown>,
  ours: OurBooking,
  recIdsInUse: ReadonlySet<number>,
): SednaReservation {
  const recId = recIdOf(r) ?? null
  const view = {
    recId,
    voucherNo: text(field(r, 'VoucherNo', 'Voucher', 'VoucherNumber')),
    sourceId: text(field(r, 'SourceId', 'SourceID')),
    hotelId: int(field(r, 'HotelId', 'HotelID', 'HotelRecId')),
    hotelName: text(field(r, 'HotelName')),
    checkIn: day(field(r, 'CheckinDate', 'CheckInDate', 'CheckIn', 'BeginDate', 'ArrivalDate')),
    checkOut: day(field(r, 'CheckOutDate', 'CheckoutDate', 'CheckOut', 'EndDate', 'DepartureDate')),
    roomTypeId: int(field(r, 'RoomTypeId', 'RoomTypeID', 'RoomId')),
    boardId: int(field(r, 'BoardId', 'BoardID')),
    adults: int(field(r, 'Adult', 'Adults', 'AdultCount')),
    children: int(field(r, 'Child', 'Children', 'ChildCount')),
    state: text(field(r, 'Status', 'State')),
    cancelled: isCancelled(r),
    recordUser: text(field(r, 'RecordUser')),
  }
  const differs: SednaReservation['differs'] = []
  // Hotel and dates must be there to call it the same; the rest is compared where Sedna lists it.
  if (view.hotelId !== ours.hotelId) differs.push('hotel')
  if (view.checkIn !== ours.checkIn) differs.push('checkIn')
  if (view.checkOut !== ours.checkOut) differs.push('checkOut')
  if (view.roomTypeId !== null && view.roomTypeId !== ours.roomTypeId) differs.push('room')
  if (view.boardId !== null && view.boardId !== ours.boardId) differs.push('board')
  if (
    (view.adults !== null && view.adults !== ours.adults) ||
    (view.children !== null && view.children !== ours.children)
  )
    differs.push('pax')
  if (view.cancelled) differs.push('state')
  return { ...view, differs, linked: recId !== null && recIdsInUse.has(recId) }
}

/** A listed version as a person saw it (what is compared, not how it compares with ours). */
const fingerprint = (s: SednaReservation) =>
  JSON.stringify([
    s.recId,
    s.sourceId,
    s.hotelId,
    s.checkIn,
    s.checkOut,
    s.roomTypeId,
    s.boardId,
    s.adults,
    s.children,
    s.cancelled,
  ])

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null)
const int = (v: unknown) => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
  return typeof n === 'number' && Number.isInteger(n) ? n : null
}
/** YYYY-MM-DD from "2026-07-10", "2026-07-10T00:00:00" or "10.07.2026". */
function day(v: unknown): string | null {
  if (typeof v !== 'string') return null
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(v.trim())
  if (iso) return iso[1]!
  const tr = /^(\d{2})\.(\d{2})\.(\d{4})/.exec(v.trim())
  return tr ? `${tr[3]}-${tr[2]}-${tr[1]}` : null
}
