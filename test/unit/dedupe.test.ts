import { describe, expect, it } from 'vitest'
import { dedupeKey } from '../../src/main/stop-sales/import/dedupe'

describe('dedupeKey', () => {
  // Keys are stored with every stop sale: a change of this function would make every re-import of an
  // old file look new. These values were computed by the first version of the function.
  it('is stable across versions (pinned values)', () => {
    expect(
      dedupeKey({
        hotelName: 'İstanbul Boğaz Palace',
        hotelId: null,
        firstNight: '2025-06-15',
        lastNight: '2025-06-20',
        roomCodes: ['STDSV', 'dbl '],
        boardCodes: ['UAI'],
        marketIds: [12, 10, 12],
      }),
    ).toBe('Bio6pu6wXh30gt6zyhttLPEj6jk')
    expect(
      dedupeKey({
        hotelName: 'x',
        hotelId: 42,
        firstNight: '2025-06-15',
        lastNight: '2025-06-15',
        roomCodes: [],
        boardCodes: [],
        marketIds: [],
      }),
    ).toBe('jSLF2Gk8RJCQkkF5Rvmi5vr_PDo')
    expect(
      dedupeKey({
        hotelName: 'Отель Москва',
        hotelId: null,
        firstNight: '2025-06-15',
        lastNight: '2025-06-15',
        roomCodes: ['ı'],
        boardCodes: ['AI', 'AI'],
        marketIds: [7],
      }),
    ).toBe('N2P2R4oZYANsjuj7-ZFEqJi3xwE')
  })

  it('ignores order, case, spacing and repeats of codes and markets, and the spelling of the hotel', () => {
    const base = { hotelId: null, firstNight: '2025-06-15', lastNight: '2025-06-20', marketIds: [10, 12] }
    const a = dedupeKey({ ...base, hotelName: 'Kemer Işıklar Resort', roomCodes: ['DBL', 'SGL'], boardCodes: ['AI'] })
    const b = dedupeKey({
      ...base,
      hotelName: 'KEMER IŞIKLAR RESORT',
      roomCodes: [' sgl', 'DBL', 'dbl'],
      boardCodes: ['ai'],
      marketIds: [12, 10, 10],
    })
    expect(b).toBe(a)
    expect(dedupeKey({ ...base, hotelName: 'Kemer Işıklar Resort', roomCodes: ['DBL'], boardCodes: ['AI'] })).not.toBe(
      a,
    )
  })
})
