/**
 * What a person may do with a stop sale or a reservation, by its state: the one rule the screens and
 * the command line follow. Main applies it and sends the answer with every record (`actions`); the
 * renderer shows the buttons it says and decides nothing itself. Main checks again when asked.
 */
import type { ReservationStatusName } from './reservation-basics'
import type { stopSaleStatuses } from './stop-sale-basics'

type StopSaleStatusName = (typeof stopSaleStatuses)[number]

/** The kinds of record (their ids are separate series). */
export const recordKinds = ['stopSale', 'reservation'] as const
export type RecordKind = (typeof recordKinds)[number]

/**
 * sync: send it now ("Sync") — not while it waits for a person's review, nor once it is done;
 * fix: map in place what it lacks (its hotel, a room or board code, a nationality);
 * cancel: cancel it (reservations only) — in Sedna once synced, here only when it was never sent;
 * tryNow: try it now instead of at its next-try time — it waits in the queue;
 * acceptSedna: take Sedna's version of a stop sale changed there (the record here follows it);
 * sendOursAgain: send a stop sale changed or deleted in Sedna again as ours (a deleted one: after a confirmation).
 */
export const recordActions = ['sync', 'fix', 'cancel', 'tryNow', 'acceptSedna', 'sendOursAgain'] as const
export type RecordAction = (typeof recordActions)[number]

/** Stop sales that may be sent with "Sync" (needs_review waits for a decision; synced is done). */
export const STOP_SALE_SENDABLE: readonly StopSaleStatusName[] = [
  'pending',
  'failed',
  'needs_attention',
  'queued',
  'creating',
  'created',
  'updating',
]
/**
 * Statuses in which a record waits in the outbox (the outbox claims them in turn when they are due).
 * The one list: the queues, the queue view and the actions read it (zod-free, so the renderer may too).
 */
export const stopSaleQueueStatuses = [
  'queued',
  'creating',
  'created',
  'updating',
] as const satisfies StopSaleStatusName[]
export const reservationQueueStatuses = ['queued', 'sending', 'cancelling'] as const satisfies ReservationStatusName[]
const STOP_SALE_QUEUED: readonly StopSaleStatusName[] = stopSaleQueueStatuses

/** Reservations that may be sent with "Sync" (cancelling and cancelled are done; needs_review waits). */
export const RESERVATION_SENDABLE: readonly ReservationStatusName[] = [
  'pending',
  'failed',
  'needs_attention',
  'queued',
  'sending',
]
/** Reservations that may still wait for a hotel, room, board or nationality mapping. */
export const RESERVATION_FIXABLE: readonly ReservationStatusName[] = ['pending', 'failed', 'needs_attention']
/** Reservations in the outbox's queue: to be sent, or their cancellation to be sent. */
const RESERVATION_QUEUED: readonly ReservationStatusName[] = reservationQueueStatuses
/** Never sent (no RecId, no send started): cancelled here only, in these states. */
const CANCEL_LOCALLY: readonly ReservationStatusName[] = ['pending', 'queued', 'failed', 'needs_attention']

/**
 * `unresolved`: whether what it resolves to (stored, or resolved for display) lacks a mapping. A stop
 * sale is fixed once parked for it; a reservation also while pending (the import found the gap).
 */
export function stopSaleActions(r: { status: StopSaleStatusName; unresolved: boolean }): RecordAction[] {
  return allowed({
    sync: STOP_SALE_SENDABLE.includes(r.status),
    fix: r.status === 'needs_attention' && r.unresolved,
    cancel: false,
    tryNow: STOP_SALE_QUEUED.includes(r.status),
    acceptSedna: r.status === 'changed_in_sedna',
    sendOursAgain: r.status === 'changed_in_sedna' || r.status === 'missing_in_sedna',
  })
}

export function reservationActions(r: {
  status: ReservationStatusName
  unresolved: boolean
  sednaRecId: number | null
  sendStartedAt: string | null
}): RecordAction[] {
  return allowed({
    sync: RESERVATION_SENDABLE.includes(r.status),
    fix: RESERVATION_FIXABLE.includes(r.status) && r.unresolved,
    // Synced: cancelled in Sedna. Never sent: cancelled here only. Being sent, or needs review: refused.
    cancel:
      r.status === 'synced' || (r.sednaRecId === null && r.sendStartedAt === null && CANCEL_LOCALLY.includes(r.status)),
    tryNow: RESERVATION_QUEUED.includes(r.status),
    acceptSedna: false,
    sendOursAgain: false,
  })
}

const allowed = (rule: Record<RecordAction, boolean>): RecordAction[] => recordActions.filter((a) => rule[a])
