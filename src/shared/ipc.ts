/**
 * The IPC contract: every call the renderer may make and every event main may push.
 * Main validates each input against it, the preload's allowlist is derived from it, and the
 * renderer's client is typed by it. Nothing here may import `electron` or `node:*`.
 */
import { z } from 'zod'
import { defineCall, defineEvent } from './contract'
import type { Result } from './result'
import { stopSaleSchema, stopSaleStatusSchema, stopSaleStatuses } from './stop-sales'

const idInput = z.strictObject({ id: z.number().int().positive() })

export const calls = {
  'app.info': defineCall({
    summary: 'Version and where the data lives',
    input: z.strictObject({}),
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      databaseFile: z.string(),
      runtime: z.string(),
    }),
  }),
  'stopSales.list': defineCall({
    summary: 'A page of stop sales, newest first, with counts per status',
    input: z.strictObject({
      statuses: z.array(stopSaleStatusSchema).max(stopSaleStatuses.length).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({
      rows: z.array(stopSaleSchema),
      total: z.number().int().nonnegative(),
      countsByStatus: z.record(stopSaleStatusSchema, z.number().int().nonnegative()),
    }),
  }),
  'stopSales.get': defineCall({
    summary: 'One stop sale by id',
    input: idInput,
    output: stopSaleSchema,
  }),
} as const

export const events = {
  'stopSales.changed': defineEvent({
    summary: 'Stop sales were added or changed; lists should refetch',
    payload: z.object({ ids: z.array(z.number().int().positive()) }),
  }),
  'sync.progress': defineEvent({
    summary: 'Progress of a running sync',
    payload: z.object({
      total: z.number().int().nonnegative(),
      done: z.number().int().nonnegative(),
      currentId: z.number().int().positive().nullable(),
    }),
  }),
  'connectivity.changed': defineEvent({
    summary: 'Whether Sedna answers',
    payload: z.object({ state: z.enum(['online', 'offline', 'checking', 'credentials-rejected']) }),
  }),
} as const

export type Calls = typeof calls
export type CallName = keyof Calls
/** What the renderer passes (defaults may be omitted). */
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>
/** What the handler receives after validation (defaults filled in). */
export type CallParsedInput<N extends CallName> = z.output<Calls[N]['input']>
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>

export const callNames = Object.keys(calls) as CallName[]
export const eventNames = Object.keys(events) as EventName[]

export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.hasOwn(calls, name)
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name)

/**
 * What the preload (and the test harness) expose on `window.sedna`. Both are built from the
 * contract above, so the renderer cannot tell them apart.
 */
export interface SednaBridge {
  invoke<N extends CallName>(channel: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
