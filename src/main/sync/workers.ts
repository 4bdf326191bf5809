/** The two kinds of item the one sync engine works on, each as a SyncWorker (queue + state machine). */
import { syncReservation, type ReservationSyncDeps } from '../reservations/sync'
import type { ReservationQueue } from '../reservations/queue'
import type { SyncQueue } from './queue'
import { syncStopSale, type SyncDeps } from './stop-sale-sync'
import type { SyncWorker } from './sync-engine'

export function stopSaleWorker(queue: SyncQueue, deps: Omit<SyncDeps, 'queue'>): SyncWorker {
  const full: SyncDeps = { ...deps, queue }
  return {
    kind: 'stopSale',
    claim() {
      const [row] = queue.claim(1)
      if (!row) return undefined
      return {
        id: row.id,
        run: () => syncStopSale(row, full),
        crashed: (message) => void queue.retryLater(row.id, 60_000, message, false),
      }
    },
    nextDue: () => queue.nextDue(),
    networkBack: () => queue.networkBack(),
    allDueNow: () => queue.allDueNow(),
  }
}

export function reservationWorker(queue: ReservationQueue, deps: Omit<ReservationSyncDeps, 'queue'>): SyncWorker {
  const full: ReservationSyncDeps = { ...deps, queue }
  return {
    kind: 'reservation',
    claim() {
      const [row] = queue.claim(1)
      if (!row) return undefined
      return {
        id: row.id,
        run: () => syncReservation(row, full),
        crashed: (message) => void queue.retryLater(row.id, 60_000, message, false),
      }
    },
    nextDue: () => queue.nextDue(),
    networkBack: () => queue.networkBack(),
    allDueNow: () => queue.allDueNow(),
  }
}
