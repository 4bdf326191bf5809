/**
 * The net-state rule (#15): the notice declared last wins, night by night and room by room; the
 * answer does not depend on the order notices are given in, and a notice given twice changes nothing.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { netState, type Notice } from '../../src/shared/net-state'

const nights = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  )

const notice = (over: Partial<Notice> & Pick<Notice, 'key'>): Notice => ({
  kind: 'close',
  firstNight: '2026-07-01',
  lastNight: '2026-07-10',
  rooms: 'all',
  boards: 'all',
  declaredAt: '2026-06-01T09:00:00',
  inSedna: true,
  ...over,
})

const JULY = nights('2026-07-01', 14)
const ROOMS = [63, 1364, 1389]

describe('net state', () => {
  it('no notice: open; a stop closes its nights and rooms only', () => {
    expect(
      netState([], { nights: JULY, rooms: ROOMS })
        .states.flat()
        .every((s) => s === 'open'),
    ).toBe(true)
    const { states } = netState(
      [notice({ key: 's', rooms: [1364], firstNight: '2026-07-03', lastNight: '2026-07-04' })],
      {
        nights: JULY,
        rooms: ROOMS,
      },
    )
    expect(states[1]!.slice(0, 6)).toEqual(['open', 'open', 'closed', 'closed', 'open', 'open'])
    expect(states[0]!.every((s) => s === 'open')).toBe(true)
  })

  it('an open-sale inside a stop opens those nights only', () => {
    const stop = notice({ key: 'stop' })
    const open = notice({
      key: 'open',
      kind: 'open',
      firstNight: '2026-07-04',
      lastNight: '2026-07-05',
      declaredAt: '2026-06-02T10:00:00',
    })
    const { states, winners } = netState([stop, open], { nights: JULY, rooms: [63] })
    expect(states[0]!.slice(0, 11)).toEqual([
      'closed',
      'closed',
      'closed',
      'open',
      'open',
      'closed',
      'closed',
      'closed',
      'closed',
      'closed',
      'open',
    ])
    expect(winners[0]![3]).toBe('open')
    expect(winners[0]![13]).toBeNull()
  })

  it('out of order: placed by DeclareDate, not by when it arrived', () => {
    // The open-sale was declared BEFORE the stop, though it arrived (and is given) after it.
    const stop = notice({ key: 'stop', declaredAt: '2026-06-05T08:00:00' })
    const earlierOpen = notice({ key: 'open', kind: 'open', declaredAt: '2026-06-01T08:00:00' })
    expect(netState([stop, earlierOpen], { nights: JULY, rooms: [63] }).states[0]![0]).toBe('closed')
  })

  it("what waits on this desk is 'closing' / 'opening' until it is in Sedna", () => {
    const sent = notice({ key: 'sedna:1' })
    const waitingOpen = notice({ key: 'local:2', kind: 'open', inSedna: false, declaredAt: '2026-06-03T00:00:00' })
    const waitingClose = notice({
      key: 'local:3',
      rooms: [1389],
      firstNight: '2026-07-12',
      lastNight: '2026-07-12',
      inSedna: false,
    })
    const { states } = netState([sent, waitingOpen, waitingClose], { nights: JULY, rooms: ROOMS })
    expect(states[0]![0]).toBe('opening')
    expect(states[2]![11]).toBe('closing')
  })

  it('a board filter counts only the notices that cover that board', () => {
    const ai = notice({ key: 'ai', boards: [1] })
    const uai = notice({ key: 'uai', boards: [37], kind: 'open', declaredAt: '2026-06-09T00:00:00' })
    expect(netState([ai, uai], { nights: JULY, rooms: [63], board: 1 }).states[0]![0]).toBe('closed')
    expect(netState([ai, uai], { nights: JULY, rooms: [63], board: 37 }).states[0]![0]).toBe('open')
  })

  // ---- properties ------------------------------------------------------------------------------
  const day = fc.integer({ min: 0, max: 20 }).map((d) => nights('2026-07-01', 21)[d]!)
  const arbNotice = fc
    .record({
      key: fc.string({ minLength: 1, maxLength: 4 }),
      kind: fc.constantFrom('close' as const, 'open' as const),
      a: day,
      b: day,
      rooms: fc.oneof(fc.constant('all' as const), fc.uniqueArray(fc.constantFrom(...ROOMS), { minLength: 1 })),
      boards: fc.oneof(fc.constant('all' as const), fc.uniqueArray(fc.constantFrom(1, 37), { minLength: 1 })),
      declaredAt: fc
        .integer({ min: 0, max: 30 })
        .map((h) => `2026-06-${String(1 + (h % 28)).padStart(2, '0')}T0${h % 3}:00:00`),
      inSedna: fc.boolean(),
    })
    .map(({ a, b, ...n }) => ({ ...n, firstNight: a < b ? a : b, lastNight: a < b ? b : a }) satisfies Notice)
  // Keys are unique by contract: the generated ones are made so.
  const arbNotices = fc.uniqueArray(arbNotice, { selector: (n) => n.key, maxLength: 25 })
  const query = { nights: nights('2026-07-01', 21), rooms: ROOMS }
  const board = fc.option(fc.constantFrom(1, 37), { nil: undefined })

  it('property: the result does not depend on the order notices are given in', () => {
    fc.assert(
      fc.property(arbNotices, fc.infiniteStream(fc.double()), board, (ns, randoms, b) => {
        const it = randoms[Symbol.iterator]()
        const shuffled = [...ns].sort(() => (it.next().value as number) - 0.5)
        expect(netState(shuffled, { ...query, board: b })).toEqual(netState(ns, { ...query, board: b }))
      }),
      { numRuns: 300 },
    )
  })

  it('property: a notice given twice changes nothing', () => {
    fc.assert(
      fc.property(arbNotices, fc.nat(), board, (ns, pick, b) => {
        fc.pre(ns.length > 0)
        const twice = [...ns, ns[pick % ns.length]!]
        expect(netState(twice, { ...query, board: b })).toEqual(netState(ns, { ...query, board: b }))
      }),
      { numRuns: 300 },
    )
  })

  it('property: the last declared notice over a cell decides it', () => {
    fc.assert(
      fc.property(arbNotices, (ns) => {
        const { winners } = netState(ns, query)
        query.rooms.forEach((room, r) =>
          query.nights.forEach((night, i) => {
            const over = ns.filter(
              (n) => n.firstNight <= night && n.lastNight >= night && (n.rooms === 'all' || n.rooms.includes(room)),
            )
            const last = over
              .sort((x, y) =>
                x.declaredAt === y.declaredAt ? (x.key < y.key ? -1 : 1) : x.declaredAt < y.declaredAt ? -1 : 1,
              )
              .at(-1)
            expect(winners[r]![i]).toBe(last?.key ?? null)
          }),
        )
      }),
      { numRuns: 200 },
    )
  })
})
