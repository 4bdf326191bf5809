import { describe, expect, it } from 'vitest'
import {
  exactHotelMatch,
  normalizeCode,
  normalizeHotelName,
  rankHotels,
  type HotelCandidate,
} from '../../src/main/reference/hotel-matching'

const same = (...names: string[]) => {
  const keys = names.map(normalizeHotelName)
  expect(keys[0]).not.toBe('')
  for (const k of keys) expect(k).toBe(keys[0])
}

describe('normalizeHotelName', () => {
  it('folds Turkish letters, case and noise words to one key', () => {
    expect(normalizeHotelName('Çamyuva Güneş Otel')).toBe('camyuva gunes')
    same('Çamyuva Güneş Otel', 'CAMYUVA GUNES HOTEL', 'camyuva güneş')
    expect(normalizeHotelName('İstanbul Boğaz Palace')).toBe('istanbul bogaz palace')
    same('İstanbul Boğaz Palace', 'ISTANBUL BOGAZ PALACE HOTEL', 'Istanbul Bogaz Palace')
    expect(normalizeHotelName('Kemer Işıklar Resort & Spa')).toBe('kemer isiklar')
    same('Kemer Işıklar Resort & Spa', 'KEMER ISIKLAR')
  })

  it('keeps "beach": it tells hotels apart', () => {
    expect(normalizeHotelName('Grand Palace Beach Hotel')).toBe('grand palace beach')
    expect(normalizeHotelName('Grand Palace Hotel')).not.toBe(normalizeHotelName('Grand Palace Beach Hotel'))
  })

  it('folds dotted and dotless i, upper and lower, to plain i', () => {
    // JavaScript's own 'İ'.toLowerCase() leaves a combining dot behind; the key must not.
    expect('İ'.toLowerCase()).toBe('i\u0307')
    for (const v of ['İ', 'I', 'ı', 'i']) expect(normalizeHotelName(`K${v}R${v}Ş`)).toBe('kiris')
    expect(normalizeHotelName('IŞIKLAR')).toBe('isiklar')
    expect(normalizeHotelName('ışıklar')).toBe('isiklar')
    expect(normalizeHotelName('İŞIKLAR')).toBe('isiklar')
    expect(normalizeHotelName('İstanbul')).not.toMatch(/\u0307/)
    expect(normalizeHotelName('DİVAN')).toBe('divan')
  })

  it('folds circumflexes and other diacritics', () => {
    expect(normalizeHotelName('Kâmil Koç Îhsan Ûlus Öz')).toBe('kamil koc ihsan ulus oz')
    expect(normalizeHotelName('Crème Brûlée Château')).toBe('creme brulee chateau')
    expect(normalizeHotelName('Ağva Gölü')).toBe('agva golu')
  })

  it('drops punctuation and the noise words, collapses whitespace', () => {
    expect(normalizeHotelName('  The Sun-Rise  (by Gün) Otel, Spa & Resort. ')).toBe('sun rise gun')
    expect(normalizeHotelName('Sea ve Sand and "Sun" / Hotels Resorts')).toBe('sea sand sun')
    expect(normalizeHotelName("L'Amore Hotel")).toBe('lamore')
    expect(normalizeHotelName('Güneş Oteli')).toBe('gunes')
  })

  it('never lets noise removal empty the key', () => {
    expect(normalizeHotelName('Hotel')).toBe('hotel')
    expect(normalizeHotelName('The Resort & Spa')).toBe('the resort spa')
    expect(normalizeHotelName('--')).toBe('')
  })

  it('passes Cyrillic names through and matches them exactly', () => {
    expect(normalizeHotelName('Отель Москва')).toBe('отель москва')
    expect(normalizeHotelName('ОТЕЛЬ МОСКВА')).toBe('отель москва')
    const hotels = [
      { id: 1, name: 'Отель Москва' },
      { id: 2, name: 'Moskova Otel' },
    ]
    expect(exactHotelMatch('Отель Москва', hotels)).toEqual({ id: 1, name: 'Отель Москва' })
    expect(rankHotels('Отель Москва', hotels)[0]).toEqual({ id: 1, name: 'Отель Москва', score: 1, exact: true })
  })
})

