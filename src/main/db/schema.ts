/**
 * The SQLite schema. drizzle-kit generates the migrations in `drizzle/` from this file
 * (`npm run db:generate`); never edit a generated migration by hand.
 */
import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { Resolution } from '../../shared/resolution'
import type { ReservationGuest, ReservationResolution, ReservationStatus } from '../../shared/reservations'
import type { SaleKind, StopSaleStatus } from '../../shared/stop-sales'
import type { Message, MessageParams } from '../../shared/messages'
import type { DriftField, SednaFound } from '../../shared/sedna-records'

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

// ---- column groups several tables share (each call makes new column builders) --------------------

/** An import of a file: its name, hash, format and what came of it. */
const importColumns = () => ({
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name').notNull(),
  /** sha256 of the file's bytes: the same file imported again is recognised at once. */
  fileHash: text('file_hash').notNull(),
  encoding: text('encoding').notNull(),
  status: text('status').$type<'preview' | 'committed' | 'discarded'>().notNull().default('preview'),
  rows: integer('rows').notNull().default(0),
  newCount: integer('new_count').notNull().default(0),
  duplicates: integer('duplicates').notNull().default(0),
  invalid: integer('invalid').notNull().default(0),
  needsAttention: integer('needs_attention').notNull().default(0),
  imported: integer('imported').notNull().default(0),
  createdAt: text('created_at').notNull().default(now),
  committedAt: text('committed_at'),
})

/** A record of an import with its verdict, and why (`reason`, `attention`: English; the messages: codes). */
const importRowColumns = () => ({
  id: integer('id').primaryKey({ autoIncrement: true }),
  row: integer('row').notNull(),
  line: integer('line'),
  state: text('state').$type<'new' | 'duplicate' | 'invalid'>().notNull(),
  /** Why invalid or duplicate, in words for staff. */
  reason: text('reason'),
  /** What must be mapped before it can be sent (it is still imported). */
  attention: text('attention'),
  /** `reason` and `attention` as codes with parameters, one per problem (null for rows from before codes). */
  reasonMessages: text('reason_messages', { mode: 'json' }).$type<Message[]>(),
  attentionMessages: text('attention_messages', { mode: 'json' }).$type<Message[]>(),
  dedupeKey: text('dedupe_key'),
  /** The canonical record (null when it was invalid). */
  payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>(),
})

/** One request made to Sedna for a record and what came of it. */
const attemptColumns = () => ({
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull().default(now),
  phase: text('phase').notNull(),
  outcome: text('outcome').notNull(),
  httpStatus: integer('http_status'),
  sednaErrorType: integer('sedna_error_type'),
  message: text('message'),
  /** The message as a code with its parameters (null for rows from before codes). */
  messageCode: text('message_code'),
  messageParams: text('message_params', { mode: 'json' }).$type<MessageParams>(),
  durationMs: integer('duration_ms'),
  /** Bodies as sent and received, with credentials redacted before they are stored. */
  requestBody: text('request_body'),
  responseBody: text('response_body'),
})

