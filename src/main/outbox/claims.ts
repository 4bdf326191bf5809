/**
 * Who holds a queue row: a claim is live while its lease runs and its owner (a pid in `claimed_by`)
 * lives, so a crashed app's or command line's claims are free at once. The queue's claim, the queue view
 * and the waiting rules all read claims through here.
 */
import type { QueueItemState } from '../../shared/queue'

export type Claim = { claimedBy: string | null; leaseUntil: string | null }

/**
 * A row may be claimed when nobody holds it, its lease ran out, or its owner is another process that
 * is gone (a crash frees its claims at once). Never a row this worker (or this process) holds.
 */
export function claimable(r: Claim, now: string, worker: string) {
  if (!r.claimedBy || !r.leaseUntil || r.leaseUntil < now) return true
  return r.claimedBy !== worker && liveClaimOwner(r, now, worker) === undefined
}

/** The pid of another worker (this process or a live other one) holding the row's claim now, if any. */
export function liveClaimOwner(r: Claim, now: string, worker: string): number | undefined {
  if (!r.claimedBy || r.claimedBy === worker || !r.leaseUntil || r.leaseUntil < now) return undefined
  const pid = Number(r.claimedBy.split(':')[0])
  return pid === process.pid || processAlive(pid) ? pid : undefined
}

/**
 * Where a waiting row stands, in the queue screen's and the command line's words: a claim counts as
 * "sending" only while its owner lives (a crashed command line's claim is free, as claim() sees it).
 */
export function waitingState(
  r: Claim & { waitingForNetwork: boolean; nextAttemptAt: string | null },
  now: string,
  worker: string,
  /** Sedna is known to be down: a due row waits for it like one whose last try found it down. */
  offline = false,
): QueueItemState {
  const ours = r.claimedBy === worker && r.leaseUntil !== null && r.leaseUntil >= now
  if (ours || liveClaimOwner(r, now, worker) !== undefined) return 'sending'
  if (r.waitingForNetwork) return 'waiting-for-sedna'
  if (r.nextAttemptAt && r.nextAttemptAt > now) return 'retry-later'
  return offline ? 'waiting-for-sedna' : 'due'
}

export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
