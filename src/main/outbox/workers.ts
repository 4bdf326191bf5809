/** The two kinds of item the one sync engine works on, each as a SyncWorker (queue + state machine). */
import { syncReservation, type ReservationSyncDeps } from '../reservations/sync'
import type { ReservationQueue } from '../reservations/queue'
import type { ItemOutcome } from './outcome'
import type { SyncQueue } from '../stop-sales/queue'
import { syncStopSale, type SyncDeps } from '../stop-sales/sync'
import type { SyncWorker } from './engine'

export function stopSaleWorker(queue: SyncQueue, deps: Omit<SyncDeps, 'queue'>): SyncWorker {
  const full: SyncDeps = { ...deps, queue }
  return queueWorker('stopSale', queue, (row) => syncStopSale(row, full))
}

export function reservationWorker(queue: ReservationQueue, deps: Omit<ReservationSyncDeps, 'queue'>): SyncWorker {
  const full: ReservationSyncDeps = { ...deps, queue }
  return queueWorker('reservation', queue, (row) => syncReservation(row, full))
}

/** One kind as the engine sees it: claim one due row at a time from its queue and run it through `run`. */
function queueWorker<Row extends { id: number }>(
  kind: SyncWorker['kind'],
  queue: {
    claim(limit: number): Row[]
    retryLater(id: number, delayMs: number, message: string, waitingForNetwork: boolean): boolean
    nextDue(): ReturnType<SyncWorker['nextDue']>
    networkBack(): number
    allDueNow(): number
  },
  run: (row: Row) => Promise<ItemOutcome>,
): SyncWorker {
  return {
    kind,
    claim() {
      const [row] = queue.claim(1)
      if (!row) return undefined
      return {
        id: row.id,
        run: () => run(row),
        crashed: (message) => void queue.retryLater(row.id, 60_000, message, false),
      }
    },
    nextDue: () => queue.nextDue(),
    networkBack: () => queue.networkBack(),
    allDueNow: () => queue.allDueNow(),
  }
}
