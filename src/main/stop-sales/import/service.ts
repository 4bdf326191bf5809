/**
 * Import of parsed stop sales: preview first, then commit. The file streams through the reader; each
 * record gets a verdict (new, duplicate, invalid — with its reasons and its row/line) in batches of
 * 2,000 (verdicts.ts), staged in a TEMP table of this connection (stage.ts): memory stays at a batch
 * (plus SQLite's page cache) whatever the file's size. Commit moves the new rows into stop_sales with
 * one INSERT … SELECT in one transaction, after checking again what was stored since the preview
 * began; the invalid rows are kept with the import's record (import_rows), the stage is dropped.
 *
 * A preview lives as long as the process that made it (the app window, one command-line run): after
 * a restart it must be made again, and a process keeps at most MAX_LIVE_PREVIEWS at once.
 */
import type Database from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import type { ImportPreview, ImportResult, ImportRow } from '../../../shared/imports'
import { message, type Message } from '../../../shared/messages'
import { nightCount } from '../../../shared/stop-sales'
import type { Db } from '../../db/database'
import { imports, type ProfileRow } from '../../db/schema'
import { AppFailure } from '../../errors'
import type { EventBus } from '../../events'
import { createImportLedger } from '../../imports-common/ledger'
import { rowVerdict, type RowVerdict } from '../../imports-common/rows'
import type { ImportServiceOf } from '../../imports-common/service'
import { storedMessage } from '../../records/stored-message'
import { duplicateOf, type Declaration } from './dedupe'
import { openImportSource, type OpenedSource } from './source'
import { openStage, type Stage } from './stage'
import { createVerdicts, duplicateReason } from './verdicts'

const BATCH = 2_000
/** Past this many distinct keys in one file, the stage gets an index instead of the in-memory map. */
const FILE_KEYS_LIMIT = 250_000
const MAX_LIVE_PREVIEWS = 4

export type ImportFileKind = 'stopSales' | 'reservations'

export interface ImportService extends ImportServiceOf<ImportPreview, ImportRow, ImportResult> {
  /** The path staff picked in the open dialog (null: cancelled); main opens and checks it on preview. */
  chooseFile(kind: ImportFileKind): Promise<{ path: string | null }>
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
  const ledger = createImportLedger(db, { imports: 'imports', rows: 'import_rows', notFound: 'import.notFound' })
  const storedByKey = sqlite.prepare<[string], Declaration>(
    `select id, kind, source_message_id as messageId, source_received_at as receivedAt
       from stop_sales where dedupe_key = ?`,
  )
  const maxStopSaleId = sqlite.prepare<[], number>('select coalesce(max(id), 0) from stop_sales').pluck()
  const seenMaxStopSaleId = sqlite
    .prepare<[number], number>('select seen_max_stop_sale_id from imports where id = ?')
    .pluck()
  /** Live previews of this process, oldest first. */
  const stages = new Map<number, Stage>()

  function liveStage(importId: number): Stage {
    const record = ledger.preview(importId)
    const stage = stages.get(importId)
    if (!stage) throw AppFailure.coded('conflict', message('import.previewGone', { file: record.fileName }))
    return stage
  }

  function forget(importId: number, discard: boolean) {
    stages.get(importId)?.drop()
    stages.delete(importId)
    if (discard) ledger.discarded(importId)
  }

