/**
 * Sedna's reference data (hotels, room types, boards, countries for guests' nationalities) cached in SQLite per profile, so that a sync
 * needs no reference calls and the app works offline. A refresh fetches everything first and then
 * replaces each kind in one transaction; a failed refresh keeps the old data and marks it stale.
 */
import { and, count, eq } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { ReferenceKind, ReferenceStatus } from '../../shared/profiles'
import type { Db } from '../db/database'
import { refBoards, refCountries, refHotels, refRefreshes, refRoomTypes, type ProfileRow } from '../db/schema'
import type { EventBus } from '../events'
import type { SednaClient } from '../sedna/client'
import { SednaError } from '../sedna/failures'
import { AppFailure } from '../errors'
import { message } from '../../shared/messages'
import { storedMessage } from '../records/stored-message'
import { foldName, normalizeCode, normalizeHotelName } from './hotel-matching'

export const DEFAULT_TTL_HOURS = 24
const ROOM_TYPE_BATCH = 100
const kinds: ReferenceKind[] = ['hotels', 'roomTypes', 'boards', 'countries']

export interface ReferenceCache {
  status(profileId: number): ReferenceStatus
  /** Fetch everything now. Never throws for Sedna failures: they end up in the status. */
  refresh(profile: ProfileRow, client: SednaClient): Promise<ReferenceStatus>
  /** Refresh when any kind is older than the TTL (or was never fetched). */
  ensureFresh(profile: ProfileRow, client: () => Promise<SednaClient>): Promise<ReferenceStatus>
}

export function createReferenceCache(deps: {
  db: Db
  events: EventBus
  ttlHours?: number
  now?: () => Date
}): ReferenceCache {
  const { db, events } = deps
  const ttlHours = deps.ttlHours ?? DEFAULT_TTL_HOURS
  const now = deps.now ?? (() => new Date())

  function status(profileId: number): ReferenceStatus {
    const rows = db.select().from(refRefreshes).where(eq(refRefreshes.profileId, profileId)).all()
    const counts: Record<ReferenceKind, number> = {
      hotels: db.select({ n: count() }).from(refHotels).where(eq(refHotels.profileId, profileId)).get()?.n ?? 0,
      roomTypes:
        db.select({ n: count() }).from(refRoomTypes).where(eq(refRoomTypes.profileId, profileId)).get()?.n ?? 0,
      boards: db.select({ n: count() }).from(refBoards).where(eq(refBoards.profileId, profileId)).get()?.n ?? 0,
      countries:
        db.select({ n: count() }).from(refCountries).where(eq(refCountries.profileId, profileId)).get()?.n ?? 0,
    }
    return {
      profileId,
      ttlHours,
      kinds: kinds.map((kind) => {
        const r = rows.find((x) => x.kind === kind)
        return {
          kind,
          count: counts[kind],
          skipped: r?.skippedCount ?? 0,
          refreshedAt: r?.refreshedAt ?? null,
          stale: r?.stale ?? false,
          lastError: r?.lastErrorCode
            ? storedMessage(r.lastErrorCode, r.lastErrorParams)
            : r?.lastError
              ? message('reference.refreshFailed', { detail: r.lastError })
              : null,
        }
      }),
    }
  }

  function record(
    profileId: number,
    kind: ReferenceKind,
    outcome: { ok: true; items: number; skipped: number } | { ok: false; error: unknown },
  ) {
    const at = now().toISOString()
    const values = outcome.ok
      ? {
          refreshedAt: at,
          itemCount: outcome.items,
          skippedCount: outcome.skipped,
          stale: false,
          lastError: null,
          lastErrorCode: null,
          lastErrorParams: null,
          lastTriedAt: at,
        }
      : failed(outcome.error, at)
    db.insert(refRefreshes)
      .values({ profileId, kind, ...values })
      .onConflictDoUpdate({ target: [refRefreshes.profileId, refRefreshes.kind], set: values })
      .run()
  }

  async function refresh(profile: ProfileRow, client: SednaClient): Promise<ReferenceStatus> {
    const profileId = profile.id
    let operatorId: number
    try {
      operatorId = client.operatorId ?? (await client.login())
    } catch (err) {
      for (const kind of kinds) record(profileId, kind, { ok: false, error: err })
      events.emit('reference.changed', { profileId })
      return status(profileId)
    }

    /**
     * One kind: fetched, then (when Sedna answered) what is cached replaced by it in one transaction; its
     * outcome recorded either way. Answers whether it was replaced.
     */
    async function refreshKind<T>(
      kind: ReferenceKind,
      fetch: () => Promise<{ items: T[]; skipped: number }>,
      table: typeof refHotels | typeof refRoomTypes | typeof refBoards | typeof refCountries,
      insert: (item: T) => void,
    ): Promise<boolean> {
      try {
        const { items, skipped } = await fetch()
        db.transaction(() => {
          db.delete(table).where(eq(table.profileId, profileId)).run()
          for (const item of items) insert(item)
        })
        record(profileId, kind, { ok: true, items: items.length, skipped })
        return true
      } catch (err) {
        record(profileId, kind, { ok: false, error: err })
        return false
      }
    }
    const put = <T extends SQLiteTable>(table: T, values: T['$inferInsert']) =>
      void db.insert(table).values(values).onConflictDoNothing().run()

    // Hotels first: per-hotel room types need their ids.
    await refreshKind(
      'hotels',
      () => client.getHotels(operatorId),
      refHotels,
      (h) =>
        put(refHotels, {
          profileId,
          sednaId: h.id,
          name: h.name,
          nameKey: normalizeHotelName(h.name),
          code: h.code ?? null,
          region: h.region ?? null,
        }),
    )
    const hotelIds = db
      .select({ id: refHotels.sednaId })
      .from(refHotels)
      .where(eq(refHotels.profileId, profileId))
      .all()
      .map((r) => r.id)
    await refreshKind(
      'roomTypes',
      async () => {
        const operatorWide = await client.getRoomTypes(operatorId)
        const items = operatorWide.items.map((r) => ({ hotelId: 0, id: r.id, code: r.code, name: r.name }))
        let skipped = operatorWide.skipped
        for (let i = 0; i < hotelIds.length; i += ROOM_TYPE_BATCH) {
          const batch = await client.getHotelRoomTypes(hotelIds.slice(i, i + ROOM_TYPE_BATCH))
          items.push(...batch.items)
          skipped += batch.skipped
        }
        return { items, skipped }
      },
      refRoomTypes,
      (r) =>
        put(refRoomTypes, {
          profileId,
          hotelId: r.hotelId,
          sednaId: r.id,
          code: normalizeCode(r.code),
          name: r.name ?? null,
        }),
    )
    await refreshKind(
      'boards',
      () => client.getBoards(),
      refBoards,
      (b) => put(refBoards, { profileId, sednaId: b.id, code: normalizeCode(b.code), name: b.name ?? null }),
    )
    // Countries: what guests' nationalities resolve to (reservations).
    await refreshKind(
      'countries',
      () => client.getCountries(),
      refCountries,
      (c) =>
        put(refCountries, {
          profileId,
          sednaId: c.id,
          name: c.name,
          nameKey: foldName(c.name),
          code: c.code ? normalizeCode(c.code) : null,
        }),
    )
    events.emit('reference.changed', { profileId })
    return status(profileId)
  }

  return {
    status,
    refresh,
    async ensureFresh(profile, client) {
      const current = status(profile.id)
      const limit = now().getTime() - ttlHours * 3_600_000
      const due = current.kinds.some((k) => !k.refreshedAt || Date.parse(k.refreshedAt) < limit)
      return due ? refresh(profile, await client()) : current
    },
  }
}

