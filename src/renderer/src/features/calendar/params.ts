/**
 * The calendar's state lives in the hash, so a link opens the same view:
 * `#/calendar?hotel=<id>&month=YYYY-MM&months=1|2|3&board=<id>`. Months and days are calendar
 * dates (no time zone): computed with UTC dates so that no clock change moves a night.
 */

export type MonthsShown = 1 | 2 | 3

export interface CalendarParams {
  hotel: number | null
  /** The first month shown, YYYY-MM. */
  month: string
  months: MonthsShown
  board: number | null
  /**
   * A record's calendar whose hotel the list does not know (`#/calendar?stopSale=<id>`): the page finds
   * the hotel the record resolves to, as its detail shows it, and opens that calendar instead.
   */
  stopSale: number | null
}

const two = (n: number) => String(n).padStart(2, '0')

/** This computer's day, YYYY-MM-DD (the night staff call "today"). */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`
}

export const monthOf = (iso: string) => iso.slice(0, 7)

/** `month` (YYYY-MM) moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + delta, 1))
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}`
}

/** The nights asked for: the first of `month` to the last day of the last month shown. */
export function monthRange(month: string, months: MonthsShown): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(y, m - 1 + months, 0))
  return {
    from: `${month}-01`,
    to: `${last.getUTCFullYear()}-${two(last.getUTCMonth() + 1)}-${two(last.getUTCDate())}`,
  }
}

const positive = (v: string | null) => (v !== null && /^[1-9]\d{0,14}$/.test(v) ? Number(v) : null)

/** The view a hash asks for; what is missing or malformed is the default (this month, one month, every board). */
export function paramsFromHash(hash: string): CalendarParams {
  const query = new URLSearchParams(hash.split('?')[1] ?? '')
  const month = query.get('month')
  const validMonth = month !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(month)
  const months = Number(query.get('months'))
  return {
    hotel: positive(query.get('hotel')),
    month: validMonth ? month : monthOf(todayIso()),
    months: months === 2 || months === 3 ? months : 1,
    board: positive(query.get('board')),
    stopSale: positive(query.get('stopSale')),
  }
}

/** Whether the hash names any view at all (a bare `#/calendar` opens the last one seen). */
export const hashHasView = (hash: string) => (hash.split('?')[1] ?? '') !== ''

/** The link to a view. */
export function calendarHref(p: {
  hotel: number | null
  month: string
  months?: MonthsShown
  board?: number | null
  stopSale?: number | null
}) {
  const query = new URLSearchParams()
  if (p.hotel !== null) query.set('hotel', String(p.hotel))
  else if (p.stopSale) query.set('stopSale', String(p.stopSale))
  query.set('month', p.month)
  if (p.months && p.months !== 1) query.set('months', String(p.months))
  if (p.board) query.set('board', String(p.board))
  return `#/calendar?${query.toString()}`
}
