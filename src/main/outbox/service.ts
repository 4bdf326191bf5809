/**
 * What staff ask of the sync, for stop sales and reservations alike: send these, send all pending,
 * cancel this reservation, what is waiting, stop, try now. One engine and one queue discipline serve
 * both kinds; each answer is a summary counting both.
 */
import { asc, count, inArray } from 'drizzle-orm'
import type { CallOutput } from '../../shared/ipc'
import type { ReservationCancelResult, SyncSummary } from '../../shared/sync'
import type { Db } from '../db/database'
import { reservations, stopSales } from '../db/schema'
import { attemptsOf } from '../stop-sales/attempts'
import type { Connectivity } from './connectivity'
import { ACTIVE_STATUSES, type SyncQueue } from '../stop-sales/queue'
import { emptyKindCounts, tallyRows } from './summary'
import type { SyncEngine } from './engine'
import type { EventBus } from '../events'
import type { ReservationQueue } from '../reservations/queue'

export interface SyncService {
  syncStopSales(ids: readonly number[]): Promise<SyncSummary>
  syncReservations(ids: readonly number[]): Promise<SyncSummary>
  /** Every pending stop sale and every pending reservation. */
  syncAllPending(): Promise<SyncSummary>
  /** Cancel a reservation in Sedna (CancelReservationBySourcId), or locally when it was never sent. */
  cancelReservation(id: number): Promise<ReservationCancelResult>
  status(): CallOutput<'sync.status'>
  stopAfterCurrent(): void
  retryNow(): Promise<CallOutput<'sync.status'>>
  attempts(id: number): CallOutput<'stopSales.attempts'>
}

interface Ids {
  stopSales: readonly number[]
  reservations: readonly number[]
}

export function createSyncService(deps: {
  db: Db
  queue: SyncQueue
  reservationQueue: ReservationQueue
  engine: SyncEngine
  connectivity: Connectivity
  events: EventBus
}): SyncService {
  const { db, queue, reservationQueue, engine, connectivity, events } = deps

  /** Wakes the engine and waits until it has nothing due (connectivity checked first when it seemed down). */
  async function runEngine() {
    // A press of "Sync" while Sedna seemed down checks again first, instead of trusting an old verdict.
    if (connectivity.state === 'offline' || connectivity.state === 'credentials-rejected') await connectivity.check()
    engine.wake()
    await engine.whenIdle()
  }

  async function send(accepted: Ids, requested: Ids = accepted): Promise<SyncSummary> {
    const ids: Ids = {
      stopSales: [...new Set([...requested.stopSales, ...accepted.stopSales])],
      reservations: [...new Set([...requested.reservations, ...accepted.reservations])],
    }
    if (accepted.stopSales.length) events.emit('stopSales.changed', { ids: [...accepted.stopSales] })
    if (accepted.reservations.length) events.emit('reservations.changed', { ids: [...accepted.reservations] })
    await runEngine()
    if (ids.stopSales.length) events.emit('stopSales.changed', { ids: [...ids.stopSales] })
    if (ids.reservations.length) events.emit('reservations.changed', { ids: [...ids.reservations] })
    return summarize(ids)
  }

  function waitingMessage(r: { waitingForNetwork: boolean; lastError: string | null; nextAttemptAt: string | null }) {
    return r.waitingForNetwork || connectivity.state === 'offline'
      ? `Sedna is not reachable; it will be sent automatically when Sedna answers again. (${r.lastError ?? 'no answer'})`
      : `Waiting to be tried again${r.nextAttemptAt ? ` at ${r.nextAttemptAt}` : ''}. ${r.lastError ?? ''}`.trim()
  }

  function summarize(ids: Ids): SyncSummary {
    const summary: SyncSummary = {
      synced: 0,
      failed: 0,
      queued: 0,
      needsAttention: 0,
      needsReview: 0,
      connectivity: connectivity.state,
      results: [],
      stopSales: emptyKindCounts(),
      reservations: emptyKindCounts(),
      reservationResults: [],
      errors: [],
    }
    const stopRows = ids.stopSales.length
      ? db
          .select()
          .from(stopSales)
          .where(inArray(stopSales.id, [...ids.stopSales]))
          .orderBy(asc(stopSales.id))
          .all()
      : []
    const resRows = ids.reservations.length
      ? db
          .select()
          .from(reservations)
          .where(inArray(reservations.id, [...ids.reservations]))
          .orderBy(asc(reservations.id))
          .all()
      : []
    tallyRows(
      summary,
      { stopSales: stopRows, reservations: resRows },
      { stopSale: waitingMessage, reservation: waitingMessage },
    )
    return summary
  }

  function status(): CallOutput<'sync.status'> {
    const waitingStopSales =
      db
        .select({ n: count() })
        .from(stopSales)
        .where(inArray(stopSales.status, [...ACTIVE_STATUSES]))
        .get()?.n ?? 0
    const waitingReservations = reservationQueue.waiting()
    return {
      connectivity: connectivity.state,
      running: engine.running,
      waiting: waitingStopSales + waitingReservations,
      waitingStopSales,
      waitingReservations,
      nextAttemptAt: engine.nextDue().nextAt,
    }
  }

  return {
    syncStopSales: (ids) =>
      send({ stopSales: queue.enqueue(ids), reservations: [] }, { stopSales: ids, reservations: [] }),
    syncReservations: (ids) =>
      send({ stopSales: [], reservations: reservationQueue.enqueue(ids) }, { stopSales: [], reservations: ids }),
    syncAllPending: () =>
      send({ stopSales: queue.enqueue('all-pending'), reservations: reservationQueue.enqueue('all-pending') }),

    async cancelReservation(id) {
      const request = reservationQueue.requestCancel(id)
      events.emit('reservations.changed', { ids: [id] })
      if (request.kind === 'queued') {
        await runEngine()
        events.emit('reservations.changed', { ids: [id] })
      }
      const r = reservationQueue.get(id)!
      let message: string
      if (request.kind === 'already-cancelled') message = `Reservation #${id} was already cancelled.`
      else if (request.kind === 'cancelled-locally')
        message = 'Cancelled. It had never been sent to Sedna, so nothing was cancelled there.'
      else if (r.status === 'cancelled') message = `Cancelled in Sedna (RecId ${r.sednaRecId}, SourceId ${r.sourceId}).`
      else if (r.status === 'cancelling') {
        message =
          r.waitingForNetwork || connectivity.state === 'offline'
            ? 'Sedna is not reachable; the cancellation will be sent automatically when Sedna answers again.'
            : `The cancellation will be tried again${r.nextAttemptAt ? ` at ${r.nextAttemptAt}` : ''}. ${r.lastError ?? ''}`.trim()
      } else message = r.lastError ?? `Not cancelled (status ${r.status}).`
      return { id, status: r.status, recId: r.sednaRecId, message, connectivity: connectivity.state }
    },

    status,
    stopAfterCurrent: () => engine.stopAfterCurrent(),
    async retryNow() {
      engine.allDueNow()
      await connectivity.check()
      engine.wake()
      return status()
    },
    attempts: (id) => attemptsOf(db, id),
  }
}
