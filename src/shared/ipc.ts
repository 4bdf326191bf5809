/**
 * The IPC contract: every call the renderer may make and every event main may push.
 * Main validates each input against it, the preload's allowlist is derived from it, and the
 * renderer's client is typed by it. Nothing here may import `electron` or `node:*`.
 */
import { z } from 'zod'
import { defineCall, defineEvent } from './contract'
import type { Result } from './result'
import {
  connectionTestSchema,
  keychainStatusSchema,
  profileInputSchema,
  profileSchema,
  referenceStatusSchema,
} from './profiles'
import {
  isoDateSchema,
  sortDirectionSchema,
  stopSaleSchema,
  stopSaleSortColumnSchema,
  stopSaleStatusSchema,
  stopSaleStatuses,
} from './stop-sales'
import { stopSaleDetailSchema } from './detail'
import { boardOptionSchema, hotelOptionSchema, mappingResultSchema, roomTypeOptionSchema } from './mappings'
import { importPreviewSchema, importResultSchema, importRowSchema, importRowStateSchema } from './imports'
import { queueListSchema } from './queue'
import {
  countryOptionSchema,
  reservationAttemptSchema,
  reservationDetailSchema,
  reservationImportPreviewSchema,
  reservationImportResultSchema,
  reservationImportRowSchema,
  reservationImportRowStateSchema,
  reservationListOutputSchema,
  reservationSchema,
  reservationSortColumnSchema,
  reservationStatusSchema,
  reservationStatuses,
} from './reservations'
import {
  connectivityStateSchema,
  reservationCancelResultSchema,
  syncAttemptSchema,
  syncProgressSchema,
  syncStatusSchema,
  syncSummarySchema,
} from './sync'
import { appSettingsInputSchema, settingsViewSchema } from './settings'
import { backupListSchema, backupSchema, restoreInputSchema, restoreResultSchema } from './backups'

const idInput = z.strictObject({ id: z.number().int().positive() })
const positiveId = z.number().int().positive()
/** A search box's text: trimmed; empty means "no filter". */
const searchText = z.string().trim().max(200)
const code = z.string().trim().min(1).max(50)

