/**
 * The SQLite schema. drizzle-kit generates the migrations in `drizzle/` from this file
 * (`npm run db:generate`); never edit a generated migration by hand.
 */
import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { SaleKind, StopSaleStatus } from '../../shared/stop-sales'

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

export const stopSales = sqliteTable(
  'stop_sales',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The hotel's name exactly as the e-mail gave it (Turkish letters kept byte-exact). */
    hotelName: text('hotel_name').notNull(),
    /** The Sedna hotel id it resolved to; null until resolved. */
    hotelId: integer('hotel_id'),
    /** Room and board codes as received (empty = all); market ids as Sedna knows them. */
    roomCodes: text('room_codes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    boardCodes: text('board_codes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    marketIds: text('market_ids', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
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
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastAttemptAt: text('last_attempt_at'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    check('stop_sales_nights_ordered', sql`${t.firstNight} <= ${t.lastNight}`),
    check('stop_sales_kind_known', sql`${t.kind} in ('close', 'open')`),
    index('stop_sales_status_idx').on(t.status),
    index('stop_sales_hotel_nights_idx').on(t.hotelName, t.firstNight),
    index('stop_sales_next_attempt_idx').on(t.status, t.nextAttemptAt),
    index('stop_sales_sedna_rec_id_idx').on(t.sednaRecId),
  ],
)

/** Every request made to Sedna for a record: the history the detail screen shows. */
export const syncAttempts = sqliteTable(
  'sync_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    stopSaleId: integer('stop_sale_id')
      .notNull()
      .references(() => stopSales.id, { onDelete: 'cascade' }),
    startedAt: text('started_at').notNull().default(now),
    /** e.g. phase1, phase2, lookup */
    phase: text('phase').notNull(),
    outcome: text('outcome').notNull(),
    httpStatus: integer('http_status'),
    sednaErrorType: integer('sedna_error_type'),
    message: text('message'),
    durationMs: integer('duration_ms'),
    /** Bodies as sent and received, with credentials redacted before they are stored. */
    requestBody: text('request_body'),
    responseBody: text('response_body'),
  },
  (t) => [index('sync_attempts_stop_sale_idx').on(t.stopSaleId, t.startedAt)],
)

export type StopSaleRow = typeof stopSales.$inferSelect
export type NewStopSaleRow = typeof stopSales.$inferInsert
