/** Where the app stands with updates (#16): read by Settings, pushed on every change (updates.changed). */
import { z } from 'zod'
import { messageSchema } from './messages'

export const updateStatusSchema = z.discriminatedUnion('state', [
  /** Not the installed app (development, the browser harness, the command line): nothing to update. */
  z.object({ state: z.literal('unsupported') }),
  /** No update folder in Settings. */
  z.object({ state: z.literal('off') }),
  /** Not asked since the app started. */
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('checking') }),
  z.object({ state: z.literal('upToDate'), checkedAt: z.string() }),
  /** A newer version is in the folder; it is downloaded only when staff say so. */
  z.object({ state: z.literal('available'), version: z.string(), releaseDate: z.string().nullable() }),
  z.object({ state: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100) }),
  /** Downloaded: installed when the app quits. */
  z.object({ state: z.literal('ready'), version: z.string() }),
  /** The last check or download failed, and why (messages `updates.*`). */
  z.object({ state: z.literal('failed'), message: messageSchema }),
])
export type UpdateStatus = z.infer<typeof updateStatusSchema>