export const calls = {
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
    }),
  }),
  'stopSales.list': defineCall({
    summary:
      'A page of stop sales (filtered, sorted and paged by SQLite; newest first by default), the filtered total and counts per status over all rows',
    input: z
      .strictObject({
        statuses: z.array(stopSaleStatusSchema).max(stopSaleStatuses.length).optional(),
        /** Hotel name, case- and Turkish-insensitive ("istanbul" finds "İstanbul Boğaz Palace"), anywhere in the name. */
        hotel: searchText.optional(),
        /** Stop sales whose nights overlap [from, to] (either end may be left open). */
        from: isoDateSchema.optional(),
        to: isoDateSchema.optional(),
        /** Free text: every word must occur in the hotel name, a room or board code, the reason, or be the RecId. */
        text: searchText.optional(),
        /** Default: createdAt desc (newest first). Ties are broken by id in the same direction. */
        sort: z.strictObject({ column: stopSaleSortColumnSchema, direction: sortDirectionSchema }).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
        message: '"from" must not be after "to"',
        path: ['to'],
      }),
    output: z.object({
      rows: z.array(stopSaleSchema),
      total: z.number().int().nonnegative(),
      countsByStatus: z.record(stopSaleStatusSchema, z.number().int().nonnegative()),
    }),
  }),
  'stopSales.get': defineCall({
    summary: 'One stop sale by id',
    input: idInput,
    output: stopSaleSchema,
  }),
  'stopSales.detail': defineCall({
    summary:
      'One stop sale as imported, what it resolves to in Sedna, the exact bodies of both phases, and every request made for it',
    input: idInput,
    output: stopSaleDetailSchema,
  }),
  'mappings.setHotel': defineCall({
    summary:
      'Remember that this hotel name (as e-mails write it) is that Sedna hotel; parked stop sales that now resolve go back to pending',
    input: z.strictObject({ profileId: positiveId, hotelName: z.string().trim().min(1).max(300), hotelId: positiveId }),
    output: mappingResultSchema,
  }),
  'mappings.setRoom': defineCall({
    summary:
      'Remember that this room code at this hotel is that Sedna room type; parked stop sales that now resolve go back to pending',
    input: z.strictObject({ profileId: positiveId, hotelId: positiveId, code, roomTypeId: positiveId }),
    output: mappingResultSchema,
  }),
  'mappings.setBoard': defineCall({
    summary: 'Remember that this board code is that Sedna board; parked stop sales that now resolve go back to pending',
    input: z.strictObject({ profileId: positiveId, code, boardId: positiveId }),
    output: mappingResultSchema,
  }),
  'import.preview': defineCall({
    summary: 'Read a parsed stop-sales file (JSON or CSV) and say, row by row, what importing it would do',
    input: z.union([
      z.strictObject({ path: z.string().min(1).max(4096) }),
      z.strictObject({
        fileName: z.string().min(1).max(255),
        // Base64 of the file, for pages that cannot hand over a path (a dropped file in a browser).
        contentBase64: z.string().max(300 * 2 ** 20),
      }),
    ]),
    output: importPreviewSchema,
  }),
  'files.chooseImport': defineCall({
    summary:
      'Show the open dialog for an import file (JSON, CSV, TSV, text); answers the path chosen (null: cancelled), which import.preview then opens and checks',
    input: z.strictObject({ kind: z.enum(['stopSales', 'reservations']) }),
    output: z.object({ path: z.string().nullable() }),
  }),
  'import.rows': defineCall({
    summary: "A page of a preview's rows with their verdicts and reasons",
    input: z.strictObject({
      importId: z.number().int().positive(),
      states: z.array(importRowStateSchema).max(3).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ rows: z.array(importRowSchema), total: z.number().int().nonnegative() }),
  }),
  'import.commit': defineCall({
    summary: 'Import the valid, new rows of a preview in one transaction',
    input: z.strictObject({ importId: z.number().int().positive() }),
    output: importResultSchema,
  }),
  'import.discard': defineCall({
    summary: 'Drop a preview without importing anything',
    input: z.strictObject({ importId: z.number().int().positive() }),
    output: z.object({ discarded: z.literal(true) }),
  }),
  'stopSales.attempts': defineCall({
    summary: 'Every request made to Sedna for one stop sale, oldest first (credentials redacted)',
    input: idInput,
    output: z.array(syncAttemptSchema),
  }),
  'sync.stopSales': defineCall({
    summary: 'Send these stop sales to Sedna now; answers when each is synced, parked or queued',
    input: z.strictObject({ ids: z.array(z.number().int().positive()).min(1).max(10_000) }),
    output: syncSummarySchema,
  }),
  'sync.allPending': defineCall({
    summary: 'Send every pending stop sale and every pending reservation; answers with the summary (both kinds)',
    input: z.strictObject({}),
    output: syncSummarySchema,
  }),
  'sync.status': defineCall({
    summary: 'Connectivity, whether a sync is running, and what waits in the queue',
    input: z.strictObject({}),
    output: syncStatusSchema,
  }),
  'sync.stopAfterCurrent': defineCall({
    summary: 'Finish the stop sales being sent and start no new ones',
    input: z.strictObject({}),
    output: z.object({ stopping: z.literal(true) }),
  }),
  'sync.retryNow': defineCall({
    summary: 'Check Sedna now and send everything waiting in the queue',
    input: z.strictObject({}),
    output: syncStatusSchema,
  }),
  'queue.list': defineCall({
    summary:
      'What waits in the sync queue, in the order it will be tried: each stop sale with why it waits, its attempts and when it is tried next',
    input: z.strictObject({
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    output: queueListSchema,
  }),
  'queue.tryNow': defineCall({
    summary:
      'Try these waiting stop sales now instead of at their next-try time (checks Sedna first if it seemed down)',
    input: z.strictObject({ ids: z.array(positiveId).min(1).max(500) }),
    output: z.object({ due: z.array(positiveId), connectivity: connectivityStateSchema }),
  }),
  'profiles.list': defineCall({
    summary: 'All Sedna profiles (never a password) and whether the keychain answers',
    input: z.strictObject({}),
    output: z.object({ profiles: z.array(profileSchema), keychain: keychainStatusSchema }),
  }),
  'profiles.save': defineCall({
    summary: 'Create or update a profile; the password (write-only) goes to the keychain',
    input: profileInputSchema,
    output: profileSchema,
  }),
  'profiles.createDemo': defineCall({
    summary: 'Use the built-in demo Sedna server (no account needed) and make it active',
    input: z.strictObject({}),
    output: profileSchema,
  }),
  'profiles.activate': defineCall({
    summary: 'Make a profile the one stop sales are sent with',
    input: idInput,
    output: profileSchema,
  }),
  'profiles.delete': defineCall({
    summary: 'Delete a profile, its cached reference data and its stored password',
    input: idInput,
    output: z.object({ deleted: z.literal(true) }),
  }),
  'profiles.testConnection': defineCall({
    summary: 'Log in to Sedna with a profile and report the operator id, or exactly why not',
    input: idInput,
    output: connectionTestSchema,
  }),
  'reference.status': defineCall({
    summary: 'Counts, age and staleness of the cached hotels, room types and boards',
    input: z.strictObject({ profileId: z.number().int().positive() }),
    output: referenceStatusSchema,
  }),
  'reference.refresh': defineCall({
    summary: 'Fetch hotels, room types and boards from Sedna now',
    input: z.strictObject({ profileId: z.number().int().positive() }),
    output: referenceStatusSchema,
  }),
  'reference.hotels': defineCall({
    summary: 'Cached hotels for a picker: ranked by similarity to the query (Turkish-aware), or by name without one',
    input: z.strictObject({
      profileId: positiveId,
      query: searchText.optional(),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    output: z.array(hotelOptionSchema),
  }),
  'reference.roomTypes': defineCall({
    summary: "A hotel's cached room types (the operator-wide list when the hotel has none), for a picker",
    input: z.strictObject({ profileId: positiveId, hotelId: positiveId }),
    output: z.array(roomTypeOptionSchema),
  }),
  'reference.boards': defineCall({
    summary: 'The cached boards, for a picker',
    input: z.strictObject({ profileId: positiveId }),
    output: z.array(boardOptionSchema),
  }),

  // ---- reservations (issue #8) ----------------------------------------------------------------
  'reservations.list': defineCall({
    summary:
      'A page of reservations (filtered, sorted and paged by SQLite; newest first by default), the filtered total and counts per status over all rows',
    input: z
      .strictObject({
        statuses: z.array(reservationStatusSchema).max(reservationStatuses.length).optional(),
        /** Hotel name, case- and Turkish-insensitive, anywhere in the name. */
        hotel: searchText.optional(),
        /** Stays with a night in [from, to] (check-in on or before `to`, check-out after `from`). */
        from: isoDateSchema.optional(),
        to: isoDateSchema.optional(),
        /** Free text: every word must occur in the voucher, a guest's name, the hotel, be the room/board code, the SourceId or the RecId. */
        text: searchText.optional(),
        /** Default: createdAt desc (newest first). Ties are broken by id in the same direction. */
        sort: z.strictObject({ column: reservationSortColumnSchema, direction: sortDirectionSchema }).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
        message: '"from" must not be after "to"',
        path: ['to'],
      }),
    output: reservationListOutputSchema,
  }),
  'reservations.get': defineCall({
    summary: 'One reservation by id',
    input: idInput,
    output: reservationSchema,
  }),
  'reservations.detail': defineCall({
    summary:
      'One reservation as imported (guests included), what it resolves to in Sedna, the InsertReservation request (as sent, or as it would be sent now; credentials redacted) and every request made for it',
    input: idInput,
    output: reservationDetailSchema,
  }),
  'reservations.attempts': defineCall({
    summary: 'Every request made to Sedna for one reservation, oldest first (URL and bodies redacted)',
    input: idInput,
    output: z.array(reservationAttemptSchema),
  }),
  'reservations.cancel': defineCall({
    summary:
      'Cancel a reservation in Sedna (CancelReservationBySourcId with its SourceId) after staff confirmed; one never sent is cancelled here only. Answers when done, or queued when Sedna is unreachable',
    input: z.strictObject({ id: positiveId, confirm: z.literal(true) }),
    output: reservationCancelResultSchema,
  }),
  'reservationImport.preview': defineCall({
    summary: 'Read a parsed-reservations file (JSON or CSV) and say, row by row, what importing it would do',
    input: z.union([
      z.strictObject({ path: z.string().min(1).max(4096) }),
      z.strictObject({
        fileName: z.string().min(1).max(255),
        // Base64 of the file, for pages that cannot hand over a path (a dropped file in a browser).
        contentBase64: z.string().max(30 * 2 ** 20),
      }),
    ]),
    output: reservationImportPreviewSchema,
  }),
  'reservationImport.rows': defineCall({
    summary: "A page of a reservation import preview's rows with their verdicts and reasons",
    input: z.strictObject({
      importId: positiveId,
      states: z.array(reservationImportRowStateSchema).max(3).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ rows: z.array(reservationImportRowSchema), total: z.number().int().nonnegative() }),
  }),
  'reservationImport.commit': defineCall({
    summary: 'Import the valid, new reservations of a preview in one transaction',
    input: z.strictObject({ importId: positiveId }),
    output: reservationImportResultSchema,
  }),
  'reservationImport.discard': defineCall({
    summary: 'Drop a reservation import preview without importing anything',
    input: z.strictObject({ importId: positiveId }),
    output: z.object({ discarded: z.literal(true) }),
  }),
  'sync.reservations': defineCall({
    summary:
      'Send these reservations to Sedna now (InsertReservation, exactly once); answers when each is synced, parked or queued',
    input: z.strictObject({ ids: z.array(positiveId).min(1).max(10_000) }),
    output: syncSummarySchema,
  }),
  'mappings.setNationality': defineCall({
    summary:
      'Remember that this guest nationality (as vouchers write it) is that Sedna country; parked reservations that now resolve go back to pending',
    input: z.strictObject({
      profileId: positiveId,
      nationality: z.string().trim().min(1).max(100),
      countryId: positiveId,
    }),
    output: mappingResultSchema,
  }),
  'reference.countries': defineCall({
    summary: 'Cached countries (guest nationalities) for a picker: matching the query by code or name, or all by name',
    input: z.strictObject({
      profileId: positiveId,
      query: searchText.optional(),
      limit: z.number().int().min(1).max(300).default(50),
    }),
    output: z.array(countryOptionSchema),
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
  'data.restored': defineEvent({
    summary: 'The data was replaced by a backup; the window reloads everything',
    payload: z.object({ from: z.string(), backupOfCurrent: z.string().nullable() }),
  }),
} as const

export type Calls = typeof calls
export type CallName = keyof Calls
/** What the renderer passes (defaults may be omitted). */
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>
/** What the handler receives after validation (defaults filled in). */
export type CallParsedInput<N extends CallName> = z.output<Calls[N]['input']>
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>

export const callNames = Object.keys(calls) as CallName[]
export const eventNames = Object.keys(events) as EventName[]

export const isCallName = (name: unknown): name is CallName => typeof name === 'string' && Object.hasOwn(calls, name)
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.hasOwn(events, name)

/**
 * What the preload (and the test harness) expose on `window.sedna`. Both are built from the
 * contract above, so the renderer cannot tell them apart.
 */
export interface SednaBridge {
  invoke<N extends CallName>(channel: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  /** Electron only: the path of a file the user chose or dropped (a browser page gets none). */
  pathForFile?(file: unknown): string | undefined
}
