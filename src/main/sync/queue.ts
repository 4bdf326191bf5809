/**
 * The durable sync queue: the stop_sales rows themselves. Work is claimed atomically (an IMMEDIATE
 * transaction, a lease, the owner's pid) so the app and the command line never send the same stop
 * sale at once; every transition checks the claim is still ours. No network call happens here.
 */
import { randomUUID } from 'node:crypto'
import { and, count, eq, inArray, isNotNull, isNull, lte, min, ne, or, sql } from 'drizzle-orm'
import type { Resolution } from '../../shared/resolution'
import type { StopSaleStatus } from '../../shared/stop-sales'
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core'
import type { Db } from '../db/database'
import { stopSales, syncAttempts, type StopSaleRow } from '../db/schema'

/** Statuses the engine works on when they are due. */
export const ACTIVE_STATUSES = ['queued', 'creating', 'created', 'updating'] as const satisfies StopSaleStatus[]
/** Statuses a person may send (again) with "Sync". needs_review is excluded: a person must decide first. */
export const SENDABLE_STATUSES = [
  'pending',
  'failed',
  'needs_attention',
  ...ACTIVE_STATUSES,
] as const satisfies StopSaleStatus[]

export const LEASE_MS = 5 * 60_000

export interface AttemptRecord {
  phase: 'phase1' | 'phase2' | 'lookup' | 'login' | 'resolve'
  outcome: 'ok' | 'failed' | 'unknown' | 'parked'
  httpStatus?: number | undefined
  sednaErrorType?: number | undefined
  message?: string | undefined
  durationMs?: number | undefined
  requestBody?: string | undefined
  responseBody?: string | undefined
}

export class SyncQueue {
  /** pid:token — the pid lets another process see that a crashed owner's claims are free. */
  readonly worker = `${process.pid}:${randomUUID().slice(0, 8)}`

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private iso(offsetMs = 0) {
    return new Date(this.now().getTime() + offsetMs).toISOString()
  }

  /** Marks stop sales to be sent now. Returns the ids that were accepted. */
  enqueue(ids: readonly number[] | 'all-pending'): number[] {
    const now = this.iso()
    // IMMEDIATE, as claim(): a deferred transaction that has read cannot wait for the write lock, so
    // while another process (the app, the command line) writes, SQLite would fail it at once (BUSY).
    return this.db.transaction(
      (tx) => {
        const where =
          ids === 'all-pending'
            ? eq(stopSales.status, 'pending')
            : and(inArray(stopSales.id, [...ids]), inArray(stopSales.status, [...SENDABLE_STATUSES]))
        const rows = tx
          .select({ id: stopSales.id, status: stopSales.status, recId: stopSales.sednaRecId })
          .from(stopSales)
          .where(where)
          .all()
        for (const r of rows) {
          const status: StopSaleStatus = ACTIVE_STATUSES.includes(r.status as never)
            ? r.status
            : r.recId
              ? 'created'
              : 'queued'
          tx.update(stopSales)
            .set({
              status,
              nextAttemptAt: now,
              waitingForNetwork: false,
              updatedAt: now,
              ...(r.status === 'synced' ? {} : { lastError: null }),
            })
            .where(eq(stopSales.id, r.id))
            .run()
        }
        return rows.map((r) => r.id)
      },
      { behavior: 'immediate' },
    )
  }

  /** Claims up to `limit` due items for this worker. */
  claim(limit: number): StopSaleRow[] {
    const now = this.iso()
    return this.db.transaction(
      (tx) => {
        // Ids only, and never this worker's own claims (they are in flight), so a busy worker
        // cannot fill its own window; another live worker's lease is checked below.
        const candidates = tx
          .select({ id: stopSales.id, claimedBy: stopSales.claimedBy, leaseUntil: stopSales.leaseUntil })
          .from(stopSales)
          .where(
            and(
              inArray(stopSales.status, [...ACTIVE_STATUSES]),
              or(isNull(stopSales.nextAttemptAt), lte(stopSales.nextAttemptAt, now)),
              or(isNull(stopSales.claimedBy), ne(stopSales.claimedBy, this.worker)),
            ),
          )
          .orderBy(stopSales.nextAttemptAt, stopSales.id)
          .limit(limit * 4 + 16)
          .all()
        const ids = candidates
          .filter((r) => this.claimable(r, now))
          .slice(0, limit)
          .map((r) => r.id)
        if (!ids.length) return []
        const lease = this.iso(LEASE_MS)
        tx.update(stopSales).set({ claimedBy: this.worker, leaseUntil: lease }).where(inArray(stopSales.id, ids)).run()
        return tx.select().from(stopSales).where(inArray(stopSales.id, ids)).orderBy(stopSales.id).all()
      },
      { behavior: 'immediate' },
    )
  }

  private claimable(r: { claimedBy: string | null; leaseUntil: string | null }, now: string): boolean {
    return claimable(r, now, this.worker)
  }

  /**
   * How many items this worker could claim now (for the loop), and when the next one falls due or
   * another worker's lease runs out (for the timer).
   */
  nextDue(): { dueNow: number; nextAt: string | null } {
    const now = this.iso()
    const active = inArray(stopSales.status, [...ACTIVE_STATUSES])
    const free = or(isNull(stopSales.claimedBy), lte(stopSales.leaseUntil, now))
    const dueNow =
      this.db
        .select({ n: count() })
        .from(stopSales)
        .where(and(active, free, or(isNull(stopSales.nextAttemptAt), lte(stopSales.nextAttemptAt, now))))
        .get()?.n ?? 0
    const nextFree = this.db
      .select({ at: min(stopSales.nextAttemptAt) })
      .from(stopSales)
      .where(and(active, free, isNotNull(stopSales.nextAttemptAt)))
      .get()?.at
    const nextLease = this.db
      .select({ at: min(stopSales.leaseUntil) })
      .from(stopSales)
      .where(and(active, isNotNull(stopSales.claimedBy), ne(stopSales.claimedBy, this.worker)))
      .get()?.at
    const candidates = [nextFree, nextLease].filter((x): x is string => typeof x === 'string').sort()
    return { dueNow, nextAt: candidates[0] ?? null }
  }