export const stopSales = sqliteTable(
  'stop_sales',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The hotel's name exactly as the e-mail gave it (Turkish letters kept byte-exact). */
    hotelName: text('hotel_name').notNull(),
    /** The Sedna hotel id it resolved to; null until resolved. */
    hotelId: integer('hotel_id'),
    /** Room and board codes as received (empty = all); market ids as Sedna knows them. */
    roomCodes: text('room_codes', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    boardCodes: text('board_codes', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    marketIds: text('market_ids', { mode: 'json' })
      .$type<number[]>()
      .notNull()
      .default(sql`'[]'`),
    /** YYYY-MM-DD, both inclusive: Sedna's BeginDate and EndDate. */
    firstNight: text('first_night').notNull(),
    lastNight: text('last_night').notNull(),
    kind: text('kind').$type<SaleKind>().notNull().default('close'),
    reason: text('reason'),
    sourceMessageId: text('source_message_id'),
    /** When the hotel declared it (the e-mail's time): Sedna's DeclareDate. */
    sourceReceivedAt: text('source_received_at'),
    sourceSubject: text('source_subject'),
    status: text('status').$type<StopSaleStatus>().notNull().default('pending'),
    sednaRecId: integer('sedna_rec_id'),
    lastError: text('last_error'),
    /** The same as a code with its parameters (worded by the screen and the command line); null for rows from before codes. */
    lastErrorCode: text('last_error_code'),
    lastErrorParams: text('last_error_params', { mode: 'json' }).$type<MessageParams>(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastAttemptAt: text('last_attempt_at'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    /** The Sedna account this record is being (or was) sent with; its RecId belongs there. */
    profileId: integer('profile_id').references(() => sednaProfiles.id, { onDelete: 'set null' }),
    /** Exactly the DeclareDate sent in phase 1, so the record can be recognised in Sedna later. */
    declareDate: text('declare_date'),
    /** What the record resolved to (ids), or what could not be resolved (needs attention). */
    resolution: text('resolution', { mode: 'json' }).$type<Resolution>(),
    /** Which process works on it now, and until when: claims are atomic across the app and the CLI. */
    claimedBy: text('claimed_by'),
    leaseUntil: text('lease_until'),
    syncedAt: text('synced_at'),
    /**
     * Set just before phase 1 is sent. With no RecId stored, phase 1 may or may not have reached
     * Sedna: the engine must look in Sedna before it ever sends phase 1 again.
     */
    phase1SentAt: text('phase1_sent_at'),
    /** Waiting because Sedna was unreachable: sent as soon as it answers again. */
    waitingForNetwork: integer('waiting_for_network', { mode: 'boolean' }).notNull().default(false),
    /** Same hotel, nights, rooms, boards and markets hash alike: how a re-import is recognised. */
    dedupeKey: text('dedupe_key'),
    importId: integer('import_id').references(() => imports.id),
    sourceEmailId: text('source_email_id'),
    /** Record number in the imported file. */
    sourceRow: integer('source_row'),
    /**
     * normalizeHotelName(hotel_name): the Turkish-aware, case-folded key the list filters and sorts by
     * ("istanbul" finds "İstanbul Boğaz Palace"). Computed in JS (SQLite cannot fold İ/ı/ş…), so it is
     * filled on insert; rows stored before it existed are filled at start-up (services/hotel-keys.ts).
     */
    hotelKey: text('hotel_key'),
    /** Found already in Sedna by the look before its first send and adopted (nothing written): whose it is. */
    sednaFound: text('sedna_found', { mode: 'json' }).$type<SednaFound>(),
    /** changed_in_sedna: the fields in which Sedna's copy differs from ours, as the last pull saw them. */
    drift: text('drift', { mode: 'json' }).$type<DriftField[]>(),
    /** Nights covered, both ends inclusive: derived, never written (virtual, so it can be indexed for sorting). */
    nights: integer('nights').generatedAlwaysAs(
      sql`cast(julianday("last_night") - julianday("first_night") as integer) + 1`,
      { mode: 'virtual' },
    ),
  },
  (t) => [
    check('stop_sales_nights_ordered', sql`${t.firstNight} <= ${t.lastNight}`),
    check('stop_sales_kind_known', sql`${t.kind} in ('close', 'open')`),
    index('stop_sales_status_idx').on(t.status),
    index('stop_sales_hotel_nights_idx').on(t.hotelName, t.firstNight),
    index('stop_sales_next_attempt_idx').on(t.status, t.nextAttemptAt),
    index('stop_sales_sedna_rec_id_idx').on(t.sednaRecId),
    index('stop_sales_dedupe_idx').on(t.dedupeKey),
    // The list's sort columns (each index ends in the rowid, so "column, id" pages need no sort step)
    // and its filters: hotel key; first/last night for the date-range overlap (a range on first_night,
    // bounded by the longest stop, with last_night checked from the index).
    index('stop_sales_hotel_key_idx').on(t.hotelKey),
    index('stop_sales_first_night_idx').on(t.firstNight, t.lastNight),
    index('stop_sales_last_night_idx').on(t.lastNight),
    index('stop_sales_nights_idx').on(t.nights),
    index('stop_sales_kind_idx').on(t.kind),
    index('stop_sales_last_attempt_idx').on(t.lastAttemptAt),
  ],
)

/** Every request made to Sedna for a record: the history the detail screen shows. */
export const syncAttempts = sqliteTable(
  'sync_attempts',
  {
    ...attemptColumns(),
    /** phase: phase1, phase2, lookup, login, resolve */
    stopSaleId: integer('stop_sale_id')
      .notNull()
      .references(() => stopSales.id, { onDelete: 'cascade' }),
  },
  (t) => [index('sync_attempts_stop_sale_idx').on(t.stopSaleId, t.startedAt)],
)

export type StopSaleRow = typeof stopSales.$inferSelect
export type NewStopSaleRow = typeof stopSales.$inferInsert

/**
 * A Sedna account. The password is not here: it lives in the OS keychain under this row's id.
 * kind 'demo' points at the built-in simulator, whose address changes every start.
 */
export const sednaProfiles = sqliteTable(
  'sedna_profiles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').$type<'sedna' | 'demo'>().notNull().default('sedna'),
    name: text('name').notNull(),
    baseUrl: text('base_url').notNull(),
    username: text('username').notNull(),
    /** Learned from AgencyLogin's RecId. */
    operatorId: integer('operator_id'),
    operatorCode: text('operator_code'),
    authorityId: integer('authority_id').notNull().default(207),
    recordUser: text('record_user').notNull().default('Entegrasyon'),
    /** How "all rooms" / "all boards" are sent: every id explicitly, or an empty list. */
    allRooms: text('all_rooms').$type<'explicit' | 'empty'>().notNull().default('explicit'),
    allBoards: text('all_boards').$type<'explicit' | 'empty'>().notNull().default('explicit'),
    isActive: integer('is_active', { mode: 'boolean' }).notNull().default(false),
    lastLoginAt: text('last_login_at'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    check('sedna_profiles_kind_known', sql`${t.kind} in ('sedna', 'demo')`),
    check('sedna_profiles_all_rooms_known', sql`${t.allRooms} in ('explicit', 'empty')`),
    check('sedna_profiles_all_boards_known', sql`${t.allBoards} in ('explicit', 'empty')`),
    // At most one active profile.
    uniqueIndex('sedna_profiles_one_active_uq')
      .on(t.isActive)
      .where(sql`${t.isActive} = 1`),
  ],
)

const profileRef = () =>
  integer('profile_id')
    .notNull()
    .references(() => sednaProfiles.id, { onDelete: 'cascade' })

/** Sedna's hotels, per profile. `nameKey` is the Turkish-aware comparison key used for matching. */
export const refHotels = sqliteTable(
  'ref_hotels',
  {
    profileId: profileRef(),
    sednaId: integer('sedna_id').notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    code: text('code'),
    region: text('region'),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.sednaId] }),
    index('ref_hotels_name_key_idx').on(t.profileId, t.nameKey),
  ],
)

