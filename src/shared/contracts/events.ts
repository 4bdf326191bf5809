/** Every event main may push to the renderer (the renderer refetches or updates on them). */
import { z } from 'zod'
import { defineEvent } from '../contract'
import { connectivityStateSchema, syncProgressSchema } from '../sync'
import { updateStatusSchema } from '../updates'
import { pullProgressSchema } from './mirror'

export const events = {
  'stopSales.changed': defineEvent({
    summary: 'Stop sales were added or changed; lists should refetch',
    payload: z.object({ ids: z.array(z.number().int().positive()) }),
  }),
  'sync.progress': defineEvent({
    summary: 'Progress of the running sync (for a progress bar)',
    payload: syncProgressSchema,
  }),
  'import.progress': defineEvent({
    summary: 'How far a preview has read its file',
    payload: z.object({
      importId: z.number().int().positive(),
      rows: z.number().int().nonnegative(),
      stopSales: z.number().int().nonnegative(),
      phase: z.enum(['reading', 'committing']),
    }),
  }),
  'profiles.changed': defineEvent({
    summary: 'Profiles were added, changed, activated or deleted',
    payload: z.object({}),
  }),
  'reference.changed': defineEvent({
    summary: "A profile's cached reference data changed",
    payload: z.object({ profileId: z.number().int().positive() }),
  }),
  'connectivity.changed': defineEvent({
    summary: 'Whether Sedna answers',
    payload: z.object({ state: connectivityStateSchema }),
  }),
  'settings.changed': defineEvent({
    summary: 'The app settings changed',
    payload: z.object({}),
  }),
  'reservations.changed': defineEvent({
    summary: 'Reservations were added or changed; lists should refetch',
    payload: z.object({ ids: z.array(z.number().int().positive()) }),
  }),
  'mirror.progress': defineEvent({
    summary: "How far a pull of Sedna's stop sales into the mirror has got (and when it finished or failed)",
    payload: pullProgressSchema,
  }),
  'mirror.changed': defineEvent({
    summary: "A pull of an account's mirror ended (its status, and maybe its records, changed)",
    payload: z.object({ profileId: z.number().int().positive() }),
  }),
  'updates.changed': defineEvent({
    summary: 'Where the app stands with updates changed (a check, the download, its progress)',
    payload: updateStatusSchema,
  }),
  'data.restored': defineEvent({
    summary: 'The data was replaced by a backup; the window reloads everything',
    payload: z.object({ from: z.string(), backupOfCurrent: z.string().nullable() }),
  }),
} as const
