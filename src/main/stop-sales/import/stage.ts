/**
 * Where one live stop-sale preview keeps its verdicts: a TEMP table of this connection (plain columns
 * shaped like stop_sales; no WAL, no fsync, so staging costs little), and the statements that read it
 * page by page, re-check it and move its new rows into stop_sales at commit.
 */
import type Database from 'better-sqlite3'
import type { Message } from '../../../shared/messages'
import { wordMessage } from '../../../shared/messages/word'
import type { Declaration } from './dedupe'

/** Declarations of this file's own rows get ids from here up: above any stored id, in file order. */
export const FILE_ROW_IDS = 2 ** 50

export type StageState = 'new' | 'duplicate' | 'invalid'

/** What a row is staged with, besides its verdict: the record's columns (null for an invalid row). */
export interface StagedRecord {
  dedupeKey: string
  hotelName: string
  hotelId: number | null
  roomCodes: string
  boardCodes: string
  marketIds: string
  firstNight: string
  lastNight: string
  kind: 'close' | 'open'
  reason: string | null
  messageId: string | null
  receivedAt: string | null
  subject: string | null
  emailId: string | null
  hotelKey: string
}

/** What needs a person before the row can be sent: the message, its code and params as stored, and English. */
export interface StagedAttention {
  text: string
  code: string
  params: string | null
}

export interface StagedRow {
  seq: number
  row: number
  line: number | null
  state: StageState
  reason_messages: string | null
  attention_code: string | null
  attention_params: string | null
  notes: string | null
  hotel_name: string | null
  first_night: string | null
  last_night: string | null
  room_codes: string | null
  board_codes: string | null
  kind: 'close' | 'open' | null
}

type Lookup = Database.Statement<[string], Declaration & { key: string }>

/** The temp table of one live preview and its statements. */
export interface Stage {
  readonly table: string
  /** Stages one row; `reasons` as JSON (invalid or duplicate), `notes` as JSON. */
  put(
    seq: number,
    row: { row: number; line: number | null; notes: string | null },
    state: StageState,
    reasons: string | null,
    attention: StagedAttention | null,
    record: StagedRecord | null,
  ): void
  byKeys: Lookup
  bySeqs: Lookup
  /** Lets byKeys find rows without scanning: made only for a huge file. */
  indexKeys(): void
  page(states: readonly StageState[] | undefined, offset: number, limit: number): { rows: StagedRow[]; total: number }
  /** New rows whose key was stored since `seenMaxId`: candidates to become duplicates at commit. */
  lateCandidates(seenMaxId: number): Array<Omit<Declaration, 'id'> & { seq: number; key: string }>
  markDuplicate(seq: number, reasons: Message[]): void
  /** Moves the new rows into stop_sales (one statement); returns how many. */
  moveNew(importId: number): number
  /** New rows that need a person before they can be sent. */
  needsAttention(): number
  /** Keeps the invalid rows with the import's record (import_rows): what was left out and why. */
  keepInvalid(importId: number): void
  drop(): void
}

