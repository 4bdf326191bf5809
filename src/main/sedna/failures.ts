/**
 * Typed Sedna failures, so the sync engine can decide (retry, re-login, park) and staff can read
 * what happened. `delivery` says whether the request may have been applied by Sedna: the key to
 * never creating a record twice.
 */
export type SednaFailureKind = 'network' | 'timeout' | 'http' | 'sedna' | 'malformed' | 'auth'

/**
 * - not-sent: Sedna never saw it (connection refused, DNS, connect timeout): safe to send again.
 * - rejected: Sedna answered and did not apply it (4xx, ErrorType != 0, 401, 429/503).
 * - unknown: it may have been applied (reset after sending, no answer in time, 5xx, unreadable answer).
 */
export type Delivery = 'not-sent' | 'rejected' | 'unknown'

export interface SednaFailureInit {
  kind: SednaFailureKind
  action: string
  message: string
  delivery: Delivery
  status?: number | undefined
  retryAfterMs?: number | undefined
  errorType?: number | undefined
  sednaMessage?: string | null | undefined
  code?: string | undefined
}

export class SednaError extends Error {
  readonly kind: SednaFailureKind
  readonly action: string
  readonly delivery: Delivery
  readonly status: number | undefined
  readonly retryAfterMs: number | undefined
  readonly errorType: number | undefined
  readonly sednaMessage: string | null | undefined
  readonly code: string | undefined

  constructor(init: SednaFailureInit) {
    super(init.message)
    this.name = 'SednaError'
    this.kind = init.kind
    this.action = init.action
    this.delivery = init.delivery
    this.status = init.status
    this.retryAfterMs = init.retryAfterMs
    this.errorType = init.errorType
    this.sednaMessage = init.sednaMessage
    this.code = init.code
  }

  /** Worth trying again later without a person: the network, a timeout, 408/429 or a 5xx. */
  get transient(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout') return true
    if (this.kind === 'http' && this.status !== undefined) {
      return this.status === 408 || this.status === 429 || this.status >= 500
    }
    return false
  }
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value
  if (!v) return undefined
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}
