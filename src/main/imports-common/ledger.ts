/**
 * The record both kinds of import keep of each preview (`imports` / `reservation_imports`, with their
 * rows in `import_rows` / `reservation_import_rows`): whether the same file was imported before, the
 * checks before a commit or a discard, the final counts, and the rows kept with their verdicts. The two
 * kinds' tables have the same columns; only their names differ.
 */
import { sql } from 'drizzle-orm'
import { message, type Message, type MessageCode } from '../../shared/messages'
import type { Db } from '../db/database'
import { AppFailure } from '../errors'
import type { TextNote } from '../files/clean-text'

export type ImportStatus = 'preview' | 'committed' | 'discarded'
export type RowState = 'new' | 'duplicate' | 'invalid'

export interface LedgerRecord {
  id: number
  fileName: string
  status: ImportStatus
  duplicates: number
  invalid: number
}

/** A stored row as both kinds keep it (`payload` is the kind's own). */
export interface KeptRow {
  id: number
  row: number
  line: number | null
  state: RowState
  reasons: Message[]
  attention: Message[]
  payload: (Record<string, unknown> & { notes?: TextNote[] }) | null
}

export interface ImportLedger {
  /** The last committed import of the very same file (by content), if any. */
  sameFile(hash: string): { importId: number; at: string } | null
  /** The import's record (not-found when there is none). */
  get(importId: number): LedgerRecord
  /** The record of an import still in preview (conflict when it was committed or discarded). */
  preview(importId: number): LedgerRecord
  /** Marks it committed with its final counts (inside the caller's transaction). */
  committed(importId: number, counts: { imported: number; duplicates: number; needsAttention: number }): void
  /** Marks a preview discarded; false when it was not (or no longer) a preview. */
  discarded(importId: number): boolean
  /** A page of its stored rows, in file order, with the states asked for. */
  keptRows(
    importId: number,
    q: { states?: readonly RowState[] | undefined; offset: number; limit: number },
  ): {
    rows: KeptRow[]
    total: number
  }
}

export function createImportLedger(
  db: Db,
  tables: { imports: string; rows: string; notFound: MessageCode },
): ImportLedger {
  const imports = sql.identifier(tables.imports)
  const rows = sql.identifier(tables.rows)

  function get(importId: number): LedgerRecord {
    const record = db.get<LedgerRecord | undefined>(
      sql`select id, file_name as fileName, status, duplicates, invalid from ${imports} where id = ${importId}`,
    )
    if (!record) throw AppFailure.coded('not-found', message(tables.notFound, { importId }))
    return record
  }

  return {
    sameFile(hash) {
      const previous = db.get<{ id: number; at: string | null } | undefined>(
        sql`select id, committed_at as at from ${imports} where file_hash = ${hash} and status = 'committed'
            order by id desc limit 1`,
      )
      return previous ? { importId: previous.id, at: previous.at ?? '' } : null
    },

    get,

    preview(importId) {
      const record = get(importId)
      if (record.status !== 'preview') {
        throw AppFailure.coded(
          'conflict',
          message('import.alreadyDone', { importId, file: record.fileName, status: record.status }),
        )
      }
      return record
    },

    committed(importId, { imported, duplicates, needsAttention }) {
      db.run(
        sql`update ${imports} set status = 'committed', imported = ${imported}, duplicates = ${duplicates},
              needs_attention = ${needsAttention}, committed_at = ${new Date().toISOString()} where id = ${importId}`,
      )
    },

    discarded(importId) {
      return (
        db.run(sql`update ${imports} set status = 'discarded' where id = ${importId} and status = 'preview'`).changes >
        0
      )
    },

    keptRows(importId, { states, offset, limit }) {
      get(importId)
      const where = states?.length
        ? sql`import_id = ${importId} and state in (select value from json_each(${JSON.stringify(states)}))`
        : sql`import_id = ${importId}`
      const total = db.get<{ n: number }>(sql`select count(*) as n from ${rows} where ${where}`).n
      const found = db.all<{
        id: number
        row: number
        line: number | null
        state: RowState
        reason: string | null
        attention: string | null
        reasonMessages: string | null
        attentionMessages: string | null
        payload: string | null
      }>(
        sql`select id, row, line, state, reason, attention, reason_messages as reasonMessages,
                   attention_messages as attentionMessages, payload
              from ${rows} where ${where} order by row, id limit ${limit} offset ${offset}`,
      )
      return {
        total,
        rows: found.map((r) => ({
          id: r.id,
          row: r.row,
          line: r.line,
          state: r.state,
          reasons: storedMessages(r.reasonMessages, r.reason),
          attention: storedMessages(r.attentionMessages, r.attention),
          payload: r.payload === null ? null : (JSON.parse(r.payload) as KeptRow['payload']),
        })),
      }
    },
  }
}

/** Messages stored as JSON; a row stored before they were codes has its English text, shown as is. */
export function storedMessages(json: string | null, text: string | null): Message[] {
  if (json !== null) return JSON.parse(json) as Message[]
  return text ? [message('record.stored', { text })] : []
}