export function openStage(sqlite: Database.Database, importId: number): Stage {
  const table = `temp.import_stage_${importId}`
  sqlite.exec(`drop table if exists ${table}`)
  sqlite.exec(`create table ${table} (
    seq integer primary key, row integer not null, line integer, state text not null, reason_messages text,
    attention text, attention_code text, attention_params text, dedupe_key text, hotel_name text, hotel_id integer,
    room_codes text, board_codes text, market_ids text, first_night text, last_night text, kind text,
    sale_reason text, message_id text, received_at text, subject text, email_id text, hotel_key text, notes text)`)
  const insert = sqlite.prepare(
    `insert into ${table} (seq, row, line, state, reason_messages, attention, attention_code, attention_params,
       dedupe_key, hotel_name, hotel_id, room_codes, board_codes, market_ids, first_night, last_night, kind,
       sale_reason, message_id, received_at, subject, email_id, hotel_key, notes)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const declarations = (where: string): Lookup =>
    sqlite.prepare(
      `select seq + ${FILE_ROW_IDS} as id, kind, message_id as messageId, received_at as receivedAt, dedupe_key as key
         from ${table} where ${where}`,
    )
  const count = (where: string) =>
    sqlite.prepare<[], number>(`select count(*) from ${table} where ${where}`).pluck().get() ?? 0

  return {
    table,
    put(seq, row, state, reasons, attention, r) {
      insert.run(
        seq,
        row.row,
        row.line,
        state,
        reasons,
        attention?.text ?? null,
        attention?.code ?? null,
        attention?.params ?? null,
        r?.dedupeKey ?? null,
        r?.hotelName ?? null,
        r?.hotelId ?? null,
        r?.roomCodes ?? null,
        r?.boardCodes ?? null,
        r?.marketIds ?? null,
        r?.firstNight ?? null,
        r?.lastNight ?? null,
        r?.kind ?? null,
        r?.reason ?? null,
        r?.messageId ?? null,
        r?.receivedAt ?? null,
        r?.subject ?? null,
        r?.emailId ?? null,
        r?.hotelKey ?? null,
        row.notes,
      )
    },
    byKeys: declarations(`state = 'new' and dedupe_key in (select value from json_each(?))`),
    bySeqs: declarations(`seq in (select value from json_each(?))`),
    indexKeys: () =>
      void sqlite.exec(`create index if not exists ${table}_key on import_stage_${importId} (dedupe_key)`),

    page(states, offset, limit) {
      const filter = states?.length ? `where state in (select value from json_each(?))` : ''
      const args = states?.length ? [JSON.stringify(states)] : []
      const total =
        sqlite
          .prepare<unknown[], number>(`select count(*) from ${table} ${filter}`)
          .pluck()
          .get(...args) ?? 0
      const rows = sqlite
        .prepare<unknown[], StagedRow>(
          `select seq, row, line, state, reason_messages, attention_code, attention_params, notes, hotel_name,
                  first_night, last_night, room_codes, board_codes, kind
             from ${table} ${filter} order by seq limit ? offset ?`,
        )
        .all(...args, limit, offset)
      return { rows, total }
    },

    lateCandidates(seenMaxId) {
      return sqlite
        .prepare<[number], Omit<Declaration, 'id'> & { seq: number; key: string }>(
          `select r.seq, r.dedupe_key as key, r.kind, r.message_id as messageId, r.received_at as receivedAt
             from ${table} r where r.state = 'new'
              and exists (select 1 from stop_sales s where s.dedupe_key = r.dedupe_key and s.id > ?)`,
        )
        .all(seenMaxId)
    },

    markDuplicate(seq, reasons) {
      sqlite
        .prepare(`update ${table} set state = 'duplicate', reason_messages = ? where seq = ?`)
        .run(JSON.stringify(reasons), seq)
    },

    moveNew(importId) {
      return sqlite
        .prepare(
          `insert into stop_sales (hotel_name, hotel_id, room_codes, board_codes, market_ids, first_night, last_night,
              kind, reason, source_message_id, source_received_at, source_subject, source_email_id, source_row,
              import_id, dedupe_key, last_error, last_error_code, last_error_params, hotel_key)
           select hotel_name, hotel_id, room_codes, board_codes, market_ids, first_night, last_night, kind, sale_reason,
              message_id, received_at, subject, email_id, row, ?, dedupe_key, attention, attention_code,
              attention_params, hotel_key
             from ${table} where state = 'new' order by seq`,
        )
        .run(importId).changes
    },

    needsAttention: () => count(`state = 'new' and attention is not null`),

    keepInvalid(importId) {
      // The English reason is worded here, for the few rows left out (the log and older versions read it).
      const invalid = sqlite
        .prepare<[], { row: number; line: number | null; reasons: string; notes: string | null }>(
          `select row, line, reason_messages as reasons, notes from ${table} where state = 'invalid' order by seq`,
        )
        .all()
      const keep = sqlite.prepare(
        `insert into import_rows (import_id, row, line, state, reason, reason_messages, payload)
         values (?, ?, ?, 'invalid', ?, ?, case when ? is null then null else json_object('notes', json(?)) end)`,
      )
      for (const r of invalid) {
        const reasons = JSON.parse(r.reasons) as Message[]
        keep.run(importId, r.row, r.line, reasonText(reasons), r.reasons, r.notes, r.notes)
      }
    },

    drop: () => void sqlite.exec(`drop table if exists ${table}`),
  }
}

/** A stop-sale row's reasons in English, as stored beside their codes: "a; b; c". */
export const reasonText = (reasons: readonly Message[]) => reasons.map((m) => wordMessage(m)).join('; ')
