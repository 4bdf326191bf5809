import { z } from 'zod'

/**
 * Errors cross every boundary (IPC, HTTP harness, CLI) as data. A staff member reads `message`;
 * code branches on `kind`.
 */
export const errorKinds = [
  'validation',
  'not-found',
  'auth',
  'network',
  'sedna',
  'conflict',
  'unavailable',
  'internal',
] as const
export type ErrorKind = (typeof errorKinds)[number]

export const issueSchema = z.object({ path: z.string(), message: z.string() })
export type Issue = z.infer<typeof issueSchema>

/** Parameters of a coded message: the screen words the code in the staff's language with them. */
export const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]))
export type MessageParams = z.infer<typeof messageParamsSchema>

export const appErrorSchema = z.object({
  kind: z.enum(errorKinds),
  /** English, for logs, the command line and any screen that does not know `code`. */
  message: z.string(),
  /** Field-level problems, for validation errors. */
  issues: z.array(issueSchema).optional(),
  /** What happened as a code (e.g. `db.diskFull`) with its parameters, worded where it is shown. */
  code: z.string().optional(),
  params: messageParamsSchema.optional(),
})
export type AppError = z.infer<typeof appErrorSchema>

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (
  kind: ErrorKind,
  message: string,
  issues?: Issue[],
  coded?: { code: string; params?: MessageParams | undefined },
): Result<never> => ({
  ok: false,
  error: {
    kind,
    message,
    ...(issues ? { issues } : {}),
    ...(coded ? { code: coded.code, ...(coded.params ? { params: coded.params } : {}) } : {}),
  },
})
