/** What a record waits for (a hotel, a room code…), as a key and in words, for both kinds of record. */
import type { ReservationUnresolved } from '../../../../shared/reservations'
import type { Unresolved } from '../../../../shared/resolution'
import type { TFunction } from '../../i18n'

/** The kinds of missing mapping both record kinds share: a hotel, a room code, a board code. */
type CommonUnresolved = Extract<Unresolved, { kind: 'hotel' | 'room' | 'board' }>

const commonKey = (u: CommonUnresolved) =>
  u.kind === 'hotel' ? `hotel:${u.name}` : u.kind === 'room' ? `room:${u.hotelId}:${u.code}` : `board:${u.code}`

function commonText(u: CommonUnresolved, t: TFunction): string {
  switch (u.kind) {
    case 'hotel':
      return u.suggestions[0]
        ? t('detail.unresolvedHotelClosest', { name: u.name, closest: u.suggestions[0].name })
        : t('detail.unresolvedHotel', { name: u.name })
    case 'room':
      return t('detail.unresolvedRoom', { code: u.code, hotelId: u.hotelId })
    case 'board':
      return t('detail.unresolvedBoard', { code: u.code })
  }
}

export const unresolvedKey = (u: Unresolved | ReservationUnresolved): string => {
  switch (u.kind) {
    case 'hotel':
    case 'room':
    case 'board':
      return commonKey(u)
    case 'hotel-rooms-unknown':
      return `rooms:${u.hotelId}`
    case 'boards-unknown':
      return 'boards'
    case 'nationality':
      return `nationality:${u.value}`
    case 'countries-unknown':
      return 'countries'
  }
}

export function unresolvedText(u: Unresolved | ReservationUnresolved, t: TFunction): string {
  switch (u.kind) {
    case 'hotel':
    case 'room':
    case 'board':
      return commonText(u, t)
    case 'hotel-rooms-unknown':
      return t('detail.unresolvedHotelRooms', { hotelId: u.hotelId })
    case 'boards-unknown':
      return t('detail.unresolvedBoards')
    case 'nationality':
      return t('reservations.fix.unresolvedNationality', { value: u.value })
    case 'countries-unknown':
      return t('reservations.fix.unresolvedCountries')
  }
}

/** What a record's resolution still waits for (nothing when it resolved, or was not tried). */
export const unresolvedOf = <U>(view: { resolution: { ok: true } | { ok: false; unresolved: U[] } | null }): U[] =>
  view.resolution?.ok === false ? view.resolution.unresolved : []
