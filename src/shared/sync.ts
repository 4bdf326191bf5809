import { z } from 'zod'
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
  currentIds: z.array(z.number().int().positive()),
})

/** The answer to "sync": counts like the earlier system's, and one line per stop sale. */
export const syncSummarySchema = z.object({
  synced: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  queued: z.number().int().nonnegative(),
  needsAttention: z.number().int().nonnegative(),
  needsReview: z.number().int().nonnegative(),
  connectivity: connectivityStateSchema,
  results: z.array(
    z.object({
      id: z.number().int().positive(),
      status: stopSaleStatusSchema,
      recId: z.number().int().positive().nullable(),
      message: z.string().nullable(),
    }),
  ),
})
export type SyncSummary = z.infer<typeof syncSummarySchema>

export const syncStatusSchema = z.object({
  connectivity: connectivityStateSchema,
  running: z.boolean(),
  /** Waiting to be sent (now or after a retry delay). */
  waiting: z.number().int().nonnegative(),
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
