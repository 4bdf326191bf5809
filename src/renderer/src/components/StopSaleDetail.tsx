/**
 * One stop sale, everything about it: the record as imported, what it resolves to in Sedna, the exact
 * bodies of both phases, every request made for it; Sync; and, when it waits for a mapping, the pickers
 * that fix it in place. Refetches when main says this stop sale changed — never polls.
 */
import { useState } from 'react'
import type { DetailResolution, PhasePayload, StopSaleDetail as Detail } from '../../../shared/detail'
import type { Profile } from '../../../shared/profiles'
import type { Unresolved } from '../../../shared/resolution'
import type { StopSaleStatus } from '../../../shared/stop-sales'
import type { SyncSummary } from '../../../shared/sync'
import { call } from '../api'
import { codesText, formatDateTime, formatNight, kindText } from '../format'
import { useLanguage, type TFunction } from '../i18n'
import { useLoad } from '../use-call'
import {
  AccountName,
  AttemptsTable,
  BackLink,
  DetailLoadState,
  commonUnresolvedKey,
  commonUnresolvedText,
  DismissibleBanner,
  Fact,
  FixInPlaceCard,
  ImportedFrom,
  None,
  outcomeLabels,
  PayloadBlock,
  ResolutionFrame,
  useDetailRefresh,
} from './DetailParts'
import { FixUnresolved, type Mapped } from './MappingPickers'
import { ErrorBanner } from './ErrorBanner'
import { sendable, useStatusLabels } from './StopSalesPage'
import { useSync } from './SyncPanel'

function ListLink() {
  const { t } = useLanguage()
  return <BackLink href="#/stop-sales" label={t('detail.back')} />
}
const backLink = <ListLink />