  /** Sedna answers again: everything that waited for the network is due now. */
  networkBack(): number {
    return this.db
      .update(stopSales)
      .set({ nextAttemptAt: this.iso(), waitingForNetwork: false })
      .where(and(eq(stopSales.waitingForNetwork, true), inArray(stopSales.status, [...ACTIVE_STATUSES])))
      .run().changes
  }

  /** "Try now": everything waiting (backoff included) is due now. */
  allDueNow(): number {
    return this.db
      .update(stopSales)
      .set({ nextAttemptAt: this.iso() })
      .where(inArray(stopSales.status, [...ACTIVE_STATUSES]))
      .run().changes
  }

  get(id: number): StopSaleRow | undefined {
    return this.db.select().from(stopSales).where(eq(stopSales.id, id)).get()
  }

  /** RecIds already held by other local stop sales of a profile (never adopt one twice). */
  recIdsInUse(profileId: number, exceptId: number): Set<number> {
    const rows = this.db
      .select({ id: stopSales.id, recId: stopSales.sednaRecId })
      .from(stopSales)
      .where(and(eq(stopSales.profileId, profileId), isNotNull(stopSales.sednaRecId)))
      .all()
    return new Set(rows.filter((r) => r.id !== exceptId).map((r) => r.recId!))
  }

  // ---- transitions: each one checks the claim is still ours -----------------------------------

  private transition(id: number, set: SQLiteUpdateSetSource<typeof stopSales>, release: boolean): boolean {
    const now = this.iso()
    const changes = this.db
      .update(stopSales)
      .set({ ...set, updatedAt: now, ...(release ? { claimedBy: null, leaseUntil: null } : {}) })
      .where(and(eq(stopSales.id, id), eq(stopSales.claimedBy, this.worker)))
      .run().changes
    return changes === 1
  }

  /** Committed before phase 1 goes out: from here on, a missing RecId means "look before sending". */
  startPhase1(id: number, s: { profileId: number; declareDate: string; resolution: Resolution }): boolean {
    const now = this.iso()
    return this.transition(
      id,
      { status: 'creating', ...s, phase1SentAt: now, lastAttemptAt: now, attempts: sql`${stopSales.attempts} + 1` },
      false,
    )
  }

  /** The RecId is committed before phase 2 is sent. */
  storeRecId(id: number, recId: number): boolean {
    return this.transition(id, { status: 'created', sednaRecId: recId }, false)
  }

  startPhase2(id: number): boolean {
    return this.transition(
      id,
      { status: 'updating', lastAttemptAt: this.iso(), attempts: sql`${stopSales.attempts} + 1` },
      false,
    )
  }

  /** Lookup proved phase 1 never landed: it is safe to create again. */
  clearPhase1(id: number): boolean {
    return this.transition(id, { phase1SentAt: null, status: 'queued' }, false)
  }

  synced(id: number): boolean {
    return this.transition(
      id,
      { status: 'synced', syncedAt: this.iso(), lastError: null, nextAttemptAt: null, waitingForNetwork: false },
      true,
    )
  }

  retryLater(id: number, delayMs: number, message: string, waitingForNetwork: boolean): boolean {
    const row = this.get(id)
    const status: StopSaleStatus = row?.sednaRecId ? 'created' : row?.phase1SentAt ? 'creating' : 'queued'
    return this.transition(
      id,
      { status, nextAttemptAt: this.iso(delayMs), lastError: message, waitingForNetwork, lastAttemptAt: this.iso() },
      true,
    )
  }

  park(
    id: number,
    status: 'needs_attention' | 'needs_review' | 'failed',
    message: string,
    resolution?: Resolution,
  ): boolean {
    return this.transition(
      id,
      {
        status,
        lastError: message,
        nextAttemptAt: null,
        waitingForNetwork: false,
        ...(resolution ? { resolution } : {}),
      },
      true,
    )
  }

  /** Gives an item back untouched (a stop was requested before it was started). */
  release(id: number): boolean {
    return this.transition(id, {}, true)
  }

  recordAttempt(id: number, a: AttemptRecord): void {
    this.db
      .insert(syncAttempts)
      .values({
        stopSaleId: id,
        startedAt: this.iso(),
        phase: a.phase,
        outcome: a.outcome,
        httpStatus: a.httpStatus ?? null,
        sednaErrorType: a.sednaErrorType ?? null,
        message: a.message ?? null,
        durationMs: a.durationMs ?? null,
        requestBody: a.requestBody ?? null,
        responseBody: a.responseBody ?? null,
      })
      .run()
  }
}

/**
 * A row may be claimed when nobody holds it, its lease ran out, or its owner is another process that
 * is gone (a crash frees its claims at once). Never a row this worker (or this process) holds.
 */
export function claimable(r: { claimedBy: string | null; leaseUntil: string | null }, now: string, worker: string) {
  if (!r.claimedBy || !r.leaseUntil || r.leaseUntil < now) return true
  if (r.claimedBy === worker) return false
  const pid = Number(r.claimedBy.split(':')[0])
  return pid !== process.pid && !processAlive(pid)
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
