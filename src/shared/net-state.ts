/**
 * The net-state rule (#15): which nights of which rooms are closed, given every notice — Sedna's
 * records and this desk's own, sent or waiting. For each night, room and board the notice DECLARED last
 * wins: an open-sale inside a stop opens those nights only, and a notice imported or processed out of
 * order is placed by its DeclareDate, never by when it arrived. One function for the calendar screen,
 * the command line and the preview; zod-free so the renderer may use it too.
 *
 * The result does not depend on the order notices are given in (ties on DeclareDate are broken by the
 * notice's key), and a notice given twice changes nothing.
 */

/** A stop sale or open-sale as the rule sees it. `rooms` / `boards`: ids, or 'all'. */
export interface Notice {
  /** Unique and stable ("sedna:823259", "local:12"): breaks ties between notices declared at one moment. */
  key: string
  kind: 'close' | 'open'
  /** YYYY-MM-DD, both inclusive. */
  firstNight: string
  lastNight: string
  rooms: readonly number[] | 'all'
  boards: readonly number[] | 'all'
  /** When the hotel declared it (Sedna's DeclareDate), comparable as text: YYYY-MM-DDTHH:mm:ss. */
  declaredAt: string
  /** In Sedna already, or waiting on this desk to be sent. */
  inSedna: boolean
}

/** closed / open as Sedna holds it; closing / opening: the last word is ours, waiting to be sent. */
export type NightState = 'closed' | 'open' | 'closing' | 'opening'

export interface NetStateQuery {
  /** The nights asked for, YYYY-MM-DD, ascending. */
  nights: readonly string[]
  /** The room type ids asked for (a row each). */
  rooms: readonly number[]
  /** Only notices that cover this board count; undefined: every notice counts. */
  board?: number | undefined
}

export interface NetState {
  /** states[r][n]: the state of rooms[r] on nights[n]. */
  states: NightState[][]
  /** winners[r][n]: the key of the notice that decided it (null: no notice, open). */
  winners: (string | null)[][]
}

const stateOf = (n: Notice): NightState =>
  n.kind === 'close' ? (n.inSedna ? 'closed' : 'closing') : n.inSedna ? 'open' : 'opening'

/** Declared earlier first; on the same moment, by key, so any order of the input gives one answer. */
export function byDeclaration(a: Notice, b: Notice): number {
  if (a.declaredAt !== b.declaredAt) return a.declaredAt < b.declaredAt ? -1 : 1
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}

/**
 * Every night of [first, last], both included, YYYY-MM-DD (counted in UTC: no clock change skips or
 * repeats one). At most 10,000 (27 years): a record from Sedna with an absurd span cannot exhaust memory.
 */
export function nightsOf(first: string, last: string): string[] {
  const nights: string[] = []
  const end = Date.parse(`${last}T00:00:00Z`)
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end && nights.length < 10_000; t += 86_400_000)
    nights.push(new Date(t).toISOString().slice(0, 10))
  return nights
}

/** Index of the first night ≥ `day` in the sorted `nights` (binary search). */
function firstAtOrAfter(nights: readonly string[], day: string): number {
  let lo = 0
  let hi = nights.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (nights[mid]! < day) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The net state of every asked night and room: the notice declared last over each cell wins. */
export function netState(notices: readonly Notice[], query: NetStateQuery): NetState {
  const { nights, rooms, board } = query
  const states: NightState[][] = rooms.map(() => nights.map(() => 'open' as NightState))
  const winners: (string | null)[][] = rooms.map(() => nights.map(() => null))
  const rowOf = new Map(rooms.map((id, i) => [id, i]))
  const seen = new Set<string>()
  const ordered = notices
    .filter((n) => board === undefined || n.boards === 'all' || n.boards.includes(board))
    .filter((n) => (seen.has(n.key) ? false : (seen.add(n.key), true)))
    .sort(byDeclaration)
  // Painted in declaration order: what was declared later is painted over what came before.
  for (const n of ordered) {
    const from = firstAtOrAfter(nights, n.firstNight)
    const to = firstAtOrAfter(nights, `${n.lastNight}\uffff`) // the first night after its last
    if (from >= to) continue
    const rows =
      n.rooms === 'all' ? rooms.map((_, i) => i) : n.rooms.flatMap((id) => (rowOf.has(id) ? [rowOf.get(id)!] : []))
    const state = stateOf(n)
    for (const r of rows) {
      const stateRow = states[r]!
      const winnerRow = winners[r]!
      for (let i = from; i < to; i++) {
        stateRow[i] = state
        winnerRow[i] = n.key
      }
    }
  }
  return { states, winners }
}
