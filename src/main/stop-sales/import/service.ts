/**
 * Import of parsed stop sales: preview first, then commit. The file streams through the reader; each
 * record gets a verdict (new, duplicate, invalid — with the reason and its row/line) in batches of
 * 2,000, and the batch is staged in a TEMP table of this connection (one per preview, plain columns
 * shaped like stop_sales): no WAL, no fsync, no JSON, so memory stays at a batch (plus SQLite's page
 * cache) whatever the file's size and staging costs little. Commit moves the new rows into stop_sales
 * with one INSERT … SELECT in one transaction, after checking again what was stored since the preview
 * began; the invalid rows are kept with the import's record (import_rows), the stage is dropped.
 *
 * A preview lives as long as the process that made it (the app window, one command-line run): after
 * a restart it must be made again, and a process keeps at most MAX_LIVE_PREVIEWS at once.
 */
import type Database from 'better-sqlite3'
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm'
import type { ImportPreview, ImportResult, ImportRow } from '../../../shared/imports'
import { nightCount } from '../../../shared/stop-sales'
import type { Db } from '../../db/database'
import { importRows, imports, type ProfileRow } from '../../db/schema'
import { AppFailure } from '../../errors'
import type { EventBus } from '../../events'
import { resolveStopSale } from '../resolve'
import { describeUnresolved } from '../sync'
import type { CanonicalStopSale, TextNote } from './canonical'
import { rowNote } from '../../files/clean-text'
import { dedupeKey, duplicateOf, type Declaration } from './dedupe'
import { openImportSource, type ImportSource, type OpenedSource } from './source'
import { hotelKeyOf } from '../hotel-keys'
import { memoByText } from '../../files/memo'

const BATCH = 2_000
const RESOLVE_MEMO_LIMIT = 10_000
/** Past this many distinct keys in one file, the stage gets an index instead of the in-memory map. */
const FILE_KEYS_LIMIT = 250_000
const MAX_LIVE_PREVIEWS = 4
/** Declarations of this file's own rows get ids from here up: above any stored id, in file order. */
const FILE_ROW_IDS = 2 ** 50

export type ImportFileKind = 'stopSales' | 'reservations'

export interface ImportService {
  preview(source: ImportSource): Promise<ImportPreview>
  /** The path staff picked in the open dialog (null: cancelled); main opens and checks it on preview. */
  chooseFile(kind: ImportFileKind): Promise<{ path: string | null }>
  rows(
    importId: number,
    q: { states?: ImportRow['state'][] | undefined; offset: number; limit: number },
  ): { rows: ImportRow[]; total: number }
  commit(importId: number): ImportResult
  discard(importId: number): void
}

/** One record of the file waiting for its verdict; `notes`: its TextNotes as JSON, or null. */
type Pending =
  | { row: number; line: number | null; ok: false; reason: string; notes: string | null }
  | {
      row: number
      line: number | null
      ok: true
      s: CanonicalStopSale
      key: string
      hotelKey: string
      notes: string | null
    }

interface StagedRow {
  seq: number
  row: number
  line: number | null
  state: ImportRow['state']
  reason: string | null
  attention: string | null
  notes: string | null
  hotel_name: string | null
  first_night: string | null
  last_night: string | null
  room_codes: string | null
  board_codes: string | null
  kind: 'close' | 'open' | null
}

/** The temp table of one live preview and its statements. */
interface Stage {
  readonly table: string
  insert: Database.Statement
  byKeys: Database.Statement<[string], Declaration & { key: string }>
  bySeqs: Database.Statement<[string], Declaration & { key: string }>
  /** Lets byKeys find rows without scanning: made only for a huge file (see FILE_KEYS_LIMIT). */
  indexKeys(): void
  drop(): void
}

