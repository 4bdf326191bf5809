/**
 * Import of parsed stop sales: preview first, then commit. The file streams through the reader; each
 * record gets a verdict (new, duplicate, invalid — with the reason and its row/line) and is staged in
 * SQLite in small batches, so memory stays at a batch whatever the file's size. Commit moves the new
 * ones into stop_sales in one transaction, checking for duplicates once more; invalid rows are left
 * out and kept for the record.
 */
import { and, asc, count, desc, eq, gt, inArray } from 'drizzle-orm'
import type { ImportPreview, ImportResult, ImportRow } from '../../shared/imports'
import { nightCount } from '../../shared/stop-sales'
import type { Db } from '../db/database'
import { importRows, imports, stopSales, type ProfileRow } from '../db/schema'
import { AppFailure } from '../errors'
import type { EventBus } from '../events'
import { resolveStopSale } from '../reference/resolve'
import { describeUnresolved } from '../sync/stop-sale-sync'
import type { CanonicalStopSale } from './canonical'
import { dedupeKey, duplicateOf, type Declaration } from './dedupe'
import { openImportSource, type ImportSource } from './source'

const BATCH = 500
const RESOLVE_MEMO_LIMIT = 10_000

export interface ImportService {
  preview(source: ImportSource): Promise<ImportPreview>
  rows(importId: number, q: { states?: ImportRow['state'][] | undefined; offset: number; limit: number }): { rows: ImportRow[]; total: number }
  commit(importId: number): ImportResult
  discard(importId: number): void
}

type Staged = typeof importRows.$inferInsert

export function createImportService(deps: { db: Db; events: EventBus; activeProfile: () => ProfileRow | undefined }): ImportService {
  const { db, events } = deps

  function knownDeclarations(key: string, importId: number, pending: readonly Staged[]): Declaration[] {
    const stored = db
      .select({ id: stopSales.id, kind: stopSales.kind, messageId: stopSales.sourceMessageId, receivedAt: stopSales.sourceReceivedAt })
      .from(stopSales)
      .where(eq(stopSales.dedupeKey, key))
      .all()
    const staged = db
      .select({ id: importRows.id, payload: importRows.payload })
      .from(importRows)
      .where(and(eq(importRows.importId, importId), eq(importRows.dedupeKey, key), eq(importRows.state, 'new')))
      .all()
      .map((r) => declarationOf(-r.id, r.payload as unknown as CanonicalStopSale))
    const inBatch = pending
      .filter((r) => r.dedupeKey === key && r.state === 'new')
      .map((r, i) => declarationOf(-1_000_000_000 - i, r.payload as unknown as CanonicalStopSale))
    return [...stored, ...staged, ...inBatch]
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
        .values({ fileName: opened.fileName, fileHash: opened.hash, format: opened.format, encoding: opened.encoding() })
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

      const counts = { rows: 0, stopSales: 0, newCount: 0, duplicates: 0, invalid: 0, needsAttention: 0 }
      let batch: Staged[] = []
      const flush = () => {
        if (!batch.length) return
        const rows = batch
        db.transaction((tx) => {
          for (const r of rows) tx.insert(importRows).values(r).run()
        })
        batch = []
        events.emit('import.progress', { importId, rows: counts.rows, stopSales: counts.stopSales, phase: 'reading' })
      }
      try {
        for await (const r of opened.rows()) {
          counts.rows++
          if (!r.ok) {
            counts.invalid++
            batch.push({ importId, row: r.row, line: r.line, state: 'invalid', reason: r.errors.join('; ') })
          } else {
            for (const s of r.stopSales) {
              counts.stopSales++
              const key = dedupeKey(s)
              const dup = duplicateOf(declarationOf(0, s), knownDeclarations(key, importId, batch))
              const attention = dup ? null : attentionFor(s)
              if (dup) counts.duplicates++
              else {
                counts.newCount++
                if (attention) counts.needsAttention++
              }
              batch.push({
                importId,
                row: r.row,
                line: r.line,
                state: dup ? 'duplicate' : 'new',
                reason: dup ? duplicateReason(dup) : null,
                attention,
                dedupeKey: key,
                payload: s as unknown as Record<string, unknown>,
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
      db.update(imports).set({ ...counts, encoding: opened.encoding() }).where(eq(imports.id, importId)).run()
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
      const result = db.transaction((tx) => {
        let imported = 0
        let lateDuplicates = 0
        let needsAttention = 0
        const ids: number[] = []
        let after = 0
        for (;;) {
          const page = tx
            .select()
            .from(importRows)
            .where(and(eq(importRows.importId, importId), eq(importRows.state, 'new'), gt(importRows.id, after)))
            .orderBy(asc(importRows.id))
            .limit(BATCH)
            .all()
          if (!page.length) break
          after = page[page.length - 1]!.id
          for (const r of page) {
            const s = r.payload as unknown as CanonicalStopSale
            // Something may have been imported since the preview (another window, the command line).
            const stored = tx
              .select({ id: stopSales.id, kind: stopSales.kind, messageId: stopSales.sourceMessageId, receivedAt: stopSales.sourceReceivedAt })
              .from(stopSales)
              .where(eq(stopSales.dedupeKey, r.dedupeKey!))
              .all()
            if (duplicateOf(declarationOf(0, s), stored)) {
              lateDuplicates++
              continue
            }
            const id = tx
              .insert(stopSales)
              .values({
                hotelName: s.hotelName,
                hotelId: s.hotelId,
                roomCodes: s.roomCodes,
                boardCodes: s.boardCodes,
                marketIds: s.marketIds,
                firstNight: s.firstNight,
                lastNight: s.lastNight,
                kind: s.kind,
                reason: s.reason,
                sourceMessageId: s.messageId,
                sourceReceivedAt: s.receivedAt,
                sourceSubject: s.subject,
                sourceEmailId: s.emailId,
                sourceRow: r.row,
                importId,
                dedupeKey: r.dedupeKey,
                lastError: r.attention,
              })
              .returning({ id: stopSales.id })
              .get().id
            if (ids.length < 1000) ids.push(id)
            imported++
            if (r.attention) needsAttention++
          }
        }
        tx.update(imports)
          .set({ status: 'committed', imported, duplicates: record.duplicates + lateDuplicates, needsAttention, committedAt: new Date().toISOString() })
          .where(eq(imports.id, importId))
          .run()
        // Keep only the rejected rows: they are the record of what was left out and why.
        tx.delete(importRows).where(and(eq(importRows.importId, importId), inArray(importRows.state, ['new', 'duplicate']))).run()
        return { imported, duplicates: record.duplicates + lateDuplicates, needsAttention, ids }
      }, { behavior: 'immediate' })
      events.emit('stopSales.changed', { ids: result.imported <= 1000 ? result.ids : [] })
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
