/**
 * Turns a reservation's hotel name, room code, board code and guests' nationalities into Sedna ids,
 * or into the exact list of what is unknown. Same order of trust as for stop sales: an id on the
 * record, then a mapping a person confirmed, then an unambiguous exact match in the profile's cache.
 * Nothing is guessed and no id is hard-coded: one unknown value makes the whole reservation unresolved.
 */
import { and, eq } from 'drizzle-orm'
import type { ReservationResolution, ReservationUnresolved } from '../../shared/reservations'
import type { Db } from '../db/database'
import { nationalityMappings } from '../db/schema'
import { AppFailure } from '../errors'
import { foldName, normalizeCode, rankHotels } from '../reference/hotel-matching'
import { cachedBoards, cachedCountries, cachedHotels, cachedRoomTypes } from '../reference/reference-cache'
import { remembered, resolveHotel, uniqueByCode } from '../stop-sales/resolve'
import { describeCommonUnresolved, needsMappingMessage } from '../outbox/item-common'

export interface ReservationResolveInput {
  hotelName: string
  hotelId?: number | null
  roomCode: string
  boardCode: string
  guests: readonly { nationality: string | null }[]
}

export function resolveReservation(db: Db, profileId: number, input: ReservationResolveInput): ReservationResolution {
  const unresolved: ReservationUnresolved[] = []
  const hotelId = input.hotelId ?? resolveHotel(db, profileId, input.hotelName)
  if (!hotelId) {
    const suggestions = rankHotels(input.hotelName, cachedHotels(db, profileId), { limit: 5 })
    unresolved.push({ kind: 'hotel', name: input.hotelName, suggestions })
  }

  let room: { id: number; code: string } | undefined
  const roomCode = normalizeCode(input.roomCode)
  if (hotelId) {
    // Codes are per hotel: the operator-wide list is only a fallback when the hotel's own list is empty.
    const own = cachedRoomTypes(db, profileId, hotelId)
    const candidates = own.length ? own : cachedRoomTypes(db, profileId, 0)
    const id = remembered(db, profileId, 'room', hotelId, roomCode) ?? uniqueByCode(candidates, roomCode)
    if (id) room = { id, code: candidates.find((r) => r.id === id)?.code ?? roomCode }
    else unresolved.push({ kind: 'room', code: roomCode, hotelId })
  }

  const boards = cachedBoards(db, profileId)
  const boardCode = normalizeCode(input.boardCode)
  const boardId = remembered(db, profileId, 'board', 0, boardCode) ?? uniqueByCode(boards, boardCode)
  if (!boardId) unresolved.push({ kind: 'board', code: boardCode })

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

  if (unresolved.length || !hotelId || !room || !boardId) {
    return { ok: false, unresolved: unresolved as [ReservationUnresolved, ...ReservationUnresolved[]] }
  }
  return {
    ok: true,
    hotelId,
    roomTypeId: room.id,
    boardId,
    roomCode: room.code,
    boardCode: boards.find((b) => b.id === boardId)?.code ?? boardCode,
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
  const mapped = db
    .select({ id: nationalityMappings.countryId })
    .from(nationalityMappings)
    .where(and(eq(nationalityMappings.profileId, profileId), eq(nationalityMappings.valueKey, key)))
    .get()
  if (mapped)
    return countries.find((c) => c.id === mapped.id) ?? { id: mapped.id, name: value, nameKey: key, code: null }
  const code = normalizeCode(value)
  const byCode = countries.filter((c) => c.code !== null && c.code === code)
  if (byCode.length === 1) return byCode[0]
  const byName = countries.filter((c) => c.nameKey === key)
  return byName.length === 1 ? byName[0] : undefined
}

/** Remember a person's choice: this nationality as received is that Sedna country. */
export function rememberNationality(db: Db, profileId: number, valueAsReceived: string, countryId: number): string {
  const valueKey = foldName(valueAsReceived)
  if (!valueKey) throw new AppFailure('validation', `"${valueAsReceived}" has no letters or digits to remember it by.`)
  db.insert(nationalityMappings)
    .values({ profileId, valueKey, valueAsReceived, countryId })
    .onConflictDoUpdate({
      target: [nationalityMappings.profileId, nationalityMappings.valueKey],
      set: { countryId, valueAsReceived },
    })
    .run()
  return valueKey
}

/** Staff-readable list of what to map before a reservation can be sent. */
export function describeReservationUnresolved(unresolved: readonly ReservationUnresolved[]): string {
  const parts = unresolved.map((u) => {
    switch (u.kind) {
      case 'hotel':
      case 'room':
      case 'board':
        return describeCommonUnresolved(u)
      case 'nationality':
        return `nationality "${u.value}" is not a country known in Sedna`
      case 'countries-unknown':
        return 'no nationalities (countries) are known yet (refresh the reference data)'
    }
  })
  return needsMappingMessage(parts)
}
