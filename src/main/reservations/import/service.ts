/**
 * Import of parsed reservations: preview first, then commit — as for stop sales, but simple: the files
 * are small, so the whole file is read and judged at once. Every record gets a verdict (new, duplicate,
 * invalid) with the exact reason and its row (and line, for CSV), staged in SQLite; commit moves the new
 * ones into `reservations` in one IMMEDIATE transaction.
 *
 * Idempotent: a reservation's identity is its voucher number + source e-mail id. The same booking
 * imported again (the same file, a re-export, the same e-mail parsed twice) is a duplicate — also when
 * it was stored by another window or the command line between preview and commit (a unique index on the
 * key decides). A duplicate whose details differ says in which; the stored one is kept as it is.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { TextNote } from '../../stop-sales/import/canonical'
import { rowNote } from '../../files/clean-text'
import { openImportFile } from '../../files/safe-file'
import { staffError } from '../../stop-sales/import/source'
import { and, asc, count, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm'
import type {
  ReservationImportPreview,
  ReservationImportResult,
  ReservationImportRow,
  ReservationResolution,
} from '../../../shared/reservations'
import type { Db } from '../../db/database'
import {
  reservationImportRows,
  reservationImports,
  reservations,
  type ProfileRow,
  type ReservationRow,
} from '../../db/schema'
import { AppFailure } from '../../errors'
import type { EventBus } from '../../events'
import { describeReservationUnresolved } from '../resolve'
import { hotelKeyOf } from '../../stop-sales/hotel-keys'
import {
  canonicalizeReservation,
  contentHash,
  differences,
  MAX_RESERVATION_FILE_BYTES,
  readReservationBytes,
  reservationDedupeKey,
  type CanonicalReservation,
} from './parse'

export type ReservationImportSource = { path: string } | { fileName: string; bytes: Uint8Array }

export interface ReservationImportService {
  preview(source: ReservationImportSource): Promise<ReservationImportPreview>
  rows(
    importId: number,
    q: { states?: ReservationImportRow['state'][] | undefined; offset: number; limit: number },
  ): { rows: ReservationImportRow[]; total: number }
  commit(importId: number): ReservationImportResult
  discard(importId: number): void
}

/** What is staged for a new row: the record, and what the commit stores besides it. */
interface StagedPayload extends CanonicalReservation {
  hotelKey: string
  contentHash: string
  /** The unresolved mappings, stored as the reservation's last error (null when it resolves). */
  unresolved: string | null
  /** What is missing (stored, so that a mapping made later finds the reservations waiting for it). */
  resolution: ReservationResolution | null
  notes?: TextNote[]
}