/** Room types per hotel (GetHotelRoomTypelistAll), or operator-wide (GetRoomTypeList) with hotelId 0. */
export const refRoomTypes = sqliteTable(
  'ref_room_types',
  {
    profileId: profileRef(),
    hotelId: integer('hotel_id').notNull(),
    sednaId: integer('sedna_id').notNull(),
    code: text('code').notNull(),
    name: text('name'),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.hotelId, t.sednaId] }),
    index('ref_room_types_code_idx').on(t.profileId, t.hotelId, t.code),
  ],
)

export const refBoards = sqliteTable(
  'ref_boards',
  {
    profileId: profileRef(),
    sednaId: integer('sedna_id').notNull(),
    code: text('code').notNull(),
    name: text('name'),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.sednaId] })],
)

/** When each kind of reference data was last fetched, and whether the last try failed. */
export const refRefreshes = sqliteTable(
  'ref_refreshes',
  {
    profileId: profileRef(),
    kind: text('kind').$type<'hotels' | 'roomTypes' | 'boards' | 'countries'>().notNull(),
    refreshedAt: text('refreshed_at'),
    itemCount: integer('item_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    stale: integer('stale', { mode: 'boolean' }).notNull().default(false),
    lastError: text('last_error'),
    /** The same as a code with its parameters (worded by the screen and the command line); null for rows from before codes. */
    lastErrorCode: text('last_error_code'),
    lastErrorParams: text('last_error_params', { mode: 'json' }).$type<MessageParams>(),
    lastTriedAt: text('last_tried_at'),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.kind] })],
)

/** A person confirmed: this hotel name as received means that Sedna hotel. */
export const hotelMappings = sqliteTable(
  'hotel_mappings',
  {
    profileId: profileRef(),
    nameKey: text('name_key').notNull(),
    nameAsReceived: text('name_as_received').notNull(),
    hotelId: integer('hotel_id').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.nameKey] })],
)

