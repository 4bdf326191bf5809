/**
 * Import of parsed reservations: preview first, then commit — as for stop sales, but simple: the files
 * are small, so the whole file is read and judged at once (verdicts.ts), and the verdicts are stored
 * in reservation_import_rows; commit moves the new ones into `reservations` in one IMMEDIATE transaction.
 *
 * Idempotent: a reservation's identity is its voucher number + source e-mail id. The same booking
 * imported again (the same file, a re-export, the same e-mail parsed twice) is a duplicate — also when
 * it was stored by another window or the command line between preview and commit (a unique index on the
 * key decides). A duplicate whose details differ says in which; the stored one is kept as it is.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { and, asc, count, eq, inArray, isNotNull } from 'drizzle-orm'
import { message } from '../../../shared/messages'
import type {
  ReservationImportPreview,
  ReservationImportResult,
  ReservationImportRow,
  ReservationResolution,
} from '../../../shared/reservations'
import type { Db } from '../../db/database'
import { reservationImportRows, reservationImports, reservations, type ProfileRow } from '../../db/schema'
import type { EventBus } from '../../events'
import { readImportBytes } from '../../files/safe-file'
import { createImportLedger } from '../../imports-common/ledger'
import type { ImportServiceOf, ImportSource } from '../../imports-common/service'
import { rowVerdict } from '../../imports-common/rows'
import { unresolvedMessage } from '../../reference/unresolved'
import type { CanonicalReservation } from './parse'
import { MAX_RESERVATION_FILE_BYTES, readReservationBytes } from './read-file'
import { judgeReservations, messagesText, type StagedPayload } from './verdicts'

export { canonicalOf } from './verdicts'

export type { ImportSource as ReservationImportSource }

export type ReservationImportService = ImportServiceOf<
  ReservationImportPreview,
  ReservationImportRow,
  ReservationImportResult
>

export function createReservationImportService(deps: {
  db: Db
  events: EventBus
  activeProfile: () => ProfileRow | undefined
  resolve: (profile: ProfileRow, r: CanonicalReservation) => ReservationResolution
}): ReservationImportService {
  const { db, events } = deps
  const ledger = createImportLedger(db, {
    imports: 'reservation_imports',
    rows: 'reservation_import_rows',
    notFound: 'import.reservationsNotFound',
  })

  return {
    async preview(source) {
      const { fileName, bytes } =
        'path' in source ? await readImportBytes(source.path, MAX_RESERVATION_FILE_BYTES) : source
      const hash = createHash('sha256').update(bytes).digest('hex')
      const file = readReservationBytes(bytes, fileName)
      const sameFileImported = ledger.sameFile(hash)
      const profile = deps.activeProfile()
      const { rows, counts, textCleaned } = judgeReservations(db, file.records, profile, deps.resolve)
      const importId = db.transaction(
        (tx) => {
          const id = tx
            .insert(reservationImports)
            .values({ fileName, fileHash: hash, format: file.format, encoding: file.encoding, ...counts })
            .returning({ id: reservationImports.id })
            .get().id
          for (const r of rows)
            tx.insert(reservationImportRows)
              .values({ ...r, importId: id })
              .run()
          return id
        },
        { behavior: 'immediate' },
      )
      return {
        importId,
        fileName,
        format: file.format,
        encoding: file.encoding,
        rows: counts.rows,
        willImport: counts.newCount,
        duplicates: counts.duplicates,
        invalid: counts.invalid,
        needsAttention: counts.needsAttention,
        textCleaned,
        sameFileImported,
        resolutionChecked: profile !== undefined,
      }
    },

    rows(importId, q) {
      const kept = ledger.keptRows(importId, q)
      return {
        total: kept.total,
        rows: kept.rows.map((r): ReservationImportRow => {
          const p = r.payload as Partial<CanonicalReservation> | null
          return {
            ...rowVerdict(r, r.reasons, r.attention, r.payload?.notes),
            voucherNo: p?.voucherNo ?? null,
            hotelName: p?.hotelName ?? null,
            checkIn: p?.checkIn ?? null,
            checkOut: p?.checkOut ?? null,
            roomCode: p?.roomCode ?? null,
            boardCode: p?.boardCode ?? null,
            adults: p?.adults ?? null,
            children: p?.children ?? null,
            guests: p?.guests ?? [],
          }
        }),
      }
    },

    commit(importId) {
      const record = ledger.preview(importId)
      const result = db.transaction(
        (tx) => {
          const staged = tx
            .select()
            .from(reservationImportRows)
            .where(and(eq(reservationImportRows.importId, importId), eq(reservationImportRows.state, 'new')))
            .orderBy(asc(reservationImportRows.row), asc(reservationImportRows.id))
            .all()
          const ids: number[] = []
          let late = 0
          for (const s of staged) {
            const p = s.payload as unknown as StagedPayload
            const unresolved = p.resolution?.ok === false ? unresolvedMessage(p.resolution.unresolved) : null
            const inserted = tx
              .insert(reservations)
              .values({
                // Replaced below by the provisional "R<id>-<random>" once the id is known (the column is unique).
                sourceId: `pending-${randomUUID()}`,
                voucherNo: p.voucherNo,
                hotelName: p.hotelName,
                hotelKey: p.hotelKey,
                hotelId: p.hotelId,
                checkIn: p.checkIn,
                checkOut: p.checkOut,
                roomCode: p.roomCode,
                boardCode: p.boardCode,
                adults: p.adults,
                children: p.children,
                guests: p.guests,
                totalPrice: p.totalPrice,
                currency: p.currency,
                saleDate: p.saleDate,
                sourceEmailId: p.sourceEmailId,
                importId,
                sourceRow: s.row,
                dedupeKey: s.dedupeKey!,
                contentHash: p.contentHash,
                lastError: unresolved && messagesText([unresolved]),
                lastErrorCode: unresolved?.code ?? null,
                lastErrorParams: unresolved?.params ?? null,
                resolution: p.resolution ?? null,
              })
              .onConflictDoNothing({ target: reservations.dedupeKey })
              .returning({ id: reservations.id })
              .get()
            if (!inserted) {
              // Stored meanwhile (another window, the command line): a duplicate after all.
              const other = tx
                .select({ id: reservations.id })
                .from(reservations)
                .where(eq(reservations.dedupeKey, s.dedupeKey!))
                .get()
              const reasons = [message('reservationImport.duplicateMeanwhile', { id: other?.id ?? '?' })]
              tx.update(reservationImportRows)
                .set({ state: 'duplicate', reason: messagesText(reasons), reasonMessages: reasons })
                .where(eq(reservationImportRows.id, s.id))
                .run()
              late++
              continue
            }
            tx.update(reservations)
              .set({ sourceId: newSourceId(inserted.id) })
              .where(eq(reservations.id, inserted.id))
              .run()
            ids.push(inserted.id)
          }
          const needsAttention =
            tx
              .select({ n: count() })
              .from(reservationImportRows)
              .where(
                and(
                  eq(reservationImportRows.importId, importId),
                  eq(reservationImportRows.state, 'new'),
                  isNotNull(reservationImportRows.attention),
                ),
              )
              .get()?.n ?? 0
          const duplicates = record.duplicates + late
          ledger.committed(importId, { imported: ids.length, duplicates, needsAttention })
          // Keep only the rejected rows: the record of what was left out and why.
          tx.delete(reservationImportRows)
            .where(
              and(
                eq(reservationImportRows.importId, importId),
                inArray(reservationImportRows.state, ['new', 'duplicate']),
              ),
            )
            .run()
          return { ids, duplicates, needsAttention }
        },
        { behavior: 'immediate' },
      )
      if (result.ids.length) events.emit('reservations.changed', { ids: result.ids })
      return {
        importId,
        fileName: record.fileName,
        imported: result.ids.length,
        ids: result.ids,
        duplicates: result.duplicates,
        invalid: record.invalid,
        needsAttention: result.needsAttention,
      }
    },

    discard(importId) {
      if (ledger.discarded(importId))
        db.delete(reservationImportRows).where(eq(reservationImportRows.importId, importId)).run()
    },
  }
}

/**
 * A reservation's provisional SourceId, "R<id>-<6 hex>" (the column is unique): the one it is sent with is
 * formed from the booking at its first send (source-id.ts), so that two desks carry the same.
 */
export function newSourceId(id: number): string {
  return `R${id}-${randomBytes(3).toString('hex')}`
}
