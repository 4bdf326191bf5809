/**
 * The mirror (issue #14): Sedna's stop sales read back into the app per account, pulled on demand, on a
 * schedule and before every sync run. What a pull answers, what the status says, and the progress event.
 */
import { z } from 'zod'
import { defineCall } from '../contract'
import { messageSchema } from '../messages'
import { positiveId } from './fields'

/** full: every record whose nights overlap the window (deletions noticed); changes: by update date since the mark. */
export const pullKindSchema = z.enum(['full', 'changes'])
export type PullKind = z.infer<typeof pullKindSchema>

const count = z.number().int().nonnegative()
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const pullResultSchema = z.object({
  profileId: positiveId,
  pullId: positiveId,
  /** What was done: a 'changes' pull asked for before any pull finished is a full one. */
  kind: pullKindSchema,
  startedAt: z.string(),
  finishedAt: z.string(),
  /** The nights the pull covers (a full pull asks for exactly these; YYYY-MM-DD, inclusive). */
  windowFrom: day,
  windowTo: day,
  /** changes: the first update day asked for (the last mark's day less one whole day of overlap). */
  sinceDay: day.nullable(),
  /** Distinct records Sedna listed. */
  received: count,
  /** Records new to the mirror, different from what it held, or back after being gone. */
  changed: count,
  /** Records of the window a full pull no longer saw: marked gone (deleted in Sedna). */
  gone: count,
  /** Items that could not be mirrored (no RecId, no nights): left out, counted. */
  skipped: count,
  /** False when a full pull could not tell deletions (some items were unreadable): nothing was marked gone. */
  goneChecked: z.boolean(),
  /** Records the mirror holds for the account now (not gone). */
  records: count,
  /** The latest update date read (Sedna's clock), or the pull's start when Sedna gave none. */
  highWater: z.string().nullable(),
  /** List requests made (logins not counted). */
  requests: count,
  tookMs: count,
})
export type PullResult = z.infer<typeof pullResultSchema>

export const mirrorAccountStatusSchema = z.object({
  profileId: positiveId,
  name: z.string(),
  active: z.boolean(),
  /** A pull of this account running in this process now, and which. */
  running: pullKindSchema.nullable(),
  records: count,
  /** The last pull that finished without an error: its data is what the mirror shows. */
  lastPull: z
    .object({
      id: positiveId,
      kind: pullKindSchema,
      startedAt: z.string(),
      finishedAt: z.string(),
      received: count,
      changed: count,
      gone: count,
      highWater: z.string().nullable(),
    })
    .nullable(),
  /** When the last full pull finished (deletions are noticed by full pulls only). */
  lastFullAt: z.string().nullable(),
  /** The latest pull, when it failed after the last good one: the mirror keeps the last good data. */
  lastFailure: z.object({ at: z.string(), kind: pullKindSchema, error: messageSchema }).nullable(),
  /** What to show staff: the age of the last good pull (or that there is none). */
  summary: messageSchema,
})
export type MirrorAccountStatus = z.infer<typeof mirrorAccountStatusSchema>

export const mirrorStatusSchema = z.object({ accounts: z.array(mirrorAccountStatusSchema) })
export type MirrorStatus = z.infer<typeof mirrorStatusSchema>

/** How far a pull has got, for "pulled 3 of 19 months" (one request per chunk of nights). */
export const pullProgressSchema = z.object({
  profileId: positiveId,
  pullId: positiveId,
  kind: pullKindSchema,
  state: z.enum(['running', 'finished', 'failed']),
  /** Requests done and to do (a changes pull is one). */
  done: count,
  total: count,
  /** The same in months of nights (full pulls; a changes pull says 0 of 0). */
  monthsDone: count,
  monthsTotal: count,
  received: count,
})
export type PullProgress = z.infer<typeof pullProgressSchema>

export const mirrorCalls = {
  'mirror.pull': defineCall({
    summary:
      "Read Sedna's stop sales into the mirror now: what changed since the last pull, or (full) every record of the window, noticing deletions; the active account unless one is named",
    input: z.strictObject({ full: z.boolean().optional(), profileId: positiveId.optional() }),
    output: pullResultSchema,
  }),
  'mirror.status': defineCall({
    summary: 'Per account: the last good pull (time, kind, counts), the last failure, and whether one is running',
    input: z.strictObject({}),
    output: mirrorStatusSchema,
  }),
} as const