export function createImportService(deps: {
  db: Db
  sqlite: Database.Database
  events: EventBus
  activeProfile: () => ProfileRow | undefined
  /** Tests only: small batches and FILE_KEYS_LIMIT, to exercise the indexed stage. */
  limits?: { batch?: number; fileKeys?: number }
  /** Shows the open dialog (the Electron app); without it, chooseFile answers 'unavailable'. */
  chooseFile?: ((kind: ImportFileKind) => Promise<string | null>) | undefined
}): ImportService {
  const { db, sqlite, events } = deps
  const batchSize = deps.limits?.batch ?? BATCH
  const fileKeysLimit = deps.limits?.fileKeys ?? FILE_KEYS_LIMIT
  // Prepared once: building SQL per row would cost more than the rows.
  const sql = {
    storedByKeys: sqlite.prepare<[string], Declaration & { key: string }>(
      `select id, kind, source_message_id as messageId, source_received_at as receivedAt, dedupe_key as key
         from stop_sales where dedupe_key in (select value from json_each(?))`,
    ),
    storedByKey: sqlite.prepare<[string], Declaration>(
      `select id, kind, source_message_id as messageId, source_received_at as receivedAt
         from stop_sales where dedupe_key = ?`,
    ),
    maxStopSaleId: sqlite.prepare<[], number>('select coalesce(max(id), 0) from stop_sales').pluck(),
  }
  /** Live previews of this process, oldest first. */
  const stages = new Map<number, Stage>()

  function openStage(importId: number): Stage {
    const table = `temp.import_stage_${importId}`
    sqlite.exec(`drop table if exists ${table}`)
    sqlite.exec(`create table ${table} (
      seq integer primary key, row integer not null, line integer, state text not null, reason text,
      attention text, dedupe_key text, hotel_name text, hotel_id integer, room_codes text, board_codes text,
      market_ids text, first_night text, last_night text, kind text, sale_reason text, message_id text,
      received_at text, subject text, email_id text, hotel_key text, notes text)`)
    return {
      table,
      insert: sqlite.prepare(
        `insert into ${table} (seq, row, line, state, reason, attention, dedupe_key, hotel_name, hotel_id, room_codes,
           board_codes, market_ids, first_night, last_night, kind, sale_reason, message_id, received_at, subject,
           email_id, hotel_key, notes) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byKeys: sqlite.prepare(
        `select seq + ${FILE_ROW_IDS} as id, kind, message_id as messageId, received_at as receivedAt, dedupe_key as key
           from ${table} where state = 'new' and dedupe_key in (select value from json_each(?))`,
      ),
      bySeqs: sqlite.prepare(
        `select seq + ${FILE_ROW_IDS} as id, kind, message_id as messageId, received_at as receivedAt, dedupe_key as key
           from ${table} where seq in (select value from json_each(?))`,
      ),
      indexKeys: () =>
        void sqlite.exec(`create index if not exists ${table}_key on import_stage_${importId} (dedupe_key)`),
      drop: () => void sqlite.exec(`drop table if exists ${table}`),
    }
  }

  function liveStage(importId: number): Stage {
    const record = db.select().from(imports).where(eq(imports.id, importId)).get()
    if (!record) throw new AppFailure('not-found', `Import #${importId} does not exist.`)
    if (record.status !== 'preview') {
      throw new AppFailure('conflict', `Import #${importId} of ${record.fileName} was already ${record.status}.`)
    }
    const stage = stages.get(importId)
    if (!stage) {
      throw new AppFailure(
        'conflict',
        `The preview of ${record.fileName} is no longer open (the app was closed, or newer previews replaced it). Preview the file again.`,
      )
    }
    return stage
  }

  function forget(importId: number, status: 'committed' | 'discarded' | undefined) {
    stages.get(importId)?.drop()
    stages.delete(importId)
    if (status === 'discarded') {
      db.update(imports)
        .set({ status })
        .where(and(eq(imports.id, importId), eq(imports.status, 'preview')))
        .run()
    }
  }

  /** The preview of an opened source (the caller closes it). */
  async function previewOpened(opened: OpenedSource): Promise<ImportPreview> {
    const previous = db
      .select({ id: imports.id, at: imports.committedAt })
      .from(imports)
      .where(and(eq(imports.fileHash, opened.hash), eq(imports.status, 'committed')))
      .orderBy(desc(imports.id))
      .get()
    const importId = db
      .insert(imports)
      .values({
        fileName: opened.fileName,
        fileHash: opened.hash,
        format: opened.format,
        encoding: opened.encoding(),
        seenMaxStopSaleId: sql.maxStopSaleId.get() ?? 0,
      })
      .returning({ id: imports.id })
      .get().id
    for (const id of [...stages.keys()].slice(0, Math.max(0, stages.size - MAX_LIVE_PREVIEWS + 1)))
      forget(id, 'discarded')
    const stage = openStage(importId)
    stages.set(importId, stage)

    const profile = deps.activeProfile()
    const memo = new Map<string, string | null>()
    const attentionFor = (s: CanonicalStopSale): string | null => {
      if (!profile) return null
      const k = JSON.stringify([s.hotelName, s.hotelId, s.roomCodes, s.boardCodes])
      let v = memo.get(k)
      if (v === undefined) {
        const r = resolveStopSale(db, profile, s)
        v = r.ok ? null : describeUnresolved(r.unresolved)
        if (memo.size >= RESOLVE_MEMO_LIMIT) memo.clear()
        memo.set(k, v)
      }
      return v
    }
    // Names repeat (a season's rows come from a few hundred hotels): fold each once.
    const hotelKeyFor = memoByText(hotelKeyOf)

    const counts = { rows: 0, stopSales: 0, newCount: 0, duplicates: 0, invalid: 0, needsAttention: 0 }
    /** Records whose text had control characters removed (not stored: the preview's answer only). */
    let textCleaned = 0
    let seq = 0
    let pending: Pending[] = []
    // This file's will-import rows by key (their stage seqs), so that a repeated key finds its earlier
    // rows without an index on the stage. Past FILE_KEYS_LIMIT keys the stage is indexed instead.
    const fileKeys = new Map<string, number[]>()
    let keysIndexed = false
    const lookup = (
      stmt: Database.Statement<[string], Declaration & { key: string }>,
      args: (string | number)[],
      into: Map<string, Declaration[]>,
    ) => {
      if (!args.length) return
      for (const { key, ...declaration } of stmt.all(JSON.stringify(args))) {
        const list = into.get(key)
        if (list) list.push(declaration)
        else into.set(key, [declaration])
      }
    }
    /** Verdicts for the waiting records, staged in one transaction (temp only: the database stays free). */
    const judgeAndStage = sqlite.transaction((batch: Pending[]) => {
      const keys = [...new Set(batch.flatMap((p) => (p.ok ? [p.key] : [])))]
      const known = new Map<string, Declaration[]>()
      lookup(sql.storedByKeys, keys, known)
      if (keysIndexed) lookup(stage.byKeys, keys, known)
      else
        lookup(
          stage.bySeqs,
          keys.flatMap((k) => fileKeys.get(k) ?? []),
          known,
        )
      for (const p of batch) {
        seq++
        if (!p.ok) {
          stage.insert.run(
            seq,
            p.row,
            p.line,
            'invalid',
            p.reason,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            p.notes,
          )
          continue
        }
        const { s, key } = p
        const list = known.get(key) ?? []
        const dup = duplicateOf(s, list)
        const attention = dup ? null : attentionFor(s)
        if (dup) counts.duplicates++
        else {
          counts.newCount++
          if (attention) counts.needsAttention++
          list.push({ id: FILE_ROW_IDS + seq, kind: s.kind, messageId: s.messageId, receivedAt: s.receivedAt })
          known.set(key, list)
          if (!keysIndexed) {
            const seqs = fileKeys.get(key)
            if (seqs) seqs.push(seq)
            else fileKeys.set(key, [seq])
          }
        }
        stage.insert.run(
          seq,
          p.row,
          p.line,
          dup ? 'duplicate' : 'new',
          dup ? duplicateReason(dup) : null,
          attention,
          key,
          s.hotelName,
          s.hotelId,
          JSON.stringify(s.roomCodes),
          JSON.stringify(s.boardCodes),
          JSON.stringify(s.marketIds),
          s.firstNight,
          s.lastNight,
          s.kind,
          s.reason,
          s.messageId,
          s.receivedAt,
          s.subject,
          s.emailId,
          p.hotelKey,
          p.notes,
        )
      }
      if (!keysIndexed && fileKeys.size >= fileKeysLimit) {
        stage.indexKeys()
        keysIndexed = true
        fileKeys.clear()
      }
    })
    const flush = () => {
      if (!pending.length) return
      judgeAndStage(pending)
      pending = []
      events.emit('import.progress', { importId, rows: counts.rows, stopSales: counts.stopSales, phase: 'reading' })
    }
    try {
      for await (const batch of opened.rows()) {
        for (const r of batch) {
          counts.rows++
          const notes = r.notes ? JSON.stringify(r.notes) : null
          if (notes) textCleaned++
          if (!r.ok) {
            counts.invalid++
            pending.push({ row: r.row, line: r.line, ok: false, reason: r.errors.join('; '), notes })
          } else {
            for (const s of r.stopSales) {
              counts.stopSales++
              const hotelKey = hotelKeyFor(s.hotelName)
              pending.push({ row: r.row, line: r.line, ok: true, s, key: dedupeKey(s, hotelKey), hotelKey, notes })
            }
          }
          if (pending.length >= batchSize) flush()
        }
      }
      flush()
    } catch (err) {
      forget(importId, undefined)
      db.delete(imports).where(eq(imports.id, importId)).run()
      throw err
    }
    db.update(imports)
      .set({ ...counts, encoding: opened.encoding() })
      .where(eq(imports.id, importId))
      .run()
    return {
      importId,
      fileName: opened.fileName,
      format: opened.format,
      encoding: opened.encoding(),
      rows: counts.rows,
      stopSales: counts.stopSales,
      willImport: counts.newCount,
      duplicates: counts.duplicates,
      invalid: counts.invalid,
      needsAttention: counts.needsAttention,
      textCleaned,
      sameFileImported: previous ? { importId: previous.id, at: previous.at ?? '' } : null,
      resolutionChecked: profile !== undefined,
    }
  }

  return {
    async preview(source) {
      const opened = await openImportSource(source)
      try {
        return await previewOpened(opened)
      } finally {
        await opened.close()
      }
    },

    async chooseFile(kind) {
      if (!deps.chooseFile) {
        throw new AppFailure(
          'unavailable',
          'Choosing a file with the open dialog is only possible in the app window; drop the file here instead.',
          undefined,
          { code: 'files.noChooser' },
        )
      }
      return { path: await deps.chooseFile(kind) }
    },

    rows(importId, { states, offset, limit }) {
      const stage = stages.get(importId)
      if (!stage) return keptRows(importId, states, offset, limit)
      const filter = states?.length ? `where state in (select value from json_each(?))` : ''
      const args = states?.length ? [JSON.stringify(states)] : []
      const total =
        sqlite
          .prepare<unknown[], number>(`select count(*) from ${stage.table} ${filter}`)
          .pluck()
          .get(...args) ?? 0
      const rows = sqlite
        .prepare<unknown[], StagedRow>(
          `select seq, row, line, state, reason, attention, notes, hotel_name, first_night, last_night, room_codes,
                  board_codes, kind
             from ${stage.table} ${filter} order by seq limit ? offset ?`,
        )
        .all(...args, limit, offset)
        .map((r): ImportRow => ({
          row: r.row,
          line: r.line,
          state: r.state,
          reason: r.reason,
          attention: r.attention,
          notes: notesOf(r.notes),
          hotelName: r.hotel_name,
          firstNight: r.first_night,
          lastNight: r.last_night,
          nights: r.first_night && r.last_night ? nightCount(r.first_night, r.last_night) : null,
          roomCodes: r.room_codes ? (JSON.parse(r.room_codes) as string[]) : [],
          boardCodes: r.board_codes ? (JSON.parse(r.board_codes) as string[]) : [],
          kind: r.kind,
        }))
      return { rows, total }
    },

    commit(importId) {
      const stage = liveStage(importId)
      const record = db.select().from(imports).where(eq(imports.id, importId)).get()!
      const result = sqlite
        .transaction(() => {
          // Only stop sales stored since the preview began can make a staged row a duplicate now
          // (another window, the command line): re-check those rows, then move the rest in one statement.
          let late = 0
          if ((sql.maxStopSaleId.get() ?? 0) > record.seenMaxStopSaleId) {
            const candidates = sqlite
              .prepare<
                [number],
                {
                  seq: number
                  key: string
                  kind: 'close' | 'open'
                  messageId: string | null
                  receivedAt: string | null
                }
              >(
                `select r.seq, r.dedupe_key as key, r.kind, r.message_id as messageId, r.received_at as receivedAt
                   from ${stage.table} r where r.state = 'new'
                    and exists (select 1 from stop_sales s where s.dedupe_key = r.dedupe_key and s.id > ?)`,
              )
              .all(record.seenMaxStopSaleId)
            const markLate = sqlite.prepare(`update ${stage.table} set state = 'duplicate', reason = ? where seq = ?`)
            for (const c of candidates) {
              const dup = duplicateOf(c, sql.storedByKey.all(c.key))
              if (dup) {
                markLate.run(duplicateReason(dup), c.seq)
                late++
              }
            }
          }
          const before = sql.maxStopSaleId.get() ?? 0
          const imported = sqlite
            .prepare(
              `insert into stop_sales (hotel_name, hotel_id, room_codes, board_codes, market_ids, first_night, last_night,
                  kind, reason, source_message_id, source_received_at, source_subject, source_email_id, source_row,
                  import_id, dedupe_key, last_error, hotel_key)
               select hotel_name, hotel_id, room_codes, board_codes, market_ids, first_night, last_night, kind, sale_reason,
                  message_id, received_at, subject, email_id, row, ?, dedupe_key, attention, hotel_key
                 from ${stage.table} where state = 'new' order by seq`,
            )
            .run(importId).changes
          const needsAttention =
            sqlite
              .prepare<[], number>(`select count(*) from ${stage.table} where state = 'new' and attention is not null`)
              .pluck()
              .get() ?? 0
          // Keep the rejected rows: they are the record of what was left out and why (and what was cleaned).
          sqlite
            .prepare(
              `insert into import_rows (import_id, row, line, state, reason, payload)
               select ?, row, line, state, reason, case when notes is null then null else json_object('notes', json(notes)) end
                 from ${stage.table} where state = 'invalid' order by seq`,
            )
            .run(importId)
          db.update(imports)
            .set({
              status: 'committed',
              imported,
              duplicates: record.duplicates + late,
              needsAttention,
              committedAt: new Date().toISOString(),
            })
            .where(eq(imports.id, importId))
            .run()
          return { imported, duplicates: record.duplicates + late, needsAttention, firstId: before + 1 }
        })
        .immediate()
      forget(importId, 'committed')
      const ids = result.imported <= 1000 ? Array.from({ length: result.imported }, (_, i) => result.firstId + i) : []
      events.emit('stopSales.changed', { ids })
      return {
        importId,
        fileName: record.fileName,
        imported: result.imported,
        duplicates: result.duplicates,
        invalid: record.invalid,
        needsAttention: result.needsAttention,
      }
    },

    discard(importId) {
      forget(importId, 'discarded')
    },
  }

  /** A committed (or closed) import: the rows it left out, kept in import_rows. */
  function keptRows(importId: number, states: ImportRow['state'][] | undefined, offset: number, limit: number) {
    if (!db.select({ id: imports.id }).from(imports).where(eq(imports.id, importId)).get())
      throw new AppFailure('not-found', `Import #${importId} does not exist.`)
    const where = and(eq(importRows.importId, importId), states?.length ? inArray(importRows.state, states) : undefined)
    const total = db.select({ n: count() }).from(importRows).where(where).get()?.n ?? 0
    const rows = db
      .select()
      .from(importRows)
      .where(where)
      .orderBy(asc(importRows.row), asc(importRows.id))
      .limit(limit)
      .offset(offset)
      .all()
      .map((r): ImportRow => ({
        row: r.row,
        line: r.line,
        state: r.state,
        reason: r.reason,
        attention: r.attention,
        notes: notesOf((r.payload as { notes?: TextNote[] } | null)?.notes ?? null),
        hotelName: null,
        firstNight: null,
        lastNight: null,
        nights: null,
        roomCodes: [],
        boardCodes: [],
        kind: null,
      }))
    return { rows, total }
  }
}

/** A row's TextNotes (stored as JSON) as the contract carries them. */
function notesOf(stored: string | TextNote[] | null): ImportRow['notes'] {
  if (!stored) return []
  const notes = typeof stored === 'string' ? (JSON.parse(stored) as TextNote[]) : stored
  return notes.map(rowNote)
}

function duplicateReason(d: Declaration): string {
  if (d.id < FILE_ROW_IDS) return `Already imported as stop sale #${d.id}.`
  return 'Same as an earlier row of this file.'
}
