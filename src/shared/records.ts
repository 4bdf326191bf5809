/** What both kinds of record (stop sales, reservations) carry alike in the contract. */
import { z } from 'zod'
import { messageSchema } from './messages'
import { recordActions, recordKinds } from './record-actions'

/** A stop sale or a reservation, named by kind and id. */
export const recordRefSchema = z.strictObject({ kind: z.enum(recordKinds), id: z.number().int().positive() })
export type RecordRef = z.infer<typeof recordRefSchema>

/** What a person may do with a record now (record-actions.ts): main decides, the screens offer it. */
export const recordActionSchema = z.enum(recordActions)

/**
 * The Sedna account a record is (or was) sent with, which a fix in place applies to: its own once it
 * was sent, else the active one. Null when there is none (no account set up).
 */
export const recordAccountSchema = z.object({ id: z.number().int().positive(), name: z.string() }).nullable()
export type RecordAccount = z.infer<typeof recordAccountSchema>

/** The import a record came from. */
export const importRefSchema = z.object({
  id: z.number().int().positive(),
  fileName: z.string(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
})

const id = z.number().int().positive()

/** Where a record came from and how far its sending went: what the detail of either kind shows. */
export const sendingFields = {
  /** The import it came from; null when it was added otherwise. */
  importId: id.nullable(),
  /** Record number in the imported file. */
  sourceRow: z.number().int().nullable(),
  /** The Sedna account it is being (or was) sent with; null before it was first sent. */
  profileId: id.nullable(),
  /** Requests made for it. */
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
  syncedAt: z.string().nullable(),
  /** Its last try found Sedna unreachable: it goes out as soon as Sedna answers. */
  waitingForNetwork: z.boolean(),
}

/** One request made to Sedna for a record (bodies redacted by the client before they were stored). */
export const attemptSchema = z.object({
  id,
  startedAt: z.string(),
  phase: z.string(),
  outcome: z.string(),
  httpStatus: z.number().int().nullable(),
  sednaErrorType: z.number().int().nullable(),
  /** What the request came to, as a code with parameters (rows from before codes: their English words). */
  message: messageSchema.nullable(),
  durationMs: z.number().int().nullable(),
  requestBody: z.string().nullable(),
  responseBody: z.string().nullable(),
})