/** A person confirmed: code X at hotel H is room type N (boards: hotelId 0, boards are agency-wide). */
export const codeMappings = sqliteTable(
  'code_mappings',
  {
    profileId: profileRef(),
    kind: text('kind').$type<'room' | 'board'>().notNull(),
    hotelId: integer('hotel_id').notNull(),
    code: text('code').notNull(),
    sednaId: integer('sedna_id').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.kind, t.hotelId, t.code] }),
    check('code_mappings_kind_known', sql`${t.kind} in ('room', 'board')`),
  ],
)

export type ProfileRow = typeof sednaProfiles.$inferSelect

/** One import of a file: what it held and what came of it. */
export const imports = sqliteTable(
  'imports',
  {
    ...importColumns(),
    format: text('format').notNull(),
    stopSales: integer('stop_sales').notNull().default(0),
    /** The highest stop_sales id when the preview began: commit re-checks only what came after. */
    seenMaxStopSaleId: integer('seen_max_stop_sale_id').notNull().default(0),
  },
  (t) => [index('imports_file_hash_idx').on(t.fileHash)],
)

/**
 * Staging for a preview: every record of the file with its verdict. Filled in small batches while
 * the file streams (memory stays at a batch); commit moves the new ones into stop_sales in one
 * transaction.
 */
export const importRows = sqliteTable(
  'import_rows',
  {
    ...importRowColumns(),
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('import_rows_state_idx').on(t.importId, t.state, t.row),
    index('import_rows_dedupe_idx').on(t.importId, t.dedupeKey),
  ],
)

// ---- reservations (issue #8) -------------------------------------------------------------------

/** Sedna's countries (GetCountrys), per profile: what a guest's nationality resolves to. */
export const refCountries = sqliteTable(
  'ref_countries',
  {
    profileId: profileRef(),
    sednaId: integer('sedna_id').notNull(),
    name: text('name').notNull(),
    /** foldName(name): case-, accent- and Turkish-insensitive ("Türkiye" = "TURKIYE"). */
    nameKey: text('name_key').notNull(),
    /** Upper-cased, when Sedna gives one (e.g. "UA"). */
    code: text('code'),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.sednaId] }),
    index('ref_countries_name_key_idx').on(t.profileId, t.nameKey),
    index('ref_countries_code_idx').on(t.profileId, t.code),
  ],
)

/** A person confirmed: this nationality as received (folded) is that Sedna country. */
export const nationalityMappings = sqliteTable(
  'nationality_mappings',
  {
    profileId: profileRef(),
    valueKey: text('value_key').notNull(),
    valueAsReceived: text('value_as_received').notNull(),
    countryId: integer('country_id').notNull(),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.valueKey] })],
)

/** One import of a parsed-reservations file: what it held and what came of it. */
export const reservationImports = sqliteTable(
  'reservation_imports',
  {
    ...importColumns(),
    format: text('format').$type<'json' | 'csv'>().notNull(),
  },
  (t) => [index('reservation_imports_file_hash_idx').on(t.fileHash)],
)

/** A preview's records with their verdicts; after commit only the rejected ones are kept. */
export const reservationImportRows = sqliteTable(
  'reservation_import_rows',
  {
    ...importRowColumns(),
    importId: integer('import_id')
      .notNull()
      .references(() => reservationImports.id, { onDelete: 'cascade' }),
  },
  (t) => [index('reservation_import_rows_state_idx').on(t.importId, t.state, t.row)],
)

/**
 * Reservations to be sent with InsertReservation, each a persisted state machine with the same
 * queue columns as stop_sales (status, claim, lease, next attempt):
 *   pending → queued → sending (send_started_at committed before the request) → synced (RecId)
 *   synced → cancelling (cancel_requested_at) → cancelled
 */
