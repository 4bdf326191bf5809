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

export const appErrorSchema = z.object({
  kind: z.enum(errorKinds),
  message: z.string(),
  /** Field-level problems, for validation errors. */
  issues: z.array(issueSchema).optional(),
})
export type AppError = z.infer<typeof appErrorSchema>

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (kind: ErrorKind, message: string, issues?: Issue[]): Result<never> => ({
  ok: false,
  error: issues ? { kind, message, issues } : { kind, message },
})
