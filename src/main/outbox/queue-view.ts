/**
 * The outbox as staff see it, both kinds in one list: what waits to go to Sedna, why, when it is tried
 * next, what is parked for a person — and "try now" for records of either kind. Reads the rows the
 * queues are made of and writes only their next-attempt time, as the queue's own "try all now" does.
 */
import type { CallOutput } from '../../shared/ipc'
import type { QueueItem, QueueRef } from '../../shared/queue'
import type { Db } from '../db/database'
import type { EventBus } from '../events'
import type { Connectivity } from './connectivity'
import type { SyncEngine } from './engine'
import { changedEvent, queueItem, type AnyKind, type ViewContext } from './views'

export interface QueueViewService {
  list(q: { limit: number; offset: number }): CallOutput<'queue.list'>
  /** Makes these waiting records due now, checks Sedna when it seemed down, and wakes the sync. */
  tryNow(refs: readonly QueueRef[]): Promise<CallOutput<'queue.tryNow'>>
}

export function createQueueViewService(deps: {
  db: Db
  /** The kinds, in the order the engine takes turns (stop sales first). */
  kinds: readonly AnyKind[]
  engine: Pick<SyncEngine, 'wake' | 'running' | 'nextDue'>
  /** This process's claim identity: its own claims are "sending". */
  worker: string
  connectivity: Pick<Connectivity, 'state' | 'check'>
  events: EventBus
  now?: () => Date
}): QueueViewService {
  const { db, kinds, engine, connectivity, events } = deps
  const now = deps.now ?? (() => new Date())
  const byName = (name: QueueRef['kind']) => kinds.find((k) => k.kind === name)!

  return {
    list({ limit, offset }) {
      const ctx: ViewContext = { now: now().toISOString(), worker: deps.worker, connectivity: connectivity.state }
      // One read transaction: the page, the totals and the parked counts agree with each other.
      return db.transaction(() => {
        // Each kind's first offset+limit in the sync's order (next try first, none yet = at once), merged.
        const keys = kinds.flatMap((kind, turn) =>
          kind.queue.waitingKeys(offset + limit).map((k) => ({ kind, turn, ...k })),
        )
        keys.sort(
          (a, b) => (a.nextAttemptAt ?? '').localeCompare(b.nextAttemptAt ?? '') || a.turn - b.turn || a.id - b.id,
        )
        const page = keys.slice(offset, offset + limit)
        const items: QueueItem[] = []
        for (const kind of kinds) {
          const rows = new Map(
            kind.queue.rowsByIds(page.filter((k) => k.kind === kind).map((k) => k.id)).map((r) => [r.id, r]),
          )
          for (const k of page) if (k.kind === kind && rows.has(k.id)) items.push(queueItem(kind, rows.get(k.id)!, ctx))
        }
        const order = new Map(page.map((k, i) => [`${k.kind.kind}:${k.id}`, i]))
        items.sort((a, b) => order.get(`${a.kind}:${a.id}`)! - order.get(`${b.kind}:${b.id}`)!)
        const waitingStopSales = byName('stopSale').queue.waiting()
        const waitingReservations = byName('reservation').queue.waiting()
        return {
          items,
          total: waitingStopSales + waitingReservations,
          waitingStopSales,
          waitingReservations,
          parked: {
            stopSales: byName('stopSale').queue.parkedCounts(),
            reservations: byName('reservation').queue.parkedCounts(),
          },
          nextAttemptAt: engine.nextDue().nextAt,
          connectivity: ctx.connectivity,
          running: engine.running,
        }
      })
    },

    async tryNow(refs) {
      const due: QueueRef[] = []
      for (const kind of kinds) {
        const moved = kind.queue.dueNow(refs.filter((r) => r.kind === kind.kind).map((r) => r.id))
        if (moved.length) events.emit(changedEvent[kind.kind], { ids: moved })
        due.push(...moved.map((id) => ({ kind: kind.kind, id })))
      }
      // As "try all now" does: a Sedna that seemed down is asked again now (when it answers, everything
      // that waited for it becomes due), then the sync is woken; the answer does not wait for the sending.
      if (due.length && connectivity.state !== 'online') await connectivity.check()
      engine.wake()
      return { due, connectivity: connectivity.state }
    },
  }
}