export const reservations = sqliteTable(
  'reservations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /**
     * The app's own id for it in Sedna (InsertReservation SourceId; CancelReservationBySourcId). Formed
     * from the booking at its first send (reservations/source-id.ts: two desks sending the same booking
     * carry the same one) and frozen then; until then a unique placeholder "R<id>-<6 hex>" from the import.
     */
    sourceId: text('source_id').notNull(),
    voucherNo: text('voucher_no').notNull(),
    hotelName: text('hotel_name').notNull(),
    /** normalizeHotelName(hotel_name), for the Turkish-aware hotel filter and sort. */
    hotelKey: text('hotel_key').notNull(),
    /** A Sedna hotel id given by the file itself (else resolved from the name). */
    hotelId: integer('hotel_id'),
    /** YYYY-MM-DD; check-out is the departure day (not a night). */
    checkIn: text('check_in').notNull(),
    checkOut: text('check_out').notNull(),
    nights: integer('nights').generatedAlwaysAs(sql`cast(julianday("check_out") - julianday("check_in") as integer)`, {
      mode: 'virtual',
    }),
    /** Room and board codes as received (e.g. DBL, AI). */
    roomCode: text('room_code').notNull(),
    boardCode: text('board_code').notNull(),
    adults: integer('adults').notNull(),
    children: integer('children').notNull().default(0),
    pax: integer('pax').generatedAlwaysAs(sql`"adults" + "children"`, { mode: 'virtual' }),
    guests: text('guests', { mode: 'json' })
      .$type<ReservationGuest[]>()
      .notNull()
      .default(sql`'[]'`),
    totalPrice: real('total_price'),
    currency: text('currency'),
    saleDate: text('sale_date'),
    sourceEmailId: text('source_email_id'),
    importId: integer('import_id').references(() => reservationImports.id),
    sourceRow: integer('source_row'),
    /** voucher + source e-mail: the same booking imported again is recognised by it. */
    dedupeKey: text('dedupe_key').notNull(),
    /** sha256 of the record's content: tells "the same again" from "the same voucher, changed". */
    contentHash: text('content_hash').notNull(),
    status: text('status').$type<ReservationStatus>().notNull().default('pending'),
    sednaRecId: integer('sedna_rec_id'),
    /** The Sedna account and OperatorId it is being (or was) sent with; cancelling uses the same. */
    profileId: integer('profile_id').references(() => sednaProfiles.id, { onDelete: 'set null' }),
    operatorId: integer('operator_id'),
    /** What it resolved to (stored when sent, so a retry sends the same body), or what is missing. */
    resolution: text('resolution', { mode: 'json' }).$type<ReservationResolution>(),
    /**
     * Set just before InsertReservation is sent. With no RecId stored, it may or may not have reached
     * Sedna: the engine must look it up (by voucher, matching the SourceId) before sending again.
     */
    sendStartedAt: text('send_started_at'),
    syncedAt: text('synced_at'),
    cancelRequestedAt: text('cancel_requested_at'),
    cancelledAt: text('cancelled_at'),
    /**
     * When the guests' personal data (names, birth dates, passport numbers) was removed from this
     * reservation, its stored requests and its import rows, a set number of days after check-out.
     */
    guestDataPurgedAt: text('guest_data_purged_at'),
    /**
     * Sedna's reservation the look before the first send found for this voucher: adopted when it is
     * the same booking, else kept (as Sedna listed it) for the person who compares both versions.
     */
    sednaFound: text('sedna_found', { mode: 'json' }).$type<Record<string, unknown>>(),
    lastError: text('last_error'),
    /** The same as a code with its parameters (worded by the screen and the command line); null for rows from before codes. */
    lastErrorCode: text('last_error_code'),
    lastErrorParams: text('last_error_params', { mode: 'json' }).$type<MessageParams>(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastAttemptAt: text('last_attempt_at'),
    waitingForNetwork: integer('waiting_for_network', { mode: 'boolean' }).notNull().default(false),
    claimedBy: text('claimed_by'),
    leaseUntil: text('lease_until'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    check('reservations_stay_ordered', sql`${t.checkIn} < ${t.checkOut}`),
    check('reservations_pax_counts', sql`${t.adults} >= 0 and ${t.children} >= 0`),
    uniqueIndex('reservations_source_id_uq').on(t.sourceId),
    uniqueIndex('reservations_dedupe_uq').on(t.dedupeKey),
    index('reservations_status_idx').on(t.status),
    index('reservations_next_attempt_idx').on(t.status, t.nextAttemptAt),
    index('reservations_voucher_idx').on(t.voucherNo),
    index('reservations_hotel_key_idx').on(t.hotelKey),
    index('reservations_check_in_idx').on(t.checkIn, t.checkOut),
    index('reservations_check_out_idx').on(t.checkOut),
    index('reservations_sedna_rec_id_idx').on(t.sednaRecId),
    index('reservations_last_attempt_idx').on(t.lastAttemptAt),
  ],
)

export type ReservationRow = typeof reservations.$inferSelect
export type NewReservationRow = typeof reservations.$inferInsert

/** Every request made to Sedna for a reservation: the history the detail screen shows. */
export const reservationAttempts = sqliteTable(
  'reservation_attempts',
  {
    ...attemptColumns(),
    /** phase: send, lookup, cancel, login, resolve */
    reservationId: integer('reservation_id')
      .notNull()
      .references(() => reservations.id, { onDelete: 'cascade' }),
    /** "METHOD url" with credentials redacted by the client before it was stored. */
    url: text('url'),
  },
  (t) => [index('reservation_attempts_reservation_idx').on(t.reservationId, t.id)],
)

/**
 * The app's settings that are not per account (network, retention): one row per key, the value as
 * JSON, read through services/settings.ts (which checks it against the shared schema and fills in
 * defaults, so a missing or unreadable row is the default).
 */
export const appSettings = sqliteTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull().default(now),
})

