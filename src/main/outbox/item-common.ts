/**
 * What one item's turn shares between the kinds (stop-sale-sync.ts, reservations/sync.ts): how a park
 * reads as an outcome, how a call's exchanges are stored as attempts, and how the unresolved codes both
 * kinds have (hotel, room, board) are worded for staff.
 */
import type { Unresolved } from '../../shared/resolution'
import type { ProfileRow } from '../db/schema'
import type { CallOptions, SednaClient, SednaExchange } from '../sedna/client'
import type { BackoffPolicy } from './backoff'
import type { AttemptFields } from './leased-queue'
import type { CheckpointName, ItemOutcome } from './outcome'

/** What one kind's state machine needs: its queue, the profiles and clients, and how a row resolves. */
export interface ItemSyncDeps<Queue, Row, Resolution> {
  queue: Queue
  activeProfile(): ProfileRow | undefined
  profile(id: number): ProfileRow | undefined
  client(profile: ProfileRow): Promise<SednaClient>
  resolve(profile: ProfileRow, row: Row): Resolution
  rememberOperatorId(profileId: number, operatorId: number): void
  backoff?: BackoffPolicy
  /** The longest wait a Sedna Retry-After may impose, read when a retry is planned (the app setting). */
  retryAfterCapMs?: () => number
  /** Test hook: named points of the state machine (crash tests kill the process there). */
  checkpoint?: (name: CheckpointName, id: number) => void
}

export type ParkStatus = 'needs_attention' | 'needs_review' | 'failed'

/** The outcome of a park: `parked` is whether the transition held (the claim was still ours). */
export function parkedOutcome(parked: boolean, status: ParkStatus, message: string, credentials: boolean): ItemOutcome {
  if (!parked) return { kind: 'lost-claim' }
  if (status === 'needs_attention') return { kind: 'attention', credentials, message }
  if (status === 'needs_review') return { kind: 'review', message }
  return { kind: 'failed', message }
}

type RecordedAttempt = AttemptFields & { phase: string; url?: string | undefined }

/**
 * Collects a call's exchanges and stores them as attempts (URL and bodies already redacted by the
 * client): the logins first, then each call, the last one with the turn's outcome and message.
 * `withUrl`: also store each exchange's method and URL (reservations keep them; stop sales do not).
 */
export function attemptRecorder<A extends RecordedAttempt>(withUrl: boolean) {
  const exchanges: SednaExchange[] = []
  const options: CallOptions = { onExchange: (x) => exchanges.push(x) }
  const url = (x: SednaExchange) => (withUrl ? { url: `${x.method} ${x.url}` } : {})
  return {
    options,
    flush(
      id: number,
      queue: { recordAttempt(id: number, a: A): void },
      phase: A['phase'],
      outcome: A['outcome'],
      message: string,
    ) {
      const isLogin = (x: SednaExchange) => /AgencyLogin/i.test(x.action)
      for (const x of exchanges.filter(isLogin)) {
        queue.recordAttempt(id, {
          phase: 'login',
          outcome: x.error ? 'failed' : 'ok',
          httpStatus: x.status,
          message: x.error?.message,
          durationMs: x.durationMs,
          ...url(x),
        } as A)
      }
      const calls = exchanges.filter((x) => !isLogin(x))
      if (calls.length === 0) {
        queue.recordAttempt(id, { phase, outcome, message } as A)
        return
      }
      const last = calls[calls.length - 1]
      for (const x of calls) {
        queue.recordAttempt(id, {
          phase,
          outcome: x === last ? outcome : x.error ? 'failed' : 'ok',
          httpStatus: x.status,
          message: x === last ? message : x.error?.message,
          durationMs: x.durationMs,
          ...url(x),
          requestBody: x.requestBody,
          responseBody: x.responseBody,
        } as A)
      }
    },
  }
}

export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** The unresolved codes both kinds have, worded alike. */
export function describeCommonUnresolved(u: Extract<Unresolved, { kind: 'hotel' | 'room' | 'board' }>): string {
  switch (u.kind) {
    case 'hotel':
      return `hotel "${u.name}" is not known in Sedna${u.suggestions[0] ? ` (closest: ${u.suggestions[0].name})` : ''}`
    case 'room':
      return `room code "${u.code}" is unknown at hotel ${u.hotelId}`
    case 'board':
      return `board code "${u.code}" is unknown`
  }
}

/** Staff-readable list of what to map, from the worded parts. */
export function needsMappingMessage(parts: readonly string[]): string {
  return `Needs mapping before it can be sent: ${parts.join('; ')}.`
}
