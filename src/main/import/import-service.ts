/**
 * Import of parsed stop sales: preview first, then commit. The file streams through the reader; each
 * record gets a verdict (new, duplicate, invalid — with the reason and its row/line) and is staged in
 * SQLite in small batches, so memory stays at a batch whatever the file's size. Commit moves the new
 * ones into stop_sales in one transaction, checking for duplicates once more; invalid rows are left
 * out and kept for the record.
 */
import type Database from 'better-sqlite3'
import { and, asc, count, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import type { ImportPreview, ImportResult, ImportRow } from '../../shared/imports'
import { nightCount } from '../../shared/stop-sales'
import type { Db } from '../db/database'
import { importRows, imports, type ProfileRow } from '../db/schema'
import { AppFailure } from '../errors'
import type { EventBus } from '../events'
import { resolveStopSale } from '../reference/resolve'
import { describeUnresolved } from '../sync/stop-sale-sync'
import type { CanonicalStopSale } from './canonical'
import { dedupeKey, duplicateOf, type Declaration } from './dedupe'
import { openImportSource, type ImportSource } from './source'
import { fillMissingHotelKeys, hotelKeyOf } from '../services/hotel-keys'

const BATCH = 2_000
const RESOLVE_MEMO_LIMIT = 10_000
const SEEN_KEYS_LIMIT = 1_000_000
const HOTEL_KEY_MEMO_LIMIT = 10_000

export interface ImportService {
  preview(source: ImportSource): Promise<ImportPreview>
  rows(
    importId: number,
    q: { states?: ImportRow['state'][] | undefined; offset: number; limit: number },
  ): { rows: ImportRow[]; total: number }
  commit(importId: number): ImportResult
  discard(importId: number): void
}

interface Staged {
  row: number
  line: number | null
  state: 'new' | 'duplicate' | 'invalid'
  reason: string | null
  attention: string | null
  dedupeKey: string | null
  /** The record, plus its stop_sales.hotel_key (computed here: the commit's SQL cannot fold names). */
  payload: (CanonicalStopSale & { hotelKey: string }) | null
}

export function createImportService(deps: {
  db: Db
  sqlite: Database.Database
  events: EventBus
  activeProfile: () => ProfileRow | undefined
}): ImportService {
  const { db, sqlite, events } = deps
  // The per-row statements, prepared once: building SQL per row would cost more than the rows.
  const sql = {
    storedByKey: sqlite.prepare<[string], Declaration>(
      `select id, kind, source_message_id as messageId, source_received_at as receivedAt
         from stop_sales where dedupe_key = ?`,
    ),
    stagedByKey: sqlite.prepare<[number, string], Declaration>(
      `select -id as id, json_extract(payload, '$.kind') as kind, json_extract(payload, '$.messageId') as messageId,
              json_extract(payload, '$.receivedAt') as receivedAt
         from import_rows where import_id = ? and dedupe_key = ? and state = 'new'`,
    ),
    stage: sqlite.prepare(
      `insert into import_rows (import_id, row, line, state, reason, attention, dedupe_key, payload)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    maxStopSaleId: sqlite.prepare<[], number>('select coalesce(max(id), 0) from stop_sales').pluck(),
    lateCandidates: sqlite.prepare<[number, number], { id: number; dedupeKey: string; payload: string }>(
      `select r.id, r.dedupe_key as dedupeKey, r.payload from import_rows r
        where r.import_id = ? and r.state = 'new'
          and exists (select 1 from stop_sales s where s.dedupe_key = r.dedupe_key and s.id > ?)`,
    ),
    markLate: sqlite.prepare(`update import_rows set state = 'duplicate', reason = ? where id = ?`),
    moveNew: sqlite.prepare(
      `insert into stop_sales (hotel_name, hotel_id, room_codes, board_codes, market_ids, first_night, last_night,
          kind, reason, source_message_id, source_received_at, source_subject, source_email_id, source_row,
          import_id, dedupe_key, last_error, hotel_key)
       select json_extract(payload, '$.hotelName'), json_extract(payload, '$.hotelId'),
          json_extract(payload, '$.roomCodes'), json_extract(payload, '$.boardCodes'), json_extract(payload, '$.marketIds'),
          json_extract(payload, '$.firstNight'), json_extract(payload, '$.lastNight'), json_extract(payload, '$.kind'),
          json_extract(payload, '$.reason'), json_extract(payload, '$.messageId'), json_extract(payload, '$.receivedAt'),
          json_extract(payload, '$.subject'), json_extract(payload, '$.emailId'), row, import_id, dedupe_key, attention,
          json_extract(payload, '$.hotelKey')
         from import_rows where import_id = ? and state = 'new' order by id`,
    ),
  }

  /**
   * Earlier declarations with this key: stored, staged by this import, and in the unflushed batch.
   * `seen` (keys met earlier in this file) spares the staging query for the usual first sighting.
   */
  function knownDeclarations(
    key: string,
    importId: number,
    batchByKey: Map<string, Declaration[]>,
    seen: Set<string>,
  ): Declaration[] {
    const known = sql.storedByKey.all(key)
    // Past the limit the set is no longer kept up to date, so every key is looked up.
    if (seen.has(key) || seen.size >= SEEN_KEYS_LIMIT) {
      known.push(...sql.stagedByKey.all(importId, key), ...(batchByKey.get(key) ?? []))
    }
    return known
  }

  return {
    async preview(source) {
      const opened = await openImportSource(source)
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
      const hotelKeys = new Map<string, string>()
      const hotelKeyFor = (name: string): string => {
        let key = hotelKeys.get(name)
        if (key === undefined) {
          if (hotelKeys.size >= HOTEL_KEY_MEMO_LIMIT) hotelKeys.clear()
          hotelKeys.set(name, (key = hotelKeyOf(name)))
        }
        return key
      }

      const counts = { rows: 0, stopSales: 0, newCount: 0, duplicates: 0, invalid: 0, needsAttention: 0 }
      let batch: Staged[] = []
      let batchByKey = new Map<string, Declaration[]>()
      // Keys already met in this file; bounded so that a huge file cannot grow it without end.
      const seen = new Set<string>()
      const stageAll = sqlite.transaction((rows: Staged[]) => {
        for (const r of rows) {
          sql.stage.run(
            importId,
            r.row,
            r.line,
            r.state,
            r.reason,
            r.attention,
            r.dedupeKey,
            r.payload ? JSON.stringify(r.payload) : null,
          )
        }
      })
      const flush = () => {
        if (!batch.length) return
        stageAll.immediate(batch)
        batch = []
        batchByKey = new Map()
        events.emit('import.progress', { importId, rows: counts.rows, stopSales: counts.stopSales, phase: 'reading' })
      }
      try {
        for await (const r of opened.rows()) {
          counts.rows++
          if (!r.ok) {
            counts.invalid++
            batch.push({
              row: r.row,
              line: r.line,
              state: 'invalid',
              reason: r.errors.join('; '),
              attention: null,
              dedupeKey: null,
              payload: null,
            })
          } else {
            for (const s of r.stopSales) {
              counts.stopSales++
              const key = dedupeKey(s)
              const dup = duplicateOf(declarationOf(0, s), knownDeclarations(key, importId, batchByKey, seen))
              const attention = dup ? null : attentionFor(s)
              if (dup) counts.duplicates++
              else {
                counts.newCount++
                if (attention) counts.needsAttention++
              }
              if (!dup) {
                const list = batchByKey.get(key) ?? []
                list.push(declarationOf(-1_000_000_000 - batch.length, s))
                batchByKey.set(key, list)
              }
              if (seen.size < SEEN_KEYS_LIMIT) seen.add(key)
              batch.push({
                row: r.row,
                line: r.line,
                state: dup ? 'duplicate' : 'new',
                reason: dup ? duplicateReason(dup) : null,
                attention,
                dedupeKey: key,
                payload: { ...s, hotelKey: hotelKeyFor(s.hotelName) },
              })
            }
          }
          if (batch.length >= BATCH) flush()
        }
        flush()
      } catch (err) {
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
        sameFileImported: previous ? { importId: previous.id, at: previous.at ?? '' } : null,
        resolutionChecked: profile !== undefined,
      }
    },

    rows(importId, { states, offset, limit }) {
      const where = and(
        eq(importRows.importId, importId),
        states?.length ? inArray(importRows.state, states) : undefined,
      )
      const total = db.select({ n: count() }).from(importRows).where(where).get()?.n ?? 0
      const rows = db
        .select()
        .from(importRows)
        .where(where)
        .orderBy(asc(importRows.row), asc(importRows.id))
        .limit(limit)
        .offset(offset)
        .all()
        .map((r): ImportRow => {
          const s = r.payload as unknown as CanonicalStopSale | null
          return {
            row: r.row,
            line: r.line,
            state: r.state,
            reason: r.reason,
            attention: r.attention,
            hotelName: s?.hotelName ?? null,
            firstNight: s?.firstNight ?? null,
            lastNight: s?.lastNight ?? null,
            nights: s ? nightCount(s.firstNight, s.lastNight) : null,
            roomCodes: s?.roomCodes ?? [],
            boardCodes: s?.boardCodes ?? [],
            kind: s?.kind ?? null,
          }
        })
      return { rows, total }
    },

    commit(importId) {
      const record = db.select().from(imports).where(eq(imports.id, importId)).get()
      if (!record) throw new AppFailure('not-found', `Import #${importId} does not exist.`)
      if (record.status !== 'preview') {
        throw new AppFailure('conflict', `Import #${importId} of ${record.fileName} was already ${record.status}.`)
      }
      const result = sqlite
        .transaction(() => {
          // Only stop sales stored since the preview began can make a staged row a duplicate now
          // (another window, the command line): re-check those rows, then move the rest in one statement.
          let late = 0
          for (const r of sql.lateCandidates.all(importId, record.seenMaxStopSaleId)) {
            const dup = duplicateOf(
              declarationOf(0, JSON.parse(r.payload) as CanonicalStopSale),
              sql.storedByKey.all(r.dedupeKey),
            )
            if (dup) {
              sql.markLate.run(duplicateReason(dup), r.id)
              late++
            }
          }
          const before = sql.maxStopSaleId.get() ?? 0
          const imported = sql.moveNew.run(importId).changes
          // Rows staged by an app version without hotel keys get theirs here (usually: nothing to do).
          fillMissingHotelKeys(db)
          const needsAttention = db
            .select({ n: count() })
            .from(importRows)
            .where(and(eq(importRows.importId, importId), eq(importRows.state, 'new'), isNotNull(importRows.attention)))
            .get()!.n
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
          // Keep only the rejected rows: they are the record of what was left out and why.
          db.delete(importRows)
            .where(and(eq(importRows.importId, importId), inArray(importRows.state, ['new', 'duplicate'])))
            .run()
          return { imported, duplicates: record.duplicates + late, needsAttention, firstId: before + 1 }
        })
        .immediate()
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
      const changed = db
        .update(imports)
        .set({ status: 'discarded' })
        .where(and(eq(imports.id, importId), eq(imports.status, 'preview')))
        .run().changes
      if (changed) db.delete(importRows).where(eq(importRows.importId, importId)).run()
    },
  }
}

function declarationOf(id: number, s: Pick<CanonicalStopSale, 'kind' | 'messageId' | 'receivedAt'>): Declaration {
  return { id, kind: s.kind, messageId: s.messageId, receivedAt: s.receivedAt }
}

function duplicateReason(d: Declaration): string {
  if (d.id > 0) return `Already imported as stop sale #${d.id}.`
  return 'Same as an earlier row of this file.'
}
