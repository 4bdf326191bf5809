/**
 * Everything about one stop sale for the detail screen: the record as imported, what it resolves to,
 * the exact bodies of both phases (as sent, or as they would be sent now) and the attempt history.
 * Reads only: a resolution made here for display is never stored.
 */
import { eq } from 'drizzle-orm'
import { REC_ID_PLACEHOLDER, type DetailResolution, type PhasePayload, type StopSaleDetail } from '../../shared/detail'
import { nightCount } from '../../shared/stop-sales'
import type { Db } from '../db/database'
import { imports, sednaProfiles, stopSales, type ProfileRow, type StopSaleRow } from '../db/schema'
import { AppFailure } from '../errors'
import { buildStopSalePayload, declareDateFor, type ResolvedIds } from '../sedna/stop-sale-payload'
import { describeUnresolved } from './sync'
import { attemptsOf, type SyncAttemptView } from './attempts'
import type { ProfileService } from '../services/profiles'
import type { ReferenceService } from '../reference/service'
import { toStopSale } from './service'

export interface StopSaleDetailService {
  detail(id: number): StopSaleDetail
}

/** Stands in for the RecId while previewing phase 2 before phase 1 was answered (never sent). */
const PENDING_REC_ID = Number.MAX_SAFE_INTEGER

export function createStopSaleDetailService(deps: {
  db: Db
  profiles: ProfileService
  reference: ReferenceService
}): StopSaleDetailService {
  const { db, profiles, reference } = deps

  /** The account the sync engine would use: the record's own once phase 1 started, else the active one. */
  function profileFor(row: StopSaleRow): ProfileRow | undefined {
    if (row.profileId !== null) return db.select().from(sednaProfiles).where(eq(sednaProfiles.id, row.profileId)).get()
    return profiles.active()
  }

  function resolutionOf(row: StopSaleRow, profile: ProfileRow | undefined): DetailResolution {
    if (row.resolution) {
      return {
        source: 'stored',
        profileId: row.profileId,
        resolution: row.resolution,
        message: row.resolution.ok ? null : describeUnresolved(row.resolution.unresolved),
      }
    }
    if (!profile) {
      return {
        source: 'unavailable',
        profileId: null,
        resolution: null,
        message: 'No Sedna account is set up: add one in Settings to see what this stop sale resolves to.',
      }
    }
    const resolution = reference.resolve(profile.id, row)
    return {
      source: 'resolved-now',
      profileId: profile.id,
      resolution,
      message: resolution.ok ? null : describeUnresolved(resolution.unresolved),
    }
  }

  /** The body as sent: the phase's last successful request, else its last request with a body. */
  function sent(phase: 'phase1' | 'phase2', attempts: readonly SyncAttemptView[]): PhasePayload | undefined {
    const withBody = attempts.filter((a) => a.phase === phase && a.requestBody !== null)
    const attempt = withBody.findLast((a) => a.outcome === 'ok') ?? withBody[withBody.length - 1]
    if (!attempt) return undefined
    return {
      phase,
      source: 'sent',
      body: attempt.requestBody,
      attemptId: attempt.id,
      sentAt: attempt.startedAt,
      outcome: attempt.outcome,
      recIdPending: false,
      message: null,
    }
  }

  function preview(
    phase: 'phase1' | 'phase2',
    row: StopSaleRow,
    profile: ProfileRow | undefined,
    resolution: DetailResolution,
  ): PhasePayload {
    const unavailable = (message: string): PhasePayload => ({
      phase,
      source: 'unavailable',
      body: null,
      attemptId: null,
      sentAt: null,
      outcome: null,
      recIdPending: false,
      message,
    })
    const resolved = resolution.resolution
    if (!resolved) return unavailable(resolution.message ?? 'Not resolved yet.')
    if (!resolved.ok) return unavailable(describeUnresolved(resolved.unresolved))
    if (!profile) return unavailable('The Sedna account for this stop sale no longer exists.')
    if (!profile.operatorCode) {
      return unavailable(`The Sedna account "${profile.name}" has no operator code (e.g. 7STAR). Set it in Settings.`)
    }
    if (profile.operatorId === null) {
      return unavailable(
        `The operator id of "${profile.name}" is learned at the first login to Sedna: use Test connection in Settings.`,
      )
    }
    const recIdPending = phase === 'phase2' && row.sednaRecId === null
    const recId = phase === 'phase1' ? 0 : (row.sednaRecId ?? PENDING_REC_ID)
    const body = buildStopSalePayload(
      {
        firstNight: row.firstNight,
        lastNight: row.lastNight,
        kind: row.kind,
        marketIds: row.marketIds,
        declareDate: row.declareDate ?? declareDateFor(row.sourceReceivedAt, row.createdAt),
      },
      resolved as ResolvedIds,
      {
        operatorId: profile.operatorId,
        operatorCode: profile.operatorCode,
        authorityId: profile.authorityId,
        recordUser: profile.recordUser,
      },
      recId,
    )
    // Serialised as the client serialises it, so a preview reads exactly as the request would.
    const text = recIdPending
      ? JSON.stringify(body, (k, v: unknown) =>
          (k === 'RecId' || k === 'StopSaleId') && v === PENDING_REC_ID ? REC_ID_PLACEHOLDER : v,
        )
      : JSON.stringify(body)
    return {
      phase,
      source: 'preview',
      body: text,
      attemptId: null,
      sentAt: null,
      outcome: null,
      recIdPending,
      message: recIdPending ? 'Phase 2 carries the RecId Sedna assigns in phase 1.' : null,
    }
  }

  return {
    detail(id) {
      const row = db.select().from(stopSales).where(eq(stopSales.id, id)).get()
      if (!row) throw new AppFailure('not-found', `Stop sale #${id} does not exist (it may have been deleted).`)
      const fromImport =
        row.importId === null
          ? undefined
          : db
              .select({
                id: imports.id,
                fileName: imports.fileName,
                createdAt: imports.createdAt,
                committedAt: imports.committedAt,
              })
              .from(imports)
              .where(eq(imports.id, row.importId))
              .get()
      const profile = profileFor(row)
      const resolution = resolutionOf(row, profile)
      const attempts = attemptsOf(db, id)
      return {
        record: {
          ...toStopSale(row),
          nights: row.nights ?? nightCount(row.firstNight, row.lastNight),
          sourceEmailId: row.sourceEmailId,
          sourceRow: row.sourceRow,
          importId: row.importId,
          profileId: row.profileId,
          declareDate: row.declareDate,
          attempts: row.attempts,
          nextAttemptAt: row.nextAttemptAt,
          syncedAt: row.syncedAt,
          phase1SentAt: row.phase1SentAt,
          waitingForNetwork: row.waitingForNetwork,
        },
        import: fromImport ?? null,
        resolution,
        payloads: {
          phase1: sent('phase1', attempts) ?? preview('phase1', row, profile, resolution),
          phase2: sent('phase2', attempts) ?? preview('phase2', row, profile, resolution),
        },
        attempts,
      }
    },
  }
}
