/** What staff ask of the sync: send these, send all pending, what is waiting, stop, try now. */
import { asc, count, inArray } from 'drizzle-orm'
import type { CallOutput } from '../../shared/ipc'
import type { SyncSummary } from '../../shared/sync'
import type { Db } from '../db/database'
import { stopSales } from '../db/schema'
import { attemptsOf } from './attempts'
import type { Connectivity } from '../sync/connectivity'
import { ACTIVE_STATUSES, type SyncQueue } from '../sync/queue'
import type { SyncEngine } from '../sync/sync-engine'
import type { EventBus } from '../events'

export interface SyncService {
  syncStopSales(ids: readonly number[]): Promise<SyncSummary>
  syncAllPending(): Promise<SyncSummary>
  status(): CallOutput<'sync.status'>
  stopAfterCurrent(): void
  retryNow(): Promise<CallOutput<'sync.status'>>
  attempts(id: number): CallOutput<'stopSales.attempts'>
}

export function createSyncService(deps: {
  db: Db
  queue: SyncQueue
  engine: SyncEngine
  connectivity: Connectivity
  events: EventBus
}): SyncService {
  const { db, queue, engine, connectivity, events } = deps

  async function send(accepted: number[], requested: readonly number[] = accepted): Promise<SyncSummary> {
    const ids = [...new Set([...requested, ...accepted])]
    if (accepted.length) events.emit('stopSales.changed', { ids: accepted })
    // A press of "Sync" while Sedna seemed down checks again first, instead of trusting an old verdict.
    if (connectivity.state === 'offline' || connectivity.state === 'credentials-rejected') await connectivity.check()
    engine.wake()
    await engine.whenIdle()
    events.emit('stopSales.changed', { ids })
    return summarize(ids)
  }

  function summarize(ids: readonly number[]): SyncSummary {
    const rows = ids.length
      ? db
          .select()
          .from(stopSales)
          .where(inArray(stopSales.id, [...ids]))
          .orderBy(asc(stopSales.id))
          .all()
      : []
    const summary: SyncSummary = {
      synced: 0,
      failed: 0,
      queued: 0,
      needsAttention: 0,
      needsReview: 0,
      connectivity: connectivity.state,
      results: [],
    }
    for (const r of rows) {
      let message = r.lastError
      if (r.status === 'synced') summary.synced++
      else if (r.status === 'failed') summary.failed++
      else if (r.status === 'needs_attention') summary.needsAttention++
      else if (r.status === 'needs_review') summary.needsReview++
      else if ((ACTIVE_STATUSES as readonly string[]).includes(r.status)) {
        summary.queued++
        message =
          r.waitingForNetwork || connectivity.state === 'offline'
            ? `Sedna is not reachable; it will be sent automatically when Sedna answers again. (${r.lastError ?? 'no answer'})`
            : `Waiting to be tried again${r.nextAttemptAt ? ` at ${r.nextAttemptAt}` : ''}. ${r.lastError ?? ''}`.trim()
      }
      summary.results.push({ id: r.id, status: r.status, recId: r.sednaRecId, message })
    }
    return summary
  }

  function status(): CallOutput<'sync.status'> {
    const waiting =
      db
        .select({ n: count() })
        .from(stopSales)
        .where(inArray(stopSales.status, [...ACTIVE_STATUSES]))
        .get()?.n ?? 0
    return { connectivity: connectivity.state, running: engine.running, waiting, nextAttemptAt: queue.nextDue().nextAt }
  }

  return {
    syncStopSales: (ids) => send(queue.enqueue(ids), ids),
    syncAllPending: () => send(queue.enqueue('all-pending')),
    status,
    stopAfterCurrent: () => engine.stopAfterCurrent(),
    async retryNow() {
      queue.allDueNow()
      await connectivity.check()
      engine.wake()
      return status()
    },
    attempts: (id) => attemptsOf(db, id),
  }
}
