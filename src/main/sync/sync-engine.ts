/**
 * The one sync loop. Single-flight: buttons, "sync all", the timer, app start and "Sedna is back"
 * only wake it; it runs until nothing is due, with up to `concurrency` stop sales in flight (one bad
 * item never blocks the others), then sleeps until the next item falls due. While Sedna is
 * unreachable it sends nothing and lets the connectivity probe wake it.
 */
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { Connectivity } from './connectivity'
import type { SyncQueue } from './queue'
import { syncStopSale, type ItemOutcome, type SyncDeps } from './stop-sale-sync'

export interface SyncProgress {
  running: boolean
  done: number
  total: number
  synced: number
  retrying: number
  parked: number
  currentIds: number[]
}

export interface SyncEngine {
  /** Ask the loop to run (now, or right after the current run). */
  wake(): void
  /** Resolves when the loop has nothing due and is not running. */
  whenIdle(): Promise<void>
  /** Finish the stop sales in flight, start no new ones, until wake() is called again. */
  stopAfterCurrent(): void
  readonly running: boolean
  readonly lastOutcomes: ReadonlyMap<number, ItemOutcome>
  close(): Promise<void>
}

export interface EngineOptions {
  queue: SyncQueue
  deps: Omit<SyncDeps, 'queue'>
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
  const { queue, connectivity, events, logger } = opts
  const concurrency = Math.max(1, opts.concurrency ?? 4)
  const maxSleep = opts.maxSleepMs ?? 60_000
  const deps: SyncDeps = { ...opts.deps, queue }
  const outcomes = new Map<number, ItemOutcome>()
  let run: Promise<void> | undefined
  let again = false
  let stopping = false
  let closed = false
  let timer: NodeJS.Timeout | undefined
  let progress: SyncProgress = { running: false, done: 0, total: 0, synced: 0, retrying: 0, parked: 0, currentIds: [] }
  const current = new Set<number>()

  const emit = () => {
    progress = { ...progress, currentIds: [...current] }
    events.emit('sync.progress', progress)
  }
  // Lists refetch on stopSales.changed: tell them what the loop changed, at most a few times a second.
  const changed = new Set<number>()
  let changedTimer: NodeJS.Timeout | undefined
  const flushChanged = () => {
    clearTimeout(changedTimer)
    changedTimer = undefined
    if (!changed.size) return
    events.emit('stopSales.changed', { ids: changed.size <= 1000 ? [...changed] : [] })
    changed.clear()
  }
  const noteChanged = (id: number) => {
    changed.add(id)
    changedTimer ??= setTimeout(flushChanged, 250)
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
      total: queue.nextDue().dueNow,
      synced: 0,
      retrying: 0,
      parked: 0,
      currentIds: [],
    }
    let started = 0
    const worker = async () => {
      while (!stopping && !closed && started < MAX_ITEMS_PER_RUN) {
        // While Sedna is unreachable nothing is sent; the probe wakes the loop when it is back.
        if (connectivity.state === 'offline') return
        const [row] = queue.claim(1)
        if (!row) return
        started++
        current.add(row.id)
        progress.total = Math.max(progress.total, progress.done + current.size)
        emit()
        let outcome: ItemOutcome
        try {
          outcome = await syncStopSale(row, deps)
        } catch (err) {
          // A bug, not Sedna: never leave the item claimed, never lose it.
          logger.error(`sync of stop sale ${row.id} crashed`, err)
          queue.retryLater(row.id, 60_000, 'An unexpected error stopped this stop sale; it will be tried again.', false)
          outcome = { kind: 'retry', offline: false, message: String(err) }
        }
        current.delete(row.id)
        noteChanged(row.id)
        outcomes.set(row.id, outcome)
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
    if (outcome.kind === 'synced') {
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
    const { dueNow, nextAt } = queue.nextDue()
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
