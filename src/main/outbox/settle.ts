/**
 * "Send these and wait until each settles" — the command line's sync, queue flush and cancel, as one
 * service: the sync service answers when this process's engine is idle, but a command must also wait
 * for items another process (the app, a second `sync`) is sending, and for retries that fall due soon.
 * An item is settled once it is synced (or cancelled), parked for a person, queued because Sedna is
 * unreachable, or its next try is later than the caller will wait. The answer is the sync summary of
 * those items (views.ts: the same words as the app's) and how many items this process's engine handled.
 */
import type { ReservationCancelResult, SyncSummary } from '../../shared/sync'
import type { Connectivity } from './connectivity'
import type { SyncEngine } from './engine'
import { liveClaimOwner } from './claims'
import type { SyncService } from './service'
import { selectionKey, type AnyKind, type Selection } from './views'

export interface WaitOptions {
  /** The longest wait for retries that fall due and for items another process holds. */
  maxWaitMs: number
  /** How often the rows are read again while waiting (default 200 ms). */
  pollMs?: number
  /** A signal asked the command to stop: stop waiting now (the items in flight finish first). */
  stopped?: () => boolean
}

/** A sync summary plus how many items (both kinds) this process's engine worked on. */
export type SettledSummary = SyncSummary & { handledHere: number }

export interface OutboxCommands {
  /** The ids of these that do not exist (per kind). */
  unknownIds(selection: Selection): Selection
  /** Everything waiting in the queue now, both kinds, whichever process put it there. */
  waiting(): Selection
  /** Send these now and wait until each settles (`sync ID…`, `reservations sync ID…`). */
  send(selection: Selection, wait: WaitOptions): Promise<SettledSummary>
  /** Every pending record of both kinds and everything already waiting, due now (`sync --all`). */
  sendAll(wait: WaitOptions): Promise<SettledSummary>
  /** Every pending reservation and every one waiting, due now (`reservations sync --all`). */
  sendAllReservations(wait: WaitOptions): Promise<SettledSummary>
  /** Sedna asked again and everything waiting sent now (`queue --flush`). */
  flush(wait: WaitOptions): Promise<SettledSummary>
  /** Cancel a reservation and, while the cancellation is still to go out, wait for it (`reservations cancel`). */
  cancel(id: number, wait: WaitOptions): Promise<ReservationCancelResult & { summary: SettledSummary }>
  /** Wait until these (already marked to send) settle. */
  settle(selection: Selection, wait: WaitOptions): Promise<SettledSummary>
  /** Finish the items in flight and start no new ones (SIGINT/SIGTERM); waits end at their next look. */
  stopAfterCurrent(): void
}

const CHUNK = 10_000
const none: Selection = { stopSales: [], reservations: [] }
const union = (a: Selection, b: Selection): Selection => ({
  stopSales: [...new Set([...a.stopSales, ...b.stopSales])],
  reservations: [...new Set([...a.reservations, ...b.reservations])],
})

