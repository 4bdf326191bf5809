/**
 * Fix in place: a person maps a hotel name, a room code, a board code or a guest nationality to a
 * Sedna id, and the stop sales and reservations parked for want of that mapping are looked at again at
 * once. Those that resolve now go back to pending (so one Sync sends them); those that still miss
 * something keep waiting with an updated list. The mapping and every status change are one transaction.
 *
 * A mapping is asked for from a record (its kind and id: main takes the account, the hotel name and
 * checks the code from the record — the detail screens) or directly (an account, or the active one,
 * and the name or code — the command line's `map`).
 */
import type { CallParsedInput } from '../../shared/ipc'
import type { MappingResult } from '../../shared/mappings'
import { message } from '../../shared/messages'
import type { ReservationUnresolved } from '../../shared/reservations'
import type { Unresolved } from '../../shared/resolution'
import type { Db } from '../db/database'
import type { ProfileRow } from '../db/schema'
import { AppFailure } from '../errors'
import type { EventBus } from '../events'
import type { ProfileService } from '../services/profiles'
import { foldName, normalizeCode, normalizeHotelName } from '../reference/hotel-matching'
import { recordFor, type MappedRecord } from './record-target'
import { reapplyParked, type Concerns } from './reapply'
import { resolveHotel } from '../reference/resolve-core'
import type { ReferenceService } from '../reference/service'
import { resolveStopSale } from '../stop-sales/resolve'

export interface MappingService {
  setHotel(input: CallParsedInput<'mappings.setHotel'>): MappingResult
  setRoom(input: CallParsedInput<'mappings.setRoom'>): MappingResult
  setBoard(input: CallParsedInput<'mappings.setBoard'>): MappingResult
  setNationality(input: CallParsedInput<'mappings.setNationality'>): MappingResult
}

export function createMappingService(deps: {
  db: Db
  profiles: ProfileService
  reference: ReferenceService
  events: EventBus
}): MappingService {
  const { db, profiles, reference, events } = deps

  /** The account (and the record, when one was named) a mapping is for. */
  function target(input: { record: { kind: MappedRecord['kind']; id: number } } | { profileId?: number | undefined }) {
    if ('record' in input) return recordFor(db, () => profiles.active(), input.record)
    const profile = input.profileId !== undefined ? profiles.get(input.profileId) : profiles.active()
    if (!profile) throw AppFailure.coded('validation', message('mapping.noAccount'))
    return { profile, record: undefined }
  }

  /**
   * In one IMMEDIATE transaction: check the ids against the account's cache and store the mapping
   * (`remember`, which throws to refuse), then re-resolve the parked stop sales and reservations it concerns.
   */
  function apply(profile: ProfileRow, remember: () => void, concerns: Concerns): MappingResult {
    const result = db.transaction(
      () => {
        remember()
        const account = profiles.get(profile.id)
        return reapplyParked(db, {
          profile: account,
          isActive: profiles.active()?.id === account.id,
          concerns,
          resolveStopSale: (input) => resolveStopSale(db, account, input),
        })
      },
      { behavior: 'immediate' },
    )
    const ids = [...result.released, ...result.stillNeedsAttention]
    if (ids.length) events.emit('stopSales.changed', { ids })
    const resIds = [...(result.reservations?.released ?? []), ...(result.reservations?.stillNeedsAttention ?? [])]
    if (resIds.length) events.emit('reservations.changed', { ids: resIds })
    return result
  }

  /** The code as the record has it (refused when it is not one of the record's). */
  function recordCode(record: MappedRecord | undefined, code: string, of: 'room' | 'board'): string {
    const key = normalizeCode(code)
    if (!record) return key
    const codes = (of === 'room' ? record.roomCodes : record.boardCodes).map(normalizeCode)
    if (!codes.includes(key)) {
      throw AppFailure.coded('validation', message('mapping.notTheRecordsCode', { code, codes: codes.join(', ') }))
    }
    return key
  }

  return {
    setHotel(input) {
      const { profile, record } = target(input)
      const hotelName = record?.hotelName ?? ('hotelName' in input ? input.hotelName : '')
      return apply(
        profile,
        () => {
          reference.hotel(profile.id, input.hotelId)
          reference.rememberHotel(profile.id, hotelName, input.hotelId)
        },
        // Every parked record with this name: a new mapping also overrides an earlier exact match.
        { hotelKey: normalizeHotelName(hotelName) },
      )
    },

    setRoom(input) {
      const { profile, record } = target(input)
      const key = recordCode(record, input.code, 'room')
      // From a record: the hotel it resolves to (its own id, or its name mapped or matched).
      const hotelId = record
        ? (record.hotelId ?? resolveHotel(db, profile.id, record.hotelName))
        : 'hotelId' in input
          ? input.hotelId
          : undefined
      if (!hotelId) throw AppFailure.coded('validation', message('mapping.hotelFirst'))
      return apply(
        profile,
        () => {
          const hotel = reference.hotel(profile.id, hotelId)
          if (!reference.roomTypes(profile.id, hotelId).some((r) => r.id === input.roomTypeId)) {
            throw AppFailure.coded(
              'validation',
              message('mapping.roomNotOfHotel', {
                roomTypeId: input.roomTypeId,
                hotel: hotel.name,
                hotelId,
                account: profile.name,
              }),
            )
          }
          reference.rememberCode(profile.id, 'room', hotelId, key, input.roomTypeId)
        },
        { unresolved: (u) => u.kind === 'room' && u.hotelId === hotelId && normalizeCode(u.code) === key },
      )
    },

    setBoard(input) {
      const { profile, record } = target(input)
      const key = recordCode(record, input.code, 'board')
      return apply(
        profile,
        () => {
          if (!reference.boards(profile.id).some((b) => b.id === input.boardId)) {
            throw AppFailure.coded(
              'validation',
              message('mapping.boardNotInList', { boardId: input.boardId, account: profile.name }),
            )
          }
          reference.rememberCode(profile.id, 'board', 0, key, input.boardId)
        },
        { unresolved: (u) => u.kind === 'board' && normalizeCode(u.code) === key },
      )
    },

    setNationality(input) {
      const { profile, record } = target(input)
      const key = foldName(input.nationality)
      if (record && record.kind !== 'reservation') {
        throw AppFailure.coded('validation', message('mapping.nationalityOfStopSale'))
      }
      if (record && !record.nationalities.some((n) => foldName(n) === key)) {
        throw AppFailure.coded('validation', message('mapping.notTheRecordsNationality', { value: input.nationality }))
      }
      return apply(
        profile,
        () => {
          reference.country(profile.id, input.countryId)
          reference.rememberNationality(profile.id, input.nationality, input.countryId)
        },
        {
          unresolved: (u: Unresolved | ReservationUnresolved) =>
            (u.kind === 'nationality' && foldName(u.value) === key) || u.kind === 'countries-unknown',
          reservationsOnly: true,
        },
      )
    },
  }
}
