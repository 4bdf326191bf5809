/**
 * What the sync engine does with a failure. Transient ones (network, timeout, 408, 429, 5xx) are
 * retried with backoff; credentials and certificates go to a person; everything else Sedna refused is
 * parked with its reason and never retried blindly.
 */
import { AppFailure } from '../errors'
import { SednaError } from '../sedna/failures'

export type Decision =
  | { action: 'retry'; offline: boolean; retryAfterMs?: number | undefined; message: string }
  | { action: 'attention'; credentials: boolean; message: string }
  | { action: 'fail'; message: string }

export function classify(err: unknown): Decision {
  if (err instanceof SednaError) {
    if (err.kind === 'network' || err.kind === 'timeout')
      return { action: 'retry', offline: true, message: err.message }
    // The app stopped the call (quitting): nothing is known about Sedna, so not "offline" either.
    if (err.kind === 'cancelled') return { action: 'retry', offline: false, message: err.message }
    // Retrying cannot fix a certificate, and calling Sedna "offline" for it would hide the reason.
    if (err.kind === 'certificate') return { action: 'attention', credentials: false, message: err.message }
    if (err.kind === 'auth' || err.status === 401) {
      return { action: 'attention', credentials: true, message: `${err.message}` }
    }
    if (err.kind === 'http' && err.transient) {
      return { action: 'retry', offline: false, retryAfterMs: err.retryAfterMs, message: err.message }
    }
    if (err.kind === 'malformed') return { action: 'retry', offline: false, message: err.message }
    return { action: 'fail', message: err.message }
  }
  if (err instanceof AppFailure) {
    if (err.kind === 'auth') return { action: 'attention', credentials: true, message: err.message }
    if (err.kind === 'unavailable') return { action: 'attention', credentials: true, message: err.message }
    return { action: 'fail', message: err.message }
  }
  return { action: 'fail', message: `Unexpected error: ${err instanceof Error ? err.message : String(err)}` }
}
