/**
 * What a record still lacks before it can be sent, as one coded message (`resolution.needsMapping`):
 * the first missing mapping in words and how many more there are. The detail screens list every one
 * from the stored resolution; this message is what a list row, the queue and the command line show,
 * and what is stored as the record's last error.
 */
import { message, type Message } from '../../shared/messages'
import type { MessageParams } from '../../shared/result'
import type { ReservationUnresolved } from '../../shared/reservations'
import type { Unresolved } from '../../shared/resolution'
import { wordMessage } from '../../shared/messages/word'

/** One missing mapping as `resolution.unknown.<kind>` words it, with its parameters. */
function unknownParams(u: Unresolved | ReservationUnresolved): MessageParams {
  switch (u.kind) {
    case 'hotel':
      return u.suggestions[0]
        ? { kind: 'hotelClosest', name: u.name, closest: u.suggestions[0].name }
        : { kind: 'hotel', name: u.name }
    case 'room':
      return { kind: 'room', code: u.code, hotelId: u.hotelId }
    case 'board':
      return { kind: 'board', code: u.code }
    case 'hotel-rooms-unknown':
      return { kind: 'hotelRooms', hotelId: u.hotelId }
    case 'boards-unknown':
      return { kind: 'boards' }
    case 'nationality':
      return { kind: 'nationality', value: u.value }
    case 'countries-unknown':
      return { kind: 'countries' }
  }
}

/** "Needs mapping before it can be sent: hotel "X" is not known in Sedna (closest: Y), and 2 more." */
export function unresolvedMessage(unresolved: readonly (Unresolved | ReservationUnresolved)[]): Message {
  const count = unresolved.length
  return message('resolution.needsMapping', { ...unknownParams(unresolved[0]!), count, more: count - 1 })
}

/** The same in English, for the text columns the log and older versions read. */
export const describeUnresolved = (unresolved: readonly (Unresolved | ReservationUnresolved)[]): string =>
  wordMessage(unresolvedMessage(unresolved))
