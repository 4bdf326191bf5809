/**
 * What the outbox does with a failure: the one error handler every kind shares. Transient ones
 * (network, timeout, 408, 429, 5xx, an unreadable answer) are retried with backoff; credentials and
 * certificates go to a person; everything else Sedna refused (ErrorType != 0, any other 4xx) fails and
 * is never retried blindly.
 */
import type { Message } from '../../shared/messages'
import { AppFailure } from '../errors'
import { SednaError } from '../sedna/failures'
import { failureMessage } from './messages'

export type Decision =
  | { action: 'retry'; offline: boolean; retryAfterMs?: number | undefined; message: Message }
  | { action: 'attention'; credentials: boolean; message: Message }
  | { action: 'fail'; message: Message }

export function classify(err: unknown): Decision {
  const message = failureMessage(err)
  if (err instanceof SednaError) {
    if (err.kind === 'network' || err.kind === 'timeout') return { action: 'retry', offline: true, message }
    // The app stopped the call (quitting): nothing is known about Sedna, so not "offline" either.
    if (err.kind === 'cancelled') return { action: 'retry', offline: false, message }
    // Retrying cannot fix a certificate, and calling Sedna "offline" for it would hide the reason.
    if (err.kind === 'certificate') return { action: 'attention', credentials: false, message }
    if (err.kind === 'auth' || err.status === 401) return { action: 'attention', credentials: true, message }
    if (err.kind === 'http' && err.transient) {
      return { action: 'retry', offline: false, retryAfterMs: err.retryAfterMs, message }
    }
    if (err.kind === 'malformed') return { action: 'retry', offline: false, message }
    return { action: 'fail', message }
  }
  if (err instanceof AppFailure) {
    if (err.kind === 'auth' || err.kind === 'unavailable') return { action: 'attention', credentials: true, message }
    return { action: 'fail', message }
  }
  return { action: 'fail', message }
}

/** Sedna answered that it did not do it (ErrorType != 0): an earlier try may be why (it refuses a duplicate). */
export const isRefusal = (err: unknown) => err instanceof SednaError && err.kind === 'sedna'

/** Whether the request may have been applied although its answer says nothing (a look is needed before sending again). */
export const outcomeUnknown = (err: unknown) => !(err instanceof SednaError) || err.delivery === 'unknown'
