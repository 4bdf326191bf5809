/**
 * What the background decisions (decide.ts) look at, read from the app context's services: how much
 * waits to be sent, whether a sync runs, whether Sedna answers, and the remembered close choice.
 */
import { count, eq } from 'drizzle-orm'
import type { CloseAction } from '../../shared/settings'
import type { AppContext } from '../app-context'
import { reservations, stopSales } from '../db/schema'
import type { ConnectivityState } from '../outbox/connectivity'

export interface BackgroundState {
  /** Items the engine will send (queued, or part-way there): these are what closing the window would stop. */
  waiting: number
  /** Imported but never asked to be sent ("Sync all pending" sends them); they do not hold the window open. */
  pending: number
  syncRunning: boolean
  connectivity: ConnectivityState
  closeAction: CloseAction
}

export function backgroundState(ctx: Pick<AppContext, 'database' | 'services'>): BackgroundState {
  const status = ctx.services.sync.status()
  const db = ctx.database.db
  const pendingStopSales =
    db.select({ n: count() }).from(stopSales).where(eq(stopSales.status, 'pending')).get()?.n ?? 0
  const pendingReservations =
    db.select({ n: count() }).from(reservations).where(eq(reservations.status, 'pending')).get()?.n ?? 0
  return {
    waiting: status.waiting,
    pending: pendingStopSales + pendingReservations,
    syncRunning: status.running,
    connectivity: status.connectivity,
    closeAction: ctx.services.settings.get().closeAction,
  }
}
