/**
 * The one sync loop, for every kind of item (stop sales, reservations). Single-flight: buttons,
 * "sync all", the timer, app start and "Sedna is back" only wake it; it runs until nothing is due,
 * with up to `concurrency` items in flight in all (one bad item never blocks the others; the kinds
 * take turns), then sleeps until the next item falls due. While Sedna is unreachable it sends nothing
 * and lets the connectivity probe wake it.
 *
 * Each kind plugs in as a SyncWorker: its durable queue (claim, due times) and the state machine that
 * runs one claimed item. The rules — claims, leases, backoff, offline — are the same for all kinds.
 */
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { Connectivity } from './connectivity'
import type { ItemOutcome } from './outcome'

export type ItemKind = 'stopSale' | 'reservation'

/** One kind of item the engine sends: its queue and its state machine. */
export interface SyncWorker {
  readonly kind: ItemKind
  /** Claims one due item for this process (atomically), or undefined when none is due. */
  claim(): ClaimedItem | undefined
  nextDue(): { dueNow: number; nextAt: string | null }
  /** Sedna answers again: what waited for the network is due now. */
  networkBack(): number
  /** "Try now": everything waiting (backoff included) is due now. */
  allDueNow(): number
}

export interface ClaimedItem {
  readonly id: number
  /** Runs the item's state machine as far as it can go now. */
  run(): Promise<ItemOutcome>
  /** A bug stopped it: give it back for a later try (never leave it claimed, never lose it). */
  crashed(message: string): void
}

export interface SyncProgress {
  running: boolean
  done: number
  total: number
  synced: number
  retrying: number
  parked: number
  /** Stop sales in flight. */
  currentIds: number[]
  /** Reservations in flight. */
  currentReservationIds: number[]
}

export interface SyncEngine {
  /** Ask the loop to run (now, or right after the current run). */
  wake(): void
  /** Resolves when the loop has nothing due and is not running. */
  whenIdle(): Promise<void>
  /** Finish the items in flight, start no new ones, until wake() is called again. */
  stopAfterCurrent(): void
  /** Sedna answers again: every kind's items waiting for the network are due now. */
  networkBack(): number
  /** "Try now" for every kind. */
  allDueNow(): number
  /** Due now and next due time over every kind. */
  nextDue(): { dueNow: number; nextAt: string | null }
  readonly running: boolean
  /** The last outcome per item, keyed "<kind>:<id>". */
  readonly lastOutcomes: ReadonlyMap<string, ItemOutcome>
  close(): Promise<void>
}

export interface EngineOptions {
  workers: readonly SyncWorker[]
  connectivity: Connectivity
  events: EventBus
  logger: Logger
  concurrency?: number
  /** Before each run, with Sedna reachable: e.g. refresh stale reference data. Errors are ignored. */
  beforeRun?: () => Promise<void>
  /** Longest sleep between checks for due items (retries become due on their own). */
  maxSleepMs?: number
}

const MAX_ITEMS_PER_RUN = 100_000

