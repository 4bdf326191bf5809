/**
 * The IPC contract: every call the renderer may make and every event main may push.
 * Main validates each input against it, the preload's allowlist is derived from it, and the
 * renderer's client is typed by it. Nothing here may import `electron` or `node:*`.
 */
import type { z } from 'zod'
import type { Result } from './result'
import { accountCalls } from './contracts/accounts'
import { appCalls } from './contracts/app'
import { calendarCalls } from './contracts/calendar'
import { diagnosticsCalls } from './contracts/diagnostics'
import { driftCalls } from './contracts/drift'
import { events } from './contracts/events'
import { mirrorCalls } from './contracts/mirror'
import { outboxCalls } from './contracts/outbox'
import { reservationCalls } from './contracts/reservations'
import { stopSaleCalls } from './contracts/stop-sales'
import { updateCalls } from './contracts/updates'

export { events }

/** One registry over the contracts of every domain (src/shared/contracts/): a name used twice is refused. */
function registry<const P extends readonly Record<string, unknown>[]>(...parts: P) {
  const seen = new Set<string>()
  for (const part of parts) {
    for (const name of Object.keys(part)) {
      if (seen.has(name)) throw new Error(`The IPC call "${name}" is defined twice.`)
      seen.add(name)
    }
  }
  return Object.assign({}, ...parts) as UnionToIntersection<P[number]>
}
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never

export const calls = registry(
  appCalls,
  stopSaleCalls,
  reservationCalls,
  outboxCalls,
  accountCalls,
  mirrorCalls,
  driftCalls,
  calendarCalls,
  diagnosticsCalls,
  updateCalls,
)

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

export const isCallName = (name: unknown): name is CallName => typeof name === 'string' && Object.hasOwn(calls, name)
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.hasOwn(events, name)

/**
 * What the preload (and the test harness) expose on `window.sedna`. Both are built from the
 * contract above, so the renderer cannot tell them apart.
 */
export interface SednaBridge {
  invoke<N extends CallName>(channel: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  /** Electron only: the path of a file the user chose or dropped (a browser page gets none). */
  pathForFile?(file: unknown): string | undefined
}
