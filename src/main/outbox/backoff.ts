/**
 * Retry timing for the durable queue: capped exponential backoff with full jitter (each wait is
 * random in [0, min(cap, base·2^attempt)]), so many agencies' apps do not hammer a recovering Sedna
 * in step. The attempt count and next time are stored per item; nothing is dropped for age or count.
 * (A retry library would loop in memory; here the schedule must survive restarts, so it is a few lines.)
 */
export interface BackoffPolicy {
  baseMs: number
  capMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 }

/** The longest wait a Sedna Retry-After may impose (the app setting `retryAfterCapMinutes`'s default). */
export const DEFAULT_RETRY_AFTER_CAP_MS = 60 * 60_000

export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)))
  return Math.floor(random() * ceiling)
}

export interface RetryTiming {
  backoff?: BackoffPolicy | undefined
  /** Retry-After is honoured up to this (default one hour). */
  retryAfterCapMs?: number | undefined
  random?: (() => number) | undefined
}

/**
 * Sedna's Retry-After wins when it asks for longer than the jittered wait, up to the cap: one answer
 * must not park an item for days (or throw on a date past year 275760). An unreadable Retry-After
 * arrives as undefined and counts as the normal backoff.
 */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, timing: RetryTiming = {}): number {
  const jittered = backoffDelay(attempt, timing.backoff, timing.random)
  if (retryAfterMs === undefined || !(retryAfterMs >= 0)) return jittered
  const cap = timing.retryAfterCapMs ?? DEFAULT_RETRY_AFTER_CAP_MS
  return Math.max(jittered, Math.min(retryAfterMs, cap))
}
