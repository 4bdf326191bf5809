/**
 * Everything about one stop sale for the detail screen: the record as imported, the account a fix
 * applies to, what it resolves to, the exact bodies of both phases (as sent, or as they would be sent
 * now), the attempt history, and Sedna's copy of it beside ours (#14). Reads only: a resolution made here for display is never stored.
 */
import { eq } from 'drizzle-orm'
import type { SednaVersion } from '../../shared/contracts/drift'
import { REC_ID_PLACEHOLDER, type PhasePayload, type StopSaleDetail } from '../../shared/detail'
import { message, type Message } from '../../shared/messages'
import type { Resolution } from '../../shared/resolution'
import { nightCount } from '../../shared/stop-sales'
import type { Db } from '../db/database'
import { stopSales, type ProfileRow, type StopSaleRow } from '../db/schema'
import { AppFailure } from '../errors'
import { accountOf, accountRef } from '../records/account'
import { lastSent } from '../records/attempts'
import { importRef, previewBlocker, resolutionView, type ResolutionView } from '../records/detail-parts'
import { buildStopSalePayload, declareDateFor, type ResolvedIds } from '../sedna/stop-sale-payload'
import type { ProfileService } from '../services/profiles'
import { attemptsOf, type SyncAttemptView } from './attempts'
import { resolveStopSale } from './resolve'
import { toStopSale } from './service'

export interface StopSaleDetailService {
  detail(id: number): StopSaleDetail
}

/** Stands in for the RecId while previewing phase 2 before phase 1 was answered (never sent). */
const PENDING_REC_ID = Number.MAX_SAFE_INTEGER

type Phase = 'phase1' | 'phase2'

export function createStopSaleDetailService(deps: {
  db: Db
  profiles: ProfileService
  /** Sedna's copy of the record beside ours, as the mirror last read it (drift/service.ts). */
  sednaVersion: (row: StopSaleRow) => SednaVersion | null
}): StopSaleDetailService {
  const { db, profiles } = deps

  /** The body as sent: the phase's last successful request, else its last request with a body. */
  function sent(phase: Phase, attempts: readonly SyncAttemptView[]): PhasePayload | undefined {
    const attempt = lastSent(attempts, phase)
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
    phase: Phase,
    row: StopSaleRow,
    profile: ProfileRow | undefined,
    view: ResolutionView<Resolution>,
  ): PhasePayload {
    const payload = (source: PhasePayload['source'], body: string | null, recIdPending: boolean, m: Message | null) =>
      ({ phase, source, body, attemptId: null, sentAt: null, outcome: null, recIdPending, message: m }) as const
    const blocker = previewBlocker(view, profile, { operatorCode: true, operatorId: profile?.operatorId ?? null })
    if (blocker) return payload('unavailable', null, false, blocker)
    const account = profile!
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
      view.resolution as ResolvedIds,
      {
        operatorId: account.operatorId!,
        operatorCode: account.operatorCode!,
        authorityId: account.authorityId,
        recordUser: account.recordUser,
      },
      recId,
    )
    // Serialised as the client serialises it, so a preview reads exactly as the request would.
    const text = recIdPending
      ? JSON.stringify(body, (k, v: unknown) =>
          (k === 'RecId' || k === 'StopSaleId') && v === PENDING_REC_ID ? REC_ID_PLACEHOLDER : v,
        )
      : JSON.stringify(body)
    return payload('preview', text, recIdPending, recIdPending ? message('detail.recIdPending') : null)
  }

  return {
    detail(id) {
      const row = db.select().from(stopSales).where(eq(stopSales.id, id)).get()
      if (!row) throw AppFailure.coded('not-found', message('record.stopSaleNotFound', { id }))
      // The account the sync would use: the record's own once phase 1 started, else the active one.
      const profile = accountOf(db, () => profiles.active(), row.profileId)
      const resolution = resolutionView<Resolution>({
        stored: row.resolution,
        keep: true,
        storedProfileId: row.profileId,
        profile,
        resolveNow: (p) => resolveStopSale(db, p, row),
      })
      const attempts = attemptsOf(db, id)
      const unresolved = resolution.resolution?.ok === false
      return {
        record: {
          ...toStopSale(row, unresolved),
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
          sednaFound: row.sednaFound,
          drift: row.drift ?? [],
        },
        account: accountRef(profile),
        import: importRef(db, 'imports', row.importId),
        resolution,
        payloads: {
          phase1: sent('phase1', attempts) ?? preview('phase1', row, profile, resolution),
          phase2: sent('phase2', attempts) ?? preview('phase2', row, profile, resolution),
        },
        attempts,
        sednaVersion: deps.sednaVersion(row),
      }
    },
  }
}
