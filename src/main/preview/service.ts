/**
 * The preview of a sync (#15): for a selection, or for exactly what "Sync all pending" would send, what
 * each stop sale would do in Sedna — create, adopt (the look before the first send would find it there),
 * update (phase 2 on its RecId), or wait for a person — and what it overlaps or opens again. It writes
 * nothing, here or in Sedna: one GetStopSaleList per hotel concerned (the mirror answers where Sedna cannot
 * be read). `sendPreviewed` then sends exactly the records shown, and only while none of them changed; the
 * runner still looks before every first send, so a stop is written once even if Sedna changed since.
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { SyncPreview, PreviewItem, PreviewedItem } from '../../shared/contracts/calendar'
import { message, type Message } from '../../shared/messages'
import type { Notice } from '../../shared/net-state'
import type { SyncSummary } from '../../shared/sync'
import type { Db } from '../db/database'
import { reservations, stopSales, type ProfileRow, type StopSaleRow } from '../db/schema'
import { databaseTrouble } from '../db/sqlite-errors'
import { AppFailure } from '../errors'
import type { MirrorService } from '../mirror/service'
import { timeOf } from '../mirror/read-record'
import { failureMessage, withFailure } from '../outbox/messages'
import type { SyncService } from '../outbox/service'
import { accountOf } from '../records/account'
import { unresolvedMessage } from '../reference/unresolved'
import type { SednaClient } from '../sedna/client'
import { SednaError } from '../sedna/failures'
import type { SednaStopSaleRecord } from '../sedna/responses'
import { findSameScope } from '../sedna/stop-sale-scope'
import type { ResolvedIds } from '../sedna/stop-sale-payload'
import { SENDABLE_STATUSES, type SyncQueue } from '../stop-sales/queue'
import { declareDateOf, localNoticesOf, ourScopeOf, type ScopeReference } from '../stop-sales/sync'
import type { Resolution } from '../../shared/resolution'
import { localNotice, overlapOf, reopenOf, type Effecting } from './effects'
import { noticeOfRecord, readRecords, recordOfMirrorRow, type ReadRecord } from './sedna-records'

export interface PreviewService {
  preview(ids: readonly number[] | undefined): Promise<SyncPreview>
  sendPreviewed(input: {
    stopSales: readonly PreviewedItem[]
    reservations: readonly PreviewedItem[]
  }): Promise<SyncSummary>
  /** A preview's looks at this account are under way (their exchanges do not decide whether Sedna answers). */
  isLooking(profileId: number): boolean
}

export interface PreviewDeps {
  db: Db
  activeProfile(): ProfileRow | undefined
  client(profile: ProfileRow): Promise<SednaClient>
  mirror: Pick<MirrorService, 'records' | 'status'>
  /** How the sync resolves a row into Sedna ids (resolve.ts). */
  resolve(profile: ProfileRow, row: StopSaleRow): Resolution
  reference: ScopeReference
  queue: Pick<SyncQueue, 'recIdsHeld' | 'localOpposites'>
  sync: Pick<SyncService, 'syncStopSales' | 'syncReservations' | 'summarize'>
  /** Hotels looked at in Sedna at once (default 4). */
  concurrency?: number
}

/** A stop sale on its way through the preview. */
interface Step {
  row: StopSaleRow
  profile?: ProfileRow
  resolution?: ResolvedIds
  reason?: Message
}

/** What Sedna holds at one hotel for the previewed nights, and whether it is fresh. */
interface HotelLook {
  profile: ProfileRow
  hotelId: number
  hotelName: string
  from: string
  to: string
  operatorId: number
  records: SednaStopSaleRecord[]
  skipped: number
  /** Why Sedna could not be read (the mirror answered); undefined when fresh. */
  failure?: unknown
}

const sendable = new Set<string>(SENDABLE_STATUSES)

