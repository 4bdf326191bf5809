import { z } from 'zod'
import { reservationStatusSchema } from './reservations'
import { stopSaleStatusSchema } from './stop-sales'

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
 * The answer to "sync": counts like the earlier system's and one line per item. The top-level counts
 * are over both kinds; `stopSales` and `reservations` split them; `results` lists the stop sales and
 * `reservationResults` the reservations (their ids are separate series); `errors` is one line per item
 * that did not get through, for staff.
 */
export const syncSummarySchema = z.object({
  synced: count,
  failed: count,
  queued: count,
  needsAttention: count,
  needsReview: count,
  connectivity: connectivityStateSchema,
  results: z.array(
    z.object({
      id: z.number().int().positive(),
      status: stopSaleStatusSchema,
      recId: z.number().int().positive().nullable(),
      message: z.string().nullable(),
    }),
  ),
  stopSales: syncKindCountsSchema,
  reservations: syncKindCountsSchema,
  reservationResults: z.array(
    z.object({
      id: z.number().int().positive(),
      voucherNo: z.string(),
      status: reservationStatusSchema,
      recId: z.number().int().positive().nullable(),
      message: z.string().nullable(),
    }),
  ),
  errors: z.array(z.string()),
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

export const syncAttemptSchema = z.object({
  id: z.number().int().positive(),
  startedAt: z.string(),
  phase: z.string(),
  outcome: z.string(),
  httpStatus: z.number().int().nullable(),
  sednaErrorType: z.number().int().nullable(),
  message: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  requestBody: z.string().nullable(),
  responseBody: z.string().nullable(),
})

/** The answer to reservations.cancel. */
export const reservationCancelResultSchema = z.object({
  id: z.number().int().positive(),
  /** cancelled; cancelling (queued: Sedna did not answer yet); synced (Sedna refused: see message). */
  status: reservationStatusSchema,
  recId: z.number().int().positive().nullable(),
  /** For staff: what happened. */
  message: z.string(),
  connectivity: connectivityStateSchema,
})
export type ReservationCancelResult = z.infer<typeof reservationCancelResultSchema>