export function createSyncEngine(opts: EngineOptions): SyncEngine {
  const { workers, connectivity, events, logger } = opts
  const concurrency = Math.max(1, opts.concurrency ?? 4)
  const maxSleep = opts.maxSleepMs ?? 60_000
  const outcomes = new Map<string, ItemOutcome>()
  let run: Promise<void> | undefined
  let again = false
  let stopping = false
  let closed = false
  let timer: NodeJS.Timeout | undefined
  let progress: SyncProgress = {
    running: false,
    done: 0,
    total: 0,
    synced: 0,
    retrying: 0,
    parked: 0,
    currentIds: [],
    currentReservationIds: [],
  }
  const current: Record<ItemKind, Set<number>> = { stopSale: new Set(), reservation: new Set() }
  const inFlight = () => current.stopSale.size + current.reservation.size

  const emit = () => {
    progress = { ...progress, currentIds: [...current.stopSale], currentReservationIds: [...current.reservation] }
    events.emit('sync.progress', progress)
  }
  // Lists refetch on stopSales.changed / reservations.changed: tell them what the loop changed, at most
  // a few times a second.
  const changed: Record<ItemKind, Set<number>> = { stopSale: new Set(), reservation: new Set() }
  let changedTimer: NodeJS.Timeout | undefined
  const flushChanged = () => {
    clearTimeout(changedTimer)
    changedTimer = undefined
    const ids = (set: Set<number>) => (set.size <= 1000 ? [...set] : [])
    if (changed.stopSale.size) events.emit('stopSales.changed', { ids: ids(changed.stopSale) })
    if (changed.reservation.size) events.emit('reservations.changed', { ids: ids(changed.reservation) })
    changed.stopSale.clear()
    changed.reservation.clear()
  }
  const noteChanged = (kind: ItemKind, id: number) => {
    changed[kind].add(id)
    changedTimer ??= setTimeout(flushChanged, 250)
  }

  const nextDue = () => {
    let dueNow = 0
    let nextAt: string | null = null
    for (const w of workers) {
      const d = w.nextDue()
      dueNow += d.dueNow
      if (d.nextAt !== null && (nextAt === null || d.nextAt < nextAt)) nextAt = d.nextAt
    }
    return { dueNow, nextAt }
  }
  // The kinds take turns, so a long queue of one kind never starves the other.
  let turn = 0
  const claimNext = (): { kind: ItemKind; item: ClaimedItem } | undefined => {
    for (let i = 0; i < workers.length; i++) {
      const w = workers[turn++ % workers.length]!
      const item = w.claim()
      if (item) return { kind: w.kind, item }
    }
    return undefined
  }

  async function oneRun(): Promise<number> {
    if (connectivity.state !== 'offline') {
      try {
        await opts.beforeRun?.()
      } catch (err) {
        logger.warn('before-run step failed', err)
      }
    }
    progress = {
      running: true,
      done: 0,
      total: nextDue().dueNow,
      synced: 0,
      retrying: 0,
      parked: 0,
      currentIds: [],
      currentReservationIds: [],
    }
    let started = 0
    const worker = async () => {
      while (!stopping && !closed && started < MAX_ITEMS_PER_RUN) {
        // While Sedna is unreachable nothing is sent; the probe wakes the loop when it is back.
        if (connectivity.state === 'offline') return
        const claimed = claimNext()
        if (!claimed) return
        const { kind, item } = claimed
        started++
        current[kind].add(item.id)
        progress.total = Math.max(progress.total, progress.done + inFlight())
        emit()
        let outcome: ItemOutcome
        try {
          outcome = await item.run()
        } catch (err) {
          // A bug, not Sedna: never leave the item claimed, never lose it.
          logger.error(`sync of ${kind} ${item.id} crashed`, err)
          item.crashed(
            `An unexpected error stopped this ${kind === 'stopSale' ? 'stop sale' : 'reservation'}; it will be tried again.`,
          )
          outcome = { kind: 'retry', offline: false, message: String(err) }
        }
        current[kind].delete(item.id)
        noteChanged(kind, item.id)
        outcomes.set(`${kind}:${item.id}`, outcome)
        report(outcome)
        progress.done++
        emit()
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
    progress = { ...progress, running: false }
    flushChanged()
    if (started > 0) emit()
    return started
  }

  function report(outcome: ItemOutcome) {
    if (outcome.kind === 'synced' || outcome.kind === 'cancelled') {
      progress.synced++
      connectivity.reportOk()
    } else if (outcome.kind === 'retry') {
      progress.retrying++
      if (outcome.offline) connectivity.reportUnreachable()
      else connectivity.reportOk()
    } else if (outcome.kind === 'attention' && outcome.credentials) {
      progress.parked++
      connectivity.reportCredentialsRejected()
    } else if (outcome.kind !== 'lost-claim') progress.parked++
  }

  function start() {
    if (run || closed) {
      again = true
      return
    }
    clearTimeout(timer)
    timer = undefined
    let progressed = true
    run = (async () => {
      do {
        again = false
        progressed = (await oneRun()) > 0
      } while (again && !stopping && !closed)
    })()
      .catch((err) => logger.error('sync loop failed', err))
      .finally(() => {
        run = undefined
        sleep(progressed)
      })
  }

  function sleep(progressed: boolean) {
    // While Sedna is unreachable, the connectivity probe wakes the loop when it answers again.
    if (closed || stopping || connectivity.state === 'offline') return
    const { dueNow, nextAt } = nextDue()
    // Items became due while the last run was finishing: go again (but never spin on nothing).
    if (dueNow > 0 && progressed) return start()
    if (!nextAt && dueNow === 0) return
    const delay = Math.min(
      maxSleep,
      Math.max(dueNow > 0 ? 1_000 : 50, nextAt ? Date.parse(nextAt) - Date.now() : 1_000),
    )
    timer = setTimeout(() => {
      timer = undefined
      start()
    }, delay)
    timer.unref?.()
  }

  return {
    wake() {
      stopping = false
      start()
    },
    async whenIdle() {
      while (run) await run
    },
    stopAfterCurrent() {
      stopping = true
      clearTimeout(timer)
      timer = undefined
    },
    networkBack: () => workers.reduce((n, w) => n + w.networkBack(), 0),
    allDueNow: () => workers.reduce((n, w) => n + w.allDueNow(), 0),
    nextDue,
    get running() {
      return run !== undefined
    },
    lastOutcomes: outcomes,
    async close() {
      closed = true
      clearTimeout(timer)
      clearTimeout(changedTimer)
      connectivity.stop()
      while (run) await run
    },
  }
}
