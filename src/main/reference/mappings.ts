/**
 * Fix in place: a person maps a hotel name, a room code, a board code or a guest nationality to a
 * Sedna id, and the stop sales and reservations parked for want of that mapping are looked at again at
 * once. Those that resolve now go back to pending (so one Sync sends them); those that still miss
 * something keep waiting with an updated list. The mapping and every status change are one transaction.
 */
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { CallParsedInput } from '../../shared/ipc'
import type { MappingResult } from '../../shared/mappings'
import type { Resolution, Unresolved } from '../../shared/resolution'
import type { ReservationResolution, ReservationUnresolved } from '../../shared/reservations'
import type { Db } from '../db/database'
import { reservations, stopSales } from '../db/schema'
import { describeReservationUnresolved, resolveReservation } from '../reservations/resolve'
import { AppFailure } from '../errors'
import type { EventBus } from '../events'
import { foldName, normalizeCode, normalizeHotelName } from './hotel-matching'
import { describeUnresolved } from '../stop-sales/sync'
import type { ProfileService } from '../services/profiles'
import type { ReferenceService } from './service'

export interface MappingService {
  setHotel(input: CallParsedInput<'mappings.setHotel'>): MappingResult
  setRoom(input: CallParsedInput<'mappings.setRoom'>): MappingResult
  setBoard(input: CallParsedInput<'mappings.setBoard'>): MappingResult
  setNationality(input: CallParsedInput<'mappings.setNationality'>): MappingResult
}

/** Which parked records a mapping concerns: by hotel name, or by what their resolution lacks. */
type Concerns =
  { hotelKey: string } | { unresolved: (u: Unresolved | ReservationUnresolved) => boolean; reservationsOnly?: boolean }

