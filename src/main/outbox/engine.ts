/**
 * The one sync loop, for every kind of item (stop sales, reservations). Single-flight: buttons,
 * "sync all", the timer, app start and "Sedna is back" only wake it; it runs until nothing is due,
 * with up to `concurrency` items in flight in all (one bad item never blocks the others; the kinds
 * take turns), then sleeps until the next item falls due. While Sedna is unreachable it sends nothing
 * and lets the connectivity probe wake it.
 *
 * Each kind plugs in as a SyncWorker (runner.ts's outboxWorker): its durable queue (claim, due times)
 * and the one item runner. The rules — claims, leases, backoff, offline — are the same for all kinds.
 */
import { message, type Message } from '../../shared/messages'
import { databaseTrouble, troubleDetails } from '../db/sqlite-errors'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { Connectivity } from './connectivity'
import type { ItemKind } from './kind'
import type { ItemOutcome } from './outcome'

export type { ItemKind } from './kind'

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
  crashed(why: Message): void
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
  /**
   * Starts nothing more and waits for the items in flight. With `abort`: calls still out after `graceMs`
   * are cancelled and each item records what happened (a cancelled phase 1 is an unknown outcome, looked
   * up before anything is sent again); after `settleMs` more (default 5 s) it returns regardless.
   */
  close(opts?: { graceMs: number; abort: () => void; settleMs?: number }): Promise<void>
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
  /** After the database itself failed (locked past the busy timeout, disk full…): wait this long. */
  databaseRetryMs?: number
}

const MAX_ITEMS_PER_RUN = 100_000

export function createSyncEngine(opts: EngineOptions): SyncEngine {
  const { workers, connectivity, events, logger } = opts
  const concurrency = Math.max(1, opts.concurrency ?? 4)
  const maxSleep = opts.maxSleepMs ?? 60_000
  const databaseRetryMs = opts.databaseRetryMs ?? 30_000
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

  // The database itself failing (locked past the busy timeout, disk full, read-only, damaged) is no
  // item's fault and will hit the next item too: stop claiming, pause, try again — logged once until an
  // item's turn goes through again. An item whose claim could not be given back (a write too) is kept
  // here and given back first, so it is never left claimed (the engine never re-claims its own rows).
  let databaseDown: { until: number } | undefined
  const unreleased = new Map<string, { item: ClaimedItem; why: Message }>()
  const databasePaused = () => databaseDown !== undefined && Date.now() < databaseDown.until
  /** Whether `err` is the database failing; if so, pauses the engine (and logs the first time). */
  function databaseFailed(err: unknown): boolean {
    const trouble = databaseTrouble(err)
    if (!trouble) return false
    if (!databaseDown) {
      logger.error(`sync paused: the database failed (${trouble.code}); trying again every ${databaseRetryMs} ms`, {
        ...troubleDetails(trouble),
      })
    }
    databaseDown = { until: Date.now() + databaseRetryMs }
    return true
  }
  /** Gives an item's claim back (for a later try); kept to give back later when the database refuses. */
  function giveBack(kind: ItemKind, item: ClaimedItem, why: Message) {
    try {
      item.crashed(why)
      unreleased.delete(`${kind}:${item.id}`)
    } catch (err) {
      if (!databaseFailed(err)) logger.error(`sync: ${kind} ${item.id} could not be given back`, err)
      unreleased.set(`${kind}:${item.id}`, { item, why })
    }
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
    if (databasePaused()) return 0
    for (const [key, { item, why }] of unreleased) {
      giveBack(key.startsWith('stopSale:') ? 'stopSale' : 'reservation', item, why)
      if (databasePaused()) return 0
    }
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
    let turnsThrough = 0
    const worker = async () => {
      while (!stopping && !closed && !databasePaused() && started < MAX_ITEMS_PER_RUN) {
        // While Sedna is unreachable nothing is sent; the probe wakes the loop when it is back.
        if (connectivity.state === 'offline') return
        let claimed: ReturnType<typeof claimNext>
        try {
          claimed = claimNext()
        } catch (err) {
          if (databaseFailed(err)) return
          throw err
        }
        if (!claimed) return
        const { kind, item } = claimed
        started++
        current[kind].add(item.id)
        progress.total = Math.max(progress.total, progress.done + inFlight())
        emit()
        let outcome: ItemOutcome
        try {
          outcome = await item.run()
          turnsThrough++
        } catch (err) {
          // A bug or the database, not Sedna: never leave the item claimed, never lose it. Its state
          // machine committed each step before the next request, so the next try goes on from there.
          const database = databaseFailed(err)
          if (!database) logger.error(`sync of ${kind} ${item.id} crashed`, err)
          const why = message(database ? 'outbox.databaseFailed' : 'outbox.crashed')
          giveBack(kind, item, why)
          outcome = { kind: 'retry', offline: false, message: why }
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
    if (databaseDown && turnsThrough > 0 && !databasePaused() && unreleased.size === 0) {
      logger.info('sync: the database answers again')
      databaseDown = undefined
    }
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
        // A wake() that came after the loop's last look (while this run was settling) is not lost.
        if (again && !stopping && !closed) start()
        else sleep(progressed)
      })
  }

  /** Whether the loop is idle within `ms`. */
  async function idleWithin(ms: number): Promise<boolean> {
    let timeout: NodeJS.Timeout | undefined
    const idle = (async () => {
      while (run) await run
      return true
    })()
    const late = new Promise<boolean>((resolve) => (timeout = setTimeout(() => resolve(false), ms)))
    try {
      return await Promise.race([idle, late])
    } finally {
      clearTimeout(timeout)
    }
  }

  function sleep(progressed: boolean) {
    if (closed || stopping) return
    let due: ReturnType<typeof nextDue> | undefined
    try {
      if (!databasePaused()) due = nextDue()
    } catch (err) {
      if (!databaseFailed(err)) logger.error('sync: reading the queue failed', err)
    }
    if (!due) {
      // The database failed: try again after the pause (reading the queue included).
      timer = setTimeout(
        () => {
          timer = undefined
          start()
        },
        Math.max(50, (databaseDown?.until ?? Date.now() + databaseRetryMs) - Date.now()),
      )
      timer.unref?.()
      return
    }
    // While Sedna is unreachable, the connectivity probe wakes the loop when it answers again.
    if (connectivity.state === 'offline') return
    const { dueNow, nextAt } = due
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
    async close(closing) {
      closed = true
      clearTimeout(timer)
      clearTimeout(changedTimer)
      connectivity.stop()
      if (closing && run && !(await idleWithin(closing.graceMs))) {
        logger.warn(`closing: Sedna calls still running after ${closing.graceMs} ms are cancelled`)
        closing.abort()
        if (!(await idleWithin(closing.settleMs ?? 5_000))) {
          logger.warn('closing: the sync did not finish after its calls were cancelled')
          return
        }
      }
      while (run) await run
    },
  }
}