export function StopSaleDetail({ id }: { id: number }) {
  const { t } = useLanguage()
  const statusLabels = useStatusLabels()
  const kinds = { open: t('common.kindOpen'), close: t('common.kindClose') }
  const [detail, reload] = useLoad(() => call('stopSales.detail', { id }), [id])
  const [profiles, reloadProfiles] = useLoad(() => call('profiles.list', {}), [])
  const sync = useSync()
  const [mapped, setMapped] = useState<Mapped>()

  const heading = useDetailRefresh('stopSales.changed', id, reload, reloadProfiles, sync, detail.data !== undefined)

  // Not found (also when it was deleted while open): nothing left to show but the way back.
  if (!detail.data || (detail.state === 'error' && detail.error.kind === 'not-found')) {
    return (
      <DetailLoadState
        detail={detail}
        id={id}
        onRetry={reload}
        backLink={backLink}
        testIdPrefix="detail"
        keyPrefix="detail"
      />
    )
  }

  const d = detail.data
  const r = d.record
  const activeProfile = profiles.data?.profiles.find((p) => p.isActive)
  const recordProfile = profiles.data?.profiles.find((p) => p.id === r.profileId)
  const unresolved = d.resolution.resolution?.ok === false ? d.resolution.resolution.unresolved : []
  const canFix = r.status === 'needs_attention' && unresolved.length > 0
  const syncResult = sync.summary?.results.find((x) => x.id === id)

  return (
    <section aria-labelledby="detail-title" className="detail" data-testid="stop-sale-detail" data-id={id}>
      <nav aria-label={t('detail.breadcrumb')} className="breadcrumb">
        {backLink}
      </nav>
      <header className="page-header detail-header">
        <h1 id="detail-title" tabIndex={-1} ref={heading}>
          {t('detail.title', { id, hotel: r.hotelName })}
        </h1>
        <span
          className={`badge badge-lg status-${r.status}`}
          data-testid="detail-status"
          data-status={r.status}
          title={r.lastError ?? undefined}
        >
          {statusLabels[r.status]}
        </span>
        <div className="detail-actions">
          {sendable.has(r.status) && (
            <button
              type="button"
              onClick={() => {
                setMapped(undefined)
                void sync.run({ ids: [id] })
              }}
              disabled={sync.running}
              data-testid="detail-sync"
            >
              {sync.running ? t('detail.sending') : t('detail.sync')}
            </button>
          )}
          {detail.state === 'loading' && <span className="muted">{t('detail.refreshing')}</span>}
        </div>
      </header>
      <p className="detail-sub">
        {kindText(r.kind, kinds)} · {formatNight(r.firstNight)} – {formatNight(r.lastNight)} (
        {t('detail.nights', { count: r.nights })}) · {codesText(r.roomCodes, t('common.allRooms'))} ·{' '}
        {codesText(r.boardCodes, t('common.allBoards'))}
      </p>

      {detail.state === 'error' && <ErrorBanner error={detail.error} onRetry={reload} />}
      <div aria-live="polite">
        {sync.running && (
          <p className="banner banner-info" role="status">
            {t('detail.sendingToSedna')}
          </p>
        )}
        {syncResult && <SyncResultBanner result={syncResult} summary={sync.summary!} onClose={sync.dismiss} />}
        {mapped && <MappedBanner mapped={mapped} id={id} status={r.status} onClose={() => setMapped(undefined)} />}
      </div>
      {sync.error && <ErrorBanner error={sync.error} />}
      {r.lastError && r.status !== 'synced' && !canFix && (
        <p className="banner banner-warn" data-testid="detail-last-error">
          <strong>{t('detail.lastError')}</strong> {r.lastError}
        </p>
      )}

      {canFix && (
        <FixInPlace
          unresolved={unresolved}
          message={d.resolution.message}
          profile={activeProfile}
          profilesLoaded={profiles.data !== undefined}
          profilesError={profiles.state === 'error' ? profiles.error.message : undefined}
          onMapped={(m) => {
            setMapped(m)
            sync.dismiss()
            reload()
          }}
        />
      )}

      <div className="detail-columns">
        <section className="card" aria-labelledby="imported-title">
          <h2 id="imported-title">{t('detail.asImported')}</h2>
          <dl className="facts" data-testid="imported-facts">
            <Fact label={t('detail.hotelAsReceived')}>{r.hotelName}</Fact>
            {r.hotelId !== null && <Fact label={t('detail.hotelIdOnRecord')}>{r.hotelId}</Fact>}
            <Fact label={t('columns.firstNight')}>{formatNight(r.firstNight)}</Fact>
            <Fact label={t('columns.lastNight')}>{formatNight(r.lastNight)}</Fact>
            <Fact label={t('columns.nights')}>{r.nights}</Fact>
            <Fact label={t('columns.rooms')}>{codesText(r.roomCodes, t('common.allRooms'))}</Fact>
            <Fact label={t('columns.boards')}>{codesText(r.boardCodes, t('common.allBoards'))}</Fact>
            <Fact label={t('detail.markets')}>
              {r.marketIds.length ? r.marketIds.join(', ') : t('detail.allMarkets')}
            </Fact>
            <Fact label={t('columns.kind')}>{kindText(r.kind, kinds)}</Fact>
            <Fact label={t('detail.reason')}>{r.reason ?? <None />}</Fact>
            <Fact label={t('detail.sourceMessageId')}>
              {r.sourceMessageId ? <code className="wrap">{r.sourceMessageId}</code> : <None />}
            </Fact>
            <Fact label={t('detail.subject')}>{r.sourceSubject ?? <None />}</Fact>
            <Fact label={t('detail.received')}>
              {r.sourceReceivedAt ? formatWallClock(r.sourceReceivedAt) : <None />}
            </Fact>
            {r.sourceEmailId && <Fact label={t('detail.emailId')}>{r.sourceEmailId}</Fact>}
            <Fact label={t('detail.import')}>
              <ImportedFrom from={d.import} sourceRow={r.sourceRow} />
            </Fact>
            <Fact label={t('detail.added')}>{formatDateTime(r.createdAt)}</Fact>
          </dl>
        </section>

        <section className="card" aria-labelledby="sedna-title">
          <h2 id="sedna-title">{t('detail.inSedna')}</h2>
          <dl className="facts" data-testid="sedna-facts">
            <Fact label={t('detail.status')}>
              <span className={`badge status-${r.status}`}>{statusLabels[r.status]}</span>
              {r.waitingForNetwork && <span className="muted">{t('detail.waitingForNetwork')}</span>}
            </Fact>
            <Fact label={t('columns.recId')}>
              <strong data-testid="detail-rec-id">{r.sednaRecId ?? '—'}</strong>
            </Fact>
            <Fact label={t('detail.account')}>
              <AccountName profileId={r.profileId} recordProfile={recordProfile} activeProfile={activeProfile} />
            </Fact>
            <Fact label={t('detail.requestsMade')}>{r.attempts}</Fact>
            {r.phase1SentAt && <Fact label={t('detail.phase1SentAt')}>{formatDateTime(r.phase1SentAt)}</Fact>}
            {r.declareDate && (
              <Fact label={t('detail.declareDate')}>
                <code>{r.declareDate}</code>
              </Fact>
            )}
            {r.syncedAt && <Fact label={t('detail.synced')}>{formatDateTime(r.syncedAt)}</Fact>}
            {r.nextAttemptAt && r.status !== 'synced' && (
              <Fact label={t('detail.nextTry')}>{formatDateTime(r.nextAttemptAt)}</Fact>
            )}
            <Fact label={t('detail.lastError').replace(/:$/, '')}>
              {r.lastError ? <span className="error-text">{r.lastError}</span> : <None />}
            </Fact>
          </dl>
          <h3>{t('detail.resolvedTo')}</h3>
          <ResolutionView resolution={d.resolution} />
        </section>
      </div>

      <section className="card detail-section" aria-labelledby="payloads-title">
        <h2 id="payloads-title">{t('detail.whatIsSent')}</h2>
        <p className="hint">{t('detail.whatIsSentHint')}</p>
        <div className="payloads">
          <PayloadView payload={d.payloads.phase1} title={t('detail.phase1Title')} />
          <PayloadView payload={d.payloads.phase2} title={t('detail.phase2Title')} />
        </div>
      </section>

      <section className="card detail-section" aria-labelledby="attempts-title">
        <h2 id="attempts-title">{t('detail.attemptHistory')}</h2>
        <AttemptsView attempts={d.attempts} />
      </section>
    </section>
  )
}

