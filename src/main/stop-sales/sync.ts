/**
 * Stop sales as a kind of the outbox: what differs from any other record on its way to Sedna — the
 * vendor's two-phase save, as a persisted state machine:
 *   queued → creating (phase 1 may be out) → created (RecId committed) → updating → synced
 * Each step's local write is committed before its request (the outbox runner's turn.write), so after a
 * crash or a lost answer the next turn resumes where it was: phase 2 again (idempotent), or a look in
 * Sedna before a phase 1 is ever repeated (the runner looks when `outcomeUnknown`). Before the very
 * first send it looks too: another desk, or a person in Sedna's screens, may have entered the same stop
 * already (sedna/stop-sale-scope.ts); found → adopted, nothing written. The shared steps — account,
 * frozen resolution, client, attempts, classification, backoff, park — are the runner's.
 */
import { message } from '../../shared/messages'
import type { Resolution } from '../../shared/resolution'
import type { ProfileRow, StopSaleRow } from '../db/schema'
import type { LookUpAnswer, OutboxJob, OutboxKind, Turn } from '../outbox/kind'
import type { ItemOutcome } from '../outbox/outcome'
import type { CallOptions, UpdateStopSaleBody } from '../sedna/client'
import { withFailure } from '../outbox/messages'
import { parkRow } from '../outbox/turn'
import type { SednaStopSaleRecord } from '../sedna/responses'
import { findSentStopSale } from '../sedna/stop-sale-lookup'
import { buildStopSalePayload, declareDateFor, type ResolvedIds } from '../sedna/stop-sale-payload'
import { findSameScope, type LocalNotice, type OurScope } from '../sedna/stop-sale-scope'
import { HotelLooks } from './looks'
import type { AttemptRecord, SyncQueue } from './queue'

type StopSaleTurn = Turn<StopSaleRow, Resolution>

/** What the look before a first send needs of the reference cache: "all" is a full list too. */
export interface ScopeReference {
  hotelRooms(profileId: number, hotelId: number): { id: number; code: string }[]
  boards(profileId: number): { id: number; code: string }[]
}

/** The DeclareDate a row goes out with: the one stored, else when the hotel's e-mail came (or the import). */
export const declareDateOf = (row: Pick<StopSaleRow, 'declareDate' | 'sourceReceivedAt' | 'createdAt'>) =>
  row.declareDate ?? declareDateFor(row.sourceReceivedAt, row.createdAt)

/**
 * The row as the look before its first send compares it with Sedna's records (findSameScope): with this
 * account, operator id and resolution. The sync's look and the preview (main/preview) both build it here.
 */
export function ourScopeOf(
  row: StopSaleRow,
  r: ResolvedIds,
  profile: Pick<ProfileRow, 'id' | 'operatorCode' | 'allRooms' | 'allBoards'>,
  operatorId: number,
  reference: ScopeReference,
): OurScope {
  return {
    hotelId: r.hotelId,
    firstNight: row.firstNight,
    lastNight: row.lastNight,
    stopType: row.kind === 'close' ? 0 : 1,
    declareDate: declareDateOf(row),
    operatorId,
    operatorCode: profile.operatorCode!,
    resolution: r,
    allRooms: profile.allRooms,
    allBoards: profile.allBoards,
    hotelRooms: reference.hotelRooms(profile.id, r.hotelId),
    boards: reference.boards(profile.id),
  }
}

/** This desk's notices of the other kind, as findSameScope counts them (notices in between). */
export const localNoticesOf = (opposites: readonly StopSaleRow[]): LocalNotice[] =>
  opposites.map((o) => ({ ...o, declareDate: declareDateOf(o) }))

