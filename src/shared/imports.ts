import { z } from 'zod'
import { messageParamsSchema } from './result'

export const importRowStateSchema = z.enum(['new', 'duplicate', 'invalid'])

export const importPreviewSchema = z.object({
  importId: z.number().int().positive(),
  fileName: z.string(),
  format: z.enum(['json', 'csv']),
  encoding: z.string(),
  /** Records in the file. */
  rows: z.number().int().nonnegative(),
  /** Stop sales those records make (a record with several date ranges makes several). */
  stopSales: z.number().int().nonnegative(),
  willImport: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  /** Of those that will be imported: how many need a mapping before they can be sent. */
  needsAttention: z.number().int().nonnegative(),
  /** Records whose text had control characters removed (each such row says so in its notes). */
  textCleaned: z.number().int().nonnegative(),
  /** The very same file (by content) was imported before. */
  sameFileImported: z.object({ importId: z.number().int().positive(), at: z.string() }).nullable(),
  /** Reference data was available to say what needs attention (a Sedna account exists). */
  resolutionChecked: z.boolean(),
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

export const importRowSchema = z.object({
  row: z.number().int().positive(),
  line: z.number().int().positive().nullable(),
  state: importRowStateSchema,
  reason: z.string().nullable(),
  attention: z.string().nullable(),
  notes: z.array(importRowNoteSchema),
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
  importId: z.number().int().positive(),
  fileName: z.string(),
  imported: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  needsAttention: z.number().int().nonnegative(),
})
export type ImportResult = z.infer<typeof importResultSchema>
