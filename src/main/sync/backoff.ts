/**
 * Retry timing for the durable queue: capped exponential backoff with full jitter (each wait is
 * random in [0, min(cap, base·2^attempt)]), so many agencies' apps do not hammer a recovering Sedna
 * in step. The attempt count and next time are stored per item; nothing is dropped for age or count.
 * (A retry library would loop in memory; here the schedule must survive restarts, so it is three lines.)
 */
export interface BackoffPolicy {
  baseMs: number
  capMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 }

export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)))
  return Math.floor(random() * ceiling)
}

/** Sedna's Retry-After wins when it asks for longer than the jittered wait. */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy?: BackoffPolicy,
  random?: () => number,
): number {
  const jittered = backoffDelay(attempt, policy, random)
  return retryAfterMs !== undefined ? Math.max(retryAfterMs, jittered) : jittered
}
