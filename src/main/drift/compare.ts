/**
 * A stop sale sent from here beside its copy in Sedna as the mirror last read it: field by field (nights,
 * kind, rooms, boards, state), and what ours would become if it followed Sedna's. Rooms and boards are
 * read as the look before the first send reads them (sedna/stop-sale-scope.ts): the children's ids when
 * Sedna listed any, else the remark's codes; nothing listed means "all" only where the account sends
 * "all" as an empty list; a list that names every room (board) the reference cache knows is "all". A
 * field Sedna's answer did not carry (no children and no remark, no StopType, no State) is not told, so
 * it never counts as a difference.
 */
import type { AllMode } from '../../shared/profiles'
import type { Resolution } from '../../shared/resolution'
import type { DriftField, DriftFieldName } from '../../shared/sedna-records'
import type { SaleKind } from '../../shared/stop-sales'

type Resolved = Extract<Resolution, { ok: true }>

/** A room type or board as the reference cache knows it. */
export interface Known {
  id: number
  code: string
}

/** What the comparison needs of the reference cache and the account. */
export interface CompareContext {
  allRooms: AllMode
  allBoards: AllMode
  /** The hotel's room types (a list naming all of them is "all rooms"). */
  rooms: readonly Known[]
  /** The hotel's, then the operator-wide ones: to find a code for an id. */
  anyRooms: readonly Known[]
  boards: readonly Known[]
}

/** Our side: what was sent (the stored resolution) and the record's own fields. */
export interface Ours {
  firstNight: string
  lastNight: string
  kind: SaleKind
  roomCodes: readonly string[]
  boardCodes: readonly string[]
  resolution: Resolved
}

/** Sedna's side: the mirror's columns that are compared. */
export interface Theirs {
  beginDate: string
  endDate: string
  stopType: number | null
  state: number | null
  rooms: number[] | null
  boards: number[] | null
  roomRemark: string | null
  boardRemark: string | null
}

/** Display text of "every room (board)"; '' is "none listed". */
export const ALL = '*'

/** Rooms or boards as Sedna's copy says them. */
type Side = { by: 'unknown' } | { by: 'ids'; ids: number[] } | { by: 'codes'; codes: string[] } | { by: 'none' }

const codesOf = (remark: string | null) => [
  ...new Set(
    (remark ?? '')
      .split(',')
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
  ),
]

function sideOf(ids: number[] | null, remark: string | null): Side {
  if (ids?.length) return { by: 'ids', ids }
  const codes = codesOf(remark)
  if (codes.length) return { by: 'codes', codes }
  if (ids === null && remark === null) return { by: 'unknown' }
  return { by: 'none' }
}

const setEq = <T>(a: readonly T[], b: readonly T[]) => {
  const x = new Set(a)
  const y = new Set(b)
  return x.size === y.size && [...x].every((v) => y.has(v))
}
const coversIds = (ids: readonly number[], known: readonly Known[]) =>
  known.length > 0 && known.every((k) => ids.includes(k.id))

function sednaAll(side: Side, mode: AllMode, known: readonly Known[]): boolean {
  if (side.by === 'ids') return coversIds(side.ids, known)
  if (side.by === 'codes') return known.length > 0 && known.every((k) => side.codes.includes(k.code.toUpperCase()))
  return side.by === 'none' && mode === 'empty'
}

/** Ours for one side: all (as the e-mail said, or every known id listed), the ids and codes sent. */
interface OurSide {
  all: boolean
  ids: readonly number[]
  codes: readonly string[]
}

function sameSide(ours: OurSide, side: Side, mode: AllMode, known: readonly Known[]): boolean {
  const oursAll = ours.all || coversIds(ours.ids, known)
  switch (side.by) {
    case 'unknown':
      return true
    case 'ids':
      return (ours.ids.length > 0 && setEq(ours.ids, side.ids)) || (oursAll && sednaAll(side, mode, known))
    case 'codes':
      return (
        (ours.codes.length > 0 &&
          setEq(
            ours.codes.map((c) => c.toUpperCase()),
            side.codes,
          )) ||
        (oursAll && sednaAll(side, mode, known))
      )
    case 'none':
      // Sent with nothing listed too, or "all" where an empty list means all.
      return ours.ids.length === 0 || (mode === 'empty' && oursAll)
  }
}

const listText = (codes: readonly string[]) => [...new Set(codes)].sort().join(',')

function ourText(ours: OurSide, known: readonly Known[]): string {
  return ours.all || coversIds(ours.ids, known) ? ALL : listText(ours.codes)
}

function sednaText(side: Side, mode: AllMode, known: readonly Known[], anyKnown: readonly Known[]): string | null {
  if (side.by === 'unknown') return null
  if (sednaAll(side, mode, known)) return ALL
  if (side.by === 'ids') return listText(side.ids.map((id) => anyKnown.find((k) => k.id === id)?.code ?? `#${id}`))
  if (side.by === 'codes') return listText(side.codes)
  return ''
}

const kindText = (stopType: number | null) =>
  stopType === null ? null : stopType === 0 ? 'close' : stopType === 1 ? 'open' : String(stopType)

/** One compared field: ours, Sedna's (null: not told) and whether they differ. */
export interface ComparedField {
  field: DriftFieldName
  ours: string
  sedna: string | null
  differs: boolean
}

