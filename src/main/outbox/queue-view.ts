/**
 * The sync queue as staff see it: what waits to go to Sedna, why, when it is tried next — and "try
 * now" for some of it. Reads the stop_sales rows the queue is made of (src/main/sync/queue.ts) and
 * writes only their next-attempt time, as the queue's own "try all now" does.
 */
import { and, asc, count, inArray } from 'drizzle-orm'
import type { CallOutput } from '../../shared/ipc'
import type { QueueItem } from '../../shared/queue'
import type { Db } from '../db/database'
import { stopSales, type StopSaleRow } from '../db/schema'
import type { EventBus } from '../events'
import type { Connectivity } from './connectivity'
import { waitingState } from './leased-queue'
import { ACTIVE_STATUSES } from '../stop-sales/queue'
import type { SyncEngine } from './engine'

export interface QueueViewService {
  list(q: { limit: number; offset: number }): CallOutput<'queue.list'>
  /** Makes these waiting stop sales due now, checks Sedna when it seemed down, and wakes the sync. */
  tryNow(ids: readonly number[]): Promise<CallOutput<'queue.tryNow'>>
}

export function createQueueViewService(deps: {
  db: Db
  engine: Pick<SyncEngine, 'wake' | 'running'>
  /** This process's claim identity (SyncQueue.worker): its own claims are "sending". */
  worker: string
  connectivity: Pick<Connectivity, 'state' | 'check'>
  events: EventBus
  now?: () => Date
}): QueueViewService {
  const { db, engine, connectivity, events } = deps
  const now = deps.now ?? (() => new Date())
  const waiting = inArray(stopSales.status, [...ACTIVE_STATUSES])

  return {
    list({ limit, offset }) {
      const at = now().toISOString()
      const { rows, total } = db.transaction(() => ({
        // The order the sync claims them in (queue.ts): next attempt first (none yet = at once), then id.
        rows: db
          .select()
          .from(stopSales)
          .where(waiting)
          .orderBy(asc(stopSales.nextAttemptAt), asc(stopSales.id))
          .limit(limit)
          .offset(offset)
          .all(),
        total: db.select({ n: count() }).from(stopSales).where(waiting).get()?.n ?? 0,
      }))
      return {
        items: rows.map((r) => toQueueItem(r, at, deps.worker)),
        total,
        connectivity: connectivity.state,
        running: engine.running,
      }
    },

    async tryNow(ids) {
      const due = now().toISOString()
      const moved = db
        .update(stopSales)
        .set({ nextAttemptAt: due })
        .where(and(inArray(stopSales.id, [...ids]), waiting))
        .returning({ id: stopSales.id })
        .all()
        .map((r) => r.id)
      if (moved.length) events.emit('stopSales.changed', { ids: moved })
      // As "try all now" does: a Sedna that seemed down is asked again now (when it answers, everything
      // that waited for it becomes due), then the sync is woken; the answer does not wait for the sending.
      if (moved.length && connectivity.state !== 'online') await connectivity.check()
      engine.wake()
      return { due: moved, connectivity: connectivity.state }
    },
  }
}

function toQueueItem(r: StopSaleRow, now: string, worker: string): QueueItem {
  return {
    id: r.id,
    hotelName: r.hotelName,
    firstNight: r.firstNight,
    lastNight: r.lastNight,
    kind: r.kind,
    roomCodes: r.roomCodes,
    boardCodes: r.boardCodes,
    status: r.status,
    state: waitingState(r, now, worker),
    sednaRecId: r.sednaRecId,
    attempts: r.attempts,
    lastError: r.lastError,
    lastAttemptAt: r.lastAttemptAt,
    nextAttemptAt: r.nextAttemptAt,
  }
}
