/**
 * Dates as hotels and Turkish Excel write them. Day-first ALWAYS: '05.06.2025' is 5 June, never
 * 6 May; there is no guessing from the values.
 */
import { isExists } from 'date-fns/isExists'
import { memoByText } from './memo'

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/
const DAY_FIRST = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})$/

const pad2 = (s: string) => s.padStart(2, '0')

/** y (4 digits), m, d as text → 'YYYY-MM-DD' when that day exists in the calendar (date-fns). */
function realDate(y: string, m: string, d: string): string | undefined {
  const year = Number(y)
  const month = Number(m)
  const day = Number(d)
  // isExists works on local Date fields; years below 100 would be read as 19xx, and are no stop sale anyway.
  if (year < 100 || !isExists(year, month - 1, day)) return undefined
  return `${y}-${pad2(m)}-${pad2(d)}`
}

/**
 * '2025-06-15', '15.06.2025', '15.06.25', '15/06/2025' (also '15-06-2025', single-digit day/month
 * '5.6.2025'); day-first ALWAYS; two-digit years are 20yy. Surrounding spaces are ignored. Returns
 * YYYY-MM-DD, or undefined when it is not a real date (31.02.2025, 2025-13-01, 'tomorrow', '').
 */
export const parseNight = memoByText(function parseNight(text: string): string | undefined {
  const s = text.trim()
  const iso = ISO_DATE.exec(s)
  if (iso) return realDate(iso[1]!, iso[2]!, iso[3]!)
  const dm = DAY_FIRST.exec(s)
  if (dm) {
    const y = dm[4]!
    return realDate(y.length === 2 ? `20${y}` : y, dm[3]!, dm[1]!)
  }
  return undefined
})

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/
const DAY_FIRST_DATE_TIME = /^(\d{1,2}[./-]\d{1,2}[./-]\d{4})[ Tt]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/

/**
 * received_at: an ISO 8601 date-time with or without an offset ('2025-04-10T09:12:00+03:00',
 * '2025-04-10 09:12', '2025-04-10T06:12:00.5Z'), or the day-first form Excel turns it into
 * ('10.04.2025 09:12'). Validated to be a real moment; returned as ISO text WITHOUT moving it to
 * another zone: same wall clock, same offset ('T' separator, seconds added when missing, 'z' → 'Z',
 * '+0300'/'+03' → '+03:00', fraction kept). Undefined when it is not a real date-time.
 */
export const parseReceivedAt = memoByText(function parseReceivedAt(text: string): string | undefined {
  const s = text.trim()
  let date: string | undefined
  let hh: string
  let mm: string
  let ss: string
  let fraction = ''
  let offset = ''
  const iso = ISO_DATE_TIME.exec(s)
  if (iso) {
    date = parseNight(iso[1]!)
    hh = iso[2]!
    mm = iso[3]!
    ss = iso[4] ?? '00'
    if (iso[5] !== undefined) fraction = `.${iso[5]}`
    if (iso[6] !== undefined) offset = 'Z'
    else if (iso[7] !== undefined) {
      const oh = iso[8]!
      const om = iso[9] ?? '00'
      if (Number(oh) > 14 || Number(om) > 59) return undefined
      offset = `${iso[7]}${oh}:${om}`
    }
  } else {
    const dm = DAY_FIRST_DATE_TIME.exec(s)
    if (!dm) return undefined
    date = parseNight(dm[1]!)
    hh = pad2(dm[2]!)
    mm = dm[3]!
    ss = dm[4] ?? '00'
  }
  if (date === undefined) return undefined
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined
  return `${date}T${hh}:${mm}:${ss}${fraction}${offset}`
})