export function compareFields(ours: Ours, theirs: Theirs, ctx: CompareContext): ComparedField[] {
  const r = ours.resolution
  const rooms: OurSide = { all: r.allRooms, ids: r.roomTypeIds, codes: r.roomRemarkCodes }
  const boards: OurSide = { all: r.allBoards, ids: r.boardIds, codes: r.boardRemarkCodes }
  const roomSide = sideOf(theirs.rooms, theirs.roomRemark)
  const boardSide = sideOf(theirs.boards, theirs.boardRemark)
  const ourKind = ours.kind === 'close' ? 0 : 1
  return [
    {
      field: 'firstNight',
      ours: ours.firstNight,
      sedna: theirs.beginDate,
      differs: theirs.beginDate !== ours.firstNight,
    },
    { field: 'lastNight', ours: ours.lastNight, sedna: theirs.endDate, differs: theirs.endDate !== ours.lastNight },
    {
      field: 'kind',
      ours: ours.kind,
      sedna: kindText(theirs.stopType),
      differs: theirs.stopType !== null && theirs.stopType !== ourKind,
    },
    {
      field: 'rooms',
      ours: ourText(rooms, ctx.rooms),
      sedna: sednaText(roomSide, ctx.allRooms, ctx.rooms, ctx.anyRooms),
      differs: !sameSide(rooms, roomSide, ctx.allRooms, ctx.rooms),
    },
    {
      field: 'boards',
      ours: ourText(boards, ctx.boards),
      sedna: sednaText(boardSide, ctx.allBoards, ctx.boards, ctx.boards),
      differs: !sameSide(boards, boardSide, ctx.allBoards, ctx.boards),
    },
    {
      // Sent as State 1; another State (0: cancelled in Sedna's screens) is a change there.
      field: 'state',
      ours: '1',
      sedna: theirs.state === null ? null : String(theirs.state),
      differs: theirs.state !== null && theirs.state !== 1,
    },
  ]
}

/** The fields in which Sedna's copy differs from ours (empty: the same). */
export function driftOf(ours: Ours, theirs: Theirs, ctx: CompareContext): DriftField[] {
  return compareFields(ours, theirs, ctx)
    .filter((f) => f.differs)
    .map((f) => ({ field: f.field, ours: f.ours, sedna: f.sedna ?? '' }))
}

/** What a record following Sedna's copy stores: its fields, and the ids and codes it would send. */
export interface Followed {
  firstNight: string
  lastNight: string
  kind: SaleKind
  roomCodes: string[]
  boardCodes: string[]
  resolution: Resolved
}

/** Rooms or boards following Sedna's side, or the ids/codes the reference cache does not know. */
type SideFollowed =
  { ok: true; codes: string[]; all: boolean; ids: number[]; remark: string[] } | { ok: false; unknown: string[] }

function followSide(
  side: Side,
  mode: AllMode,
  known: readonly Known[],
  anyKnown: readonly Known[],
  kept: { codes: readonly string[]; all: boolean; ids: readonly number[]; remark: readonly string[] },
): SideFollowed {
  switch (side.by) {
    case 'unknown':
      return { ok: true, codes: [...kept.codes], all: kept.all, ids: [...kept.ids], remark: [...kept.remark] }
    case 'none':
      // As Sedna holds it: nothing listed (the record here reads "all", and sends nothing listed again).
      return { ok: true, codes: [], all: true, ids: [], remark: [] }
    case 'ids': {
      const found = side.ids.map((id) => anyKnown.find((k) => k.id === id))
      const unknown = side.ids.filter((_, i) => !found[i]).map(String)
      if (unknown.length) return { ok: false, unknown }
      const codes = [...new Set(found.map((k) => k!.code))]
      const all = sednaAll(side, mode, known)
      return { ok: true, codes: all ? [] : codes, all, ids: [...side.ids], remark: codes }
    }
    case 'codes': {
      const found = side.codes.map((c) => (known.length ? known : anyKnown).find((k) => k.code.toUpperCase() === c))
      const unknown = side.codes.filter((_, i) => !found[i])
      if (unknown.length) return { ok: false, unknown }
      const codes = [...new Set(found.map((k) => k!.code))]
      const all = sednaAll(side, mode, known)
      return { ok: true, codes: all ? [] : codes, all, ids: found.map((k) => k!.id), remark: codes }
    }
  }
}

/** Ours following Sedna's copy; `unknownRooms`/`unknownBoards` when it names what the app does not know. */
export function followSedna(
  ours: Ours,
  theirs: Theirs,
  ctx: CompareContext,
): { ok: true; values: Followed } | { ok: false; what: 'rooms' | 'boards'; unknown: string[] } {
  const r = ours.resolution
  const rooms = followSide(sideOf(theirs.rooms, theirs.roomRemark), ctx.allRooms, ctx.rooms, ctx.anyRooms, {
    codes: ours.roomCodes,
    all: r.allRooms,
    ids: r.roomTypeIds,
    remark: r.roomRemarkCodes,
  })
  if (!rooms.ok) return { ok: false, what: 'rooms', unknown: rooms.unknown }
  const boards = followSide(sideOf(theirs.boards, theirs.boardRemark), ctx.allBoards, ctx.boards, ctx.boards, {
    codes: ours.boardCodes,
    all: r.allBoards,
    ids: r.boardIds,
    remark: r.boardRemarkCodes,
  })
  if (!boards.ok) return { ok: false, what: 'boards', unknown: boards.unknown }
  const kind: SaleKind = theirs.stopType === 0 ? 'close' : theirs.stopType === 1 ? 'open' : ours.kind
  return {
    ok: true,
    values: {
      firstNight: theirs.beginDate,
      lastNight: theirs.endDate,
      kind,
      roomCodes: rooms.codes,
      boardCodes: boards.codes,
      resolution: {
        ...r,
        roomTypeIds: rooms.ids,
        roomRemarkCodes: rooms.remark,
        allRooms: rooms.all,
        boardIds: boards.ids,
        boardRemarkCodes: boards.remark,
        allBoards: boards.all,
      },
    },
  }
}
