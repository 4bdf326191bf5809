/**
 * What a stop sale to be sent does beside itself in Sedna: which records of another scope it overlaps
 * (nights, rooms and boards in common), and — an open-sale — which closed nights it opens again. The
 * closed/open question is the net-state rule's (shared/net-state.ts), never decided here a second time.
 */
import { netState, nightsOf, type Notice } from '../../shared/net-state'
import { sidesMeet, type ReadRecord, type Side } from './sedna-records'

/** One previewed stop sale as these questions see it. */
export interface Effecting {
  id: number
  kind: 'close' | 'open'
  firstNight: string
  lastNight: string
  rooms: Side
  boards: Side
  /** YYYY-MM-DDTHH:mm:ss: where the rule places it. */
  declaredAt: string
  /** update: its own record in Sedna (not an overlap of itself; replaced by ours when it goes). */
  recId: number | null
}

/** The Sedna records (other than its own) sharing at least one night, one room and one board with it. */
export function overlapOf(item: Effecting, records: readonly ReadRecord[]): { recId: number; nights: string[] }[] {
  const out: { recId: number; nights: string[] }[] = []
  for (const r of records) {
    if (r.recId === item.recId) continue
    if (r.last < item.firstNight || r.first > item.lastNight) continue
    if (!sidesMeet(item.rooms, r.rooms) || !sidesMeet(item.boards, r.boards)) continue
    const from = r.first > item.firstNight ? r.first : item.firstNight
    const to = r.last < item.lastNight ? r.last : item.lastNight
    out.push({ recId: r.recId, nights: nightsOf(from, to) })
  }
  return out.sort((a, b) => a.recId - b.recId)
}

/** The notice this desk would send (waiting: not in Sedna yet). */
export const localNotice = (item: Effecting): Notice => ({
  key: `local:${item.id}`,
  kind: item.kind,
  firstNight: item.firstNight,
  lastNight: item.lastNight,
  rooms: item.rooms,
  boards: item.boards,
  declaredAt: item.declaredAt,
  inSedna: false,
})

const idsOf = (side: Side) => (side === 'all' ? [] : side)

/**
 * The nights of an open-sale that are closed now for at least one of its rooms and boards and that it opens:
 * closed (or closing) by the rule before it, open by the rule with it. `notices`: Sedna's records and the
 * closes sent in the same go (so a stop then an open-sale in one preview counts, by DeclareDate: a close
 * declared after the open-sale still wins over it, and those nights are not said to reopen).
 */
export function reopenOf(
  open: Effecting,
  notices: readonly Notice[],
  known: { rooms: readonly number[]; boards: readonly number[] },
): string[] {
  const nights = nightsOf(open.firstNight, open.lastNight)
  const before = notices.filter((n) => n.key !== `local:${open.id}`)
  const after = [...before.filter((n) => open.recId === null || n.key !== `sedna:${open.recId}`), localNotice(open)]
  // Every room a notice may close: known ones, any a notice names, and -1 standing for "all rooms".
  const rooms =
    open.rooms === 'all'
      ? [...new Set([-1, ...known.rooms, ...notices.flatMap((n) => idsOf(n.rooms))])]
      : [...open.rooms]
  const boards: (number | undefined)[] =
    open.boards === 'all'
      ? [...new Set([...known.boards, ...notices.flatMap((n) => idsOf(n.boards))])]
      : [...open.boards]
  if (!boards.length) boards.push(undefined)
  const reopened = new Set<number>()
  for (const board of boards) {
    const was = netState(before, { nights, rooms, board }).states
    const will = netState(after, { nights, rooms, board }).states
    for (let r = 0; r < rooms.length; r++) {
      for (let n = 0; n < nights.length; n++) {
        const closed = was[r]![n] === 'closed' || was[r]![n] === 'closing'
        if (closed && will[r]![n] === 'opening') reopened.add(n)
      }
    }
  }
  return [...reopened].sort((a, b) => a - b).map((n) => nights[n]!)
}
