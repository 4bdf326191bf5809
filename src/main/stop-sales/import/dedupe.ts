/**
 * The identity of a stop sale for duplicate detection: hotel (Turkish-aware key, or the Sedna id),
 * nights, rooms, boards and markets — order-insensitive. The kind (close/open) is deliberately not
 * part of it: a later open sale for the same key is a new declaration, a second stop is not.
 */
import { hash } from 'node:crypto'
import { memoByText } from '../../files/memo'
import { normalizeCode, normalizeHotelName } from '../../reference/hotel-matching'

export interface DedupeFields {
  hotelName: string
  hotelId?: number | null | undefined
  firstNight: string
  lastNight: string
  roomCodes: readonly string[]
  boardCodes: readonly string[]
  marketIds: readonly number[]
}

const codeKey = memoByText(normalizeCode)
/** Normalised, distinct, sorted: the same set of codes in any order and spelling gives the same list. */
function codeSet(codes: readonly string[]): string[] {
  if (codes.length === 0) return []
  if (codes.length === 1) return [codeKey(codes[0]!)]
  return [...new Set(codes.map(codeKey))].sort()
}

/** `hotelKey`: normalizeHotelName(s.hotelName) when the caller has it already (the import folds each name once). */
export function dedupeKey(s: DedupeFields, hotelKey?: string): string {
  const hotel = s.hotelId ? `#${s.hotelId}` : (hotelKey ?? normalizeHotelName(s.hotelName)) || s.hotelName.trim()
  const markets = s.marketIds.length > 1 ? [...new Set(s.marketIds)].sort((a, b) => a - b) : s.marketIds
  const identity = [hotel, s.firstNight, s.lastNight, codeSet(s.roomCodes), codeSet(s.boardCodes), markets]
  return hash('sha1', JSON.stringify(identity), 'base64url')
}

export interface Declaration {
  id: number
  kind: 'close' | 'open'
  messageId: string | null
  receivedAt: string | null
}

/**
 * Is this declaration already known? Yes when the same e-mail (message id) was imported with the same
 * key, or when the hotel's latest earlier declaration for the same key says the same thing (a
 * forwarded copy, a re-import). A later open sale is new; so is a stop after an open sale.
 */
export function duplicateOf(
  candidate: Omit<Declaration, 'id'>,
  known: readonly Declaration[],
): Declaration | undefined {
  if (known.length === 0) return undefined
  if (candidate.messageId) {
    const same = known.find((k) => k.messageId === candidate.messageId)
    if (same) return same
  }
  const at = time(candidate.receivedAt, Number.POSITIVE_INFINITY)
  const earlier = known
    .filter((k) => time(k.receivedAt, Number.NEGATIVE_INFINITY) <= at)
    .sort((a, b) => time(a.receivedAt, 0) - time(b.receivedAt, 0) || a.id - b.id)
  const latest = earlier[earlier.length - 1]
  return latest && latest.kind === candidate.kind ? latest : undefined
}

function time(iso: string | null, missing: number): number {
  if (!iso) return missing
  const t = Date.parse(iso)
  return Number.isNaN(t) ? missing : t
}
