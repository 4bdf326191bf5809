/**
 * What every kind's durable queue (stop sales in stop-sales/queue.ts, reservations in
 * reservations/queue.ts) shares: the rows themselves are the queue. Work is claimed atomically (an
 * IMMEDIATE transaction, a lease, the owner's pid) so the app and the command line never work on the
 * same row at once, and a crashed owner's claims are free at once; every transition checks the claim is
 * still ours. No network call happens here.
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, lte, min, ne, or, sql } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core'
import type { Message } from '../../shared/messages'
import type { ParkedCounts } from '../../shared/queue'
import type { Db } from '../db/database'
import type { reservations, stopSales } from '../db/schema'
import { claimable } from './claims'
import { LEASE_MS } from './lease'
import { attemptMessageColumns, lastErrorColumns } from './messages'

export { claimable, liveClaimOwner, processAlive, waitingState } from './claims'

export { KEYCHAIN_READ_MS, LEASE_MS, LONGEST_TURN_MS, TURN_REQUESTS } from './lease'

/** A table whose rows are a leased work queue (the same column names for the claim, lease and schedule). */
export type LeasedTable = typeof stopSales | typeof reservations

type QueueColumn =
  | 'id'
  | 'status'
  | 'claimedBy'
  | 'leaseUntil'
  | 'nextAttemptAt'
  | 'waitingForNetwork'
  | 'profileId'
  | 'sednaRecId'
  | 'attempts'

/** The row a select of these columns answers (nullable columns may be null). */
type RowOf<C extends Record<string, SQLiteColumn>> = {
  [K in keyof C]: C[K]['_']['notNull'] extends true ? C[K]['_']['data'] : C[K]['_']['data'] | null
}

export abstract class LeasedQueue<T extends LeasedTable> {
  /** The table's queue columns, seen through one type (the two tables name them alike). */
  private readonly c: Record<QueueColumn, SQLiteColumn>

  protected constructor(
    protected readonly db: Db,
    private readonly table: T,
    /** Statuses the engine works on when they are due. */
    private readonly active: readonly string[],
    /** pid:token — the pid lets another process see that a crashed owner's claims are free. */
    readonly worker: string,
    protected readonly now: () => Date,
  ) {
    this.c = table as unknown as Record<QueueColumn, SQLiteColumn>
  }

  protected iso(offsetMs = 0) {
    return new Date(this.now().getTime() + offsetMs).toISOString()
  }

  /** Claims up to `limit` due rows for this worker. */
  claim(limit: number): T['$inferSelect'][] {
    const now = this.iso()
    const { c, table } = this
    return this.db.transaction(
      (tx) => {
        // Ids only, and never this worker's own claims (they are in flight), so a busy worker
        // cannot fill its own window; another live worker's lease is checked below.
        const candidates = tx
          .select({ id: c.id, claimedBy: c.claimedBy, leaseUntil: c.leaseUntil })
          .from(table as LeasedTable)
          .where(
            and(
              inArray(c.status, [...this.active]),
              or(isNull(c.nextAttemptAt), lte(c.nextAttemptAt, now)),
              or(isNull(c.claimedBy), ne(c.claimedBy, this.worker)),
            ),
          )
          .orderBy(c.nextAttemptAt, c.id)
          .limit(limit * 4 + 16)
          .all() as { id: number; claimedBy: string | null; leaseUntil: string | null }[]
        const ids = candidates
          .filter((r) => claimable(r, now, this.worker))
          .slice(0, limit)
          .map((r) => r.id)
        if (!ids.length) return []
        const lease = this.iso(LEASE_MS)
        tx.update(table as LeasedTable)
          .set({ claimedBy: this.worker, leaseUntil: lease })
          .where(inArray(c.id, ids))
          .run()
        return tx
          .select()
          .from(table as LeasedTable)
          .where(inArray(c.id, ids))
          .orderBy(c.id)
          .all() as T['$inferSelect'][]
      },
      { behavior: 'immediate' },
    )
  }

  /**
   * How many rows this worker could claim now (for the loop), and when the next one falls due or
   * another worker's lease runs out (for the timer).
   */
  nextDue(): { dueNow: number; nextAt: string | null } {
    const now = this.iso()
    const { c, table } = this
    const active = inArray(c.status, [...this.active])
    const free = or(isNull(c.claimedBy), lte(c.leaseUntil, now))
    const dueNow =
      this.db
        .select({ n: count() })
        .from(table as LeasedTable)
        .where(and(active, free, or(isNull(c.nextAttemptAt), lte(c.nextAttemptAt, now))))
        .get()?.n ?? 0
    const nextFree = this.db
      .select({ at: min(c.nextAttemptAt) })
      .from(table as LeasedTable)
      .where(and(active, free, isNotNull(c.nextAttemptAt)))
      .get()?.at
    const nextLease = this.db
      .select({ at: min(c.leaseUntil) })
      .from(table as LeasedTable)
      .where(and(active, isNotNull(c.claimedBy), ne(c.claimedBy, this.worker)))
      .get()?.at
    const candidates = [nextFree, nextLease].filter((x): x is string => typeof x === 'string').sort()
    return { dueNow, nextAt: candidates[0] ?? null }
  }