/** A failed refresh as stored: the failure's own code when it has one, else its words as a detail. */
function failed(err: unknown, at: string) {
  const text = err instanceof Error ? err.message : String(err)
  const coded =
    err instanceof SednaError && err.coded
      ? err.coded
      : err instanceof AppFailure && err.code
        ? { code: err.code, params: err.params ?? {} }
        : { code: 'reference.refreshFailed', params: { detail: text } }
  return {
    stale: true,
    lastError: text,
    lastErrorCode: coded.code,
    lastErrorParams: coded.params,
    lastTriedAt: at,
  }
}

/** Rows of one profile's cache, for resolution. */
export function cachedHotels(db: Db, profileId: number) {
  return db
    .select({ id: refHotels.sednaId, name: refHotels.name, nameKey: refHotels.nameKey })
    .from(refHotels)
    .where(eq(refHotels.profileId, profileId))
    .all()
}

export function cachedRoomTypes(db: Db, profileId: number, hotelId: number) {
  return db
    .select({ id: refRoomTypes.sednaId, code: refRoomTypes.code, name: refRoomTypes.name })
    .from(refRoomTypes)
    .where(and(eq(refRoomTypes.profileId, profileId), eq(refRoomTypes.hotelId, hotelId)))
    .orderBy(refRoomTypes.sednaId)
    .all()
}

export function cachedBoards(db: Db, profileId: number) {
  return db
    .select({ id: refBoards.sednaId, code: refBoards.code, name: refBoards.name })
    .from(refBoards)
    .where(eq(refBoards.profileId, profileId))
    .orderBy(refBoards.sednaId)
    .all()
}

export function cachedCountries(db: Db, profileId: number) {
  return db
    .select({
      id: refCountries.sednaId,
      name: refCountries.name,
      nameKey: refCountries.nameKey,
      code: refCountries.code,
    })
    .from(refCountries)
    .where(eq(refCountries.profileId, profileId))
    .orderBy(refCountries.nameKey, refCountries.sednaId)
    .all()
}
