/**
 * One stop sale, everything about it: the record as imported, what it resolves to in Sedna, the exact
 * bodies of both phases, every request made for it; Sync; and, when it waits for a mapping, the pickers
 * that fix it in place. Fetched again when main says this stop sale changed — never polled.
 */
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { appError } from '../../data/client'
import { stopSaleQueries } from '../../data/stop-sales'
import { codesText, formatNight, kindText } from '../../format'
import { useLanguage } from '../../i18n'
import { BackLink, DetailLoadState, LastErrorBanner } from '../../ui/DetailParts'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useFocusWhen } from '../../ui/hooks'
import { useWords } from '../../ui/words'
import { FixInPlace } from '../fix-in-place/FixInPlace'
import type { Mapped } from '../fix-in-place/use-mapping'
import { allows } from '../status/actions'
import { useStopSaleStatusLabels } from '../status/labels'
import { dismissSyncSummary, runSync, useSyncState } from '../sync/store'
import { MappedBanner, SyncResultBanner } from './banners'
import { ImportedFacts, SednaFacts, StopSaleResolution } from './StopSaleFacts'
import { StopSaleRequests } from './StopSaleRequests'

function ListLink() {
  const { t } = useLanguage()
  return <BackLink href="#/stop-sales" label={t('detail.back')} />
}
const backLink = <ListLink />

export function StopSaleDetail({ id }: { id: number }) {
  const { t, word } = useWords()
  const statusLabels = useStopSaleStatusLabels()
  const detail = useQuery(stopSaleQueries.detail(id))
  const sync = useSyncState()
  const [mapped, setMapped] = useState<Mapped>()
  const heading = useFocusWhen<HTMLHeadingElement>(detail.data !== undefined)
  const error = appError(detail.error)

  // Not found (also when it was deleted while open): nothing left to show but the way back.
  if (!detail.data || error?.kind === 'not-found') {
    return (
      <DetailLoadState
        error={error}
        id={id}
        onRetry={() => void detail.refetch()}
        backLink={backLink}
        testIdPrefix="detail"
        keyPrefix="detail"
      />
    )
  }

  const d = detail.data
  const r = d.record
  const kinds = { open: t('common.kindOpen'), close: t('common.kindClose') }
  const unresolved = d.resolution.resolution?.ok === false ? d.resolution.resolution.unresolved : []
  const canFix = allows(r, 'fix') && unresolved.length > 0
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
          title={word(r.lastError) ?? undefined}
        >
          {statusLabels[r.status]}
        </span>
        <div className="detail-actions">
          {allows(r, 'sync') && (
            <button
              type="button"
              onClick={() => {
                setMapped(undefined)
                void runSync({ ids: [id] })
              }}
              disabled={sync.running}
              data-testid="detail-sync"
            >
              {sync.running ? t('detail.sending') : t('detail.sync')}
            </button>
          )}
          {detail.isFetching && <span className="muted">{t('detail.refreshing')}</span>}
        </div>
      </header>
      <p className="detail-sub">
        {kindText(r.kind, kinds)} · {formatNight(r.firstNight)} – {formatNight(r.lastNight)} (
        {t('detail.nights', { count: r.nights })}) · {codesText(r.roomCodes, t('common.allRooms'))} ·{' '}
        {codesText(r.boardCodes, t('common.allBoards'))}
      </p>

      {error && <ErrorBanner error={error} onRetry={() => void detail.refetch()} />}
      <div aria-live="polite">
        {sync.running && (
          <p className="banner banner-info" role="status">
            {t('detail.sendingToSedna')}
          </p>
        )}
        {syncResult && sync.summary && (
          <SyncResultBanner result={syncResult} summary={sync.summary} onClose={dismissSyncSummary} />
        )}
        {mapped && <MappedBanner mapped={mapped} id={id} status={r.status} onClose={() => setMapped(undefined)} />}
      </div>
      {sync.error && <ErrorBanner error={sync.error} />}
      {r.status !== 'synced' && !canFix && <LastErrorBanner error={word(r.lastError)} testId="detail-last-error" />}

      {canFix && (
        <FixInPlace
          kind="stopSale"
          id={id}
          titleId="fix-title"
          testId="fix-in-place"
          title={t('detail.fixTitle')}
          cannotText={unresolved.length === 1 ? t('detail.fixCannotOne') : t('detail.fixCannotMany')}
          noAccountAfter={t('detail.noAccountAfter')}
          account={d.account}
          unresolved={unresolved}
          onMapped={(m) => {
            setMapped(m)
            dismissSyncSummary()
          }}
        />
      )}

      <div className="detail-columns">
        <section className="card" aria-labelledby="imported-title">
          <h2 id="imported-title">{t('detail.asImported')}</h2>
          <ImportedFacts record={r} from={d.import} />
        </section>
        <section className="card" aria-labelledby="sedna-title">
          <h2 id="sedna-title">{t('detail.inSedna')}</h2>
          <SednaFacts record={r} account={d.account} />
          <h3>{t('detail.resolvedTo')}</h3>
          <StopSaleResolution resolution={d.resolution} />
        </section>
      </div>
      <StopSaleRequests detail={d} />
    </section>
  )
}
