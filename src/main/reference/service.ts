/** Reference data as the app uses it: per profile, through that profile's Sedna client. */
import { and, asc, eq } from 'drizzle-orm'
import { message } from '../../shared/messages'
import type { BoardOption, HotelOption, RoomTypeOption } from '../../shared/mappings'
import type { CountryOption } from '../../shared/reservations'
import type { ReferenceStatus } from '../../shared/profiles'
import type { Db } from '../db/database'
import { refHotels, type ProfileRow } from '../db/schema'
import { AppFailure } from '../errors'
import { foldName, normalizeCode, normalizeHotelName, rankHotels } from './hotel-matching'
import { cachedBoards, cachedCountries, cachedRoomTypes, type ReferenceCache } from './reference-cache'
import { rememberCode, rememberHotel, rememberNationality } from './mapping-store'
import type { SednaConnections } from '../services/sedna-connections'

/** Below this similarity a hotel is not suggested, unless its name contains what was typed. */
const MIN_SUGGESTION_SCORE = 0.35

export interface ReferenceService {
  status(profileId: number): ReferenceStatus
  refresh(profileId: number): Promise<ReferenceStatus>
  ensureFresh(profileId: number): Promise<ReferenceStatus>
  rememberHotel(profileId: number, nameAsReceived: string, hotelId: number): void
  rememberCode(profileId: number, kind: 'room' | 'board', hotelId: number, code: string, sednaId: number): void
  /** Cached hotels for a picker: ranked against the query, or in name order without one. */
  hotels(profileId: number, q: { query?: string | undefined; limit: number }): HotelOption[]
  /** One cached hotel; a validation failure naming the profile when it is not in the cache. */
  hotel(profileId: number, hotelId: number): HotelOption
  /** The room types a code at this hotel may be mapped to: the hotel's own, else the operator-wide list. */
  roomTypes(profileId: number, hotelId: number): RoomTypeOption[]
  boards(profileId: number): BoardOption[]
  /**
   * Cached countries (what guests' nationalities resolve to) for a picker: with a query, those whose code
   * or folded name starts with it or contains it (exact matches first); without, all in name order.
   */
  countries(profileId: number, q: { query?: string | undefined; limit: number }): CountryOption[]
  /** One cached country; a validation failure naming the profile when it is not in the cache. */
  country(profileId: number, countryId: number): CountryOption
  rememberNationality(profileId: number, valueAsReceived: string, countryId: number): void
}

export function createReferenceService(deps: {
  db: Db
  cache: ReferenceCache
  /** The accounts (not-found for an unknown id). */
  profiles: { get(id: number): ProfileRow }
  connections: SednaConnections
}): ReferenceService {
  const { db, cache, profiles, connections } = deps

  const hotelRows = (profileId: number) =>
    db
      .select({
        id: refHotels.sednaId,
        name: refHotels.name,
        nameKey: refHotels.nameKey,
        code: refHotels.code,
        region: refHotels.region,
      })
      .from(refHotels)
      .where(eq(refHotels.profileId, profileId))
      .orderBy(asc(refHotels.nameKey), asc(refHotels.sednaId))
      .all()

  function hotel(profileId: number, hotelId: number): HotelOption {
    const profile = profiles.get(profileId)
    const row = db
      .select({ id: refHotels.sednaId, name: refHotels.name, code: refHotels.code, region: refHotels.region })
      .from(refHotels)
      .where(and(eq(refHotels.profileId, profileId), eq(refHotels.sednaId, hotelId)))
      .get()
    if (!row)
      throw AppFailure.coded('validation', message('mapping.hotelNotInList', { hotelId, account: profile.name }))
    return { ...row, score: null, exact: false }
  }

  return {
    status: (profileId) => (profiles.get(profileId), cache.status(profileId)),
    async refresh(profileId) {
      const profile = profiles.get(profileId)
      return cache.refresh(profile, await connections.client(profile))
    },
    async ensureFresh(profileId) {
      const profile = profiles.get(profileId)
      return cache.ensureFresh(profile, () => connections.client(profile))
    },
    rememberHotel: (profileId, name, hotelId) => rememberHotel(db, profileId, name, hotelId),
    rememberCode: (profileId, kind, hotelId, code, sednaId) =>
      rememberCode(db, profileId, kind, hotelId, code, sednaId),

    hotels(profileId, { query, limit }) {
      profiles.get(profileId)
      const rows = hotelRows(profileId)
      const text = query?.trim() ?? ''
      if (!text) return rows.slice(0, limit).map(({ nameKey: _, ...h }) => ({ ...h, score: null, exact: false }))
      const key = normalizeHotelName(text)
      if (!key) return []
      const byId = new Map(rows.map((r) => [r.id, r]))
      // Every hotel scored (exact first, then by similarity, then by name); kept when similar enough or
      // when its name contains what was typed, so that "ista" offers "İstanbul Boğaz Palace" at once.
      return rankHotels(text, rows, { limit: rows.length, minScore: 0 })
        .filter((s) => s.score >= MIN_SUGGESTION_SCORE || (byId.get(s.id)?.nameKey.includes(key) ?? false))
        .slice(0, limit)
        .map((s) => {
          const r = byId.get(s.id)!
          return { id: s.id, name: s.name, code: r.code, region: r.region, score: s.score, exact: s.exact }
        })
    },

    hotel,

    roomTypes(profileId, hotelId) {
      hotel(profileId, hotelId)
      const own = cachedRoomTypes(db, profileId, hotelId)
      const list = own.length ? own : cachedRoomTypes(db, profileId, 0)
      const from = own.length ? hotelId : 0
      return list.map((r) => ({ id: r.id, code: r.code, name: r.name, hotelId: from }))
    },

    boards(profileId) {
      profiles.get(profileId)
      return cachedBoards(db, profileId).map((b) => ({ id: b.id, code: b.code, name: b.name }))
    },

    countries(profileId, { query, limit }) {
      profiles.get(profileId)
      const rows = cachedCountries(db, profileId)
      const key = foldName(query ?? '')
      if (!key) return rows.slice(0, limit).map((c) => ({ id: c.id, name: c.name, code: c.code, exact: false }))
      const code = normalizeCode(query ?? '')
      const rank = (c: (typeof rows)[number]) =>
        c.code === code || c.nameKey === key ? 0 : c.nameKey.startsWith(key) ? 1 : c.nameKey.includes(key) ? 2 : 3
      return rows
        .map((c) => ({ c, r: rank(c) }))
        .filter((x) => x.r < 3)
        .sort((a, b) => a.r - b.r || a.c.nameKey.localeCompare(b.c.nameKey))
        .slice(0, limit)
        .map(({ c, r }) => ({ id: c.id, name: c.name, code: c.code, exact: r === 0 }))
    },

    country(profileId, countryId) {
      const profile = profiles.get(profileId)
      const row = cachedCountries(db, profileId).find((c) => c.id === countryId)
      if (!row) {
        throw AppFailure.coded('validation', message('mapping.countryNotInList', { countryId, account: profile.name }))
      }
      return { id: row.id, name: row.name, code: row.code, exact: false }
    },

    rememberNationality: (profileId, value, countryId) => void rememberNationality(db, profileId, value, countryId),
  }
}