/** The e-mail's time as the hotel wrote it (its own clock and offset), not converted. */
function formatWallClock(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso)
  if (!m) return iso
  const zone = m[7] === undefined ? '' : m[7] === 'Z' ? ' (UTC)' : ` (UTC${m[7]})`
  return `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''}${zone}`
}

function SyncResultBanner({
  result,
  summary,
  onClose,
}: {
  result: SyncSummary['results'][number]
  summary: SyncSummary
  onClose: () => void
}) {
  const { t } = useLanguage()
  const statusLabels = useStatusLabels()
  const ok = result.status === 'synced'
  const waiting = ['pending', 'queued', 'creating', 'created', 'updating'].includes(result.status)
  const text = ok
    ? t('detail.syncedAs', { recId: result.recId })
    : `${statusLabels[result.status]}: ${result.message ?? (waiting ? t('detail.willRetry') : t('detail.seeHistory'))}`
  return (
    <DismissibleBanner
      kind={ok ? 'banner-ok' : waiting ? 'banner-info' : 'banner-warn'}
      testId="detail-sync-result"
      data={{ 'data-status': result.status, 'data-connectivity': summary.connectivity }}
      onClose={onClose}
    >
      {text}
    </DismissibleBanner>
  )
}

function MappedBanner({
  mapped,
  id,
  status,
  onClose,
}: {
  mapped: Mapped
  id: number
  status: StopSaleStatus
  onClose: () => void
}) {
  const { t } = useLanguage()
  const { released, stillNeedsAttention } = mapped.result
  const others = released.filter((x) => x !== id).length
  const thisOne = released.includes(id)
    ? t('detail.mappedReleased')
    : stillNeedsAttention.includes(id) || status === 'needs_attention'
      ? t('detail.mappedStill')
      : null
  return (
    <DismissibleBanner kind="banner-ok" testId="detail-mapped" onClose={onClose}>
      {t('detail.remembered', { what: mapped.what })} {thisOne}
      {others > 0 && t('detail.othersPending', { count: others })}
    </DismissibleBanner>
  )
}

