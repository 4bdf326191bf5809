/** `map hotel|room|board|nationality`: fix in place, as the detail screens' pickers do. */
import type { MappingResult } from '../../shared/mappings'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { EXIT } from '../errors'
import { plural, type CommandResult } from '../output'
import { positiveId } from '../validate'

const refs = (ids: readonly number[]) => ids.map((id) => `#${id}`).join(', ')

export async function mapCommand(cli: CliContext, args: ParsedArgs): Promise<CommandResult> {
  const profileId = cli.activeProfile().id
  const p = args.positionals
  let mapping: Record<string, string | number>
  let result: MappingResult
  if (args.command === 'map hotel') {
    const hotelId = positiveId(p[1]!, 'HOTEL_ID')
    mapping = { kind: 'hotel', hotelName: p[0]!, hotelId }
    result = await cli.call('mappings.setHotel', { profileId, hotelName: p[0]!, hotelId })
  } else if (args.command === 'map room') {
    const hotelId = positiveId(p[0]!, 'HOTEL_ID')
    const roomTypeId = positiveId(p[2]!, 'ROOM_TYPE_ID')
    mapping = { kind: 'room', hotelId, code: p[1]!, roomTypeId }
    result = await cli.call('mappings.setRoom', { profileId, hotelId, code: p[1]!, roomTypeId })
  } else if (args.command === 'map board') {
    const boardId = positiveId(p[1]!, 'BOARD_ID')
    mapping = { kind: 'board', code: p[0]!, boardId }
    result = await cli.call('mappings.setBoard', { profileId, code: p[0]!, boardId })
  } else {
    const countryId = positiveId(p[1]!, 'COUNTRY_ID')
    mapping = { kind: 'nationality', nationality: p[0]!, countryId }
    result = await cli.call('mappings.setNationality', { profileId, nationality: p[0]!, countryId })
  }
  const reservations = result.reservations ?? { released: [], stillNeedsAttention: [] }
  const lines = ['Mapping stored.']
  const reservationsConcerned = reservations.released.length + reservations.stillNeedsAttention.length > 0
  // Nationalities concern reservations only; the other mappings both kinds (said for stop sales unless only
  // reservations were concerned).
  if (result.released.length || (args.command !== 'map nationality' && !reservationsConcerned)) {
    lines.push(
      `${plural(result.released.length, 'stop sale')} back to pending${
        result.released.length ? ` (${refs(result.released)}): "sync --all" sends them` : ''
      }.`,
    )
  }
  if (result.stillNeedsAttention.length) {
    lines.push(
      `${plural(result.stillNeedsAttention.length, 'stop sale')} still miss another mapping: ${refs(result.stillNeedsAttention)}.`,
    )
  }
  if (args.command === 'map nationality' || reservationsConcerned) {
    lines.push(
      `${plural(reservations.released.length, 'reservation')} back to pending${
        reservations.released.length
          ? ` (${refs(reservations.released)}): "reservations sync --all" or "sync --all" sends them`
          : ''
      }.`,
    )
  }
  if (reservations.stillNeedsAttention.length) {
    lines.push(
      `${plural(reservations.stillNeedsAttention.length, 'reservation')} still miss another mapping: ${refs(reservations.stillNeedsAttention)}.`,
    )
  }
  return {
    exitCode: EXIT.ok,
    json: { mapping, released: result.released, stillNeedsAttention: result.stillNeedsAttention, reservations },
    text: lines.join('\n'),
  }
}
