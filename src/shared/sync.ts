import { z } from 'zod'
import { messageSchema } from './messages'
import { attemptSchema } from './records'
import { reservationStatuses } from './reservation-basics'
import { stopSaleStatuses } from './stop-sale-basics'

// From the basics, not reservations.ts / stop-sales.ts: those import detail.ts, which imports this file.
const stopSaleStatusSchema = z.enum(stopSaleStatuses)
const reservationStatusSchema = z.enum(reservationStatuses)

/** The kinds of record the one outbox sends to Sedna. */
export const outboxKinds = ['stopSale', 'reservation'] as const
export const outboxKindSchema = z.enum(outboxKinds)
export type OutboxKindName = z.infer<typeof outboxKindSchema>

export const connectivityStateSchema = z.enum(['unknown', 'online', 'offline', 'checking', 'credentials-rejected'])
export type ConnectivityStateDto = z.infer<typeof connectivityStateSchema>

export const syncProgressSchema = z.object({
  running: z.boolean(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  synced: z.number().int().nonnegative(),
  retrying: z.number().int().nonnegative(),
  parked: z.number().int().nonnegative(),
  /** Stop sales in flight. */
  currentIds: z.array(z.number().int().positive()),
  /** Reservations in flight. */
  currentReservationIds: z.array(z.number().int().positive()),
})

const count = z.number().int().nonnegative()

/** Counts of one kind of item in a sync's answer. */
export const syncKindCountsSchema = z.object({
  synced: count,
  failed: count,
  queued: count,
  needsAttention: count,
  needsReview: count,
  /** Reservations only: cancelled (a cancel that went through, or one that needed no request). */
  cancelled: count,
})
export type SyncKindCounts = z.infer<typeof syncKindCountsSchema>

/**
 * One item that did not get through, for staff: which record (`label` is its hotel, or its voucher)
 * and why, as a code with parameters. The command line and the screen word "Stop sale #12 (…): …".
 */
export const syncProblemSchema = z.object({
  kind: outboxKindSchema,
  id: z.number().int().positive(),
  label: z.string(),
  message: messageSchema,
})
export type SyncProblem = z.infer<typeof syncProblemSchema>

/**
 * Each item's result: `message` says where it stands — for a parked item its reason, for a waiting one
 * why it waits (queue.why.*), null when synced — and `lastError` is the failure behind a wait.
 */
const resultFields = {
  id: z.number().int().positive(),
  recId: z.number().int().positive().nullable(),
  message: messageSchema.nullable(),
  lastError: messageSchema.nullable(),
}

/**
 * The answer to "sync": counts like the earlier system's and one line per item. The top-level counts
 * are over both kinds; `stopSales` and `reservations` split them; `results` lists the stop sales and
 * `reservationResults` the reservations (their ids are separate series); `errors` is one entry per item
 * that did not get through.
 */
export const syncSummarySchema = z.object({
  synced: count,
  failed: count,
  queued: count,
  needsAttention: count,
  needsReview: count,
  connectivity: connectivityStateSchema,
  results: z.array(z.object({ ...resultFields, status: stopSaleStatusSchema })),
  stopSales: syncKindCountsSchema,
  reservations: syncKindCountsSchema,
  reservationResults: z.array(z.object({ ...resultFields, voucherNo: z.string(), status: reservationStatusSchema })),
  errors: z.array(syncProblemSchema),
})
export type SyncSummary = z.infer<typeof syncSummarySchema>

export const syncStatusSchema = z.object({
  connectivity: connectivityStateSchema,
  running: z.boolean(),
  /** Waiting to be sent (now or after a retry delay): stop sales and reservations. */
  waiting: z.number().int().nonnegative(),
  waitingStopSales: z.number().int().nonnegative(),
  /** Reservations waiting to be sent or cancelled. */
  waitingReservations: z.number().int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
})

/** One request made to Sedna for a stop sale: the same as for any record. */
export const syncAttemptSchema = attemptSchema

/** The answer to reservations.cancel. */
export const reservationCancelResultSchema = z.object({
  id: z.number().int().positive(),
  /** cancelled; cancelling (queued: Sedna did not answer yet); synced (Sedna refused: see message). */
  status: reservationStatusSchema,
  recId: z.number().int().positive().nullable(),
  /** For staff: what happened (outbox.cancel.*, or why the cancellation still waits). */
  message: messageSchema,
  /** The failure behind a cancellation that still waits, if any. */
  lastError: messageSchema.nullable(),
  connectivity: connectivityStateSchema,
})
export type ReservationCancelResult = z.infer<typeof reservationCancelResultSchema>
