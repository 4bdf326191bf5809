/**
 * One pull of one account's mirror: what to ask Sedna (planPull), then the requests, each answer written
 * in its own transaction as it arrives (runPull). The pull's row says how it ended; a pull that fails
 * part-way leaves what the mirror held (nothing is marked gone, the mark does not move) and records the
 * failure's code.
 */
import { performance } from 'node:perf_hooks'
import type { PullKind } from '../../shared/contracts/mirror'
import type { SednaClient, StopSaleListQuery } from '../sedna/client'
import { readRecord } from './read-record'
import type { MirrorStore } from './store'
import { addDays, chunksOf, localDay, monthsIn, pullWindow, sinceDayOf, type NightRange } from './window'

export interface PullPlan {
  kind: PullKind
  window: NightRange
  /** One request each: a chunk of nights (full), or everything updated since a day (changes). */
  requests: StopSaleListQuery[]
  sinceDay: string | null
  /** The last good pull's mark: a pull's own mark never goes back before it. */
  previousMark: string | null
  /** Months of nights each request covers (full), for progress. */
  chunkMonths: number
  monthsTotal: number
}

/**
 * A 'changes' pull reads by update date from the last good pull's mark less the overlap, whatever the
 * nights (a record moved out of the window is seen too); without a mark there is nothing to go on, so
 * it is the first, full pull. A full pull asks for every record whose nights overlap the window.
 */
export function planPull(requested: PullKind, previousMark: string | null, now: Date, chunkMonths: number): PullPlan {
  const window = pullWindow(now)
  if (requested === 'changes' && previousMark) {
    const sinceDay = sinceDayOf(previousMark)
    // GUESS: both bounds are sent; the upper one a day ahead, as Sedna's day may be ahead of ours.
    const until = addDays(localDay(now), 1)
    return {
      kind: 'changes',
      window,
      requests: [{ recordDateBegin: sinceDay, recordDateEnd: until }],
      sinceDay,
      previousMark,
      chunkMonths,
      monthsTotal: 0,
    }
  }
  return {
    kind: 'full',
    window,
    requests: chunksOf(window, chunkMonths).map((c) => ({ stopDateBegin: c.from, stopDateEnd: c.to })),
    sinceDay: null,
    previousMark,
    chunkMonths,
    monthsTotal: monthsIn(window),
  }
}

export interface PullProgressStep {
  done: number
  total: number
  monthsDone: number
  received: number
}

export interface PullOutcome {
  pullId: number
  kind: PullKind
  startedAt: string
  finishedAt: string
  window: NightRange
  sinceDay: string | null
  received: number
  changed: number
  gone: number
  skipped: number
  goneChecked: boolean
  highWater: string
  requests: number
  tookMs: number
}

export interface PullRun {
  store: MirrorStore
  profileId: number
  plan: PullPlan
  client: () => Promise<SednaClient>
  now: () => Date
  signal?: AbortSignal | undefined
  /** The pull's row exists: its id (before any request). */
  onStart?: (pullId: number) => void
  onProgress: (step: PullProgressStep) => void
}

/** A failed pull: the row records it and the error goes on to the caller. */
export class PullFailed extends Error {
  constructor(
    readonly pullId: number,
    readonly failure: unknown,
  ) {
    super(failure instanceof Error ? failure.message : String(failure))
    this.name = 'PullFailed'
  }
}

export async function runPull(run: PullRun, recordFailure: (pullId: number, err: unknown) => void) {
  const { store, profileId, plan } = run
  const t0 = performance.now()
  const startedAt = run.now().toISOString()
  const pullId = store.startPull({
    profileId,
    kind: plan.kind,
    startedAt,
    window: plan.window,
    sinceDay: plan.sinceDay,
  })
  run.onStart?.(pullId)
  const seen = new Set<number>()
  let changed = 0
  let skipped = 0
  let latest: string | null = null
  let requests = 0
  try {
    const client = await run.client()
    for (const query of plan.requests) {
      const answer = await client.getStopSaleListWithUpdateDate(query, run.signal ? { signal: run.signal } : {})
      requests++
      skipped += answer.skipped
      const records = []
      for (const item of answer.items) {
        const values = readRecord(item)
        if (!values) {
          skipped++
          continue
        }
        records.push(values)
        seen.add(values.recId)
        if (values.updateDate && (latest === null || values.updateDate > latest)) latest = values.updateDate
      }
      changed += store.writeChunk(profileId, startedAt, records)
      run.onProgress({
        done: requests,
        total: plan.requests.length,
        monthsDone:
          requests === plan.requests.length
            ? plan.monthsTotal
            : Math.min(plan.monthsTotal, requests * plan.chunkMonths),
        received: seen.size,
      })
    }
    // An unreadable item may be one the mirror holds: then no record can be said to be gone.
    const goneChecked = plan.kind === 'full' && skipped === 0
    const finishedAt = run.now().toISOString()
    const gone = goneChecked ? store.markGone(profileId, plan.window, startedAt, finishedAt) : 0
    const highWater = markAfter(plan.previousMark, latest, seen.size > 0, startedAt)
    store.finishPull(pullId, { finishedAt, highWater, received: seen.size, changed, gone })
    return {
      pullId,
      kind: plan.kind,
      startedAt,
      finishedAt,
      window: plan.window,
      sinceDay: plan.sinceDay,
      received: seen.size,
      changed,
      gone,
      skipped,
      goneChecked: plan.kind === 'full' ? goneChecked : false,
      highWater,
      requests,
      tookMs: Math.round(performance.now() - t0),
    } satisfies PullOutcome
  } catch (err) {
    recordFailure(pullId, err)
    throw new PullFailed(pullId, err)
  }
}

/**
 * The next pull's mark: the latest update date read (Sedna's own clock, so no skew), never before the
 * previous mark. When Sedna's list carries no update dates at all, the pull's start by this computer's
 * clock (UTC) stands in for it — the overlap covers a skew of up to a day. A pull that read nothing
 * keeps the previous mark.
 */
export function markAfter(previous: string | null, latest: string | null, readAny: boolean, startedAt: string): string {
  const ours = startedAt.slice(0, 19)
  const candidate = latest ?? (readAny || previous === null ? ours : previous)
  return previous !== null && previous > candidate ? previous : candidate
}