export function createPreviewService(deps: PreviewDeps): PreviewService {
  const { db } = deps

  function selected(ids: readonly number[] | undefined): StopSaleRow[] {
    // "All pending" is the very selection enqueue('all-pending') takes: status pending, any account.
    if (!ids) return db.select().from(stopSales).where(eq(stopSales.status, 'pending')).orderBy(asc(stopSales.id)).all()
    const wanted = [...new Set(ids)]
    const rows = db.select().from(stopSales).where(inArray(stopSales.id, wanted)).orderBy(asc(stopSales.id)).all()
    const missing = wanted.filter((id) => !rows.some((r) => r.id === id))
    if (missing.length) {
      throw AppFailure.coded(
        'not-found',
        message('preview.unknownIds', { ids: missing.join(', '), count: missing.length }),
      )
    }
    return rows
  }

  /** The account and Sedna ids the runner would send it with, or why it would not be sent. */
  function prepare(row: StopSaleRow): Step {
    if (!sendable.has(row.status)) return { row, reason: message('preview.notSendable', { status: row.status }) }
    // The runner's steps 1 and 2 (outbox/runner.ts): its own account once it may have gone out, the
    // resolution frozen as stored then.
    const wentOut = row.sednaRecId !== null || row.phase1SentAt !== null
    const profile = row.profileId === null && wentOut ? undefined : accountOf(db, deps.activeProfile, row.profileId)
    if (!profile)
      return { row, reason: message(row.profileId !== null || wentOut ? 'park.accountDeleted' : 'park.noAccount') }
    if (!profile.operatorCode) return { row, reason: message('park.noOperatorCode', { account: profile.name }) }
    const stored = row.resolution
    const resolved = wentOut && stored?.ok ? stored : deps.resolve(profile, row)
    if (!resolved.ok) return { row, profile, reason: unresolvedMessage(resolved.unresolved) }
    return { row, profile, resolution: resolved }
  }

  /** Looks in flight per account: a preview finding Sedna down must not queue the next sync untried. */
  const looking = new Map<number, number>()

  async function look(l: HotelLook): Promise<void> {
    looking.set(l.profile.id, (looking.get(l.profile.id) ?? 0) + 1)
    try {
      const client = await deps.client(l.profile)
      l.operatorId = client.operatorId ?? l.profile.operatorId ?? (await client.login())
      const listed = await client.getStopSaleList({ hotelId: l.hotelId, stopDateBegin: l.from, stopDateEnd: l.to })
      l.records = listed.items
      l.skipped = listed.skipped
    } catch (err) {
      // Sedna not reachable, or refusing the account: the mirror answers. A bug or the database is thrown on.
      if (databaseTrouble(err) || !(err instanceof SednaError || err instanceof AppFailure)) throw err
      l.failure = err
      l.records = deps.mirror.records(l.profile.id, l.hotelId, l.from, l.to).map(recordOfMirrorRow)
    } finally {
      const left = (looking.get(l.profile.id) ?? 1) - 1
      if (left > 0) looking.set(l.profile.id, left)
      else looking.delete(l.profile.id)
    }
  }

  async function lookAll(looks: HotelLook[]): Promise<void> {
    let next = 0
    const worker = async () => {
      while (next < looks.length) await look(looks[next++]!)
    }
    await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, looks.length) }, worker))
  }

  async function preview(ids: readonly number[] | undefined): Promise<SyncPreview> {
    const active = deps.activeProfile()
    if (!active) throw AppFailure.coded('validation', message('park.noAccount'))
    const previewedAt = new Date().toISOString()
    const steps = selected(ids).map(prepare)

    // One look per account and hotel, over every previewed night there.
    const looks = new Map<string, HotelLook>()
    for (const s of steps) {
      if (!s.resolution) continue
      const key = `${s.profile!.id}:${s.resolution.hotelId}`
      const l = looks.get(key)
      if (!l) {
        looks.set(key, {
          profile: s.profile!,
          hotelId: s.resolution.hotelId,
          hotelName: s.row.hotelName,
          from: s.row.firstNight,
          to: s.row.lastNight,
          operatorId: s.profile!.operatorId ?? 0,
          records: [],
          skipped: 0,
        })
      } else {
        if (s.row.firstNight < l.from) l.from = s.row.firstNight
        if (s.row.lastNight > l.to) l.to = s.row.lastNight
      }
    }
    await lookAll([...looks.values()])
    const lookOf = (s: Step) => looks.get(`${s.profile!.id}:${s.resolution!.hotelId}`)!
    const read = new Map<HotelLook, ReadRecord[]>()
    const readOf = (l: HotelLook) => {
      if (!read.has(l)) {
        read.set(
          l,
          readRecords(l.records, {
            hotelId: l.hotelId,
            operatorId: l.operatorId,
            operatorCode: l.profile.operatorCode!,
            hotelRooms: deps.reference.hotelRooms(l.profile.id, l.hotelId),
            boards: deps.reference.boards(l.profile.id),
          }),
        )
      }
      return read.get(l)!
    }

    // Create, adopt, update or blocked: the look before the first send, as the runner makes it.
    const adoptedHere = new Set<string>()
    const items: PreviewItem[] = []
    const effecting = new Map<number, { effect: Effecting; look: HotelLook }>()
    for (const s of steps) {
      const { row } = s
      const item: PreviewItem = {
        id: row.id,
        updatedAt: row.updatedAt,
        action: 'blocked',
        hotelId: s.resolution?.hotelId ?? row.hotelId,
        hotelName: row.hotelName,
        kind: row.kind,
        firstNight: row.firstNight,
        lastNight: row.lastNight,
        recId: null,
        overlap: [],
        reopen: [],
        reason: s.reason ?? null,
      }
      items.push(item)
      if (!s.resolution) continue
      const l = lookOf(s)
      const profile = s.profile!
      if (row.sednaRecId !== null) {
        item.action = 'update'
        item.recId = row.sednaRecId
      } else if (l.skipped > 0) {
        item.reason = message('lookup.stopSaleUnreadable', { count: l.skipped })
      } else {
        const answer = findSameScope(
          ourScopeOf(row, s.resolution, profile, l.operatorId, deps.reference),
          l.records,
          (recIds) => {
            const held = deps.queue.recIdsHeld(profile.id, recIds, row.id)
            // One Sedna record is adopted once, in this preview too.
            for (const recId of recIds) if (adoptedHere.has(`${profile.id}:${recId}`)) held.add(recId)
            return held
          },
          localNoticesOf(deps.queue.localOpposites(row)),
        )
        if (answer.outcome === 'found') {
          item.action = 'adopt'
          item.recId = answer.record.RecId
          adoptedHere.add(`${profile.id}:${answer.record.RecId}`)
        } else if (answer.outcome === 'absent') item.action = 'create'
        else item.reason = answer.evidence
      }
      if (item.action === 'create' || item.action === 'update') {
        const r = s.resolution
        effecting.set(row.id, {
          look: l,
          effect: {
            id: row.id,
            kind: row.kind,
            firstNight: row.firstNight,
            lastNight: row.lastNight,
            rooms: r.allRooms ? 'all' : r.roomTypeIds,
            boards: r.allBoards ? 'all' : r.boardIds,
            declaredAt: timeOf(declareDateOf(row)) ?? '',
            recId: item.recId,
          },
        })
      }
    }

    // Overlaps and reopened nights. The closes sent in the same go count for an open-sale's reopen (they
    // are in Sedna by then); the rule's declaration order decides between them and the open-sale.
    for (const item of items) {
      const e = effecting.get(item.id)
      if (!e) continue
      const records = readOf(e.look)
      item.overlap = overlapOf(e.effect, records)
      if (e.effect.kind !== 'open') continue
      const notices: Notice[] = records.flatMap((r) => noticeOfRecord(r) ?? [])
      for (const other of effecting.values()) {
        if (other.look === e.look && other.effect.kind === 'close') notices.push(localNotice(other.effect))
      }
      item.reopen = reopenOf(e.effect, notices, {
        rooms: deps.reference.hotelRooms(e.look.profile.id, e.look.hotelId).map((x) => x.id),
        boards: deps.reference.boards(e.look.profile.id).map((x) => x.id),
      })
    }

    const stale = [...looks.values()].filter((l) => l.failure !== undefined)
    const count = (action: PreviewItem['action']) => items.filter((i) => i.action === action).length
    return {
      profileId: active.id,
      previewedAt,
      fresh: stale.length === 0,
      notice: stale.length
        ? withFailure('preview.mirrorOnly', failureMessage(stale[0]!.failure), {
            hotels: [...new Set(stale.map((l) => l.hotelName))].join(', '),
            count: stale.length,
          })
        : null,
      mirrorPulledAt:
        deps.mirror.status().accounts.find((a) => a.profileId === active.id)?.lastPull?.finishedAt ?? null,
      items,
      create: count('create'),
      adopt: count('adopt'),
      update: count('update'),
      blocked: count('blocked'),
      overlap: items
        .filter((i) => i.overlap.length)
        .map((i) => ({
          id: i.id,
          recIds: i.overlap.map((o) => o.recId),
          nights: [...new Set(i.overlap.flatMap((o) => o.nights))].sort(),
        })),
      reopen: items.filter((i) => i.reopen.length).map((i) => ({ id: i.id, nights: i.reopen })),
      reservations: ids
        ? []
        : db
            .select({ id: reservations.id, updatedAt: reservations.updatedAt })
            .from(reservations)
            .where(eq(reservations.status, 'pending'))
            .orderBy(asc(reservations.id))
            .all(),
    }
  }

  /** How many of the previewed records are gone or changed since (their updatedAt differs). */
  function staleCount(table: typeof stopSales | typeof reservations, previewed: readonly PreviewedItem[]): number {
    if (!previewed.length) return 0
    const now = new Map(
      db
        .select({ id: table.id, updatedAt: table.updatedAt })
        .from(table)
        .where(and(inArray(table.id, [...new Set(previewed.map((p) => p.id))])))
        .all()
        .map((r) => [r.id, r.updatedAt]),
    )
    return previewed.filter((p) => now.get(p.id) !== p.updatedAt).length
  }

  async function sendPreviewed(input: {
    stopSales: readonly PreviewedItem[]
    reservations: readonly PreviewedItem[]
  }): Promise<SyncSummary> {
    if (!input.stopSales.length && !input.reservations.length) {
      throw AppFailure.coded('validation', message('preview.nothing'))
    }
    // All or nothing: one record changed since the preview and the staff saw something else than what would go.
    const stale = staleCount(stopSales, input.stopSales) + staleCount(reservations, input.reservations)
    if (stale) throw AppFailure.coded('conflict', message('preview.stale', { count: stale }))
    const stopIds = [...new Set(input.stopSales.map((p) => p.id))]
    const reservationIds = [...new Set(input.reservations.map((p) => p.id))]
    // Both enqueued before either waits (each call marks its rows at once), then one engine run sends them.
    await Promise.all([
      stopIds.length ? deps.sync.syncStopSales(stopIds) : undefined,
      reservationIds.length ? deps.sync.syncReservations(reservationIds) : undefined,
    ])
    return deps.sync.summarize({ stopSales: stopIds, reservations: reservationIds })
  }

  return { preview, sendPreviewed, isLooking: (profileId) => looking.has(profileId) }
}
