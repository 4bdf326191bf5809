/**
 * The one rule of what a person may do with a record, by its state (main applies it and sends the
 * answer with every record; the screens only show it). Every status of both kinds, written out.
 */
import { describe, expect, it } from 'vitest'
import { reservationActions, stopSaleActions, type RecordAction } from '../../src/shared/record-actions'
import { reservationStatuses, type ReservationStatusName } from '../../src/shared/reservation-basics'
import { stopSaleStatuses } from '../../src/shared/stop-sale-basics'

describe('stop sales', () => {
  // [status, actions when it lacks a mapping, actions when it resolves]
  const table: Array<[(typeof stopSaleStatuses)[number], RecordAction[], RecordAction[]]> = [
    ['pending', ['sync'], ['sync']],
    ['queued', ['sync', 'tryNow'], ['sync', 'tryNow']],
    ['creating', ['sync', 'tryNow'], ['sync', 'tryNow']],
    ['created', ['sync', 'tryNow'], ['sync', 'tryNow']],
    ['updating', ['sync', 'tryNow'], ['sync', 'tryNow']],
    ['synced', [], []],
    ['needs_attention', ['sync', 'fix'], ['sync']],
    ['needs_review', [], []],
    ['failed', ['sync'], ['sync']],
    // Sedna's copy changed, or vanished: a person accepts it or sends ours again (never a plain Sync).
    ['changed_in_sedna', ['acceptSedna', 'sendOursAgain'], ['acceptSedna', 'sendOursAgain']],
    ['missing_in_sedna', ['sendOursAgain'], ['sendOursAgain']],
  ]

  it('covers every status', () => {
    expect(table.map(([s]) => s).sort()).toEqual([...stopSaleStatuses].sort())
  })

  it.each(table)('%s → %j (unresolved), %j (resolved)', (status, unresolved, resolved) => {
    expect(stopSaleActions({ status, unresolved: true })).toEqual(unresolved)
    expect(stopSaleActions({ status, unresolved: false })).toEqual(resolved)
  })
})

describe('reservations', () => {
  type Progress = { sednaRecId: number | null; sendStartedAt: string | null }
  const never: Progress = { sednaRecId: null, sendStartedAt: null }
  const sent: Progress = { sednaRecId: 500001, sendStartedAt: '2026-01-01T10:00:00.000Z' }
  const started: Progress = { sednaRecId: null, sendStartedAt: '2026-01-01T10:00:00.000Z' }
  // [status, how far it went, actions when it lacks a mapping, actions when it resolves]
  const table: Array<[ReservationStatusName, Progress, RecordAction[], RecordAction[]]> = [
    ['pending', never, ['sync', 'fix', 'cancel'], ['sync', 'cancel']],
    ['queued', never, ['sync', 'cancel', 'tryNow'], ['sync', 'cancel', 'tryNow']],
    // InsertReservation may be out: neither a local cancel nor a fix.
    ['sending', started, ['sync', 'tryNow'], ['sync', 'tryNow']],
    ['synced', sent, ['cancel'], ['cancel']],
    ['cancelling', sent, ['tryNow'], ['tryNow']],
    ['cancelled', sent, [], []],
    ['needs_attention', never, ['sync', 'fix', 'cancel'], ['sync', 'cancel']],
    // Sent once (its outcome was unknown): no local cancel, a person decides.
    ['needs_attention', started, ['sync', 'fix'], ['sync']],
    ['needs_review', started, [], []],
    ['failed', never, ['sync', 'fix', 'cancel'], ['sync', 'cancel']],
    ['failed', sent, ['sync', 'fix'], ['sync']],
  ]

  it('covers every status', () => {
    expect([...new Set(table.map(([s]) => s))].sort()).toEqual([...reservationStatuses].sort())
  })

  it.each(table)('%s (%j) → %j (unresolved), %j (resolved)', (status, progress, unresolved, resolved) => {
    expect(reservationActions({ status, unresolved: true, ...progress })).toEqual(unresolved)
    expect(reservationActions({ status, unresolved: false, ...progress })).toEqual(resolved)
  })
})
