/**
 * The durable sync queue: the stop_sales rows themselves. Work is claimed atomically (an IMMEDIATE
 * transaction, a lease, the owner's pid) so the app and the command line never send the same stop
 * sale at once; every transition checks the claim is still ours. No network call happens here.
 */
import { randomUUID } from 'node:crypto'

import { and, desc, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm'
import type { Message } from '../../shared/messages'
import { stopSaleQueueStatuses } from '../../shared/queue'
import type { Resolution } from '../../shared/resolution'
import type { SednaFound } from '../../shared/sedna-records'
import type { StopSaleStatus } from '../../shared/stop-sales'
import type { Db } from '../db/database'
import { stopSales, syncAttempts, type StopSaleRow } from '../db/schema'
import { attemptValues, LeasedQueue, type AttemptFields } from '../outbox/leased-queue'
import { lastErrorColumns } from '../outbox/messages'

/** Statuses the engine works on when they are due. */
export const ACTIVE_STATUSES = stopSaleQueueStatuses
/** Statuses a person may send (again) with "Sync". needs_review is excluded: a person must decide first. */
export const SENDABLE_STATUSES = [
  'pending',
  'failed',
  'needs_attention',
  ...ACTIVE_STATUSES,
] as const satisfies StopSaleStatus[]

export { claimable, LEASE_MS, processAlive } from '../outbox/leased-queue'

export interface AttemptRecord extends AttemptFields {
  phase: 'phase1' | 'phase2' | 'lookup' | 'login' | 'resolve'
}

export class SyncQueue extends LeasedQueue<typeof stopSales> {
  constructor(db: Db, now: () => Date = () => new Date()) {
    // pid:token — the pid lets another process see that a crashed owner's claims are free.
    super(db, stopSales, ACTIVE_STATUSES, `${process.pid}:${randomUUID().slice(0, 8)}`, now)
  }

  /** Marks stop sales to be sent now: phase 2 only when a RecId is stored. Returns the ids accepted. */
  enqueue(ids: readonly number[] | 'all-pending'): number[] {
    return this.markToSend(
      ids,
      SENDABLE_STATUSES,
      { id: stopSales.id, status: stopSales.status, recId: stopSales.sednaRecId },
      (r) => ({
        status: ACTIVE_STATUSES.includes(r.status as never) ? r.status : r.recId ? 'created' : 'queued',
        due: true,
        // A synced one sent again (phase 2 repeated) keeps what it said before until it is sent.
        keepError: r.status === 'synced',
      }),
    )
  }

  /** Committed before phase 1 goes out: from here on, a missing RecId means "look before sending". */
  startPhase1(id: number, s: { profileId: number; declareDate: string; resolution: Resolution }): boolean {
    const now = this.iso()
    return this.startAttempt(id, { status: 'creating', ...s, phase1SentAt: now }, now)
  }

  /** The RecId is committed before phase 2 is sent. */
  storeRecId(id: number, recId: number): boolean {
    return this.transition(id, { status: 'created', sednaRecId: recId }, false)
  }

  startPhase2(id: number): boolean {
    return this.startAttempt(id, { status: 'updating' })
  }

  /** Lookup proved phase 1 never landed: it is safe to create again. */
  clearPhase1(id: number): boolean {
    return this.transition(id, { phase1SentAt: null, status: 'queued' }, false)
  }

  /**
   * Found already in Sedna before its first send: its RecId taken, nothing written there. 'taken': another
   * local record of this account holds that RecId already (one Sedna record is never adopted twice).
   */
  adopt(
    id: number,
    found: SednaFound,
    sent: { profileId: number; declareDate: string; resolution: Resolution },
  ): 'adopted' | 'taken' | 'lost' {
    return this.db.transaction(
      (tx) => {
        const holder = tx
          .select({ id: stopSales.id })
          .from(stopSales)
          .where(
            and(eq(stopSales.profileId, sent.profileId), eq(stopSales.sednaRecId, found.recId), ne(stopSales.id, id)),
          )
          .get()
        if (holder) return 'taken'
        const done = this.transition(
          id,
          {
            ...sent,
            status: 'synced',
            sednaRecId: found.recId,
            sednaFound: found,
            syncedAt: this.iso(),
            ...lastErrorColumns(null),
            nextAttemptAt: null,
            waitingForNetwork: false,
          },
          true,
        )
        return done ? 'adopted' : 'lost'
      },
      { behavior: 'immediate' },
    )
  }

  /** The body phase 1 last went out with, as stored with its attempt (undefined: none stored). */
  sentPhase1Body(id: number): string | undefined {
    return (
      this.db
        .select({ body: syncAttempts.requestBody })
        .from(syncAttempts)
        .where(
          and(eq(syncAttempts.stopSaleId, id), eq(syncAttempts.phase, 'phase1'), isNotNull(syncAttempts.requestBody)),
        )
        .orderBy(desc(syncAttempts.id))
        .get()?.body ?? undefined
    )
  }

  /** Which of `recIds` other stop sales of the account hold already. */
  recIdsHeld(profileId: number, recIds: readonly number[], exceptId: number): Set<number> {
    if (!recIds.length) return new Set()
    const rows = this.db
      .select({ recId: stopSales.sednaRecId })
      .from(stopSales)
      .where(
        and(eq(stopSales.profileId, profileId), inArray(stopSales.sednaRecId, [...recIds]), ne(stopSales.id, exceptId)),
      )
      .all()
    return new Set(rows.map((r) => r.recId!))
  }

  /** The nights the account's waiting stop sales at this hotel cover: one look in Sedna serves them all. */
  waitingSpan(row: StopSaleRow): { from: string; to: string } {
    const span = this.db
      .select({ from: sql<string>`min(${stopSales.firstNight})`, to: sql<string>`max(${stopSales.lastNight})` })
      .from(stopSales)
      .where(
        and(
          eq(stopSales.hotelKey, row.hotelKey ?? ''),
          inArray(stopSales.status, [...ACTIVE_STATUSES]),
          isNull(stopSales.sednaRecId),
        ),
      )
      .get()
    return {
      from: span?.from && span.from < row.firstNight ? span.from : row.firstNight,
      to: span?.to && span.to > row.lastNight ? span.to : row.lastNight,
    }
  }

  /** This desk's notices of the other kind at the row's hotel over its nights, not yet in Sedna. */
  localOpposites(row: StopSaleRow): StopSaleRow[] {
    return this.db
      .select()
      .from(stopSales)
      .where(
        and(
          eq(stopSales.hotelKey, row.hotelKey ?? ''),
          ne(stopSales.kind, row.kind),
          isNull(stopSales.sednaRecId),
          sql`${stopSales.firstNight} <= ${row.lastNight} and ${stopSales.lastNight} >= ${row.firstNight}`,
        ),
      )
      .all()
  }

  synced(id: number): boolean {
    return this.transition(
      id,
      {
        status: 'synced',
        syncedAt: this.iso(),
        ...lastErrorColumns(null),
        nextAttemptAt: null,
        waitingForNetwork: false,
      },
      true,
    )
  }

  retryLater(id: number, delayMs: number, message: Message, waitingForNetwork: boolean): boolean {
    const row = this.get(id)
    const status: StopSaleStatus = row?.sednaRecId ? 'created' : row?.phase1SentAt ? 'creating' : 'queued'
    return this.retryAs(id, status, delayMs, message, waitingForNetwork)
  }

  recordAttempt(id: number, a: AttemptRecord): void {
    this.db
      .insert(syncAttempts)
      .values({ stopSaleId: id, ...attemptValues(a, this.iso()) })
      .run()
  }
}
