/**
 * The nights and days a pull asks Sedna for: the window (30 nights back, 18 months ahead), its chunks
 * (one request each), and the first update day of an incremental pull. Days are `YYYY-MM-DD` strings,
 * counted in whole days (no time zone: the stay dates are the hotel's, the update days Sedna's).
 */

export interface NightRange {
  /** First night, inclusive. */
  from: string
  /** Last night, inclusive. */
  to: string
}

export const WINDOW_PAST_DAYS = 30
export const WINDOW_AHEAD_MONTHS = 18

/**
 * GUESS (sedna-api.md §5 and the simulator): recordDateBegin/End bound the update date by whole days —
 * UTC days in the simulator, most likely Turkish ones in Sedna — so an incremental pull starts a whole
 * day before the day of its mark. As the mark's own day is asked for in full too, 24 to 48 hours are read
 * again: enough for any clock skew or time zone between the app and Sedna short of a day.
 */
export const OVERLAP_DAYS = 1

const DAY_MS = 86_400_000
const toUtc = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10))
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10)

export const addDays = (day: string, n: number): string => fromUtc(toUtc(day) + n * DAY_MS)

/** The same day of the month `n` months later, or that month's last day (31 January + 1 = 28/29 February). */
export function addMonths(day: string, n: number): string {
  const months = +day.slice(0, 4) * 12 + (+day.slice(5, 7) - 1) + n
  const year = Math.floor(months / 12)
  const month = months % 12
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return fromUtc(Date.UTC(year, month, Math.min(+day.slice(8, 10), last)))
}

/** This computer's calendar day (the staff's "today"). */
export function localDay(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`
}

/** The nights every full pull covers: from 30 nights ago to 18 months ahead. */
export function pullWindow(now: Date): NightRange {
  const today = localDay(now)
  return { from: addDays(today, -WINDOW_PAST_DAYS), to: addMonths(today, WINDOW_AHEAD_MONTHS) }
}

/**
 * The window cut into consecutive spans of `months` months (one request each, so memory stays bounded
 * and progress can be told); a last span shorter than half a month joins the one before it.
 */
export function chunksOf(window: NightRange, months: number): NightRange[] {
  const chunks: NightRange[] = []
  for (let i = 0; ; i++) {
    const from = addMonths(window.from, i * months)
    if (from > window.to) break
    const end = addDays(addMonths(window.from, (i + 1) * months), -1)
    chunks.push({ from, to: end < window.to ? end : window.to })
  }
  const last = chunks.at(-1)
  if (chunks.length > 1 && last && toUtc(last.to) - toUtc(last.from) < 15 * DAY_MS) {
    chunks.pop()
    chunks[chunks.length - 1]!.to = last.to
  }
  return chunks
}

/** Months of nights in the window (for "3 of 19 months"), counted as chunksOf counts one-month spans. */
export const monthsIn = (window: NightRange): number => chunksOf(window, 1).length

/** The first update day an incremental pull asks for: the mark's day less the overlap. */
export const sinceDayOf = (mark: string): string => addDays(mark.slice(0, 10), -OVERLAP_DAYS)