  /** How many rows wait in an active status. */
  waiting(): number {
    return (
      this.db
        .select({ n: count() })
        .from(this.table as LeasedTable)
        .where(inArray(this.c.status, [...this.active]))
        .get()?.n ?? 0
    )
  }

  /** The rows with these ids, in id order (missing ids are left out). */
  rowsByIds(ids: readonly number[]): T['$inferSelect'][] {
    const rows: T['$inferSelect'][] = []
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(
        ...(this.db
          .select()
          .from(this.table as LeasedTable)
          .where(inArray(this.c.id, ids.slice(i, i + 500)))
          .all() as T['$inferSelect'][]),
      )
    }
    return rows.sort((a, b) => a.id - b.id)
  }

  /**
   * The first `limit` waiting rows' ids and next-try times, in the order the sync takes them (next try
   * first, none yet = at once, then id): the queue view merges the kinds by these.
   */
  waitingKeys(limit: number): { id: number; nextAttemptAt: string | null }[] {
    return this.db
      .select({ id: this.c.id, nextAttemptAt: this.c.nextAttemptAt })
      .from(this.table as LeasedTable)
      .where(inArray(this.c.status, [...this.active]))
      .orderBy(asc(this.c.nextAttemptAt), asc(this.c.id))
      .limit(limit)
      .all() as { id: number; nextAttemptAt: string | null }[]
  }

  /** Ids of every row waiting in the queue (any process's). */
  waitingIds(): number[] {
    return this.db
      .select({ id: this.c.id })
      .from(this.table as LeasedTable)
      .where(inArray(this.c.status, [...this.active]))
      .all()
      .map((r) => r.id as number)
  }

  /** Rows parked for a person, by status. */
  parkedCounts(): ParkedCounts {
    const counts: ParkedCounts = { needsAttention: 0, needsReview: 0, failed: 0 }
    const rows = this.db
      .select({ status: this.c.status, n: count() })
      .from(this.table as LeasedTable)
      .where(inArray(this.c.status, ['needs_attention', 'needs_review', 'failed']))
      .groupBy(this.c.status)
      .all() as { status: string; n: number }[]
    for (const r of rows) {
      if (r.status === 'needs_attention') counts.needsAttention = r.n
      else if (r.status === 'needs_review') counts.needsReview = r.n
      else counts.failed = r.n
    }
    return counts
  }

  /** Whether `status` is one the engine works on (the row waits in the queue). */
  isWaiting(status: string): boolean {
    return this.active.includes(status)
  }

  /** These waiting rows are due now ("try now"); answers the ids moved. */
  dueNow(ids: readonly number[]): number[] {
    if (!ids.length) return []
    return this.db
      .update(this.table as LeasedTable)
      .set({ nextAttemptAt: this.iso() })
      .where(and(inArray(this.c.id, [...ids]), inArray(this.c.status, [...this.active])))
      .returning({ id: this.c.id })
      .all()
      .map((r) => r.id as number)
  }

  /** Sedna answers again: everything that waited for the network is due now. */
  networkBack(): number {
    return this.db
      .update(this.table as LeasedTable)
      .set({ nextAttemptAt: this.iso(), waitingForNetwork: false })
      .where(and(eq(this.c.waitingForNetwork, true), inArray(this.c.status, [...this.active])))
      .run().changes
  }

  /** "Try now": everything waiting (backoff included) is due now. */
  allDueNow(): number {
    return this.db
      .update(this.table as LeasedTable)
      .set({ nextAttemptAt: this.iso() })
      .where(inArray(this.c.status, [...this.active]))
      .run().changes
  }

  get(id: number): T['$inferSelect'] | undefined {
    return this.db
      .select()
      .from(this.table as LeasedTable)
      .where(eq(this.c.id, id))
      .get() as T['$inferSelect'] | undefined
  }

  /** RecIds already held by other local rows of a profile (never adopt one twice). */
  recIdsInUse(profileId: number, exceptId: number): Set<number> {
    const rows = this.db
      .select({ id: this.c.id, recId: this.c.sednaRecId })
      .from(this.table as LeasedTable)
      .where(and(eq(this.c.profileId, profileId), isNotNull(this.c.sednaRecId)))
      .all() as { id: number; recId: number | null }[]
    return new Set(rows.filter((r) => r.id !== exceptId).map((r) => r.recId!))
  }

  /**
   * Marks rows to be sent now (`enqueue`), each to the status `statusOf` gives it: the given ids in a
   * `sendable` status, or every `pending` row. `due: false` (nothing to send: already in Sedna) leaves
   * no next try; `keepError` keeps the last error it had. Returns the ids accepted.
   *
   * IMMEDIATE, as claim(): a deferred transaction that has read cannot wait for the write lock, so while
   * another process (the app, the command line) writes, SQLite would fail it at once with SQLITE_BUSY,
   * busy timeout or not (test/integration/cli-queue-race.test.ts).
   */
  protected markToSend<C extends { id: SQLiteColumn; status: SQLiteColumn } & Record<string, SQLiteColumn>>(
    ids: readonly number[] | 'all-pending',
    sendable: readonly string[],
    columns: C,
    statusOf: (row: RowOf<C>) => { status: string; due: boolean; keepError: boolean },
  ): number[] {
    type R = RowOf<C> & { id: number }
    const now = this.iso()
    const { c, table } = this
    return this.db.transaction(
      (tx) => {
        const where =
          ids === 'all-pending'
            ? eq(c.status, 'pending')
            : and(inArray(c.id, [...ids]), inArray(c.status, [...sendable]))
        const rows = tx
          .select(columns)
          .from(table as LeasedTable)
          .where(where)
          .all() as unknown as R[]
        for (const r of rows) {
          const { status, due, keepError } = statusOf(r)
          tx.update(table as LeasedTable)
            .set({
              status,
              nextAttemptAt: due ? now : null,
              waitingForNetwork: false,
              updatedAt: now,
              ...(keepError ? {} : lastErrorColumns(null)),
            } as SQLiteUpdateSetSource<LeasedTable>)
            .where(eq(c.id, r.id))
            .run()
        }
        return rows.map((r) => r.id)
      },
      { behavior: 'immediate' },
    )
  }

  /**
   * Every transition goes through here: it changes the row only while the claim is still ours
   * (`claimed_by` = this worker), and says whether it did. `release` gives the claim up.
   */
  protected transition(id: number, set: SQLiteUpdateSetSource<T>, release: boolean): boolean {
    const now = this.iso()
    const changes = this.db
      .update(this.table as LeasedTable)
      .set({
        ...(set as SQLiteUpdateSetSource<LeasedTable>),
        updatedAt: now,
        ...(release ? { claimedBy: null, leaseUntil: null } : {}),
      })
      .where(and(eq(this.c.id, id), eq(this.c.claimedBy, this.worker)))
      .run().changes
    return changes === 1
  }

  /**
   * A request is about to go out: `set`, the attempt counted and its time, committed before the request
   * (the claim is kept).
   */
  protected startAttempt(id: number, set: SQLiteUpdateSetSource<T>, now = this.iso()): boolean {
    return this.transition(
      id,
      { ...set, lastAttemptAt: now, attempts: sql`${this.c.attempts} + 1` } as SQLiteUpdateSetSource<T>,
      false,
    )
  }

  /** Back to waiting (status as the row's progress says) until `delayMs` from now; the claim is given up. */
  protected retryAs(
    id: number,
    status: T['$inferSelect']['status'],
    delayMs: number,
    message: Message,
    waitingForNetwork: boolean,
  ): boolean {
    return this.transition(
      id,
      {
        status,
        nextAttemptAt: this.iso(delayMs),
        ...lastErrorColumns(message),
        waitingForNetwork,
        lastAttemptAt: this.iso(),
      } as SQLiteUpdateSetSource<T>,
      true,
    )
  }

  park(
    id: number,
    status: 'needs_attention' | 'needs_review' | 'failed',
    message: Message,
    resolution?: NonNullable<T['$inferSelect']['resolution']>,
  ): boolean {
    return this.transition(
      id,
      {
        status,
        ...lastErrorColumns(message),
        nextAttemptAt: null,
        waitingForNetwork: false,
        ...(resolution ? { resolution } : {}),
      } as SQLiteUpdateSetSource<T>,
      true,
    )
  }

  /** Gives a row back untouched (a stop was requested before it was started). */
  release(id: number): boolean {
    return this.transition(id, {} as SQLiteUpdateSetSource<T>, true)
  }
}

/** The fields of an attempt that both kinds store alike. */
export interface AttemptFields {
  outcome: 'ok' | 'failed' | 'unknown' | 'parked'
  httpStatus?: number | undefined
  sednaErrorType?: number | undefined
  message?: Message | undefined
  durationMs?: number | undefined
  requestBody?: string | undefined
  responseBody?: string | undefined
}

/** An attempt's row values (without the owning row's id and the kind's own columns). */
export function attemptValues<P extends string>(a: AttemptFields & { phase: P }, startedAt: string) {
  return {
    startedAt,
    phase: a.phase,
    outcome: a.outcome,
    httpStatus: a.httpStatus ?? null,
    sednaErrorType: a.sednaErrorType ?? null,
    ...attemptMessageColumns(a.message),
    durationMs: a.durationMs ?? null,
    requestBody: a.requestBody ?? null,
    responseBody: a.responseBody ?? null,
  }
}
