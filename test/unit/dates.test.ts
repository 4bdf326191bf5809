import { describe, expect, it } from 'vitest'
import { formatDate, parseDate } from '../../src/renderer/src/ui/dates'

describe('date fields: typed as the language writes dates, kept as ISO', () => {
  it('writes an ISO date with the pattern', () => {
    expect(formatDate('2025-05-12', 'dd.MM.yyyy')).toBe('12.05.2025')
    expect(formatDate('2025-05-12', 'MM/dd/yyyy')).toBe('05/12/2025')
    expect(formatDate('', 'dd.MM.yyyy')).toBe('')
  })

  it('reads day, month and year in the pattern’s order, with any separator', () => {
    expect(parseDate('12.05.2025', 'dd.MM.yyyy')).toBe('2025-05-12')
    expect(parseDate(' 1.6.2025 ', 'dd.MM.yyyy')).toBe('2025-06-01')
    expect(parseDate('12/05/2025', 'dd.MM.yyyy')).toBe('2025-05-12')
    expect(parseDate('12-05-25', 'dd.MM.yyyy')).toBe('2025-05-12')
    expect(parseDate('05/12/2025', 'MM/dd/yyyy')).toBe('2025-05-12')
    // An ISO date (pasted) is read as ISO whatever the pattern.
    expect(parseDate('2025-05-12', 'dd.MM.yyyy')).toBe('2025-05-12')
  })

  it('gives nothing for what is not (yet) a real day', () => {
    for (const text of ['', '12.05', '12.05.202', '31.02.2025', '00.05.2025', '12.13.2025', 'x', '12.05.2025.1'])
      expect(parseDate(text, 'dd.MM.yyyy'), text).toBeUndefined()
    expect(parseDate('29.02.2024', 'dd.MM.yyyy')).toBe('2024-02-29')
    expect(parseDate('29.02.2025', 'dd.MM.yyyy')).toBeUndefined()
  })

  it('reads back what it writes, for every day of a leap year', () => {
    for (let d = Date.UTC(2024, 0, 1); d < Date.UTC(2025, 0, 1); d += 86_400_000) {
      const iso = new Date(d).toISOString().slice(0, 10)
      expect(parseDate(formatDate(iso, 'dd.MM.yyyy'), 'dd.MM.yyyy')).toBe(iso)
    }
  })
})
