/**
 * The durable queue of reservations: the `reservations` rows themselves, claimed exactly as stop sales
 * are (an IMMEDIATE transaction, a lease, the owner's pid — see sync/queue.ts), so the app and the
 * command line never send or cancel the same reservation at once. Every transition checks that the
 * claim is still ours. No network call happens here.
 */
import { and, eq, ne } from 'drizzle-orm'
import { message, type Message } from '../../shared/messages'
import { reservationQueueStatuses } from '../../shared/queue'
import type { ReservationResolution, ReservationStatus, SednaReservationFound } from '../../shared/reservations'
import type { Db } from '../db/database'
import { reservationAttempts, reservations } from '../db/schema'
import { AppFailure } from '../errors'
import { attemptValues, claimable, LeasedQueue, type AttemptFields } from '../outbox/leased-queue'
import { attemptMessageColumns, lastErrorColumns } from '../outbox/messages'
import { parkedByFirstLook, storedSednaFound } from './sedna-version'

/** Statuses the engine works on when they are due. */
export const RESERVATION_ACTIVE = reservationQueueStatuses
/**
 * Statuses a person may send (again) with "Sync". needs_review is excluded: a person must decide first
 * (for one the look before its first send parked: "send ours anyway", `decideToSendAnyway`).
 */
export const RESERVATION_SENDABLE = [
  'pending',
  'failed',
  'needs_attention',
  ...RESERVATION_ACTIVE,
] as const satisfies ReservationStatus[]

export interface ReservationAttemptRecord extends AttemptFields {
  phase: 'send' | 'lookup' | 'cancel' | 'login' | 'resolve'
  url?: string | undefined
}

/** The other reservation of this app that holds `sourceId` (the column is unique), if any. */
export function sourceIdHolder(db: Db, sourceId: string, exceptId: number): number | undefined {
  return db
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.sourceId, sourceId), ne(reservations.id, exceptId)))
    .get()?.id
}

/**
 * A person compared ours with Sedna's version and chose to send ours anyway: back to pending (the next
 * Sync sends it), the decision stored with what they saw (sedna_found), so the next look sets those
 * versions aside and never parks it again for them. Only for a reservation the look before its first
 * send parked (never sent, no RecId); anything else is refused and nothing changes.
 */
export function decideToSendAnyway(db: Db, id: number, now = new Date().toISOString()): void {
  db.transaction(
    (tx) => {
      const row = tx.select().from(reservations).where(eq(reservations.id, id)).get()
      if (!row) throw AppFailure.coded('not-found', message('record.reservationNotFound', { id }))
      if (!parkedByFirstLook(row)) {
        throw AppFailure.coded('conflict', message('outbox.sendAnyway.notAsked', { id, voucher: row.voucherNo }))
      }
      const seen = storedSednaFound(row.sednaFound)
      const decided: SednaReservationFound = {
        ...(seen ?? { seenAt: now, outcome: 'review', reservations: [] }),
        sendAnywayAt: now,
      }
      tx.update(reservations)
        .set({ status: 'pending', sednaFound: decided, ...lastErrorColumns(null), nextAttemptAt: null, updatedAt: now })
        .where(eq(reservations.id, id))
        .run()
    },
    { behavior: 'immediate' },
  )
}

export type CancelRequest = { kind: 'queued' } | { kind: 'cancelled-locally' } | { kind: 'already-cancelled' }

export class ReservationQueue extends LeasedQueue<typeof reservations> {
  constructor(
    db: Db,
    /** The process's worker identity (shared with the stop-sale queue). */
    worker: string,
    now: () => Date = () => new Date(),
  ) {
    super(db, reservations, RESERVATION_ACTIVE, worker, now)
  }

