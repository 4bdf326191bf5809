/**
 * Imports of parsed files, as the contract carries them: what both kinds share (a preview's counts, a
 * row's verdict with its reasons, a commit's result) and the stop-sale import's own fields
 * (reservations.ts extends the same bases).
 */
import { z } from 'zod'
import { messageSchema } from './messages'
import { messageParamsSchema } from './result'

const count = z.number().int().nonnegative()
const id = z.number().int().positive()

export const importRowStateSchema = z.enum(['new', 'duplicate', 'invalid'])

/** What a preview of either kind says about the file. */
export const importPreviewBaseSchema = z.object({
  importId: id,
  fileName: z.string(),
  format: z.enum(['json', 'csv']),
  encoding: z.string(),
  /** Records in the file. */
  rows: count,
  willImport: count,
  duplicates: count,
  invalid: count,
  /** Of those that will be imported: how many need a mapping (or a check) before they can be sent. */
  needsAttention: count,
  /** Records whose text had control characters removed (each such row says so in its notes). */
  textCleaned: count,
  /** The very same file (by content) was imported before. */
  sameFileImported: z.object({ importId: id, at: z.string() }).nullable(),
  /** Reference data was available to say what needs attention (a Sedna account exists). */
  resolutionChecked: z.boolean(),
})

export const importPreviewSchema = importPreviewBaseSchema.extend({
  /** Stop sales those records make (a record with several date ranges makes several). */
  stopSales: count,
})
export type ImportPreview = z.infer<typeof importPreviewSchema>

/**
 * What a row's preview says that is not a problem (the row imports as shown): e.g. code
 * 'controlsRemoved' with { field: 'hotel_name', count: 3 }. `message` is English (command line); the
 * screen words the code (`import.notes.<code>`).
 */
export const importRowNoteSchema = z.object({
  code: z.string(),
  params: messageParamsSchema,
  message: z.string(),
})
export type ImportRowNote = z.infer<typeof importRowNoteSchema>

/** One record's verdict, as both kinds give it. */
export const importRowBaseSchema = z.object({
  row: id,
  line: id.nullable(),
  state: importRowStateSchema,
  /** Why it is invalid or a duplicate, one message per problem (empty for a row that will be imported). */
  reason: z.array(messageSchema),
  /** What must be mapped or checked before it can be sent (it is still imported); empty when nothing. */
  attention: z.array(messageSchema),
  /** Not problems: e.g. control characters removed from a field (see importRowNoteSchema). */
  notes: z.array(importRowNoteSchema),
})

export const importRowSchema = importRowBaseSchema.extend({
  hotelName: z.string().nullable(),
  firstNight: z.string().nullable(),
  lastNight: z.string().nullable(),
  nights: z.number().int().positive().nullable(),
  roomCodes: z.array(z.string()),
  boardCodes: z.array(z.string()),
  kind: z.enum(['close', 'open']).nullable(),
})
export type ImportRow = z.infer<typeof importRowSchema>

export const importResultSchema = z.object({
  importId: id,
  fileName: z.string(),
  imported: count,
  duplicates: count,
  invalid: count,
  needsAttention: count,
})
export type ImportResult = z.infer<typeof importResultSchema>
