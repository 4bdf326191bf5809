/**
 * Drift (#14 item 3) as one service: the check after every good pull (wired to the mirror's onPulled in
 * app-context), the person's choices, Sedna's version of one stop sale for its detail, and reconcile — a
 * full pull, then the report of what changed in Sedna and what is no longer there.
 */
import type Database from 'better-sqlite3'
import { and, asc, count, eq, isNotNull } from 'drizzle-orm'
import type { ReconcileResult, SednaVersion } from '../../shared/contracts/drift'
import type { StopSale } from '../../shared/stop-sales'
import type { Db } from '../db/database'
import { stopSales, type StopSaleRow } from '../db/schema'
import type { EventBus } from '../events'
import type { Logger } from '../log'
import type { MirrorService, PulledEvent } from '../mirror/service'
import { toStopSale } from '../stop-sales/service'
import { compareFields } from './compare'
import { contextsOf } from './context'
import { createDecisions } from './decide'
import { createDetector, type DetectOutcome } from './detect'
import { historyWriter } from './history'

export interface DriftService {
  /** The check after a good pull (the mirror awaits it before the pull answers). */
  afterPull(event: PulledEvent): DetectOutcome
  acceptSedna(id: number): StopSale
  sendOursAgain(id: number, confirm: boolean): StopSale
  /** Sedna's copy of this stop sale beside ours, as the mirror last read it (null: none read). */
  versionOf(row: StopSaleRow): SednaVersion | null
  /** A full pull of the account (default: the active one), the check, and what it found. */
  reconcile(profileId?: number): Promise<ReconcileResult>
}

export function createDriftService(deps: {
  db: Db
  sqlite: Database.Database
  events: EventBus
  logger: Logger
  mirror: Pick<MirrorService, 'pull' | 'byRecId'>
  now?: () => Date
}): DriftService {
  const { db, sqlite, events, logger, mirror } = deps
  const now = deps.now ?? (() => new Date())
  const detect = createDetector(db, sqlite, now)
  const decisions = createDecisions({ db, history: historyWriter(sqlite), mirrorRow: mirror.byRecId, now })
  /** The last pull each account's check ran after (reconcile runs it itself when the hook could not). */
  const checked = new Map<number, number>()

  function afterPull(e: PulledEvent): DetectOutcome {
    const outcome = detect(e)
    checked.set(e.profileId, e.pullId)
    const { compared, changed, missing, synced } = outcome
    logger.info('drift: compared with Sedna', {
      profileId: e.profileId,
      pullId: e.pullId,
      compared,
      changed,
      missing,
      synced,
    })
    if (outcome.ids.length) events.emit('stopSales.changed', { ids: outcome.ids })
    return outcome
  }

  /** Decided: the lists are told, and the answer is the record as it now is. */
  function decided(row: StopSaleRow): StopSale {
    events.emit('stopSales.changed', { ids: [row.id] })
    return toStopSale(row)
  }

  function report(profileId: number): Omit<ReconcileResult, 'profileId' | 'pullId' | 'pulled'> {
    const flagged = (status: 'changed_in_sedna' | 'missing_in_sedna') =>
      db
        .select({ id: stopSales.id, recId: stopSales.sednaRecId, drift: stopSales.drift })
        .from(stopSales)
        .where(and(eq(stopSales.profileId, profileId), eq(stopSales.status, status), isNotNull(stopSales.sednaRecId)))
        .orderBy(asc(stopSales.id))
        .all()
    const adopted =
      db
        .select({ n: count() })
        .from(stopSales)
        .where(and(eq(stopSales.profileId, profileId), isNotNull(stopSales.sednaFound)))
        .get()?.n ?? 0
    return {
      adopted,
      changedInSedna: flagged('changed_in_sedna').map((r) => ({ id: r.id, recId: r.recId!, fields: r.drift ?? [] })),
      missingInSedna: flagged('missing_in_sedna').map((r) => ({ id: r.id, recId: r.recId! })),
    }
  }

  return {
    afterPull,
    acceptSedna: (id) => decided(decisions.acceptSedna(id)),
    sendOursAgain: (id, confirm) => decided(decisions.sendOursAgain(id, confirm)),

    versionOf(row) {
      if (row.sednaRecId === null || row.profileId === null || !row.resolution?.ok) return null
      const theirs = mirror.byRecId(row.profileId, row.sednaRecId)
      const contextFor = theirs && contextsOf(db, row.profileId)
      if (!theirs || !contextFor) return null
      return {
        recId: theirs.recId,
        pulledAt: theirs.pulledAt,
        goneAt: theirs.goneAt,
        recordUser: theirs.recordUser,
        declareDate: theirs.declareDate,
        recordDate: theirs.recordDate,
        updateDate: theirs.updateDate,
        stale: row.syncedAt !== null && theirs.pulledAt < row.syncedAt,
        fields: compareFields({ ...row, resolution: row.resolution }, theirs, contextFor(row.resolution.hotelId)),
      }
    },

    async reconcile(profileId) {
      const pulled = await mirror.pull({ full: true, profileId })
      // The hook runs inside the pull; if it failed there (it is only logged), the check runs here and says why.
      if (checked.get(pulled.profileId) !== pulled.pullId) {
        afterPull({
          profileId: pulled.profileId,
          pullId: pulled.pullId,
          kind: pulled.kind,
          windowFrom: pulled.windowFrom,
          windowTo: pulled.windowTo,
          startedAt: pulled.startedAt,
          changed: pulled.changed,
          gone: pulled.gone,
          goneChecked: pulled.goneChecked,
        })
      }
      return {
        profileId: pulled.profileId,
        pullId: pulled.pullId,
        pulled: pulled.received,
        ...report(pulled.profileId),
      }
    },
  }
}
