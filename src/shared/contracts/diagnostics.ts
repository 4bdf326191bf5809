/** Diagnostics for support (issue #16): one zip of versions, database checks and the log's end, without secrets or guest data. */
import { z } from 'zod'
import { defineCall } from '../contract'

export const diagnosticsExportSchema = z.object({
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The files inside the zip. */
  entries: z.array(z.string()),
})
export type DiagnosticsExportResult = z.infer<typeof diagnosticsExportSchema>

export const diagnosticsCalls = {
  'diagnostics.export': defineCall({
    summary:
      'Write a zip for support (versions, database integrity, counts per status, the last log lines; no password, no guest data) as a new file',
    input: z.strictObject({ to: z.string().min(1).max(4096) }),
    output: diagnosticsExportSchema,
  }),
  'diagnostics.save': defineCall({
    summary:
      "Show main's save dialog and write the support zip where staff chose; answers what was written (null: cancelled)",
    input: z.strictObject({}),
    output: diagnosticsExportSchema.nullable(),
  }),
} as const