/** The stop-sale kind of the outbox over its queue; `resolve` turns a row into Sedna ids (resolve.ts). */
export function stopSaleKind(
  queue: SyncQueue,
  resolve: (profile: ProfileRow, row: StopSaleRow) => Resolution,
  reference: ScopeReference,
  looks = new HotelLooks(),
): OutboxKind<StopSaleRow, Resolution> {
  /** The Sedna record a first-send look found, until the runner hands it to adopt. */
  const foundBy = new Map<number, SednaStopSaleRecord>()
  /** RecIds found for a row of this process and not yet stored: no concurrent turn adopts them too. */
  const reserved = new Map<number, number>()

  /** Before a first send: is the same stop already in Sedna (another desk, or typed in there)? */
  async function lookFirst(t: StopSaleTurn, options: CallOptions): Promise<LookUpAnswer> {
    const r = t.resolution as ResolvedIds
    const row = t.row
    const listed = await looks.records(
      t.profile.id,
      r.hotelId,
      { from: row.firstNight, to: row.lastNight },
      () => queue.waitingSpan(row),
      (from, to) => t.client.getStopSaleList({ hotelId: r.hotelId, stopDateBegin: from, stopDateEnd: to }, options),
    )
    // Items Sedna listed that could not be read (no RecId…) may be this very stop: a person decides.
    if (listed.skipped > 0) {
      return { outcome: 'undecidable', evidence: message('lookup.stopSaleUnreadable', { count: listed.skipped }) }
    }
    const answer = findSameScope(
      ourScopeOf(row, r, t.profile, t.operatorId, reference),
      listed.items,
      (recIds) => {
        const held = queue.recIdsHeld(t.profile.id, recIds, row.id)
        for (const [recId, by] of reserved) if (by !== row.id) held.add(recId)
        return held
      },
      localNoticesOf(queue.localOpposites(row)),
    )
    if (answer.outcome !== 'found') return answer
    foundBy.set(row.id, answer.record)
    reserved.set(answer.record.RecId, row.id)
    return { outcome: 'found', recId: answer.record.RecId, note: answer.note }
  }

  /** Stores an adoption; the RecId's reservation ends with it (it is in the database then). */
  function adoptOnce<T>(recId: number, store: () => T): T {
    try {
      return store()
    } finally {
      reserved.delete(recId)
    }
  }

  /** Adopted instead of sent: its RecId, who recorded it in Sedna and when; nothing written there. */
  function adoptFound(t: StopSaleTurn, recId: number): ItemOutcome {
    const record = foundBy.get(t.row.id)
    foundBy.delete(t.row.id)
    const text = (v: unknown) => (typeof v === 'string' && v ? v : null)
    const adopted = adoptOnce(recId, () =>
      queue.adopt(
        t.row.id,
        {
          recId,
          recordUser: text(record?.RecordUser),
          declareDate: text(record?.DeclareDate),
          recordDate: text(record?.UpdateDate) ?? text(record?.RecordDate),
          adoptedAt: new Date().toISOString(),
        },
        { profileId: t.profile.id, declareDate: declareDateOf(t.row), resolution: t.resolution! },
      ),
    )
    if (adopted === 'lost') t.hold(false)
    if (adopted === 'taken') {
      // Another process on this data folder took that RecId a moment ago: look again shortly.
      const why = message('outbox.recIdTaken', { recId })
      t.hold(queue.retryLater(t.row.id, 1_000, why, false))
      return { kind: 'retry', offline: false, message: why }
    }
    return { kind: 'synced', recId }
  }
  /** The UpdateStopSale body: phase 1 with RecId 0, phase 2 with the RecId Sedna gave. */
  const body = (t: StopSaleTurn, recId: number): UpdateStopSaleBody => {
    const built = freshBody(t, recId)
    // While phase 1's outcome is unknown, its master goes again exactly as it went (the account's record
    // user, operator code or authority changed since or not): the look recognises it, a resend is the same.
    // Once the RecId is stored, the record is ours to update from its row (e.g. after accepting Sedna's).
    const unknown = t.row.phase1SentAt !== null && t.row.sednaRecId === null
    const sent = unknown ? sentMaster(t.row.id) : undefined
    if (!sent) return built
    const { StopSaleRooms, StopSaleOperators, StopSaleBoards, StopSaleMarkets } = built
    return recId === 0
      ? { ...sent, RecId: 0 }
      : { ...sent, RecId: recId, StopSaleRooms, StopSaleOperators, StopSaleBoards, StopSaleMarkets }
  }
  /** Phase 1's body as stored with its attempt, when it is readable. */
  const sentMaster = (id: number): UpdateStopSaleBody | undefined => {
    const text = queue.sentPhase1Body(id)
    try {
      const parsed = text === undefined ? undefined : (JSON.parse(text) as UpdateStopSaleBody)
      return parsed && typeof parsed === 'object' && parsed.RecId === 0 ? parsed : undefined
    } catch {
      return undefined
    }
  }
  const freshBody = (t: StopSaleTurn, recId: number) =>
    buildStopSalePayload(
      {
        firstNight: t.row.firstNight,
        lastNight: t.row.lastNight,
        kind: t.row.kind,
        marketIds: t.row.marketIds,
        declareDate: declareDateOf(t.row),
      },
      t.resolution as ResolvedIds,
      {
        operatorId: t.operatorId,
        operatorCode: t.profile.operatorCode!,
        authorityId: t.profile.authorityId,
        recordUser: t.profile.recordUser,
      },
      recId,
    )

  const send: OutboxJob<StopSaleRow, Resolution> = {
    account: 'sent-with-or-active',
    unfit: (profile) => (profile.operatorCode ? undefined : message('park.noOperatorCode', { account: profile.name })),
    resolve,
    storedResolution: (row) => row.resolution,
    mayHaveGoneOut: (row) => row.sednaRecId !== null || row.phase1SentAt !== null,
    outcomeUnknown: (row) => row.sednaRecId === null && row.phase1SentAt !== null,
    lookFirst: true,
    // Phase 1 may have landed: read the hotel's stop sales for those nights back and match what was sent.
    lookUp: (t, options, why) =>
      why === 'first-send' ? lookFirst(t, options) : findSentStopSale(t.client, body(t, 0), t.recIdsInUse(), options),
    adopt(t, recId, why) {
      if (why === 'first-send') return adoptFound(t, recId)
      t.hold(queue.storeRecId(t.row.id, recId))
      t.recId = recId
      return 'go-on'
    },
    clearSent: (t) => queue.clearPhase1(t.row.id),

    async send(t) {
      const id = t.row.id
      if (t.recId === null) {
        const { recId } = await t.write({
          phase: 'phase1',
          start: () =>
            queue.startPhase1(id, {
              profileId: t.profile.id,
              declareDate: declareDateOf(t.row),
              resolution: t.resolution!,
            }),
          request: (options) => t.client.updateStopSale(body(t, 0), options),
          points: { started: 'before-phase1', answered: 'phase1-answered' },
          done: (r) => message('outbox.attempt.created', { recId: r.recId }),
          clearWhenNotApplied: () => queue.clearPhase1(id),
        })
        t.hold(queue.storeRecId(id, recId))
        t.recId = recId
        t.checkpoint('recid-stored')
      }
      const recId = t.recId
      await t.write({
        phase: 'phase2',
        start: () => queue.startPhase2(id),
        request: (options) => t.client.updateStopSale(body(t, recId), options),
        points: { sent: 'phase2-sent', answered: 'phase2-answered' },
        done: () => message('outbox.attempt.saved', { recId }),
      })
      t.hold(queue.synced(id))
      return { kind: 'synced', recId }
    },

    // Refused after phase 1 landed: the record is in Sedna, and Sync sends phase 2 again.
    refused(id, reason) {
      const recId = queue.get(id)?.sednaRecId
      return parkRow(kind, id, 'failed', recId ? withFailure('park.failedWithRecord', reason, { recId }) : reason)
    },
  }

  const kind: OutboxKind<StopSaleRow, Resolution> = {
    kind: 'stopSale',
    queue,
    attemptsKeepUrl: false,
    recordAttempt: (id, attempt) => queue.recordAttempt(id, attempt as AttemptRecord),
    job: () => send,
    describe: (row) => ({
      label: row.hotelName,
      action: 'send',
      queueFields: {
        kind: 'stopSale',
        status: row.status,
        hotelName: row.hotelName,
        firstNight: row.firstNight,
        lastNight: row.lastNight,
        saleKind: row.kind,
        roomCodes: row.roomCodes,
        boardCodes: row.boardCodes,
      },
      resultFields: {},
    }),
  }
  return kind
}

/** @deprecated Moved to reference/unresolved.ts (kept until detail, import and mappings import it there). */
export { describeUnresolved } from '../reference/unresolved'
