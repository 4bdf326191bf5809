/**
 * Turns a stop sale's hotel name and room/board codes into Sedna ids, or into the exact list of what is
 * unknown (the shared steps are in reference/resolve-core.ts). Nothing unknown is dropped: one unknown
 * code makes the whole record unresolved (a stop for "STDSV, FAMILY" is not a stop for STDSV alone). A
 * stop sale naming no rooms (boards) stops them all: with "explicit" all-modes they are listed one by one.
 */
import type { AllMode } from '../../shared/profiles'
import type { Resolution, Unresolved } from '../../shared/resolution'
import type { Db } from '../db/database'
import { cachedBoards, cachedRoomTypes } from '../reference/reference-cache'
import { normalizedCodes, resolveBoards, resolveHotelOf, resolveRooms, unique } from '../reference/resolve-core'

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
  const hotelId = resolveHotelOf(db, profile.id, input, unresolved)
  const roomCodes = normalizedCodes(input.roomCodes)
  const boardCodes = normalizedCodes(input.boardCodes)

  let rooms = new Map<number, string>()
  if (hotelId) {
    const hotelRooms = cachedRoomTypes(db, profile.id, hotelId)
    if (roomCodes.length) {
      // Codes are per hotel: the operator-wide list is only a fallback when the hotel's own list is empty.
      const candidates = hotelRooms.length ? hotelRooms : cachedRoomTypes(db, profile.id, 0)
      rooms = resolveRooms(db, profile.id, hotelId, roomCodes, unresolved, candidates)
    } else if (profile.allRooms === 'explicit') {
      if (hotelRooms.length === 0) unresolved.push({ kind: 'hotel-rooms-unknown', hotelId })
      for (const r of hotelRooms) rooms.set(r.id, r.code)
    }
  }

  let boards = new Map<number, string>()
  const allBoards = cachedBoards(db, profile.id)
  if (boardCodes.length) boards = resolveBoards(db, profile.id, boardCodes, unresolved, allBoards)
  else if (profile.allBoards === 'explicit') {
    if (allBoards.length === 0) unresolved.push({ kind: 'boards-unknown' })
    for (const b of allBoards) boards.set(b.id, b.code)
  }

  if (unresolved.length || !hotelId) return { ok: false, unresolved: unresolved as [Unresolved, ...Unresolved[]] }
  return {
    ok: true,
    hotelId,
    roomTypeIds: [...rooms.keys()],
    boardIds: [...boards.keys()],
    roomRemarkCodes: unique([...rooms.values()]),
    boardRemarkCodes: unique([...boards.values()]),
    allRooms: roomCodes.length === 0,
    allBoards: boardCodes.length === 0,
  }
}
