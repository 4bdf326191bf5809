/**
 * After a mapping was stored: the parked stop sales and reservations of that account it concerns,
 * resolved again (inside the mapping's transaction). Those that resolve go back to pending; the others
 * keep waiting with what they still lack, stored as their last error (a code, and its English).
 */
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { MappingResult } from '../../shared/mappings'
import type { Message } from '../../shared/messages'
import type { ReservationUnresolved } from '../../shared/reservations'
import type { Resolution, Unresolved } from '../../shared/resolution'
import type { Db } from '../db/database'
import { reservations, stopSales, type ProfileRow } from '../db/schema'
import { resolveReservation } from '../reservations/resolve'
import type { ResolveInput } from '../stop-sales/resolve'
import { wordMessage } from '../../shared/messages/word'
import { unresolvedMessage } from '../reference/unresolved'

/** Which parked records a mapping concerns: by hotel name, or by what their resolution lacks. */
export type Concerns =
  { hotelKey: string } | { unresolved: (u: Unresolved | ReservationUnresolved) => boolean; reservationsOnly?: boolean }

/** The columns a re-resolved record's waiting state is written to. */
function waiting<R>(resolution: R, why: Message | null, now: string) {
  return why
    ? {
        resolution,
        lastError: wordMessage(why),
        lastErrorCode: why.code,
        lastErrorParams: why.params ?? null,
        updatedAt: now,
      }
    : {
        status: 'pending' as const,
        resolution: null,
        lastError: null,
        lastErrorCode: null,
        lastErrorParams: null,
        nextAttemptAt: null,
        updatedAt: now,
      }
}

export function reapplyParked(
  db: Db,
  opts: {
    profile: ProfileRow
    /** Records never sent (no account yet) are resolved with the active account. */
    isActive: boolean
    concerns: Concerns
    resolveStopSale: (input: ResolveInput) => Resolution
  },
): MappingResult {
  const { profile, concerns } = opts
  const now = new Date().toISOString()
  const concerned = (r: {
    resolution: { ok: boolean; unresolved?: readonly (Unresolved | ReservationUnresolved)[] } | null
  }) => 'hotelKey' in concerns || (r.resolution?.ok === false && r.resolution.unresolved!.some(concerns.unresolved))
  const ofAccount = (column: typeof stopSales.profileId | typeof reservations.profileId): SQL =>
    opts.isActive ? or(eq(column, profile.id), isNull(column))! : eq(column, profile.id)

  const stopSale = { released: [] as number[], stillNeedsAttention: [] as number[] }
  if (!('reservationsOnly' in concerns && concerns.reservationsOnly)) {
    const candidates = db
      .select()
      .from(stopSales)
      .where(
        and(
          eq(stopSales.status, 'needs_attention'),
          // Parked for want of a mapping (not for credentials or a missing operator code).
          sql`json_extract(${stopSales.resolution}, '$.ok') = 0`,
          ofAccount(stopSales.profileId),
          'hotelKey' in concerns ? eq(stopSales.hotelKey, concerns.hotelKey) : undefined,
        ),
      )
      .all()
      .filter(concerned)
    const memo = new Map<string, Resolution>()
    for (const c of candidates) {
      const key = JSON.stringify([c.hotelName, c.hotelId, c.roomCodes, c.boardCodes])
      let r = memo.get(key)
      if (!r) memo.set(key, (r = opts.resolveStopSale(c)))
      const why = r.ok ? null : unresolvedMessage(r.unresolved)
      db.update(stopSales)
        .set(waiting(r, why, now))
        .where(and(eq(stopSales.id, c.id), eq(stopSales.status, 'needs_attention')))
        .run()
      ;(why ? stopSale.stillNeedsAttention : stopSale.released).push(c.id)
    }
  }

  const reservation = { released: [] as number[], stillNeedsAttention: [] as number[] }
  const parked = db
    .select()
    .from(reservations)
    .where(
      and(
        // Parked, or pending since the import with what was missing then (never sent: nothing in flight).
        inArray(reservations.status, ['needs_attention', 'pending']),
        sql`json_extract(${reservations.resolution}, '$.ok') = 0`,
        ofAccount(reservations.profileId),
        'hotelKey' in concerns ? eq(reservations.hotelKey, concerns.hotelKey) : undefined,
      ),
    )
    .all()
    .filter(concerned)
  for (const c of parked) {
    const r = resolveReservation(db, profile.id, c)
    const why = r.ok ? null : unresolvedMessage(r.unresolved)
    db.update(reservations)
      .set(waiting(r, why, now))
      .where(and(eq(reservations.id, c.id), eq(reservations.status, c.status)))
      .run()
    ;(why ? reservation.stillNeedsAttention : reservation.released).push(c.id)
  }

  return {
    ...stopSale,
    ...(reservation.released.length || reservation.stillNeedsAttention.length ? { reservations: reservation } : {}),
  }
}
