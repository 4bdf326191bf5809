/**
 * This desk's stop sales as the calendar places them: read in one query, then each put where the sync
 * would put it — the stored resolution once a request may have gone out (a RecId or phase 1 sent), else
 * resolved now with the account (stop-sales/resolve.ts's steps), as outbox/runner.ts does. Hotels are
 * resolved once per name and codes once per code, so a season of records costs a few reference reads.
 */
import type Database from 'better-sqlite3'
import type { Message } from '../../shared/messages'
import type { Resolution, Unresolved } from '../../shared/resolution'
import type { StopSaleStatus } from '../../shared/stop-sales'
import type { Db } from '../db/database'
import { normalizedCodes, resolveHotel, uniqueByCode, unique } from '../reference/resolve-core'
import { unresolvedMessage } from '../reference/unresolved'
import { declareDateFor } from '../sedna/stop-sale-payload'
import { resolveStopSale, type ResolveProfile } from '../stop-sales/resolve'
import { moment } from '../sedna/stop-sale-scope'

type Coded = { id: number; code: string }

/**
 * In Sedna as far as this desk knows (the mirror's copy is shown when it holds the RecId). Every other
 * status but missing_in_sedna is this desk's word not yet in Sedna: pending and queued, phase 1 or 2 under
 * way (created / updating: the body Sedna holds is not ours yet), and parked ones a person must settle
 * (needs_attention, needs_review, failed) — shown as waiting so nobody reads those nights as open.
 */
const SENT: readonly StopSaleStatus[] = ['synced', 'changed_in_sedna']

export const isSent = (status: StopSaleStatus) => SENT.includes(status)

export interface LocalRow {
  id: number
  hotelName: string
  hotelId: number | null
  roomCodes: string
  boardCodes: string
  firstNight: string
  lastNight: string
  kind: 'close' | 'open'
  status: StopSaleStatus
  recId: number | null
  declareDate: string | null
  sourceReceivedAt: string | null
  createdAt: string
  resolution: string | null
  phase1SentAt: string | null
}

export interface LocalQuery {
  profileId: number
  /** 1 when the account is the active one: records with no account yet would go with it. */
  active: 0 | 1
  hotelId: number
  from: string
  to: string
}

/**
 * One prepared read: the account's records (and, for the active account, those not sent with any yet)
 * that may be at this hotel over [from, to] — its own id or none yet (resolved by name below) — and any
 * holding the RecId of a Sedna record there (its mirror copy is shown once, or hidden behind ours).
 */
export function localReader(sqlite: Database.Database) {
  const statement = sqlite.prepare<LocalQuery, LocalRow>(
    `select id, hotel_name as hotelName, hotel_id as hotelId, room_codes as roomCodes, board_codes as boardCodes,
            first_night as firstNight, last_night as lastNight, kind, status, sedna_rec_id as recId,
            declare_date as declareDate, source_received_at as sourceReceivedAt, created_at as createdAt,
            resolution, phase1_sent_at as phase1SentAt
       from stop_sales
      where (profile_id = @profileId or (@active = 1 and profile_id is null and sedna_rec_id is null))
        and status <> 'missing_in_sedna'
        and ((first_night <= @to and last_night >= @from and (hotel_id = @hotelId or hotel_id is null))
          or sedna_rec_id in (select rec_id from sedna_stop_sales
                               where profile_id = @profileId and hotel_id = @hotelId and gone_at is null
                                 and begin_date <= @to and end_date >= @from))
      order by id`,
  )
  return (q: LocalQuery) => statement.all(q)
}

/** The DeclareDate the sync sends (stored at phase 1, else from the e-mail's time), comparable as text. */
export const localDeclaredAt = (row: LocalRow) =>
  moment(row.declareDate ?? declareDateFor(row.sourceReceivedAt, row.createdAt)) ?? ''

const parsed = <T>(json: string | null): T | null => {
  if (json === null) return null
  try {
    return JSON.parse(json) as T
  } catch {
    return null
  }
}

export type Placement = { at: 'here'; resolution: Placed } | { at: 'unplaced'; reason: Message } | { at: 'elsewhere' }

/** What the calendar needs of a resolution: the ids, and whether the e-mail named none (all). */
export type Placed = Pick<Extract<Resolution, { ok: true }>, 'roomTypeIds' | 'boardIds' | 'allRooms' | 'allBoards'>

