/**
 * The mirror of Sedna's stop sales, per account: pulls on demand (IPC, command line), on a schedule while
 * the app runs, and before a sync run; what the mirror holds for other modules (records, byRecId); its
 * status; and a hook after each good pull (drift runs there). One pull per account at a time in this
 * process: a request for what is already running joins it.
 */
import { asc } from 'drizzle-orm'
import type Database from 'better-sqlite3'
import type {
  MirrorAccountStatus,
  MirrorStatus,
  PullKind,
  PullProgress,
  PullResult,
} from '../../shared/contracts/mirror'
import { message, type Message } from '../../shared/messages'
import type { Db } from '../db/database'
import { sednaProfiles, type ProfileRow, type SednaPullRow, type SednaStopSaleRow } from '../db/schema'
import { databaseTrouble } from '../db/sqlite-errors'
import { AppFailure } from '../errors'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { ConnectivityState } from '../outbox/connectivity'
import { failureMessage, formatWhen, withFailure } from '../outbox/messages'
import { storedMessage } from '../records/stored-message'
import type { SednaClient } from '../sedna/client'
import { toAppFailure } from '../services/sedna-connections'
import { planPull, PullFailed, runPull, type PullPlan } from './pull'
import { createPullSchedule } from './schedule'
import { createMirrorStore } from './store'

/**
 * Months of nights per request of a full pull. Measured with bench/pull.ts (20,000 records, 50 ms a
 * request): 1 month = 19 requests, +36 MiB RSS; 3 months = 7 requests, +63 MiB, and 12 fewer round trips —
 * which also matters for the first pull a sync run makes (bench:sync counts every request).
 */
export const DEFAULT_CHUNK_MONTHS = 3
/** A full pull is due when the last one finished longer ago than this (deletions are noticed only then). */
const FULL_EVERY_MS = 6 * 3_600_000
/** Before a sync run: no pull when one ended this recently. */
const BEFORE_RUN_GAP_MS = 60_000

/** After each good pull: what drift needs to compare the synced stop sales with the mirror. */
export interface PulledEvent {
  profileId: number
  pullId: number
  kind: PullKind
  windowFrom: string
  windowTo: string
  startedAt: string
  changed: number
  gone: number
  /** False when a full pull could not tell deletions (nothing was marked gone). */
  goneChecked: boolean
}
export type PulledListener = (event: PulledEvent) => void | Promise<void>

export interface MirrorService {
  /** Pull one account now (default: the active one); a failure is an AppFailure naming why (mirror.pullFailed). */
  pull(options?: { full?: boolean | undefined; profileId?: number | undefined }): Promise<PullResult>
  status(): MirrorStatus
  /** A pull of this account is under way (its exchanges do not decide whether Sedna answers). */
  isPulling(profileId: number): boolean
  /** Sedna's records of a hotel whose nights overlap [from, to] (YYYY-MM-DD), first night first; not gone ones unless asked. */
  records(
    profileId: number,
    hotelId: number,
    from: string,
    to: string,
    opts?: { includeGone?: boolean },
  ): SednaStopSaleRow[]
  /** One record as the mirror last read it (also when gone: see goneAt). */
  byRecId(profileId: number, recId: number): SednaStopSaleRow | undefined
  /** Called after every good pull, awaited before the pull answers; returns the unsubscribe. */
  onPulled(listener: PulledListener): () => void
  /** The sync engine's pre-run step: one 'changes' pull of the active account unless one ended < 60 s ago. Never throws. */
  beforeRun(): Promise<void>
  /** The schedule (the app only): a 'changes' pull every pullIntervalMinutes, a full one every 6 h. */
  startSchedule(): void
  /** Stops the schedule, cancels the pulls in flight and waits for them to record how they ended. */
  close(): Promise<void>
}

export interface MirrorOptions {
  db: Db
  sqlite: Database.Database
  events: EventBus
  logger: Logger
  profiles: { get(id: number): ProfileRow; active(): ProfileRow | undefined }
  client: (profile: ProfileRow) => Promise<SednaClient>
  connectivity: () => ConnectivityState
  /** The setting (0 = off), read at every scheduling. */
  intervalMinutes: () => number
  onSettingsChange: (listener: () => void) => () => void
  chunkMonths?: number
  now?: () => Date
  /** Delay of the schedule's first pull after start (default 10 s: start-up first). */
  firstPullDelayMs?: number
}

