/**
 * The steps both kinds of record resolve alike: a hotel name, room codes at that hotel, board codes.
 * Order of trust: an id already on the record, then a mapping a person confirmed, then an unambiguous
 * exact match in the account's cached reference data. What cannot be resolved is returned, exactly, for a
 * person to map; nothing is guessed. Each kind adds what is its own (stop sales: "all rooms/boards";
 * reservations: the guests' nationalities).
 */
import type { Unresolved } from '../../shared/resolution'
import type { Db } from '../db/database'
import { exactHotelMatch, normalizeCode, normalizeHotelName, rankHotels } from './hotel-matching'
import { mappedHotel, remembered } from './mapping-store'
import { cachedBoards, cachedHotels, cachedRoomTypes } from './reference-cache'

type Common = Extract<Unresolved, { kind: 'hotel' | 'room' | 'board' }>
/** Where a step puts what it could not resolve: the kind's own list (which may hold its other kinds too). */
type Unresolvable = { push(u: Common): unknown }
type Coded = { id: number; code: string }

/** A hotel name as received → Sedna hotel id: a remembered mapping, else an unambiguous exact match. */
export function resolveHotel(db: Db, profileId: number, name: string): number | undefined {
  const key = normalizeHotelName(name)
  if (!key) return undefined
  return mappedHotel(db, profileId, key) ?? exactHotelMatch(name, cachedHotels(db, profileId))?.id
}

/** The record's hotel: its own id, else resolved from the name; unknown → the closest hotels as suggestions. */
export function resolveHotelOf(
  db: Db,
  profileId: number,
  input: { hotelName: string; hotelId?: number | null | undefined },
  unresolved: Unresolvable,
): number | undefined {
  const hotelId = input.hotelId ?? resolveHotel(db, profileId, input.hotelName)
  if (!hotelId) {
    const suggestions = rankHotels(input.hotelName, cachedHotels(db, profileId), { limit: 5 })
    unresolved.push({ kind: 'hotel', name: input.hotelName, suggestions })
  }
  return hotelId || undefined
}

/** The room types a code at this hotel may be: its own list; the operator-wide one only when that is empty. */
export function roomCandidates(db: Db, profileId: number, hotelId: number) {
  const own = cachedRoomTypes(db, profileId, hotelId)
  return own.length ? own : cachedRoomTypes(db, profileId, 0)
}

/** Room codes at a hotel → room type ids (with Sedna's own codes); unknown codes to `unresolved`. */
export function resolveRooms(
  db: Db,
  profileId: number,
  hotelId: number,
  codes: readonly string[],
  unresolved: Unresolvable,
  candidates: readonly Coded[] = roomCandidates(db, profileId, hotelId),
): Map<number, string> {
  const rooms = new Map<number, string>()
  for (const code of codes) {
    const id = remembered(db, profileId, 'room', hotelId, code) ?? uniqueByCode(candidates, code)
    if (id) rooms.set(id, candidates.find((r) => r.id === id)?.code ?? code)
    else unresolved.push({ kind: 'room', code, hotelId })
  }
  return rooms
}

/** Board codes → board ids (with Sedna's own codes); unknown codes to `unresolved`. */
export function resolveBoards(
  db: Db,
  profileId: number,
  codes: readonly string[],
  unresolved: Unresolvable,
  boards: readonly Coded[] = cachedBoards(db, profileId),
): Map<number, string> {
  const found = new Map<number, string>()
  for (const code of codes) {
    const id = remembered(db, profileId, 'board', 0, code) ?? uniqueByCode(boards, code)
    if (id) found.set(id, boards.find((b) => b.id === id)?.code ?? code)
    else unresolved.push({ kind: 'board', code })
  }
  return found
}

/** The one id carrying this code, or undefined when none or several do. */
export function uniqueByCode(rows: readonly Coded[], code: string): number | undefined {
  const ids = unique(rows.filter((r) => r.code === code).map((r) => r.id))
  return ids.length === 1 ? ids[0] : undefined
}

/** Codes as the resolution compares them: normalised, empties and repeats dropped. */
export const normalizedCodes = (codes: readonly string[]) => unique(codes.map(normalizeCode).filter(Boolean))

export const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)]
