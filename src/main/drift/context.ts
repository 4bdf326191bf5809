/**
 * What a comparison needs besides the two records: how the account sends "all", and the reference
 * cache's room types (per hotel, then operator-wide) and boards — read once per hotel for a whole run.
 */
import { eq } from 'drizzle-orm'
import type { Db } from '../db/database'
import { sednaProfiles } from '../db/schema'
import { cachedBoards, cachedRoomTypes } from '../reference/reference-cache'
import type { CompareContext } from './compare'

export type ContextFor = (hotelId: number) => CompareContext

/** The comparison context of one account, hotel by hotel (undefined: the account no longer exists). */
export function contextsOf(db: Db, profileId: number): ContextFor | undefined {
  const profile = db
    .select({ allRooms: sednaProfiles.allRooms, allBoards: sednaProfiles.allBoards })
    .from(sednaProfiles)
    .where(eq(sednaProfiles.id, profileId))
    .get()
  if (!profile) return undefined
  const boards = cachedBoards(db, profileId)
  let operatorRooms: CompareContext['rooms'] | undefined
  const byHotel = new Map<number, CompareContext>()
  return (hotelId) => {
    let ctx = byHotel.get(hotelId)
    if (!ctx) {
      const rooms = cachedRoomTypes(db, profileId, hotelId)
      operatorRooms ??= cachedRoomTypes(db, profileId, 0)
      ctx = { ...profile, rooms, anyRooms: [...rooms, ...operatorRooms], boards }
      byHotel.set(hotelId, ctx)
    }
    return ctx
  }
}