export function createReservationImportService(deps: {
  db: Db
  events: EventBus
  activeProfile: () => ProfileRow | undefined
  resolve: (profile: ProfileRow, r: CanonicalReservation) => ReservationResolution
}): ReservationImportService {
  const { db, events } = deps

  function imp(importId: number) {
    const record = db.select().from(reservationImports).where(eq(reservationImports.id, importId)).get()
    if (!record) throw new AppFailure('not-found', `Reservation import #${importId} does not exist.`)
    return record
  }

  return {
    async preview(source) {
      const { fileName, bytes } = await readSource(source)
      const hash = createHash('sha256').update(bytes).digest('hex')
      const file = readReservationBytes(bytes, fileName)
      const previous = db
        .select({ id: reservationImports.id, at: reservationImports.committedAt })
        .from(reservationImports)
        .where(and(eq(reservationImports.fileHash, hash), eq(reservationImports.status, 'committed')))
        .orderBy(desc(reservationImports.id))
        .get()
      const profile = deps.activeProfile()

      const staged: Array<Omit<typeof reservationImportRows.$inferInsert, 'importId'>> = []
      const inFile = new Map<string, { row: number; value: CanonicalReservation }>()
      const vouchersInFile = new Map<string, { row: number; key: string }>()
      const counts = { rows: file.records.length, newCount: 0, duplicates: 0, invalid: 0, needsAttention: 0 }
      let textCleaned = 0
      for (const record of file.records) {
        const base = { row: record.row, line: record.line }
        // The row's notes live in its payload (an invalid row's payload holds only them).
        const noted = record.notes ? { notes: record.notes } : {}
        if (record.notes) textCleaned++
        const canonical = record.error
          ? { ok: false as const, errors: [record.error] }
          : canonicalizeReservation(record.fields)
        if (!canonical.ok) {
          counts.invalid++
          staged.push({
            ...base,
            state: 'invalid',
            reason: canonical.errors.join(' '),
            payload: record.notes ? noted : null,
          })
          continue
        }
        const value = canonical.value
        const key = reservationDedupeKey(value)
        const stored = db.select().from(reservations).where(eq(reservations.dedupeKey, key)).get()
        const earlier = inFile.get(key)
        if (stored || earlier) {
          counts.duplicates++
          const diff = differences(stored ? canonicalOf(stored) : earlier!.value, value)
          const what = stored
            ? `Already imported as reservation #${stored.id} (voucher ${stored.voucherNo}${value.sourceEmailId ? `, e-mail ${value.sourceEmailId}` : ''}).`
            : `Same voucher and source e-mail as row ${earlier!.row} of this file.`
          const changed = diff.length
            ? ` This one differs in ${diff.join(', ')}; the ${stored ? 'stored' : 'earlier'} one is kept.`
            : ''
          staged.push({
            ...base,
            state: 'duplicate',
            reason: what + changed,
            dedupeKey: key,
            payload: { ...value, ...noted },
          })
          continue
        }
        inFile.set(key, { row: record.row, value })

        const notes: string[] = []
        let unresolved: string | null = null
        let resolution: ReservationResolution | null = null
        if (profile) {
          const r = deps.resolve(profile, value)
          if (!r.ok) {
            notes.push((unresolved = describeReservationUnresolved(r.unresolved)))
            resolution = r
          }
        }
        const voucherKey = value.voucherNo.toUpperCase()
        const sameVoucher = db
          .select({ id: reservations.id, source: reservations.sourceEmailId })
          .from(reservations)
          .where(and(eq(reservations.voucherNo, value.voucherNo), ne(reservations.dedupeKey, key)))
          .get()
        const sameVoucherInFile = vouchersInFile.get(voucherKey)
        if (sameVoucher) {
          notes.push(
            `Voucher ${value.voucherNo} was already imported from ${sameVoucher.source ? `e-mail ${sameVoucher.source}` : 'another source'} as reservation #${sameVoucher.id}: check it is not the same booking before sending it.`,
          )
        } else if (sameVoucherInFile) {
          notes.push(
            `Voucher ${value.voucherNo} also comes from another e-mail in row ${sameVoucherInFile.row}: check it is not the same booking before sending it.`,
          )
        }
        vouchersInFile.set(voucherKey, { row: record.row, key })
        counts.newCount++
        if (notes.length) counts.needsAttention++
        const payload: StagedPayload = {
          ...value,
          hotelKey: hotelKeyOf(value.hotelName),
          contentHash: contentHash(value),
          unresolved,
          resolution,
          ...noted,
        }
        staged.push({
          ...base,
          state: 'new',
          attention: notes.length ? notes.join(' ') : null,
          dedupeKey: key,
          payload: payload as unknown as Record<string, unknown>,
        })
      }

      const importId = db.transaction(
        (tx) => {
          const id = tx
            .insert(reservationImports)
            .values({ fileName, fileHash: hash, format: file.format, encoding: file.encoding, ...counts })
            .returning({ id: reservationImports.id })
            .get().id
          for (const r of staged)
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
        sameFileImported: previous ? { importId: previous.id, at: previous.at ?? '' } : null,
        resolutionChecked: profile !== undefined,
      }
    },

    rows(importId, { states, offset, limit }) {
      imp(importId)
      const where = and(
        eq(reservationImportRows.importId, importId),
        states?.length ? inArray(reservationImportRows.state, states) : undefined,
      )
      const total = db.select({ n: count() }).from(reservationImportRows).where(where).get()?.n ?? 0
      const rows = db
        .select()
        .from(reservationImportRows)
        .where(where)
        .orderBy(asc(reservationImportRows.row), asc(reservationImportRows.id))
        .limit(limit)
        .offset(offset)
        .all()
        .map((r): ReservationImportRow => {
          const p = r.payload as unknown as (Partial<CanonicalReservation> & { notes?: TextNote[] }) | null
          return {
            row: r.row,
            line: r.line,
            state: r.state,
            reason: r.reason,
            attention: r.attention,
            notes: (p?.notes ?? []).map(rowNote),
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
        })
      return { rows, total }
    },

    commit(importId) {
      const record = imp(importId)
      if (record.status !== 'preview') {
        throw new AppFailure('conflict', `Import #${importId} of ${record.fileName} was already ${record.status}.`)
      }
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
            const inserted = tx
              .insert(reservations)
              .values({
                // Replaced below by "R<id>-<random>" once the id is known (the column is unique).
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
                lastError: p.unresolved,
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
              tx.update(reservationImportRows)
                .set({
                  state: 'duplicate',
                  reason: `Already imported as reservation #${other?.id ?? '?'} (meanwhile).`,
                })
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
          tx.update(reservationImports)
            .set({
              status: 'committed',
              imported: ids.length,
              duplicates: record.duplicates + late,
              needsAttention,
              committedAt: new Date().toISOString(),
            })
            .where(eq(reservationImports.id, importId))
            .run()
          // Keep only the rejected rows: the record of what was left out and why.
          tx.delete(reservationImportRows)
            .where(
              and(
                eq(reservationImportRows.importId, importId),
                inArray(reservationImportRows.state, ['new', 'duplicate']),
              ),
            )
            .run()
          return { ids, duplicates: record.duplicates + late, needsAttention }
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
      const changed = db
        .update(reservationImports)
        .set({ status: 'discarded' })
        .where(and(eq(reservationImports.id, importId), eq(reservationImports.status, 'preview')))
        .run().changes
      if (changed) db.delete(reservationImportRows).where(eq(reservationImportRows.importId, importId)).run()
    },
  }
}

/** The app's own id for a reservation in Sedna: "R<id>-<6 hex>" (see schema.ts). */
export function newSourceId(id: number): string {
  return `R${id}-${randomBytes(3).toString('hex')}`
}

/** A stored reservation as a canonical record (to tell how a duplicate differs). */
export function canonicalOf(r: ReservationRow): CanonicalReservation {
  return {
    voucherNo: r.voucherNo,
    hotelName: r.hotelName,
    hotelId: r.hotelId,
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    roomCode: r.roomCode,
    boardCode: r.boardCode,
    adults: r.adults,
    children: r.children,
    guests: r.guests,
    totalPrice: r.totalPrice,
    currency: r.currency,
    saleDate: r.saleDate,
    sourceEmailId: r.sourceEmailId,
  }
}

/** A path is opened as every import file is (safe-file.ts): a regular file, at most the size cap, read once. */
async function readSource(source: ReservationImportSource): Promise<{ fileName: string; bytes: Uint8Array }> {
  if (!('path' in source)) return source
  const fileName = basename(source.path)
  try {
    const file = await openImportFile(source.path, MAX_RESERVATION_FILE_BYTES)
    try {
      const bytes = await file.readAll()
      await file.checkUnchanged()
      return { fileName, bytes }
    } finally {
      await file.close()
    }
  } catch (err) {
    throw staffError(err, fileName)
  }
}
