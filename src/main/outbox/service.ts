/**
 * What staff ask of the sync, for stop sales and reservations alike: send these, send all pending,
 * cancel this reservation, what is waiting, stop, try now. One engine and one queue discipline serve
 * both kinds; each answer is a summary counting both, its words as codes (views.ts).
 */
import type { CallOutput } from '../../shared/ipc'
import { message, type Message } from '../../shared/messages'
import type { ReservationResolution } from '../../shared/reservations'
import type { ReservationCancelResult, SyncSummary } from '../../shared/sync'
import type { ReservationRow } from '../db/schema'
import type { EventBus } from '../events'
import type { Connectivity } from './connectivity'
import type { SyncEngine } from './engine'
import type { OutboxKind } from './kind'
import { lastErrorOf } from './messages'
import {
  changedEvent,
  selectionKey,
  summarize,
  waitingOf,
  type AnyKind,
  type Selection,
  type ViewContext,
} from './views'

export interface SyncService {
  syncStopSales(ids: readonly number[]): Promise<SyncSummary>
  syncReservations(ids: readonly number[]): Promise<SyncSummary>
  /** Every pending stop sale and every pending reservation. */
  syncAllPending(): Promise<SyncSummary>
  /** Cancel a reservation in Sedna (CancelReservationBySourcId), or locally when it was never sent. */
  cancelReservation(id: number): Promise<ReservationCancelResult>
  /** Where a reservation's cancellation stands now (after it was asked for). */
  cancelState(id: number): ReservationCancelResult
  status(): CallOutput<'sync.status'>
  /** Finish the items in flight, start no new ones (the screen's "stop after the current ones", a signal). */
  stopAfterCurrent(): void
  retryNow(): Promise<CallOutput<'sync.status'>>
  attempts(id: number): CallOutput<'stopSales.attempts'>
  /** The summary of these records as they are now. */
  summarize(ids: Selection): SyncSummary
}

export type CancelRequest = { kind: 'queued' } | { kind: 'cancelled-locally' } | { kind: 'already-cancelled' }

export function createSyncService(deps: {
  stopSales: AnyKind
  reservations: OutboxKind<ReservationRow, ReservationResolution>
  /** Staff asked to cancel: queued for Sedna, cancelled here, or refused (reservations/queue.ts). */
  requestCancel(id: number): CancelRequest
  /** The history of requests for one stop sale. */
  stopSaleAttempts(id: number): CallOutput<'stopSales.attempts'>
  engine: SyncEngine
  /** This process's claim identity. */
  worker: string
  connectivity: Connectivity
  events: EventBus
}): SyncService {
  const { engine, connectivity, events } = deps
  const kinds: readonly AnyKind[] = [deps.stopSales, deps.reservations]
  const context = (): ViewContext => ({
    now: new Date().toISOString(),
    worker: deps.worker,
    connectivity: connectivity.state,
  })

  /** Wakes the engine and waits until it has nothing due (connectivity checked first when it seemed down). */
  async function runEngine() {
    // A press of "Sync" while Sedna seemed down checks again first, instead of trusting an old verdict.
    if (connectivity.state === 'offline' || connectivity.state === 'credentials-rejected') await connectivity.check()
    engine.wake()
    await engine.whenIdle()
  }

  const changed = (ids: Selection) => {
    for (const kind of kinds) {
      const some = ids[selectionKey[kind.kind]]
      if (some.length) events.emit(changedEvent[kind.kind], { ids: [...some] })
    }
  }

  async function send(accepted: Selection, requested: Selection = accepted): Promise<SyncSummary> {
    const ids: Selection = {
      stopSales: [...new Set([...requested.stopSales, ...accepted.stopSales])],
      reservations: [...new Set([...requested.reservations, ...accepted.reservations])],
    }
    changed(accepted)
    await runEngine()
    changed(ids)
    return summarize(kinds, ids, context())
  }

  function status(): CallOutput<'sync.status'> {
    const waitingStopSales = deps.stopSales.queue.waiting()
    const waitingReservations = deps.reservations.queue.waiting()
    return {
      connectivity: connectivity.state,
      running: engine.running,
      waiting: waitingStopSales + waitingReservations,
      waitingStopSales,
      waitingReservations,
      nextAttemptAt: engine.nextDue().nextAt,
    }
  }

  /** The answer to a cancel, from the row as it is now. */
  function cancelAnswer(id: number, request: CancelRequest['kind']): ReservationCancelResult {
    const r = deps.reservations.queue.get(id)!
    let said: Message
    let lastError: Message | null = null
    if (request === 'already-cancelled') said = message('outbox.cancel.already', { id })
    else if (request === 'cancelled-locally') said = message('outbox.cancel.local')
    else if (r.status === 'cancelled')
      said = message('outbox.cancel.done', { recId: r.sednaRecId ?? 0, sourceId: r.sourceId })
    else if (r.status === 'cancelling') {
      said = waitingOf(deps.reservations, r, context()).why
      lastError = lastErrorOf(r)
    } else said = lastErrorOf(r) ?? message('outbox.cancel.notCancelled', { status: r.status })
    return { id, status: r.status, recId: r.sednaRecId, message: said, lastError, connectivity: connectivity.state }
  }

  return {
    syncStopSales: (ids) =>
      send({ stopSales: deps.stopSales.queue.enqueue(ids), reservations: [] }, { stopSales: ids, reservations: [] }),
    syncReservations: (ids) =>
      send({ stopSales: [], reservations: deps.reservations.queue.enqueue(ids) }, { stopSales: [], reservations: ids }),
    syncAllPending: () =>
      send({
        stopSales: deps.stopSales.queue.enqueue('all-pending'),
        reservations: deps.reservations.queue.enqueue('all-pending'),
      }),

    async cancelReservation(id) {
      const request = deps.requestCancel(id)
      events.emit('reservations.changed', { ids: [id] })
      if (request.kind === 'queued') {
        await runEngine()
        events.emit('reservations.changed', { ids: [id] })
      }
      return cancelAnswer(id, request.kind)
    },
    cancelState: (id) => cancelAnswer(id, 'queued'),

    status,
    stopAfterCurrent: () => engine.stopAfterCurrent(),
    async retryNow() {
      engine.allDueNow()
      await connectivity.check()
      engine.wake()
      return status()
    },
    attempts: (id) => deps.stopSaleAttempts(id),
    summarize: (ids) => summarize(kinds, ids, context()),
  }
}
