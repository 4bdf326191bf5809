/**
 * The durable queue of reservations: the `reservations` rows themselves, claimed exactly as stop sales
 * are (an IMMEDIATE transaction, a lease, the owner's pid — see sync/queue.ts), so the app and the
 * command line never send or cancel the same reservation at once. Every transition checks that the
 * claim is still ours. No network call happens here.
 */
import { and, count, eq, inArray, isNotNull, isNull, lte, min, ne, or, sql } from 'drizzle-orm'
import type { SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core'
import type { ReservationResolution, ReservationStatus } from '../../shared/reservations'
import type { Db } from '../db/database'
import { reservationAttempts, reservations, type ReservationRow } from '../db/schema'
import { AppFailure } from '../errors'
import { claimable, LEASE_MS } from '../sync/queue'

/** Statuses the engine works on when they are due. */
export const RESERVATION_ACTIVE = ['queued', 'sending', 'cancelling'] as const satisfies ReservationStatus[]
/** Statuses a person may send (again) with "Sync". needs_review is excluded: a person must decide first. */
export const RESERVATION_SENDABLE = [
  'pending',
  'failed',
  'needs_attention',
  ...RESERVATION_ACTIVE,
] as const satisfies ReservationStatus[]

export interface ReservationAttemptRecord {
  phase: 'send' | 'lookup' | 'cancel' | 'login' | 'resolve'
  outcome: 'ok' | 'failed' | 'unknown' | 'parked'
  httpStatus?: number | undefined
  sednaErrorType?: number | undefined
  message?: string | undefined
  durationMs?: number | undefined
  url?: string | undefined
  requestBody?: string | undefined
  responseBody?: string | undefined
}

export type CancelRequest = { kind: 'queued' } | { kind: 'cancelled-locally' } | { kind: 'already-cancelled' }

export class ReservationQueue {
  constructor(
    private readonly db: Db,
    /** The process's worker identity (shared with the stop-sale queue). */
    readonly worker: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private iso(offsetMs = 0) {
    return new Date(this.now().getTime() + offsetMs).toISOString()
  }

  /** Marks reservations to be sent (or their cancel to be sent) now. Returns the ids accepted. */
  enqueue(ids: readonly number[] | 'all-pending'): number[] {
    const now = this.iso()
    // IMMEDIATE, as claim() and SyncQueue.enqueue: a deferred transaction that has read cannot wait for
    // the write lock, so while another process (the app, the command line) writes, SQLite would fail it
    // at once with SQLITE_BUSY, busy timeout or not (test/integration/cli-queue-race.test.ts).
    return this.db.transaction(
      (tx) => {
        const where =
          ids === 'all-pending'
            ? eq(reservations.status, 'pending')
            : and(inArray(reservations.id, [...ids]), inArray(reservations.status, [...RESERVATION_SENDABLE]))
        const rows = tx
          .select({
            id: reservations.id,
            status: reservations.status,
            recId: reservations.sednaRecId,
            sendStartedAt: reservations.sendStartedAt,
            cancelRequestedAt: reservations.cancelRequestedAt,
          })
          .from(reservations)
          .where(where)
          .all()
        for (const r of rows) {
          // In Sedna already and no cancel asked for: nothing to send (never a second InsertReservation).
          const status: ReservationStatus = r.cancelRequestedAt
            ? 'cancelling'
            : r.recId !== null
              ? 'synced'
              : r.sendStartedAt
                ? 'sending'
                : 'queued'
          tx.update(reservations)
            .set({
              status,
              nextAttemptAt: status === 'synced' ? null : now,
              waitingForNetwork: false,
              updatedAt: now,
              ...(status === 'synced' ? {} : { lastError: null }),
            })
            .where(eq(reservations.id, r.id))
            .run()
        }
        return rows.map((r) => r.id)
      },
      { behavior: 'immediate' },
    )
  }

  /**
   * Staff asked to cancel. In Sedna (a RecId): the cancel is queued for the engine. Never sent (no
   * RecId, no send started, nobody working on it): cancelled here, nothing to ask Sedna. Otherwise —
   * being sent, or waiting for a person to check Sedna — it is refused until that is settled.
   */
  requestCancel(id: number): CancelRequest {
    const now = this.iso()
    return this.db.transaction(
      (tx) => {
        const row = tx.select().from(reservations).where(eq(reservations.id, id)).get()
        if (!row) throw new AppFailure('not-found', `Reservation #${id} does not exist (it may have been deleted).`)
        if (row.status === 'cancelled') return { kind: 'already-cancelled' }
        if (row.sednaRecId !== null) {
          tx.update(reservations)
            .set({
              status: 'cancelling',
              cancelRequestedAt: row.cancelRequestedAt ?? now,
              nextAttemptAt: now,
              waitingForNetwork: false,
              lastError: null,
              updatedAt: now,
            })
            .where(eq(reservations.id, id))
            .run()
          return { kind: 'queued' }
        }
        const claimed = row.claimedBy !== null && row.leaseUntil !== null && !claimable(row, now, this.worker)
        const neverSent =
          row.sendStartedAt === null && ['pending', 'queued', 'failed', 'needs_attention'].includes(row.status)
        if (neverSent && !claimed) {
          tx.update(reservations)
            .set({
              status: 'cancelled',
              cancelRequestedAt: now,
              cancelledAt: now,
              nextAttemptAt: null,
              lastError: null,
              updatedAt: now,
            })
            .where(eq(reservations.id, id))
            .run()
          tx.insert(reservationAttempts)
            .values({
              reservationId: id,
              startedAt: now,
              phase: 'cancel',
              outcome: 'ok',
              message: 'Cancelled before it was ever sent to Sedna: nothing to cancel there.',
            })
            .run()
          return { kind: 'cancelled-locally' }
        }
        throw new AppFailure(
          'conflict',
          row.status === 'needs_review'
            ? `Reservation #${id} (voucher ${row.voucherNo}) may or may not be in Sedna: check it there first (see its detail).`
            : `Reservation #${id} (voucher ${row.voucherNo}) is being sent to Sedna right now; cancel it once it is synced.`,
        )
      },
      { behavior: 'immediate' },
    )
  }

  /** Claims up to `limit` due reservations for this worker. */
  claim(limit: number): ReservationRow[] {
    const now = this.iso()
    return this.db.transaction(
      (tx) => {
        const candidates = tx
          .select({ id: reservations.id, claimedBy: reservations.claimedBy, leaseUntil: reservations.leaseUntil })
          .from(reservations)
          .where(
            and(
              inArray(reservations.status, [...RESERVATION_ACTIVE]),
              or(isNull(reservations.nextAttemptAt), lte(reservations.nextAttemptAt, now)),
              or(isNull(reservations.claimedBy), ne(reservations.claimedBy, this.worker)),
            ),
          )
          .orderBy(reservations.nextAttemptAt, reservations.id)
          .limit(limit * 4 + 16)
          .all()
        const ids = candidates
          .filter((r) => claimable(r, now, this.worker))
          .slice(0, limit)
          .map((r) => r.id)
        if (!ids.length) return []
        tx.update(reservations)
          .set({ claimedBy: this.worker, leaseUntil: this.iso(LEASE_MS) })
          .where(inArray(reservations.id, ids))
          .run()
        return tx.select().from(reservations).where(inArray(reservations.id, ids)).orderBy(reservations.id).all()
      },
      { behavior: 'immediate' },
    )
  }

  /** As SyncQueue.nextDue: how many are claimable now, and when the next falls due or a lease ends. */
  nextDue(): { dueNow: number; nextAt: string | null } {
    const now = this.iso()
    const active = inArray(reservations.status, [...RESERVATION_ACTIVE])
    const free = or(isNull(reservations.claimedBy), lte(reservations.leaseUntil, now))
    const dueNow =
      this.db
        .select({ n: count() })
        .from(reservations)
        .where(and(active, free, or(isNull(reservations.nextAttemptAt), lte(reservations.nextAttemptAt, now))))
        .get()?.n ?? 0
    const nextFree = this.db
      .select({ at: min(reservations.nextAttemptAt) })
      .from(reservations)
      .where(and(active, free, isNotNull(reservations.nextAttemptAt)))
      .get()?.at
    const nextLease = this.db
      .select({ at: min(reservations.leaseUntil) })
      .from(reservations)
      .where(and(active, isNotNull(reservations.claimedBy), ne(reservations.claimedBy, this.worker)))
      .get()?.at
    const candidates = [nextFree, nextLease].filter((x): x is string => typeof x === 'string').sort()
    return { dueNow, nextAt: candidates[0] ?? null }
  }

  waiting(): number {
    return (
      this.db
        .select({ n: count() })
        .from(reservations)
        .where(inArray(reservations.status, [...RESERVATION_ACTIVE]))
        .get()?.n ?? 0
    )
  }

  networkBack(): number {
    return this.db
      .update(reservations)
      .set({ nextAttemptAt: this.iso(), waitingForNetwork: false })
      .where(and(eq(reservations.waitingForNetwork, true), inArray(reservations.status, [...RESERVATION_ACTIVE])))
      .run().changes
  }

  allDueNow(): number {
    return this.db
      .update(reservations)
      .set({ nextAttemptAt: this.iso() })
      .where(inArray(reservations.status, [...RESERVATION_ACTIVE]))
      .run().changes
  }

  get(id: number): ReservationRow | undefined {
    return this.db.select().from(reservations).where(eq(reservations.id, id)).get()
  }

  /** RecIds already held by other local reservations of a profile (never adopt one twice). */
  recIdsInUse(profileId: number, exceptId: number): Set<number> {
    const rows = this.db
      .select({ id: reservations.id, recId: reservations.sednaRecId })
      .from(reservations)
      .where(and(eq(reservations.profileId, profileId), isNotNull(reservations.sednaRecId)))
      .all()
    return new Set(rows.filter((r) => r.id !== exceptId).map((r) => r.recId!))
  }

  // ---- transitions: each one checks the claim is still ours -----------------------------------

  private transition(id: number, set: SQLiteUpdateSetSource<typeof reservations>, release: boolean): boolean {
    return (
      this.db
        .update(reservations)
        .set({ ...set, updatedAt: this.iso(), ...(release ? { claimedBy: null, leaseUntil: null } : {}) })
        .where(and(eq(reservations.id, id), eq(reservations.claimedBy, this.worker)))
        .run().changes === 1
    )
  }

  /** Committed before InsertReservation goes out: from here on a missing RecId means "look it up first". */
  startSend(id: number, s: { profileId: number; operatorId: number; resolution: ReservationResolution }): boolean {
    const now = this.iso()
    return this.transition(
      id,
      { status: 'sending', ...s, sendStartedAt: now, lastAttemptAt: now, attempts: sql`${reservations.attempts} + 1` },
      false,
    )
  }

  /** The look-up proved it never landed (or Sedna refused it): safe to send again. */
  clearSend(id: number): boolean {
    return this.transition(id, { sendStartedAt: null, status: 'queued' }, false)
  }

  synced(id: number, recId: number): boolean {
    return this.transition(
      id,
      {
        status: 'synced',
        sednaRecId: recId,
        syncedAt: this.iso(),
        lastError: null,
        nextAttemptAt: null,
        waitingForNetwork: false,
      },
      true,
    )
  }

  startCancel(id: number): boolean {
    return this.transition(id, { lastAttemptAt: this.iso(), attempts: sql`${reservations.attempts} + 1` }, false)
  }

  cancelled(id: number): boolean {
    return this.transition(
      id,
      { status: 'cancelled', cancelledAt: this.iso(), lastError: null, nextAttemptAt: null, waitingForNetwork: false },
      true,
    )
  }

  /** Sedna refused the cancel: the reservation stays synced (it is still there), with the reason. */
  cancelRefused(id: number, message: string): boolean {
    return this.transition(
      id,
      { status: 'synced', cancelRequestedAt: null, lastError: message, nextAttemptAt: null, waitingForNetwork: false },
      true,
    )
  }

  retryLater(id: number, delayMs: number, message: string, waitingForNetwork: boolean): boolean {
    const row = this.get(id)
    const status: ReservationStatus = row?.cancelRequestedAt
      ? 'cancelling'
      : row?.sednaRecId
        ? 'synced'
        : row?.sendStartedAt
          ? 'sending'
          : 'queued'
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
    resolution?: ReservationResolution,
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

  release(id: number): boolean {
    return this.transition(id, {}, true)
  }

  recordAttempt(id: number, a: ReservationAttemptRecord): void {
    this.db
      .insert(reservationAttempts)
      .values({
        reservationId: id,
        startedAt: this.iso(),
        phase: a.phase,
        outcome: a.outcome,
        httpStatus: a.httpStatus ?? null,
        sednaErrorType: a.sednaErrorType ?? null,
        message: a.message ?? null,
        durationMs: a.durationMs ?? null,
        url: a.url ?? null,
        requestBody: a.requestBody ?? null,
        responseBody: a.responseBody ?? null,
      })
      .run()
  }
}
