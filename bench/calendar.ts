/**
 * The calendar's main half (#15 Performance): a hotel with 40 room types and 2,000 notices (1,500 of
 * Sedna's in the mirror, 500 of this desk's) in a real SQLite file (bench/calendar-data.ts). Times the
 * calendar service's answer for 92 and 365 nights (two reads, resolving the waiting records, the rule)
 * and the net-state rule alone for 365 nights. Prints figures against the targets; asserts nothing.
 * Usage: npm run bench:calendar
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import type { Calendar } from '../src/shared/contracts/calendar'
import { netState, type Notice } from '../src/shared/net-state'
import { buildCalendarData } from './calendar-data'

const RUNS = 25
const TARGET_YEAR_MS = 50

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function timed(runs: number, work: () => unknown): Promise<number> {
  work() // once before timing: statements prepared, code warm (as in a running app)
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    work()
    times.push(performance.now() - t)
  }
  return median(times)
}

const data = await buildCalendarData()
try {
  const get = (nights: number): Calendar =>
    data.ctx.services.calendar.get({ hotelId: data.hotelId, from: data.from, to: data.to(nights) })
  const quarter = get(92)
  const year = get(365)
  const get92 = await timed(RUNS, () => get(92))
  const get365 = await timed(RUNS, () => get(365))
  // As the window asks: through the dispatcher, the contract's zod checks of input and output included.
  const viaDispatch = async (nights: number) => {
    const times: number[] = []
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now()
      const r = await data.ctx.dispatch('calendar.get', { hotelId: data.hotelId, from: data.from, to: data.to(nights) })
      if (i > 0) times.push(performance.now() - t)
      if (!r.ok) throw new Error(r.error.message)
    }
    return median(times)
  }
  const dispatch365 = await viaDispatch(365)

  // The rule alone, over the same notices and rows the service gave it.
  const notices: Notice[] = year.notices.map((n) => ({
    key: n.key,
    kind: n.kind,
    firstNight: n.firstNight,
    lastNight: n.lastNight,
    rooms: n.roomTypeIds ?? 'all',
    boards: n.boardIds ?? 'all',
    declaredAt: n.declaredAt,
    inSedna: n.source === 'sedna' || n.status === 'synced' || n.status === 'changed_in_sedna',
  }))
  const rooms = year.rows.map((r) => r.roomTypeId ?? -1)
  const rule365 = await timed(RUNS, () => netState(notices, { nights: year.nights, rooms }))

  const cells = (c: Calendar) => c.rows.length * c.nights.length
  console.log(
    `load average while measuring: ${loadavg()[0]!.toFixed(1)} (on a shared machine the figures vary with it)`,
  )
  console.log(
    `hotel: ${year.rows.length - 1} room types + the all-rooms row; 2,000 notices in SQLite (1,500 Sedna, 500 ours)`,
  )
  console.log(
    `  notices touching 92 nights: ${quarter.notices.length}; a year: ${year.notices.length}; unplaced: ${year.unplaced.length}`,
  )
  console.log(`calendar.get, 92 nights (${cells(quarter)} cells):   ${get92.toFixed(2)} ms median of ${RUNS}`)
  console.log(
    `calendar.get, 365 nights (${cells(year)} cells): ${get365.toFixed(2)} ms median of ${RUNS}  (target < ${TARGET_YEAR_MS} ms: ${get365 < TARGET_YEAR_MS ? 'met' : 'NOT met'})`,
  )
  console.log(`  … through the dispatcher (zod checks), 365 nights: ${dispatch365.toFixed(2)} ms median of ${RUNS}`)
  console.log(
    `netState alone, 365 nights:               ${rule365.toFixed(2)} ms median of ${RUNS}  (target < ${TARGET_YEAR_MS} ms: ${rule365 < TARGET_YEAR_MS ? 'met' : 'NOT met'})`,
  )
} finally {
  await data.close()
}
