import { z } from 'zod'
import { messageSchema } from './messages'
import { reservationStatuses } from './reservation-basics'
import { stopSaleStatuses } from './stop-sale-basics'
import { isoDateSchema, saleKindSchema } from './stop-sales'
import { connectivityStateSchema, outboxKindSchema } from './sync'

export { outboxKinds, outboxKindSchema, type OutboxKindName } from './sync'

export { reservationQueueStatuses, stopSaleQueueStatuses } from './record-actions'

/**
 * Where a record waiting in the outbox stands:
 * sending — a sync (this app or the command line) holds it now;
 * waiting-for-sedna — its last try found Sedna unreachable: it goes out as soon as Sedna answers;
 * retry-later — its last try failed and it is tried again at `nextAttemptAt` (backoff or Sedna's Retry-After);
 * due — it goes out as soon as the sync gets to it.
 */
export const queueItemStates = ['sending', 'waiting-for-sedna', 'retry-later', 'due'] as const
export const queueItemStateSchema = z.enum(queueItemStates)
export type QueueItemState = z.infer<typeof queueItemStateSchema>

/** What staff may do with a waiting record from the queue (main decides, the screens offer it). */
export const queueActions = ['tryNow'] as const
export const queueActionSchema = z.enum(queueActions)

const id = z.number().int().positive()

/** Fields every waiting record has, whatever its kind. */
const waitingFields = {
  id,
  state: queueItemStateSchema,
  /** Why it waits, as a code with parameters (queue.why.*), worded where it is shown. */
  why: messageSchema,
  /** The last failure behind the wait (as stored with the record), if any. */
  lastError: messageSchema.nullable(),
  /** Requests made for it so far. */
  attempts: z.number().int().nonnegative(),
  lastAttemptAt: z.string().nullable(),
  /** When it is tried next (ISO time); for waiting-for-sedna, it goes out sooner if Sedna answers. */
  nextAttemptAt: z.string().nullable(),
  sednaRecId: id.nullable(),
  /** Another live process (the command line, a second app) is sending it: that process's id. */
  sentByPid: id.nullable(),
  /** What may be asked of it now ("try now" unless it is being sent). */
  actions: z.array(queueActionSchema),
}

/** The fields of a waiting stop sale that only stop sales have. */
export const stopSaleQueueFieldsSchema = z.object({
  kind: z.literal('stopSale'),
  status: z.enum(stopSaleStatuses),
  hotelName: z.string(),
  firstNight: isoDateSchema,
  lastNight: isoDateSchema,
  /** Close or open sale (formerly `kind`). */
  saleKind: saleKindSchema,
  roomCodes: z.array(z.string()),
  boardCodes: z.array(z.string()),
})
export type StopSaleQueueFields = z.infer<typeof stopSaleQueueFieldsSchema>

/** The fields of a waiting reservation that only reservations have. */
export const reservationQueueFieldsSchema = z.object({
  kind: z.literal('reservation'),
  status: z.enum(reservationStatuses),
  /** send: InsertReservation; cancel: CancelReservationBySourcId. */
  action: z.enum(['send', 'cancel']),
  voucherNo: z.string(),
  hotelName: z.string(),
  checkIn: isoDateSchema,
  checkOut: isoDateSchema,
  roomCode: z.string(),
  boardCode: z.string(),
})
export type ReservationQueueFields = z.infer<typeof reservationQueueFieldsSchema>

export const queueItemSchema = z.discriminatedUnion('kind', [
  stopSaleQueueFieldsSchema.extend(waitingFields),
  reservationQueueFieldsSchema.extend(waitingFields),
])
export type QueueItem = z.infer<typeof queueItemSchema>
export type StopSaleQueueItem = Extract<QueueItem, { kind: 'stopSale' }>
export type ReservationQueueItem = Extract<QueueItem, { kind: 'reservation' }>

/** Records of one kind parked for a person (not in the queue). */
export const parkedCountsSchema = z.object({
  needsAttention: z.number().int().nonnegative(),
  needsReview: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
})
export type ParkedCounts = z.infer<typeof parkedCountsSchema>

export const queueListSchema = z.object({
  /** Both kinds, in the order the sync takes them: next try first, then oldest. */
  items: z.array(queueItemSchema),
  /** Everything waiting (the items are the first `limit` of them from `offset`). */
  total: z.number().int().nonnegative(),
  waitingStopSales: z.number().int().nonnegative(),
  waitingReservations: z.number().int().nonnegative(),
  /** What waits for a person instead (needs attention, needs review, failed), per kind. */
  parked: z.object({ stopSales: parkedCountsSchema, reservations: parkedCountsSchema }),
  /** The earliest next try over everything waiting. */
  nextAttemptAt: z.string().nullable(),
  connectivity: connectivityStateSchema,
  running: z.boolean(),
})
export type QueueList = z.infer<typeof queueListSchema>

/** One waiting record, named by kind and id (the two kinds' ids are separate series). */
export const queueRefSchema = z.object({ kind: outboxKindSchema, id })
export type QueueRef = z.infer<typeof queueRefSchema>
