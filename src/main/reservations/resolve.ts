/**
 * Turns a reservation's hotel name, room code and board code (the shared steps of
 * reference/resolve-core.ts) and its guests' nationalities — the reservation's own — into Sedna ids, or
 * into the exact list of what is unknown. No id is hard-coded: one unknown value makes the whole
 * reservation unresolved.
 */
import type { ReservationResolution, ReservationUnresolved } from '../../shared/reservations'
import type { Db } from '../db/database'
import { foldName, normalizeCode } from '../reference/hotel-matching'
import { mappedCountry } from '../reference/mapping-store'
import { cachedBoards, cachedCountries } from '../reference/reference-cache'
import { resolveBoards, resolveHotelOf, resolveRooms } from '../reference/resolve-core'

export interface ReservationResolveInput {
  hotelName: string
  hotelId?: number | null
  roomCode: string
  boardCode: string
  guests: readonly { nationality: string | null }[]
}

export function resolveReservation(db: Db, profileId: number, input: ReservationResolveInput): ReservationResolution {
  const unresolved: ReservationUnresolved[] = []
  const hotelId = resolveHotelOf(db, profileId, input, unresolved)
  const roomCode = normalizeCode(input.roomCode)
  const [room] = hotelId ? resolveRooms(db, profileId, hotelId, [roomCode], unresolved) : []
  const boards = cachedBoards(db, profileId)
  const [board] = resolveBoards(db, profileId, [normalizeCode(input.boardCode)], unresolved, boards)

  const nationalities: { value: string; countryId: number; name: string }[] = []
  const values = [...new Set(input.guests.map((g) => g.nationality?.trim() ?? '').filter((v) => foldName(v) !== ''))]
  if (values.length) {
    const countries = cachedCountries(db, profileId)
    if (countries.length === 0) unresolved.push({ kind: 'countries-unknown' })
    for (const value of values) {
      const country = resolveNationality(db, profileId, value, countries)
      if (country) nationalities.push({ value, countryId: country.id, name: country.name })
      else if (countries.length) unresolved.push({ kind: 'nationality', value })
    }
  }

  if (unresolved.length || !hotelId || !room || !board) {
    return { ok: false, unresolved: unresolved as [ReservationUnresolved, ...ReservationUnresolved[]] }
  }
  return {
    ok: true,
    hotelId,
    roomTypeId: room[0],
    boardId: board[0],
    roomCode: room[1],
    boardCode: board[1],
    nationalities,
  }
}

type CountryRow = ReturnType<typeof cachedCountries>[number]

/**
 * A nationality as received → a cached Sedna country: a remembered mapping, else the country whose
 * code is exactly the value ("UA", "ua"), else the one whose folded name is ("Ukrayna", "UKRAYNA").
 * Two candidates are as good as none: a person decides.
 */
export function resolveNationality(
  db: Db,
  profileId: number,
  value: string,
  countries: readonly CountryRow[] = cachedCountries(db, profileId),
): CountryRow | undefined {
  const key = foldName(value)
  if (!key) return undefined
  const mapped = mappedCountry(db, profileId, key)
  if (mapped !== undefined)
    return countries.find((c) => c.id === mapped) ?? { id: mapped, name: value, nameKey: key, code: null }
  const code = normalizeCode(value)
  const byCode = countries.filter((c) => c.code !== null && c.code === code)
  if (byCode.length === 1) return byCode[0]
  const byName = countries.filter((c) => c.nameKey === key)
  return byName.length === 1 ? byName[0] : undefined
}