export function createMappingService(deps: {
  db: Db
  profiles: ProfileService
  reference: ReferenceService
  events: EventBus
}): MappingService {
  const { db, profiles, reference, events } = deps

  /**
   * In one IMMEDIATE transaction: check the ids against the profile's cache and store the mapping
   * (`remember`, which throws to refuse), then re-resolve the parked stop sales and reservations it concerns.
   */
  function apply(profileId: number, remember: () => void, concerns: Concerns): MappingResult {
    const result = db.transaction(
      () => {
        const profile = profiles.get(profileId)
        remember()
        // Parked records of this account; those without one (never sent) are resolved with the active account.
        const ofProfile =
          profiles.active()?.id === profile.id
            ? or(eq(stopSales.profileId, profile.id), isNull(stopSales.profileId))
            : eq(stopSales.profileId, profile.id)
        const candidates = db
          .select({
            id: stopSales.id,
            hotelName: stopSales.hotelName,
            hotelId: stopSales.hotelId,
            roomCodes: stopSales.roomCodes,
            boardCodes: stopSales.boardCodes,
            resolution: stopSales.resolution,
          })
          .from(stopSales)
          .where(
            and(
              'reservationsOnly' in concerns && concerns.reservationsOnly ? sql`0` : undefined,
              eq(stopSales.status, 'needs_attention'),
              // Parked for want of a mapping (not for credentials or a missing operator code).
              sql`json_extract(${stopSales.resolution}, '$.ok') = 0`,
              ofProfile,
              'hotelKey' in concerns ? eq(stopSales.hotelKey, concerns.hotelKey) : undefined,
            ),
          )
          .all()
          .filter(
            (c) =>
              'hotelKey' in concerns ||
              (c.resolution?.ok === false && c.resolution.unresolved.some(concerns.unresolved)),
          )

        const released: number[] = []
        const stillNeedsAttention: number[] = []
        const memo = new Map<string, Resolution>()
        const now = new Date().toISOString()
        for (const c of candidates) {
          const key = JSON.stringify([c.hotelName, c.hotelId, c.roomCodes, c.boardCodes])
          let r = memo.get(key)
          if (!r) memo.set(key, (r = reference.resolve(profile.id, c)))
          const parked = and(eq(stopSales.id, c.id), eq(stopSales.status, 'needs_attention'))
          if (r.ok) {
            db.update(stopSales)
              .set({ status: 'pending', resolution: null, lastError: null, nextAttemptAt: null, updatedAt: now })
              .where(parked)
              .run()
            released.push(c.id)
          } else {
            db.update(stopSales)
              .set({ resolution: r, lastError: describeUnresolved(r.unresolved), updatedAt: now })
              .where(parked)
              .run()
            stillNeedsAttention.push(c.id)
          }
        }
        const parkedReservations = reapplyReservations(profile.id, concerns, now)
        return {
          released,
          stillNeedsAttention,
          ...(parkedReservations.released.length || parkedReservations.stillNeedsAttention.length
            ? { reservations: parkedReservations }
            : {}),
        }
      },
      { behavior: 'immediate' },
    )
    const ids = [...result.released, ...result.stillNeedsAttention]
    if (ids.length) events.emit('stopSales.changed', { ids })
    const resIds = [...(result.reservations?.released ?? []), ...(result.reservations?.stillNeedsAttention ?? [])]
    if (resIds.length) events.emit('reservations.changed', { ids: resIds })
    return result
  }

  /** Inside apply's transaction: the parked reservations the mapping concerns, resolved again. */
  function reapplyReservations(profileId: number, concerns: Concerns, now: string) {
    const ofProfile =
      profiles.active()?.id === profileId
        ? or(eq(reservations.profileId, profileId), isNull(reservations.profileId))
        : eq(reservations.profileId, profileId)
    const candidates = db
      .select()
      .from(reservations)
      .where(
        and(
          // Parked, or pending since the import with what was missing then (never sent: nothing in flight).
          inArray(reservations.status, ['needs_attention', 'pending']),
          sql`json_extract(${reservations.resolution}, '$.ok') = 0`,
          ofProfile,
          'hotelKey' in concerns ? eq(reservations.hotelKey, concerns.hotelKey) : undefined,
        ),
      )
      .all()
      .filter(
        (c) =>
          'hotelKey' in concerns || (c.resolution?.ok === false && c.resolution.unresolved.some(concerns.unresolved)),
      )
    const released: number[] = []
    const stillNeedsAttention: number[] = []
    for (const c of candidates) {
      const r: ReservationResolution = resolveReservation(db, profileId, c)
      const parked = and(eq(reservations.id, c.id), eq(reservations.status, c.status))
      if (r.ok) {
        db.update(reservations)
          .set({ status: 'pending', resolution: null, lastError: null, nextAttemptAt: null, updatedAt: now })
          .where(parked)
          .run()
        released.push(c.id)
      } else {
        db.update(reservations)
          .set({ resolution: r, lastError: describeReservationUnresolved(r.unresolved), updatedAt: now })
          .where(parked)
          .run()
        stillNeedsAttention.push(c.id)
      }
    }
    return { released, stillNeedsAttention }
  }

  return {
    setHotel({ profileId, hotelName, hotelId }) {
      const hotelKey = normalizeHotelName(hotelName)
      return apply(
        profileId,
        () => {
          reference.hotel(profileId, hotelId)
          reference.rememberHotel(profileId, hotelName, hotelId)
        },
        // Every parked record with this name: a new mapping also overrides an earlier exact match.
        { hotelKey },
      )
    },

    setRoom({ profileId, hotelId, code, roomTypeId }) {
      const key = normalizeCode(code)
      return apply(
        profileId,
        () => {
          const hotel = reference.hotel(profileId, hotelId)
          const options = reference.roomTypes(profileId, hotelId)
          if (!options.some((r) => r.id === roomTypeId)) {
            throw new AppFailure(
              'validation',
              `Room type ${roomTypeId} is not a room type of ${hotel.name} (hotel ${hotelId}) in the Sedna account ` +
                `"${profiles.get(profileId).name}". Pick one from the list, or refresh the reference data if it was added in Sedna recently.`,
            )
          }
          reference.rememberCode(profileId, 'room', hotelId, key, roomTypeId)
        },
        { unresolved: (u) => u.kind === 'room' && u.hotelId === hotelId && normalizeCode(u.code) === key },
      )
    },

    setBoard({ profileId, code, boardId }) {
      const key = normalizeCode(code)
      return apply(
        profileId,
        () => {
          if (!reference.boards(profileId).some((b) => b.id === boardId)) {
            throw new AppFailure(
              'validation',
              `Board ${boardId} is not in the board list of the Sedna account "${profiles.get(profileId).name}". ` +
                'Pick one from the list, or refresh the reference data if it was added in Sedna recently.',
            )
          }
          reference.rememberCode(profileId, 'board', 0, key, boardId)
        },
        { unresolved: (u) => u.kind === 'board' && normalizeCode(u.code) === key },
      )
    },

    setNationality({ profileId, nationality, countryId }) {
      const key = foldName(nationality)
      return apply(
        profileId,
        () => {
          reference.country(profileId, countryId)
          reference.rememberNationality(profileId, nationality, countryId)
        },
        {
          unresolved: (u) => (u.kind === 'nationality' && foldName(u.value) === key) || u.kind === 'countries-unknown',
          reservationsOnly: true,
        },
      )
    },
  }
}