const turkishHotels: HotelCandidate[] = [
  { id: 11, name: 'Kemer Işıklar Resort & Spa' },
  { id: 12, name: 'Çamyuva Beach Hotel' },
  { id: 13, name: 'Güneş Plaza Otel' },
  { id: 14, name: 'Çamyuva Güneş Otel' },
  { id: 15, name: 'Kiriş Güneş Hotel' },
  { id: 16, name: 'İstanbul Boğaz Palace' },
]

describe('exactHotelMatch', () => {
  it('finds the hotel whatever way the e-mail wrote it', () => {
    expect(exactHotelMatch('CAMYUVA GUNES HOTEL', turkishHotels)?.id).toBe(14)
    expect(exactHotelMatch('ISTANBUL BOGAZ PALACE HOTEL', turkishHotels)?.id).toBe(16)
    expect(exactHotelMatch('KEMER ISIKLAR', turkishHotels)?.id).toBe(11)
  })

  it('returns undefined when nothing matches exactly', () => {
    expect(exactHotelMatch('Camyuwa Gunes', turkishHotels)).toBeUndefined()
    expect(exactHotelMatch('Grand Palace Hotel', [{ id: 1, name: 'Grand Palace Beach Hotel' }])).toBeUndefined()
    expect(exactHotelMatch('', turkishHotels)).toBeUndefined()
    expect(exactHotelMatch('--', [{ id: 1, name: '...' }])).toBeUndefined()
  })

  it('returns undefined when two hotels share the normalized name (a person must choose)', () => {
    const hotels = [...turkishHotels, { id: 99, name: 'CAMYUVA GUNES HOTEL' }]
    expect(exactHotelMatch('Çamyuva Güneş', hotels)).toBeUndefined()
    const ranked = rankHotels('Çamyuva Güneş', hotels)
    expect(ranked.filter((s) => s.exact).map((s) => s.id)).toEqual([99, 14]) // by name: 'C…' < 'Ç…'
    expect(ranked[0]).toEqual({ id: 99, name: 'CAMYUVA GUNES HOTEL', score: 1, exact: true })
    expect(ranked[1]).toEqual({ id: 14, name: 'Çamyuva Güneş Otel', score: 1, exact: true })
  })

  it('treats the same id listed twice as one hotel', () => {
    const hotels = [...turkishHotels, { id: 14, name: 'Çamyuva Güneş Otel' }]
    expect(exactHotelMatch('camyuva gunes', hotels)?.id).toBe(14)
    expect(rankHotels('camyuva gunes', hotels).filter((s) => s.id === 14)).toHaveLength(1)
  })
})

