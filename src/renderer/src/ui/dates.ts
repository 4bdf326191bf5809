/**
 * Dates as staff type and read them: the language's pattern (dd.MM.yyyy in Turkish and, as the
 * tables show dates, in English too), given and kept as ISO calendar dates (yyyy-MM-dd). No calendar
 * widget: `<input type=date>` takes its format from Chromium's own locale, not from the app's language.
 */

/** The order of day, month and year in a pattern such as 'dd.MM.yyyy' or 'MM/dd/yyyy'. */
const orderOf = (pattern: string) =>
  (['d', 'M', 'y'] as const).map((c) => ({ c, at: pattern.indexOf(c) })).sort((a, b) => a.at - b.at)

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** An ISO date (yyyy-MM-dd) written with the pattern; anything else is returned as it is. */
export function formatDate(iso: string, pattern: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  const parts = { yyyy: m[1]!, MM: m[2]!, dd: m[3]! }
  return pattern.replace(/yyyy|MM|dd/g, (token) => parts[token as keyof typeof parts])
}

/** A real calendar day? (31.02 is not.) */
function isoIfReal(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return undefined
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`
}

/**
 * What was typed, read with the pattern's order of day, month and year, any separators (12.05.2025,
 * 12/5/2025, 12-05-25: a two-digit year is 20yy); an ISO date is read as ISO. Undefined when it is
 * not (yet) a real date.
 */
export function parseDate(text: string, pattern: string): string | undefined {
  const t = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)
  if (iso) return isoIfReal(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const groups = t.split(/[^\d]+/).filter(Boolean)
  if (groups.length !== 3 || groups.some((g) => g.length > 4)) return undefined
  const value: Record<'d' | 'M' | 'y', string> = { d: '', M: '', y: '' }
  orderOf(pattern).forEach(({ c }, i) => (value[c] = groups[i]!))
  if (value.y.length !== 2 && value.y.length !== 4) return undefined
  const year = value.y.length === 2 ? 2000 + Number(value.y) : Number(value.y)
  return isoIfReal(year, Number(value.M), Number(value.d))
}
