/** The outbox: sending records to Sedna (one, some, all pending), its progress and the queue of what waits. */
import { z } from 'zod'
import { defineCall } from '../contract'
import { positiveId } from './fields'
import { queueListSchema, queueRefSchema } from '../queue'
import { connectivityStateSchema, syncStatusSchema, syncSummarySchema } from '../sync'

export const outboxCalls = {
  'sync.stopSales': defineCall({
    summary: 'Send these stop sales to Sedna now; answers when each is synced, parked or queued',
    input: z.strictObject({ ids: z.array(z.number().int().positive()).min(1).max(10_000) }),
    output: syncSummarySchema,
  }),
  'sync.allPending': defineCall({
    summary: 'Send every pending stop sale and every pending reservation; answers with the summary (both kinds)',
    input: z.strictObject({}),
    output: syncSummarySchema,
  }),
  'sync.status': defineCall({
    summary: 'Connectivity, whether a sync is running, and what waits in the queue',
    input: z.strictObject({}),
    output: syncStatusSchema,
  }),
  'sync.stopAfterCurrent': defineCall({
    summary: 'Finish the stop sales being sent and start no new ones',
    input: z.strictObject({}),
    output: z.object({ stopping: z.literal(true) }),
  }),
  'sync.retryNow': defineCall({
    summary: 'Check Sedna now and send everything waiting in the queue',
    input: z.strictObject({}),
    output: syncStatusSchema,
  }),
  'sync.reservations': defineCall({
    summary:
      'Send these reservations to Sedna now (InsertReservation, exactly once); answers when each is synced, parked or queued',
    input: z.strictObject({ ids: z.array(positiveId).min(1).max(10_000) }),
    output: syncSummarySchema,
  }),
  'queue.list': defineCall({
    summary:
      'What waits in the sync queue, both kinds, in the order it will be tried: each stop sale or reservation with why it waits, its attempts, when it is tried next and what may be done with it; what is parked for a person',
    input: z.strictObject({
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    output: queueListSchema,
  }),
  'queue.tryNow': defineCall({
    summary:
      'Try these waiting stop sales and reservations now instead of at their next-try time (checks Sedna first if it seemed down)',
    input: z.strictObject({ items: z.array(queueRefSchema).min(1).max(500) }),
    output: z.object({ due: z.array(queueRefSchema), connectivity: connectivityStateSchema }),
  }),
} as const