describe('rankHotels', () => {
  it('ranks the right hotel first despite a typo', () => {
    const ranked = rankHotels('Camyuwa Gunes', turkishHotels)
    expect(ranked[0]?.id).toBe(14)
    expect(ranked[0]?.exact).toBe(false)
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score)
    expect(ranked[0]!.score).toBeLessThan(1)
    expect(ranked.map((s) => s.id)).not.toContain(11) // Kemer Işıklar has nothing in common
  })

  it('puts exact matches first with score 1, then suggestions best first', () => {
    const ranked = rankHotels('Çamyuva Güneş', turkishHotels)
    expect(ranked[0]).toEqual({ id: 14, name: 'Çamyuva Güneş Otel', score: 1, exact: true })
    expect(ranked.slice(1).every((s) => !s.exact && s.score < 1 && s.score >= 0.35)).toBe(true)
    for (let i = 2; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score)
  })

  it('is robust to word order and missing words, and does not call them exact', () => {
    const hotels = [
      { id: 1, name: 'Grand Palace Beach Hotel' },
      { id: 2, name: 'Palace Grand Hotel' },
      { id: 3, name: 'Side Star Resort' },
    ]
    const ranked = rankHotels('Grand Palace Hotel', hotels)
    expect(ranked.map((s) => s.id)).toEqual([2, 1])
    expect(ranked.every((s) => !s.exact)).toBe(true)
    expect(ranked[0]!.score).toBeGreaterThan(0.9) // same words, another order…
    expect(ranked[0]!.score).toBeLessThan(1) // …but only normalized equality scores 1
    expect(ranked[1]!.score).toBeGreaterThan(0.8) // subset of words: a strong suggestion
  })

  it('respects limit (default 5) and minScore (default 0.35)', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({
      id: i + 1,
      name: `Güneş ${String.fromCharCode(65 + i)}x Otel`,
    }))
    expect(rankHotels('Güneş', many)).toHaveLength(5)
    expect(rankHotels('Güneş', many, { limit: 3 })).toHaveLength(3)
    expect(rankHotels('Güneş', many, { limit: 0 })).toEqual([])
    expect(rankHotels('Güneş', many, { limit: 50 })).toHaveLength(10)

    const all = rankHotels('Camyuwa Gunes', turkishHotels, { limit: 10, minScore: 0 })
    expect(all).toHaveLength(6)
    const strict = rankHotels('Camyuwa Gunes', turkishHotels, { limit: 10, minScore: 0.6 })
    expect(strict.map((s) => s.id)).toEqual([14])
    const byDefault = rankHotels('Camyuwa Gunes', turkishHotels, { limit: 10 })
    expect(byDefault.length).toBeLessThan(6)
    expect(byDefault.every((s) => s.score >= 0.35)).toBe(true)
    expect(all.filter((s) => s.score >= 0.35).map((s) => s.id)).toEqual(byDefault.map((s) => s.id))
  })

  it('orders equal scores by name, then id', () => {
    const tied = rankHotels('Güneş', [
      { id: 7, name: 'Güneş Kaya' },
      { id: 5, name: 'Güneş Kaya' },
      { id: 6, name: 'Güneş Ayla' },
    ])
    expect(tied).toHaveLength(3)
    expect(new Set(tied.map((s) => s.score)).size).toBe(1)
    expect(tied.map((s) => s.id)).toEqual([6, 5, 7])
  })

  it('returns nothing for an empty name', () => {
    expect(rankHotels('', turkishHotels)).toEqual([])
    expect(rankHotels('  ', turkishHotels)).toEqual([])
  })

  // Its speed is not measured here (wall-clock figures belong to the benches); the bound only guards a hang.
  it('ranks one name against 5,000 hotels, the right one first', () => {
    const words = ['Güneş', 'Deniz', 'Palace', 'Çamyuva', 'Işıklar', 'Kemer', 'Side', 'Boğaz', 'Yıldız', 'Ören']
    const hotels = Array.from({ length: 5000 }, (_, i) => ({
      id: i + 1,
      name: `${words[i % 10]} ${words[Math.floor(i / 10) % 10]} ${i} Beach Resort & Spa`,
    }))
    hotels.push({ id: 5001, name: 'Çamyuva Güneş Otel' })
    const start = performance.now()
    const ranked = rankHotels('Camyuwa Gunes', hotels)
    const elapsed = performance.now() - start
    expect(ranked[0]?.id).toBe(5001)
    expect(elapsed).toBeLessThan(10_000)
  })
})

describe('normalizeCode', () => {
  it('trims, upper-cases the Turkish-safe way and collapses whitespace', () => {
    expect(normalizeCode('dbl ')).toBe('DBL')
    expect(normalizeCode('uaı')).toBe('UAI')
    expect(normalizeCode('uai')).toBe('UAI')
    expect(normalizeCode('UAİ')).toBe('UAI')
    expect(normalizeCode('  std   sv\t')).toBe('STD SV')
    expect(normalizeCode('family')).toBe('FAMILY')
    expect(normalizeCode('fıt')).toBe('FIT')
  })
})
