/**
 * Reservations: `InsertReservation` (JSON array, one element per room), `GetReservations`,
 * `GetReservationByVoucher` and `CancelReservationBySourcId`. Request shapes are VENDOR; every
 * answer and the de-duplication by SourceId are GUESSES (sedna-api.md §6).
 */
import { type Reply, json, result } from './aspnet'
import { BindingError, type JsonObject, dayOf, isObject, parseJsonArray, prop, stringProp } from './binding'
import { laterThan } from './stop-sales'
import type { SimReservation, SimReservationEdit, SimReservationEntry } from './types'

const FIRST_RESERVATION_ID = 500001

export interface ReservationFilter {
  voucher: string | null
  sourceId: string | null
  operatorId: number | null
}

export class ReservationStore {
  private records: SimReservation[] = []
  private nextRecId = FIRST_RESERVATION_ID

  constructor(private readonly clock: () => number = Date.now) {}

  clear(): void {
    this.records = []
    this.nextRecId = FIRST_RESERVATION_ID
  }

  all(): SimReservation[] {
    return this.records.map((r) => structuredClone(r))
  }

  /**
   * One result per element, in order. An element whose SourceId already names an active
   * reservation of the same operator is refused (GUESS) rather than booked twice.
   */
  insert(body: string, voucher: string, userOperatorId: number): Reply {
    const elements = parseJsonArray(body, 'reservations')
    elements.forEach((el, i) => {
      if (!isObject(el)) throw new BindingError(`reservations[${i}]`, 'A JSON object is required.')
    })
    const answers = (elements as JsonObject[]).map((element, i) => {
      const sourceId = stringProp(element, 'SourceId', `reservations[${i}]`)
      const operatorId = operatorOf(element, userOperatorId)
      if (sourceId !== null && this.findActive(operatorId, sourceId)) {
        return { ErrorType: 1, Message: 'SourceId already exists', RecId: 0 }
      }
      const recId = this.nextRecId++
      const now = new Date(this.clock()).toISOString()
      this.records.push({
        RecId: recId,
        voucher,
        SourceId: sourceId,
        OperatorId: operatorId,
        status: 'active',
        element: structuredClone(element),
        RecordUser: null,
        createdAt: now,
        updatedAt: now,
        cancelledAt: null,
      })
      return { ErrorType: 0, Message: null, RecId: recId }
    })
    return json(answers)
  }

  /** The voucher matches the call's voucherNo or the element's own `Voucher`. */
  find(filter: ReservationFilter): JsonObject[] {
    return this.records
      .filter(
        (r) => filter.voucher === null || r.voucher === filter.voucher || prop(r.element, 'Voucher') === filter.voucher,
      )
      .filter((r) => filter.sourceId === null || r.SourceId === filter.sourceId)
      .filter((r) => filter.operatorId === null || r.OperatorId === filter.operatorId)
      .map((r) => ({
        ...structuredClone(r.element),
        RecId: r.RecId,
        VoucherNo: r.voucher,
        SourceId: r.SourceId,
        OperatorId: r.OperatorId,
        Status: r.status === 'active' ? 'Active' : 'Cancelled',
        // GUESS, like the stop sales' RecordUser: who typed it in Sedna's screens (null via the API).
        RecordUser: r.RecordUser,
      }))
  }

  /** Cancelling twice succeeds again (a retried cancel must not look like a failure). */
  cancel(operatorId: number, sourceId: string): Reply {
    const matches = this.records.filter((r) => r.OperatorId === operatorId && r.SourceId === sourceId)
    if (matches.length === 0) return result(1, `Rezervasyon bulunamadı (SourceId ${sourceId})`, 0)
    for (const r of matches) this.markCancelled(r)
    return result(0, null, matches[matches.length - 1]!.RecId)
  }

  /** Sedna's screens: change element fields (replacing the key however the element spelled it). */
  editByHand(recId: number, changes: SimReservationEdit): SimReservation {
    const r = this.byId(recId)
    for (const key of ['CheckinDate', 'CheckOutDate'] as const) {
      const value = changes[key]
      if (value !== undefined && dayOf(value) === null) throw new Error(`simulator ui: ${key} ${value}?`)
    }
    for (const [name, value] of Object.entries(changes)) {
      for (const key of Object.keys(r.element)) if (key.toLowerCase() === name.toLowerCase()) delete r.element[key]
      r.element[name] = value
    }
    r.updatedAt = laterThan(r.updatedAt, this.clock())
    return structuredClone(r)
  }

  cancelByHand(recId: number): SimReservation {
    const r = this.byId(recId)
    this.markCancelled(r)
    return structuredClone(r)
  }

  deleteByHand(recId: number): void {
    const r = this.byId(recId)
    this.records = this.records.filter((other) => other !== r)
  }

  /** Sedna's screens: a reservation typed in by `user`, RecId from the API's sequence. */
  enterByHand(user: string, entry: SimReservationEntry): SimReservation {
    const element = structuredClone(entry.element)
    const operatorId = operatorOf(element, 0)
    if (operatorId === 0) throw new Error('simulator ui: a reservation needs its OperatorId')
    const now = new Date(this.clock()).toISOString()
    const record: SimReservation = {
      RecId: this.nextRecId++,
      voucher: entry.voucher,
      SourceId: stringProp(element, 'SourceId', 'reservation'),
      OperatorId: operatorId,
      status: 'active',
      element,
      RecordUser: user,
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
    }
    this.records.push(record)
    return structuredClone(record)
  }

  /** Cancelling an already cancelled reservation changes nothing (its dates stay). */
  private markCancelled(r: SimReservation): void {
    if (r.status !== 'active') return
    r.status = 'cancelled'
    r.updatedAt = laterThan(r.updatedAt, this.clock())
    r.cancelledAt = r.updatedAt
  }

  private byId(recId: number): SimReservation {
    const r = this.records.find((other) => other.RecId === recId)
    if (!r) throw new Error(`simulator ui: no reservation ${recId}`)
    return r
  }

  private findActive(operatorId: number, sourceId: string): SimReservation | undefined {
    return this.records.find((r) => r.status === 'active' && r.OperatorId === operatorId && r.SourceId === sourceId)
  }
}

/** The element's OperatorId (the vendor sends it as a number or a numeric string), else the user's. */
function operatorOf(element: JsonObject, fallback: number): number {
  const value = prop(element, 'OperatorId')
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value)
  return fallback
}