  /** Marks reservations to be sent (or their cancel to be sent) now. Returns the ids accepted. */
  enqueue(ids: readonly number[] | 'all-pending'): number[] {
    return this.markToSend(
      ids,
      RESERVATION_SENDABLE,
      {
        id: reservations.id,
        status: reservations.status,
        recId: reservations.sednaRecId,
        sendStartedAt: reservations.sendStartedAt,
        cancelRequestedAt: reservations.cancelRequestedAt,
      },
      (r) => {
        // In Sedna already and no cancel asked for: nothing to send (never a second InsertReservation).
        const status = r.cancelRequestedAt
          ? 'cancelling'
          : r.recId !== null
            ? 'synced'
            : r.sendStartedAt
              ? 'sending'
              : 'queued'
        return { status, due: status !== 'synced', keepError: status === 'synced' }
      },
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
        if (!row) throw AppFailure.coded('not-found', message('record.reservationNotFound', { id }))
        if (row.status === 'cancelled') return { kind: 'already-cancelled' }
        if (row.sednaRecId !== null) {
          tx.update(reservations)
            .set({
              status: 'cancelling',
              cancelRequestedAt: row.cancelRequestedAt ?? now,
              nextAttemptAt: now,
              waitingForNetwork: false,
              ...lastErrorColumns(null),
              updatedAt: now,
            })
            .where(eq(reservations.id, id))
            .run()
          return { kind: 'queued' }
        }
        const claimed = row.claimedBy !== null && row.leaseUntil !== null && !claimable(row, now, this.worker)
        // needs_review with no send started: parked by the look before its first send (ours never went out).
        const neverSent =
          row.sendStartedAt === null &&
          ['pending', 'queued', 'failed', 'needs_attention', 'needs_review'].includes(row.status)
        if (neverSent && !claimed) {
          tx.update(reservations)
            .set({
              status: 'cancelled',
              cancelRequestedAt: now,
              cancelledAt: now,
              nextAttemptAt: null,
              ...lastErrorColumns(null),
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
              ...attemptMessageColumns(message('outbox.attempt.cancelledLocally')),
            })
            .run()
          return { kind: 'cancelled-locally' }
        }
        throw AppFailure.coded(
          'conflict',
          message(row.status === 'needs_review' ? 'outbox.cancel.checkFirst' : 'outbox.cancel.beingSent', {
            id,
            voucher: row.voucherNo,
          }),
        )
      },
      { behavior: 'immediate' },
    )
  }

  // ---- transitions: each one checks the claim is still ours (LeasedQueue.transition) -----------

  /**
   * Committed before InsertReservation goes out: from here on a missing RecId means "look it up first".
   * The SourceId it goes out with is frozen here (source-id.ts).
   */
  startSend(
    id: number,
    s: { profileId: number; operatorId: number; resolution: ReservationResolution; sourceId: string },
  ): boolean {
    const now = this.iso()
    return this.startAttempt(id, { status: 'sending', ...s, sendStartedAt: now }, now)
  }

  sourceIdHolder(sourceId: string, exceptId: number): number | undefined {
    return sourceIdHolder(this.db, sourceId, exceptId)
  }

  /** What the look before the first send found, kept for the person who compares (the claim is kept). */
  noteSednaFound(id: number, found: SednaReservationFound): boolean {
    return this.transition(id, { sednaFound: found }, false)
  }

  /**
   * The look before the first send found the same booking in Sedna: its RecId (and its SourceId, the
   * handle a cancel needs) taken, with the account and ids it was compared with. Nothing was booked.
   */
  adopted(
    id: number,
    a: {
      recId: number
      profileId: number
      operatorId: number
      resolution: ReservationResolution
      sourceId: string
      found: SednaReservationFound
    },
  ): boolean {
    return this.transition(
      id,
      {
        status: 'synced',
        sednaRecId: a.recId,
        profileId: a.profileId,
        operatorId: a.operatorId,
        resolution: a.resolution,
        sourceId: a.sourceId,
        sednaFound: a.found,
        syncedAt: this.iso(),
        ...lastErrorColumns(null),
        nextAttemptAt: null,
        waitingForNetwork: false,
      },
      true,
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
        ...lastErrorColumns(null),
        nextAttemptAt: null,
        waitingForNetwork: false,
      },
      true,
    )
  }

  startCancel(id: number): boolean {
    return this.startAttempt(id, {})
  }

  cancelled(id: number): boolean {
    return this.transition(
      id,
      {
        status: 'cancelled',
        cancelledAt: this.iso(),
        ...lastErrorColumns(null),
        nextAttemptAt: null,
        waitingForNetwork: false,
      },
      true,
    )
  }

  /** Sedna refused the cancel: the reservation stays synced (it is still there), with the reason. */
  cancelRefused(id: number, reason: Message): boolean {
    return this.transition(
      id,
      {
        status: 'synced',
        cancelRequestedAt: null,
        ...lastErrorColumns(reason),
        nextAttemptAt: null,
        waitingForNetwork: false,
      },
      true,
    )
  }

  retryLater(id: number, delayMs: number, message: Message, waitingForNetwork: boolean): boolean {
    const row = this.get(id)
    const status: ReservationStatus = row?.cancelRequestedAt
      ? 'cancelling'
      : row?.sednaRecId
        ? 'synced'
        : row?.sendStartedAt
          ? 'sending'
          : 'queued'
    return this.retryAs(id, status, delayMs, message, waitingForNetwork)
  }

  recordAttempt(id: number, a: ReservationAttemptRecord): void {
    this.db
      .insert(reservationAttempts)
      .values({ reservationId: id, ...attemptValues(a, this.iso()), url: a.url ?? null })
      .run()
  }
}
