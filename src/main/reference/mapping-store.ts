/**
 * The mappings people confirmed, per Sedna account: this hotel name as received is that Sedna hotel,
 * this room code (at a hotel) or board code is that room type or board, this nationality is that
 * country. Looked up by every resolution, written by the fix-in-place calls (mappings.ts).
 */
import { and, eq } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { message } from '../../shared/messages'
import type { Db } from '../db/database'
import { codeMappings, hotelMappings, nationalityMappings } from '../db/schema'
import { AppFailure } from '../errors'
import { foldName, normalizeCode, normalizeHotelName } from './hotel-matching'

export type CodeKind = 'room' | 'board'

/** A look-up of one kind of mapping by its key, in one account. */
const lookup =
  (table: SQLiteTable, profile: SQLiteColumn, key: SQLiteColumn, value: SQLiteColumn) =>
  (db: Db, profileId: number, k: string): number | undefined =>
    db
      .select({ v: value })
      .from(table)
      .where(and(eq(profile, profileId), eq(key, k)))
      .get()?.v as number | undefined

/** The Sedna hotel a person mapped this name (by its key) to. */
export const mappedHotel = lookup(hotelMappings, hotelMappings.profileId, hotelMappings.nameKey, hotelMappings.hotelId)

/** The Sedna country a person mapped this nationality (by its folded key) to. */
export const mappedCountry = lookup(
  nationalityMappings,
  nationalityMappings.profileId,
  nationalityMappings.valueKey,
  nationalityMappings.countryId,
)

/** A room (at a hotel) or board code a person mapped; boards use hotelId 0. */
export function remembered(db: Db, profileId: number, kind: CodeKind, hotelId: number, code: string) {
  return db
    .select({ id: codeMappings.sednaId })
    .from(codeMappings)
    .where(
      and(
        eq(codeMappings.profileId, profileId),
        eq(codeMappings.kind, kind),
        eq(codeMappings.hotelId, hotelId),
        eq(codeMappings.code, code),
      ),
    )
    .get()?.id
}

/** The key a value is remembered by; refused when it has no letters or digits. */
function keyOf(value: string, fold: (v: string) => string): string {
  const key = fold(value)
  if (!key) throw AppFailure.coded('validation', message('mapping.nothingToRemember', { value }))
  return key
}

/** Remember a person's choice: this hotel name as received is that Sedna hotel. */
export function rememberHotel(db: Db, profileId: number, nameAsReceived: string, hotelId: number): void {
  const nameKey = keyOf(nameAsReceived, normalizeHotelName)
  db.insert(hotelMappings)
    .values({ profileId, nameKey, nameAsReceived, hotelId })
    .onConflictDoUpdate({ target: [hotelMappings.profileId, hotelMappings.nameKey], set: { hotelId, nameAsReceived } })
    .run()
}

/** Remember: code X at hotel H is room type N; for boards, hotelId is 0 (boards are agency-wide). */
export function rememberCode(
  db: Db,
  profileId: number,
  kind: CodeKind,
  hotelId: number,
  code: string,
  sednaId: number,
): void {
  const key = { profileId, kind, hotelId: kind === 'board' ? 0 : hotelId, code: normalizeCode(code) }
  db.insert(codeMappings)
    .values({ ...key, sednaId })
    .onConflictDoUpdate({
      target: [codeMappings.profileId, codeMappings.kind, codeMappings.hotelId, codeMappings.code],
      set: { sednaId },
    })
    .run()
}

/** Remember a person's choice: this nationality as received is that Sedna country. */
export function rememberNationality(db: Db, profileId: number, valueAsReceived: string, countryId: number): string {
  const valueKey = keyOf(valueAsReceived, foldName)
  db.insert(nationalityMappings)
    .values({ profileId, valueKey, valueAsReceived, countryId })
    .onConflictDoUpdate({
      target: [nationalityMappings.profileId, nationalityMappings.valueKey],
      set: { countryId, valueAsReceived },
    })
    .run()
  return valueKey
}
