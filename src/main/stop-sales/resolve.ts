/**
 * Turns a stop sale's hotel name and room/board codes into Sedna ids, or into the exact list of
 * what is unknown. Order of trust: an id already on the record, then a mapping a person confirmed,
 * then an unambiguous exact match in the cache. Nothing unknown is dropped: one unknown code makes
 * the whole record unresolved (a stop for "STDSV, FAMILY" is not a stop for STDSV alone).
 */
import { and, eq } from 'drizzle-orm'
import type { AllMode } from '../../shared/profiles'
import type { Resolution, Unresolved } from '../../shared/resolution'
import type { Db } from '../db/database'
import { codeMappings, hotelMappings } from '../db/schema'
import { AppFailure } from '../errors'
import { cachedBoards, cachedHotels, cachedRoomTypes } from '../reference/reference-cache'
import { exactHotelMatch, normalizeCode, normalizeHotelName, rankHotels } from '../reference/hotel-matching'

export interface ResolveInput {
  hotelName: string
  hotelId?: number | null
  roomCodes: readonly string[]
  boardCodes: readonly string[]
}

export interface ResolveProfile {
  id: number
  allRooms: AllMode
  allBoards: AllMode
}

export function resolveStopSale(db: Db, profile: ResolveProfile, input: ResolveInput): Resolution {
  const unresolved: Unresolved[] = []
  const hotelId = input.hotelId ?? resolveHotel(db, profile.id, input.hotelName)
  if (!hotelId) {
    const suggestions = rankHotels(input.hotelName, cachedHotels(db, profile.id), { limit: 5 })
    unresolved.push({ kind: 'hotel', name: input.hotelName, suggestions })
  }

  const roomCodes = unique(input.roomCodes.map(normalizeCode).filter(Boolean))
  const boardCodes = unique(input.boardCodes.map(normalizeCode).filter(Boolean))
  const rooms = new Map<number, string>()
  if (hotelId) {
    const hotelRooms = cachedRoomTypes(db, profile.id, hotelId)
    if (roomCodes.length === 0) {
      if (profile.allRooms === 'explicit') {
        if (hotelRooms.length === 0) unresolved.push({ kind: 'hotel-rooms-unknown', hotelId })
        for (const r of hotelRooms) rooms.set(r.id, r.code)
      }
    } else {
      // Codes are per hotel: the operator-wide list is only a fallback when the hotel's own list is empty.
      const candidates = hotelRooms.length ? hotelRooms : cachedRoomTypes(db, profile.id, 0)
      for (const code of roomCodes) {
        const id = remembered(db, profile.id, 'room', hotelId, code) ?? uniqueByCode(candidates, code)
        if (id) rooms.set(id, candidates.find((r) => r.id === id)?.code ?? code)
        else unresolved.push({ kind: 'room', code, hotelId })
      }
    }
  }

  const boardsById = new Map<number, string>()
  const boards = cachedBoards(db, profile.id)
  if (boardCodes.length === 0) {
    if (profile.allBoards === 'explicit') {
      if (boards.length === 0) unresolved.push({ kind: 'boards-unknown' })
      for (const b of boards) boardsById.set(b.id, b.code)
    }
  } else {
    for (const code of boardCodes) {
      const id = remembered(db, profile.id, 'board', 0, code) ?? uniqueByCode(boards, code)
      if (id) boardsById.set(id, boards.find((b) => b.id === id)?.code ?? code)
      else unresolved.push({ kind: 'board', code })
    }
  }

  if (unresolved.length || !hotelId) return { ok: false, unresolved: unresolved as [Unresolved, ...Unresolved[]] }
  return {
    ok: true,
    hotelId,
    roomTypeIds: [...rooms.keys()],
    boardIds: [...boardsById.keys()],
    roomRemarkCodes: unique([...rooms.values()]),
    boardRemarkCodes: unique([...boardsById.values()]),
    allRooms: roomCodes.length === 0,
    allBoards: boardCodes.length === 0,
  }
}

/** A hotel name as received → Sedna hotel id: a remembered mapping, else an unambiguous exact match. */
export function resolveHotel(db: Db, profileId: number, name: string): number | undefined {
  const key = normalizeHotelName(name)
  if (!key) return undefined
  const mapped = db
    .select({ hotelId: hotelMappings.hotelId })
    .from(hotelMappings)
    .where(and(eq(hotelMappings.profileId, profileId), eq(hotelMappings.nameKey, key)))
    .get()
  if (mapped) return mapped.hotelId
  return exactHotelMatch(name, cachedHotels(db, profileId))?.id
}

/** A room (at a hotel) or board code a person mapped; boards use hotelId 0. */
export function remembered(db: Db, profileId: number, kind: 'room' | 'board', hotelId: number, code: string) {
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

/** The one id carrying this code, or undefined when none or several do. */
export function uniqueByCode(rows: readonly { id: number; code: string }[], code: string): number | undefined {
  const ids = unique(rows.filter((r) => r.code === code).map((r) => r.id))
  return ids.length === 1 ? ids[0] : undefined
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)]

/** Remember a person's choice: this hotel name as received is that Sedna hotel. */
export function rememberHotel(db: Db, profileId: number, nameAsReceived: string, hotelId: number): void {
  const nameKey = normalizeHotelName(nameAsReceived)
  if (!nameKey) throw new AppFailure('validation', `"${nameAsReceived}" has no letters or digits to remember it by.`)
  db.insert(hotelMappings)
    .values({ profileId, nameKey, nameAsReceived, hotelId })
    .onConflictDoUpdate({ target: [hotelMappings.profileId, hotelMappings.nameKey], set: { hotelId, nameAsReceived } })
    .run()
}

/** Remember: code X at hotel H is room type N; for boards, hotelId is 0 (boards are agency-wide). */
export function rememberCode(
  db: Db,
  profileId: number,
  kind: 'room' | 'board',
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
