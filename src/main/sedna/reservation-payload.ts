/**
 * The InsertReservation body, as the vendor sends it (../shared/sedna-api.md §6, VENDOR samples
 * vendor_InsertReservation / vendor_TEST): a JSON ARRAY with one element per room — a parsed reservation
 * is one room, so one element. `username`, `password` and `voucherNo` travel in the query (the client
 * adds them and redacts them). One pure function: a retry sends exactly the same bytes.
 *
 * Field choices:
 * - `SourceId` is the app's own id for the reservation (reservations.source_id), the handle for
 *   CancelReservationBySourcId and for recognising it in GetReservations after a lost answer. It is
 *   formed from the booking at the first send (reservations/source-id.ts): two desks carry the same.
 * - Each customer carries `SourceId` "<reservation SourceId>-<n>" (the vendor samples give guests one).
 * - Names upper-cased (VENDOR); titles Sedna's (Mr, Mrs, Chd, Inf, Grp), decided at import.
 * - `Nationality` is Sedna's own country name and `NationalityId` its id (vendor: "UKRAYNA", 79).
 * - `Amount` (vendor TEST sample) when the file gave a total; the currency goes in `CurrencyRemark`
 *   (a field of the same sample; its meaning is a GUESS). No `ContractId`: Sedna picks the contract.
 */
import type { ReservationGuest, ReservationResolution } from '../../shared/reservations'
import { ageOn } from '../../shared/reservation-basics'

export interface ReservationForPayload {
  sourceId: string
  voucherNo: string
  checkIn: string
  checkOut: string
  adults: number
  children: number
  guests: readonly ReservationGuest[]
  totalPrice: number | null
  currency: string | null
  saleDate: string | null
}

export type ResolvedReservation = Extract<ReservationResolution, { ok: true }>

export interface InsertReservationCustomer {
  Title: string
  FirstName: string
  LastName: string
  BirthDate?: string
  Age?: number
  PassNo?: string
  Nationality?: string
  NationalityId?: number
  SourceId: string
}

export interface InsertReservationRoom {
  Voucher: string
  CheckinDate: string
  CheckOutDate: string
  HotelId: number
  OperatorId: number
  Adult: number
  Child: number
  BoardId: number
  RoomTypeId: number
  SourceId: string
  Customers: InsertReservationCustomer[]
  IsReservationChanged: boolean
  SaleDate?: string
  Amount?: number
  CurrencyRemark?: string
}

/** Names as Sedna keeps them: upper case, single spaces. Locale-independent (i → I, never İ). */
export const sednaName = (name: string) => name.trim().replace(/\s+/g, ' ').toUpperCase()

export function buildReservationPayload(
  r: ReservationForPayload,
  resolved: ResolvedReservation,
  operatorId: number,
): InsertReservationRoom[] {
  const countryOf = new Map(resolved.nationalities.map((n) => [n.value.trim(), n]))
  const customers = r.guests.map((g, i): InsertReservationCustomer => {
    const c: InsertReservationCustomer = {
      Title: g.title,
      FirstName: sednaName(g.firstName),
      LastName: sednaName(g.lastName),
      SourceId: `${r.sourceId}-${i + 1}`,
    }
    if (g.birthDate) {
      c.BirthDate = g.birthDate
      c.Age = ageOn(g.birthDate, r.checkIn)
    }
    if (g.passportNo) c.PassNo = g.passportNo
    const country = g.nationality ? countryOf.get(g.nationality.trim()) : undefined
    if (country) {
      c.Nationality = country.name
      c.NationalityId = country.countryId
    }
    // Reorder to the vendor's field order (Title, names, BirthDate, Age, PassNo, Nationality…, SourceId).
    const { SourceId, ...rest } = c
    return { ...rest, SourceId }
  })
  const room: InsertReservationRoom = {
    Voucher: r.voucherNo,
    CheckinDate: r.checkIn,
    CheckOutDate: r.checkOut,
    HotelId: resolved.hotelId,
    OperatorId: operatorId,
    Adult: r.adults,
    Child: r.children,
    BoardId: resolved.boardId,
    RoomTypeId: resolved.roomTypeId,
    SourceId: r.sourceId,
    Customers: customers,
    IsReservationChanged: false,
  }
  if (r.saleDate) room.SaleDate = r.saleDate
  if (r.totalPrice !== null) {
    room.Amount = r.totalPrice
    if (r.currency) room.CurrencyRemark = r.currency
  }
  return [room]
}
