/** The app itself: what it is and where its data lives, choosing a file to import, its settings and backups. */
import { z } from 'zod'
import { defineCall } from '../contract'
import { appSettingsInputSchema, settingsViewSchema } from '../settings'
import { backupListSchema, backupSchema, restoreInputSchema, restoreResultSchema } from '../backups'

export const appCalls = {
  'app.info': defineCall({
    summary: 'Version and where the data lives',
    input: z.strictObject({}),
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      databaseFile: z.string(),
      runtime: z.string(),
      /** main can show the open dialog (files.chooseImport): the Electron app, not a browser harness without one. */
      canChooseFiles: z.boolean(),
      /** main can show the save dialog (diagnostics.save): the Electron app, not a browser harness without one. */
      canSaveFiles: z.boolean(),
    }),
  }),
  'files.chooseImport': defineCall({
    summary:
      'Show the open dialog for an import file (JSON, CSV, TSV, text); answers the path chosen (null: cancelled), which import.preview then opens and checks',
    input: z.strictObject({ kind: z.enum(['stopSales', 'reservations']) }),
    output: z.object({ path: z.string().nullable() }),
  }),
  'settings.get': defineCall({
    summary:
      "The app's own settings (Retry-After cap, proxy, how long guests' personal data is kept) and the proxy variables it was started with",
    input: z.strictObject({}),
    output: settingsViewSchema,
  }),
  'settings.save': defineCall({
    summary: 'Change some of the app settings; the next request to Sedna uses them',
    input: appSettingsInputSchema,
    output: settingsViewSchema,
  }),
  'backups.list': defineCall({
    summary: 'The backups of the database in the backups folder, newest first, and how many are kept',
    input: z.strictObject({}),
    output: backupListSchema,
  }),
  'backups.create': defineCall({
    summary: 'Back the database up now (online backup, checked before it is listed)',
    input: z.strictObject({}),
    output: backupSchema,
  }),
  'backups.restore': defineCall({
    summary:
      'Replace the data with a backup from the list (by name) or a database file (by full path) after staff confirmed; the current data is backed up first',
    input: restoreInputSchema,
    output: restoreResultSchema,
  }),
} as const