export function createMirrorService(opts: MirrorOptions): MirrorService {
  const { db, events, logger, profiles } = opts
  const store = createMirrorStore(db, opts.sqlite)
  const now = opts.now ?? (() => new Date())
  const chunkMonths = opts.chunkMonths ?? DEFAULT_CHUNK_MONTHS
  const running = new Map<number, { kind: PullKind; done: Promise<PullResult> }>()
  const listeners = new Set<PulledListener>()
  const abort = new AbortController()
  let closed = false

  function pull(profileId: number, requested: PullKind): Promise<PullResult> {
    if (closed) return Promise.reject(AppFailure.coded('unavailable', message('mirror.closing')))
    const current = running.get(profileId)
    if (current) {
      if (current.kind === 'full' || requested === 'changes') return current.done
      // A full pull asked for while a 'changes' one runs: after it.
      return current.done.catch(() => undefined).then(() => pull(profileId, requested))
    }
    const profile = profiles.get(profileId)
    const plan = planPull(requested, store.lastGood(profileId)?.highWater ?? null, now(), chunkMonths)
    const done = pullNow(profile, plan).finally(() => {
      if (running.get(profileId)?.done === done) running.delete(profileId)
    })
    running.set(profileId, { kind: plan.kind, done })
    return done
  }

  async function pullNow(profile: ProfileRow, plan: PullPlan): Promise<PullResult> {
    const profileId = profile.id
    const base = { profileId, kind: plan.kind, total: plan.requests.length, monthsTotal: plan.monthsTotal }
    let pullId = 0
    let last: Omit<PullProgress, 'state'> | undefined
    const progress = (p: Omit<PullProgress, 'state'>, state: PullProgress['state'] = 'running') => {
      last = p
      events.emit('mirror.progress', { ...p, state })
    }
    try {
      const outcome = await runPull(
        {
          store,
          profileId,
          plan,
          client: () => opts.client(profile),
          now,
          signal: abort.signal,
          onStart: (id) => progress({ ...base, pullId: (pullId = id), done: 0, monthsDone: 0, received: 0 }),
          onProgress: (step) => progress({ ...base, pullId, ...step }),
        },
        (id, err) => store.failPull(id, now().toISOString(), failureMessage(err)),
      )
      if (last) progress(last, 'finished')
      events.emit('mirror.changed', { profileId })
      const result: PullResult = {
        profileId,
        pullId: outcome.pullId,
        kind: outcome.kind,
        startedAt: outcome.startedAt,
        finishedAt: outcome.finishedAt,
        windowFrom: outcome.window.from,
        windowTo: outcome.window.to,
        sinceDay: outcome.sinceDay,
        received: outcome.received,
        changed: outcome.changed,
        gone: outcome.gone,
        skipped: outcome.skipped,
        goneChecked: outcome.goneChecked,
        records: store.liveCount(profileId),
        highWater: outcome.highWater,
        requests: outcome.requests,
        tookMs: outcome.tookMs,
      }
      const { windowFrom, windowTo, startedAt, changed, gone, goneChecked } = result
      logger.info('mirror: pulled', { ...result })
      await notify({
        profileId,
        pullId: result.pullId,
        kind: result.kind,
        windowFrom,
        windowTo,
        startedAt,
        changed,
        gone,
        goneChecked,
      })
      return result
    } catch (err) {
      const failure = err instanceof PullFailed ? err.failure : err
      if (last) progress(last, 'failed')
      if (pullId) events.emit('mirror.changed', { profileId })
      throw failedPull(profileId, failure)
    }
  }

  function failedPull(profileId: number, failure: unknown): unknown {
    // The database itself failed: the dispatcher words that (locked, disk full…).
    if (databaseTrouble(failure)) {
      logger.warn('mirror: pull failed (database)', { profileId })
      return failure
    }
    const why = withFailure('mirror.pullFailed', failureMessage(failure))
    logger.warn('mirror: pull failed', { profileId, code: why.params?.failure })
    const coded = toAppFailure(failure)
    const kind = coded instanceof AppFailure ? coded.kind : 'internal'
    return AppFailure.coded(kind, why)
  }

  async function notify(event: Parameters<PulledListener>[0]) {
    for (const listener of listeners) {
      try {
        await listener(event)
      } catch (err) {
        logger.error('mirror: a listener after the pull failed', err)
      }
    }
  }

  /** Answers whether Sedna may be asked now (not known down, not refusing the password). */
  const sednaAnswers = () => {
    const state = opts.connectivity()
    return state !== 'offline' && state !== 'credentials-rejected'
  }
  const ago = (at: string | null | undefined) => (at ? now().getTime() - Date.parse(at) : Infinity)

  async function quietly(profileId: number, kind: PullKind): Promise<void> {
    try {
      await pull(profileId, kind)
    } catch {
      // Recorded with the pull and logged; the mirror keeps its last good data.
    }
  }

  const schedule = createPullSchedule({
    intervalMinutes: opts.intervalMinutes,
    onSettingsChange: opts.onSettingsChange,
    firstDelayMs: opts.firstPullDelayMs ?? 10_000,
    async tick() {
      const profile = profiles.active()
      if (!profile || closed || !sednaAnswers() || running.has(profile.id)) return
      const full = ago(store.lastGood(profile.id, 'full')?.finishedAt) > FULL_EVERY_MS
      await quietly(profile.id, full ? 'full' : 'changes')
    },
  })

  function accountStatus(profile: ProfileRow): MirrorAccountStatus {
    const good = store.lastGood(profile.id)
    const ended = store.lastEnded(profile.id)
    const failed = ended?.errorCode && (!good || ended.id > good.id) ? ended : undefined
    return {
      profileId: profile.id,
      name: profile.name,
      active: profile.isActive,
      running: running.get(profile.id)?.kind ?? null,
      records: store.liveCount(profile.id),
      lastPull: good ? pullSummary(good) : null,
      lastFullAt: store.lastGood(profile.id, 'full')?.finishedAt ?? null,
      lastFailure: failed
        ? {
            at: failed.finishedAt!,
            kind: failed.kind,
            error: withFailure('mirror.pullFailed', storedMessage(failed.errorCode, failed.errorParams)!),
          }
        : null,
      summary: ageMessage(good?.finishedAt ?? null, now()),
    }
  }

  return {
    pull(options = {}) {
      let profileId = options.profileId
      if (profileId === undefined) {
        const active = profiles.active()
        if (!active) return Promise.reject(AppFailure.coded('validation', message('park.noAccount')))
        profileId = active.id
      }
      return pull(profileId, options.full ? 'full' : 'changes')
    },
    isPulling: (profileId) => running.has(profileId),
    status() {
      const accounts = db.select().from(sednaProfiles).orderBy(asc(sednaProfiles.id)).all()
      return { accounts: accounts.map(accountStatus) }
    },
    records: (profileId, hotelId, from, to, o) => store.records(profileId, hotelId, from, to, o),
    byRecId: (profileId, recId) => store.byRecId(profileId, recId),
    onPulled(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async beforeRun() {
      const profile = profiles.active()
      if (!profile || closed || !sednaAnswers() || running.has(profile.id)) return
      if (ago(store.lastEnded(profile.id)?.finishedAt) < BEFORE_RUN_GAP_MS) return
      await quietly(profile.id, 'changes')
    },
    startSchedule: () => schedule.start(),
    async close() {
      closed = true
      schedule.stop()
      abort.abort()
      await Promise.all([...running.values()].map((r) => r.done.catch(() => undefined)))
    },
  }
}

function pullSummary(row: SednaPullRow): NonNullable<MirrorAccountStatus['lastPull']> {
  return {
    id: row.id,
    kind: row.kind,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt!,
    received: row.received,
    changed: row.changed,
    gone: row.gone,
    highWater: row.highWater,
  }
}

/** How old the mirror is, in words staff read ("read 12 minutes ago"). */
export function ageMessage(finishedAt: string | null, now: Date): Message {
  if (!finishedAt) return message('mirror.never')
  const at = formatWhen(finishedAt)
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(finishedAt)) / 60_000))
  if (minutes < 1) return message('mirror.age.justNow', { at })
  if (minutes < 120) return message('mirror.age.minutes', { count: minutes, at })
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return message('mirror.age.hours', { count: hours, at })
  return message('mirror.age.days', { count: Math.floor(hours / 24), at })
}
