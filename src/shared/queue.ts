import { z } from 'zod'
import { connectivityStateSchema } from './sync'
import { isoDateSchema, saleKindSchema, stopSaleStatusSchema } from './stop-sales'

/**
 * Where a stop sale waiting in the sync queue stands:
 * sending — a sync (this app or the command line) holds it now;
 * waiting-for-sedna — its last try found Sedna unreachable: it goes out as soon as Sedna answers;
 * retry-later — its last try failed and it is tried again at `nextAttemptAt` (backoff or Sedna's Retry-After);
 * due — it goes out as soon as the sync gets to it.
 */
export const queueItemStates = ['sending', 'waiting-for-sedna', 'retry-later', 'due'] as const
export const queueItemStateSchema = z.enum(queueItemStates)
export type QueueItemState = z.infer<typeof queueItemStateSchema>

export const queueItemSchema = z.object({
  id: z.number().int().positive(),
  hotelName: z.string(),
  firstNight: isoDateSchema,
  lastNight: isoDateSchema,
  kind: saleKindSchema,
  roomCodes: z.array(z.string()),
  boardCodes: z.array(z.string()),
  status: stopSaleStatusSchema,
  state: queueItemStateSchema,
  sednaRecId: z.number().int().positive().nullable(),
  /** Requests made for it so far (phase 1 and phase 2 count one each). */
  attempts: z.number().int().nonnegative(),
  /** Why it is still waiting: the last failure, in words for staff (as main wrote it). */
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** When it is tried next (ISO time); for waiting-for-sedna, it goes out sooner if Sedna answers. */
  nextAttemptAt: z.string().nullable(),
})
export type QueueItem = z.infer<typeof queueItemSchema>

export const queueListSchema = z.object({
  /** In the order the sync takes them: next try first, then oldest. */
  items: z.array(queueItemSchema),
  /** Everything waiting (the items are the first `limit` of them). */
  total: z.number().int().nonnegative(),
  connectivity: connectivityStateSchema,
  running: z.boolean(),
})
export type QueueList = z.infer<typeof queueListSchema>