function FixInPlace(props: {
  unresolved: Unresolved[]
  message: string | null
  profile: Profile | undefined
  profilesLoaded: boolean
  profilesError: string | undefined
  onMapped: (m: Mapped) => void
}) {
  const { t } = useLanguage()
  return (
    <FixInPlaceCard
      titleId="fix-title"
      testId="fix-in-place"
      title={t('detail.fixTitle')}
      cannotText={props.unresolved.length === 1 ? t('detail.fixCannotOne') : t('detail.fixCannotMany')}
      noAccountAfter={t('detail.noAccountAfter')}
      profile={props.profile}
      profilesLoaded={props.profilesLoaded}
      profilesError={props.profilesError}
    >
      {(profileId) =>
        props.unresolved.map((u) => (
          <FixUnresolved key={unresolvedKey(u)} item={u} profileId={profileId} onMapped={props.onMapped} />
        ))
      }
    </FixInPlaceCard>
  )
}

const unresolvedKey = (u: Unresolved) =>
  u.kind === 'hotel' || u.kind === 'room' || u.kind === 'board'
    ? commonUnresolvedKey(u)
    : u.kind === 'hotel-rooms-unknown'
      ? `rooms:${u.hotelId}`
      : 'boards'

function unresolvedText(u: Unresolved, t: TFunction): string {
  switch (u.kind) {
    case 'hotel':
    case 'room':
    case 'board':
      return commonUnresolvedText(u, t)
    case 'hotel-rooms-unknown':
      return t('detail.unresolvedHotelRooms', { hotelId: u.hotelId })
    case 'boards-unknown':
      return t('detail.unresolvedBoards')
  }
}

function ResolutionView({ resolution }: { resolution: DetailResolution }) {
  const { t } = useLanguage()
  const res = resolution.resolution
  return (
    <ResolutionFrame
      resolution={resolution}
      testId="resolution"
      unresolvedTestId="unresolved"
      unresolvedKey={unresolvedKey}
      unresolvedText={unresolvedText}
      resolved={
        res?.ok && (
          <dl className="facts">
            <Fact label={t('detail.hotelId')}>
              <strong data-testid="resolved-hotel-id">{res.hotelId}</strong>
            </Fact>
            <Fact label={t('detail.roomTypeIds')}>
              {res.roomTypeIds.length ? res.roomTypeIds.join(', ') : <None />}
              {res.allRooms && <span className="muted">{t('detail.allRoomsNote')}</span>}
            </Fact>
            <Fact label={t('detail.roomRemarkCodes')}>
              {res.roomRemarkCodes.length ? res.roomRemarkCodes.join(', ') : <None />}
            </Fact>
            <Fact label={t('detail.boardIds')}>
              {res.boardIds.length ? res.boardIds.join(', ') : <None />}
              {res.allBoards && <span className="muted">{t('detail.allBoardsNote')}</span>}
            </Fact>
            <Fact label={t('detail.boardRemarkCodes')}>
              {res.boardRemarkCodes.length ? res.boardRemarkCodes.join(', ') : <None />}
            </Fact>
          </dl>
        )
      }
    />
  )
}

function PayloadView({ payload, title }: { payload: PhasePayload; title: string }) {
  const { t } = useLanguage()
  const outcomes = outcomeLabels(t)
  return (
    <PayloadBlock
      titleId={`payload-${payload.phase}-title`}
      testId={`payload-${payload.phase}`}
      title={title}
      source={payload.source}
      hint={
        <>
          {payload.source === 'sent' && (
            <>
              {payload.sentAt
                ? t('detail.exactlySentAt', { time: formatDateTime(payload.sentAt) })
                : t('detail.exactlySent')}
              {payload.outcome ? t('detail.outcome', { outcome: outcomes[payload.outcome] ?? payload.outcome }) : ''}.
            </>
          )}
          {payload.source === 'preview' && t('detail.previewHint')}
          {payload.message}
        </>
      }
      body={payload.body}
      bodyLabel={(source) => t('detail.bodyLabel', { title, source })}
    />
  )
}

const phaseLabels = (t: TFunction): Record<string, string> => ({
  phase1: t('detail.phases.phase1'),
  phase2: t('detail.phases.phase2'),
  lookup: t('detail.phases.lookup'),
  login: t('detail.phases.login'),
  resolve: t('detail.phases.resolve'),
})

function AttemptsView({ attempts }: { attempts: Detail['attempts'] }) {
  const { t } = useLanguage()
  return (
    <AttemptsTable
      attempts={attempts}
      phases={phaseLabels(t)}
      emptyText={t('detail.noAttempts')}
      testId="attempts-table"
      rowTestId="attempt"
    />
  )
}