  /** The preview of an opened source (the caller closes it). */
  async function previewOpened(opened: OpenedSource): Promise<ImportPreview> {
    const sameFileImported = ledger.sameFile(opened.hash)
    const importId = db
      .insert(imports)
      .values({
        fileName: opened.fileName,
        fileHash: opened.hash,
        format: opened.format,
        encoding: opened.encoding(),
        seenMaxStopSaleId: maxStopSaleId.get() ?? 0,
      })
      .returning({ id: imports.id })
      .get().id
    for (const id of [...stages.keys()].slice(0, Math.max(0, stages.size - MAX_LIVE_PREVIEWS + 1))) forget(id, true)
    const stage = openStage(sqlite, importId)
    stages.set(importId, stage)

    const profile = deps.activeProfile()
    const verdicts = createVerdicts({
      db,
      sqlite,
      stage,
      profile,
      batchSize: deps.limits?.batch ?? BATCH,
      fileKeysLimit: deps.limits?.fileKeys ?? FILE_KEYS_LIMIT,
      onFlush: (c) =>
        events.emit('import.progress', { importId, rows: c.rows, stopSales: c.stopSales, phase: 'reading' }),
    })
    try {
      for await (const batch of opened.rows()) verdicts.add(batch)
      verdicts.flush()
    } catch (err) {
      forget(importId, false)
      db.delete(imports).where(eq(imports.id, importId)).run()
      throw err
    }
    const { counts } = verdicts
    const encoding = opened.encoding()
    db.update(imports)
      .set({ ...counts, encoding })
      .where(eq(imports.id, importId))
      .run()
    return {
      importId,
      fileName: opened.fileName,
      format: opened.format,
      encoding,
      rows: counts.rows,
      stopSales: counts.stopSales,
      willImport: counts.newCount,
      duplicates: counts.duplicates,
      invalid: counts.invalid,
      needsAttention: counts.needsAttention,
      textCleaned: verdicts.textCleaned,
      sameFileImported,
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
      if (!stage) {
        // A committed (or closed) import: the rows it left out, kept in import_rows.
        const kept = ledger.keptRows(importId, { states, offset, limit })
        return {
          total: kept.total,
          rows: kept.rows.map((r) => ({
            ...rowVerdict(r, r.reasons, r.attention, r.payload?.notes ?? null),
            ...noRecord(),
          })),
        }
      }
      const page = stage.page(states, offset, limit)
      return {
        total: page.total,
        rows: page.rows.map((r): ImportRow => ({
          ...rowVerdict(
            r,
            r.reason_messages ? (JSON.parse(r.reason_messages) as Message[]) : [],
            r.attention_code ? [storedMessage(r.attention_code, r.attention_params)!] : [],
            r.notes,
          ),
          hotelName: r.hotel_name,
          firstNight: r.first_night,
          lastNight: r.last_night,
          nights: r.first_night && r.last_night ? nightCount(r.first_night, r.last_night) : null,
          roomCodes: r.room_codes ? (JSON.parse(r.room_codes) as string[]) : [],
          boardCodes: r.board_codes ? (JSON.parse(r.board_codes) as string[]) : [],
          kind: r.kind,
        })),
      }
    },

    commit(importId) {
      const stage = liveStage(importId)
      const record = ledger.get(importId)
      const seenMax = seenMaxStopSaleId.get(importId) ?? 0
      const result = sqlite
        .transaction(() => {
          // Only stop sales stored since the preview began can make a staged row a duplicate now
          // (another window, the command line): re-check those rows, then move the rest in one statement.
          let late = 0
          if ((maxStopSaleId.get() ?? 0) > seenMax) {
            for (const c of stage.lateCandidates(seenMax)) {
              const dup = duplicateOf(c, storedByKey.all(c.key))
              if (dup) {
                stage.markDuplicate(c.seq, [duplicateReason(dup)])
                late++
              }
            }
          }
          const before = maxStopSaleId.get() ?? 0
          const imported = stage.moveNew(importId)
          const needsAttention = stage.needsAttention()
          stage.keepInvalid(importId)
          const duplicates = record.duplicates + late
          ledger.committed(importId, { imported, duplicates, needsAttention })
          return { imported, duplicates, needsAttention, firstId: before + 1 }
        })
        .immediate()
      forget(importId, false)
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
      forget(importId, true)
    },
  }
}

/** A kept row of a committed import: the record's fields are not kept with it. */
const noRecord = (): Omit<ImportRow, keyof RowVerdict> => ({
  hotelName: null,
  firstNight: null,
  lastNight: null,
  nights: null,
  roomCodes: [],
  boardCodes: [],
  kind: null,
})