export function createOutboxCommands(deps: {
  kinds: readonly AnyKind[]
  sync: SyncService
  engine: SyncEngine
  connectivity: Pick<Connectivity, 'state'>
  /** This process's claim identity. */
  worker: string
}): OutboxCommands {
  const { kinds, sync, engine, connectivity, worker } = deps
  let stopping = false
  const summary = (selection: Selection): SettledSummary => ({
    ...sync.summarize(selection),
    // Whatever this engine sent, selected or not: with two runs at once, one may send what the other selected.
    handledHere: engine.lastOutcomes.size,
  })

  async function settle(selection: Selection, wait: WaitOptions): Promise<SettledSummary> {
    const deadline = Date.now() + wait.maxWaitMs
    const stopped = () => stopping || (wait.stopped?.() ?? false)
    // Only the rows still in the queue are read again: a `sync --all` of 100,000 shrinks as it goes.
    let watched = selection
    for (;;) {
      const now = Date.now()
      const at = new Date(now).toISOString()
      const offline = connectivity.state === 'offline'
      const next = { ...none }
      const inQueue = kinds.flatMap((kind) => {
        const key = selectionKey[kind.kind]
        const rows = kind.queue.rowsByIds(watched[key]).filter((r) => kind.queue.isWaiting(r.status))
        next[key] = rows.map((r) => r.id)
        return rows
      })
      watched = next
      // Unreachable, or a retry later than the deadline: "queued" for this run's purposes.
      const waiting = inQueue.filter((r) => !offline && !(r.nextAttemptAt && Date.parse(r.nextAttemptAt) > deadline))
      if (!waiting.length || stopped() || now >= deadline) {
        if (!engine.running) return summary(selection)
      } else if (!engine.running) {
        // Something selected is due and nobody holds it (e.g. another process gave it back): send it.
        const due = waiting.some(
          (r) =>
            (!r.nextAttemptAt || Date.parse(r.nextAttemptAt) <= now) &&
            r.claimedBy !== worker &&
            liveClaimOwner(r, at, worker) === undefined,
        )
        if (due) engine.wake()
      }
      await new Promise((resolve) => setTimeout(resolve, wait.pollMs ?? 200))
    }
  }

  async function sendEach(selection: Selection) {
    for (let i = 0; i < selection.stopSales.length; i += CHUNK) {
      await sync.syncStopSales(selection.stopSales.slice(i, i + CHUNK))
    }
    for (let i = 0; i < selection.reservations.length; i += CHUNK) {
      await sync.syncReservations(selection.reservations.slice(i, i + CHUNK))
    }
  }

  const waiting = (): Selection => ({
    stopSales: kinds.find((k) => k.kind === 'stopSale')!.queue.waitingIds(),
    reservations: kinds.find((k) => k.kind === 'reservation')!.queue.waitingIds(),
  })

  return {
    unknownIds(selection) {
      const unknown = { ...none }
      for (const kind of kinds) {
        const key = selectionKey[kind.kind]
        const found = new Set(kind.queue.rowsByIds(selection[key]).map((r) => r.id))
        unknown[key] = selection[key].filter((id) => !found.has(id))
      }
      return unknown
    },
    waiting,
    async send(selection, wait) {
      stopping = false
      await sendEach(selection)
      return settle(selection, wait)
    },
    async sendAll(wait) {
      stopping = false
      // Everything already waiting (both kinds) goes now too, not after its backoff.
      const queued = waiting()
      engine.allDueNow()
      const first = await sync.syncAllPending()
      const pending = {
        stopSales: first.results.map((r) => r.id),
        reservations: first.reservationResults.map((r) => r.id),
      }
      return settle(union(queued, pending), wait)
    },
    async sendAllReservations(wait) {
      stopping = false
      const reservations = kinds.find((k) => k.kind === 'reservation')!.queue
      const ids = [...new Set([...reservations.waitingIds(), ...reservations.enqueue('all-pending')])]
      const selection = { stopSales: [], reservations: ids }
      await sendEach(selection)
      return settle(selection, wait)
    },
    async flush(wait) {
      stopping = false
      const selection = waiting()
      // "Try now": Sedna is checked again and everything waiting (both kinds) is due at once.
      if (selection.stopSales.length || selection.reservations.length) await sync.retryNow()
      return settle(selection, wait)
    },
    async cancel(id, wait) {
      stopping = false
      const asked = await sync.cancelReservation(id)
      const selection = { stopSales: [], reservations: [id] }
      if (asked.status !== 'cancelling') return { ...asked, summary: summary(selection) }
      // Still to go out (another process holds it, or a retry falls due soon): wait for it as sync does.
      const settled = await settle(selection, wait)
      return { ...sync.cancelState(id), summary: settled }
    },
    settle,
    stopAfterCurrent() {
      stopping = true
      sync.stopAfterCurrent()
    },
  }
}