/**
 * The mirror: Sedna's stop sales as the last pulls read them (GetStopSaleList…WithUpdateDate), per
 * account, children included. Sedna is the record the desks share; this is the app's copy of it.
 * Children lists are null when Sedna's answer did not carry them (its shapes are GUESSes).
 */
export const sednaStopSales = sqliteTable(
  'sedna_stop_sales',
  {
    profileId: profileRef(),
    recId: integer('rec_id').notNull(),
    hotelId: integer('hotel_id'),
    /** YYYY-MM-DD, both inclusive. */
    beginDate: text('begin_date').notNull(),
    endDate: text('end_date').notNull(),
    declareDate: text('declare_date'),
    stopType: integer('stop_type'),
    state: integer('state'),
    recordUser: text('record_user'),
    roomRemark: text('room_remark'),
    operatorRemark: text('operator_remark'),
    boardRemark: text('board_remark'),
    rooms: text('rooms', { mode: 'json' }).$type<number[]>(),
    boards: text('boards', { mode: 'json' }).$type<number[]>(),
    operators: text('operators', { mode: 'json' }).$type<number[]>(),
    markets: text('markets', { mode: 'json' }).$type<number[]>(),
    /** Sedna's own creation and update dates, as its list gave them (null when absent). */
    recordDate: text('record_date'),
    updateDate: text('update_date'),
    /** When a pull last read it. */
    pulledAt: text('pulled_at').notNull(),
    /** When a full pull last missed it (deleted in Sedna); null while it is there. */
    goneAt: text('gone_at'),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.recId] }),
    index('sedna_stop_sales_hotel_idx').on(t.profileId, t.hotelId, t.beginDate),
    index('sedna_stop_sales_update_idx').on(t.profileId, t.updateDate),
  ],
)
export type SednaStopSaleRow = typeof sednaStopSales.$inferSelect

/** One pull of the mirror: what it asked for, how far it got, and its high-water mark. */
export const sednaPulls = sqliteTable(
  'sedna_pulls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    profileId: profileRef(),
    /** full: every record of the window (deletions seen); changes: by update date since the mark. */
    kind: text('kind').$type<'full' | 'changes'>().notNull(),
    startedAt: text('started_at').notNull().default(now),
    finishedAt: text('finished_at'),
    /** The nights asked for, YYYY-MM-DD. */
    fromNight: text('from_night').notNull(),
    toNight: text('to_night').notNull(),
    /** changes: the update day asked from (the last mark less the overlap). */
    sinceDay: text('since_day'),
    /** The latest update date read (the next pull's mark); null until it finished. */
    highWater: text('high_water'),
    received: integer('received').notNull().default(0),
    changed: integer('changed').notNull().default(0),
    gone: integer('gone').notNull().default(0),
    errorCode: text('error_code'),
    errorParams: text('error_params', { mode: 'json' }).$type<MessageParams>(),
  },
  (t) => [index('sedna_pulls_profile_idx').on(t.profileId, t.id)],
)
export type SednaPullRow = typeof sednaPulls.$inferSelect