/** The reference reads a placement needs, prepared once: the hotel's mapped codes, its rooms, the boards. */
export function referenceReader(sqlite: Database.Database) {
  const mapped = sqlite.prepare<[number, number], { kind: 'room' | 'board'; code: string; id: number }>(
    `select kind, code, sedna_id as id from code_mappings
      where profile_id = ? and ((kind = 'room' and hotel_id = ?) or (kind = 'board' and hotel_id = 0))`,
  )
  const rooms = sqlite.prepare<[number, number], Coded & { name: string | null }>(
    'select sedna_id as id, code, name from ref_room_types where profile_id = ? and hotel_id = ? order by sedna_id',
  )
  const boards = sqlite.prepare<[number], Coded & { name: string | null }>(
    'select sedna_id as id, code, name from ref_boards where profile_id = ? order by sedna_id',
  )
  return {
    mapped: (profileId: number, hotelId: number) => mapped.all(profileId, hotelId),
    /** As reference-cache.ts's cachedRoomTypes / cachedBoards. */
    rooms: (profileId: number, hotelId: number) => rooms.all(profileId, hotelId),
    boards: (profileId: number) => boards.all(profileId),
  }
}

export interface PlacerReference {
  /** The hotel's room types (reference cache). */
  rooms: readonly Coded[]
  /** The operator-wide room types (hotel 0): candidates only when the hotel's own list is empty. */
  operatorRooms: () => readonly Coded[]
  boards: readonly Coded[]
  /** The codes a person mapped: room codes at this hotel, board codes. */
  mapped: readonly { kind: 'room' | 'board'; code: string; id: number }[]
}

/**
 * Places records at one hotel with one account, in one pass. A code resolves as resolve-core's
 * resolveRooms / resolveBoards resolve it — a remembered mapping, else the one cached id with that code
 * (uniqueByCode), among the hotel's rooms or, when it has none, the operator-wide ones — read once for all
 * records instead of several queries per record (the calendar test checks the two agree). What "no codes"
 * means (every room, or unresolved when the account lists rooms explicitly and none are known) is asked
 * of resolveStopSale itself, once.
 */
export function createPlacer(db: Db, profile: ResolveProfile, hotelId: number, ref: PlacerReference) {
  const hotelOfName = new Map<string, number | undefined>()
  const hotelOf = (row: LocalRow): number | undefined => {
    if (row.hotelId !== null) return row.hotelId
    if (!hotelOfName.has(row.hotelName)) hotelOfName.set(row.hotelName, resolveHotel(db, profile.id, row.hotelName))
    return hotelOfName.get(row.hotelName)
  }
  const remembered = (kind: 'room' | 'board') =>
    new Map(ref.mapped.filter((m) => m.kind === kind).map((m) => [m.code, m.id]))
  const mappedRooms = remembered('room')
  const mappedBoards = remembered('board')
  let roomCandidates: readonly Coded[] | undefined
  const candidates = () => (roomCandidates ??= ref.rooms.length ? ref.rooms : ref.operatorRooms())

  let nothingNamed: Resolution | undefined
  const whenNoneNamed = (kind: Unresolved['kind']) => {
    nothingNamed ??= resolveStopSale(db, profile, { hotelName: '', hotelId, roomCodes: [], boardCodes: [] })
    return nothingNamed.ok ? [] : nothingNamed.unresolved.filter((u) => u.kind === kind)
  }
  function side(kind: 'room' | 'board', given: string) {
    const codes = normalizedCodes(parsed<string[]>(given) ?? [])
    if (!codes.length) {
      return {
        all: true,
        ids: [],
        unresolved: whenNoneNamed(kind === 'room' ? 'hotel-rooms-unknown' : 'boards-unknown'),
      }
    }
    const ids: number[] = []
    const unresolved: Unresolved[] = []
    for (const code of codes) {
      const id =
        kind === 'room'
          ? (mappedRooms.get(code) ?? uniqueByCode(candidates(), code))
          : (mappedBoards.get(code) ?? uniqueByCode(ref.boards, code))
      if (id) ids.push(id)
      else unresolved.push(kind === 'room' ? { kind, code, hotelId } : { kind, code })
    }
    return { all: false, ids: unique(ids), unresolved }
  }

  return function place(row: LocalRow): Placement {
    // Once a request may have gone out, the body stays what was sent (outbox/runner.ts).
    const stored = parsed<Resolution>(row.resolution)
    if ((row.recId !== null || row.phase1SentAt !== null) && stored?.ok) {
      return stored.hotelId === hotelId ? { at: 'here', resolution: stored } : { at: 'elsewhere' }
    }
    if (hotelOf(row) !== hotelId) return { at: 'elsewhere' }
    const rooms = side('room', row.roomCodes)
    const boards = side('board', row.boardCodes)
    const unresolved = [...rooms.unresolved, ...boards.unresolved]
    if (unresolved.length) return { at: 'unplaced', reason: unresolvedMessage(unresolved) }
    return {
      at: 'here',
      resolution: { roomTypeIds: rooms.ids, boardIds: boards.ids, allRooms: rooms.all, allBoards: boards.all },
    }
  }
}
