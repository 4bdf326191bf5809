/**
 * The sync on a list screen: its progress while it runs, then its summary (counts over both kinds,
 * one line per kind, one line per item that did not get through) or its failure. Fed by the sync
 * store, so it is the same on every screen and survives navigation.
 */
import type { SyncSummary } from '../../../../shared/sync'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useWords } from '../../ui/words'
import { useReservationStatusLabels, useStopSaleStatusLabels } from '../status/labels'
import { dismissSyncSummary, stopAfterCurrent, useSyncState, type SyncProgress as Progress } from './store'

export function SyncPanel() {
  const sync = useSyncState()
  return (
    <>
      {sync.running && <SyncProgress progress={sync.progress} />}
      {sync.summary && <SyncSummaryView summary={sync.summary} />}
      {sync.error && <ErrorBanner error={sync.error} />}
    </>
  )
}

function SyncProgress({ progress }: { progress: Progress | undefined }) {
  const { t } = useWords()
  const total = Math.max(progress?.total ?? 0, progress?.done ?? 0)
  return (
    <div className="card sync-progress" role="status" aria-live="polite" data-testid="sync-progress">
      <div className="row-inline">
        <strong>{t('sync.sending')}</strong>
        <span>
          {t('sync.doneOf', { done: progress?.done ?? 0, total: total || '…' })}
          {progress && progress.synced > 0 && t('sync.syncedN', { count: progress.synced })}
          {progress && progress.currentIds.length > 0 && t('sync.now', { ids: `#${progress.currentIds.join(', #')}` })}
          {progress &&
            progress.currentReservationIds.length > 0 &&
            t('reservations.sync.now', { ids: `#${progress.currentReservationIds.join(', #')}` })}
        </span>
        <button type="button" className="secondary" onClick={stopAfterCurrent}>
          {t('sync.stopAfter')}
        </button>
      </div>
      <progress max={total || 1} value={progress?.done ?? 0} aria-label={t('sync.progress')} />
    </div>
  )
}

/** One kind's line: "2 synced · 0 failed · 1 needs attention", or none in this sync. */
function KindLine({ summary, kind }: { summary: SyncSummary; kind: 'stopSales' | 'reservations' }) {
  const { t } = useWords()
  const c = summary[kind]
  const items = kind === 'stopSales' ? summary.results.length : summary.reservationResults.length
  if (items === 0) return <>{t('reservations.sync.none')}</>
  return (
    <>
      {[
        t('reservations.sync.synced', { count: c.synced }),
        t('reservations.sync.failed', { count: c.failed }),
        c.queued > 0 ? t('reservations.sync.queued', { count: c.queued }) : null,
        c.needsAttention > 0 ? t('reservations.sync.needsAttention', { count: c.needsAttention }) : null,
        c.needsReview > 0 ? t('reservations.sync.needsReview', { count: c.needsReview }) : null,
        c.cancelled > 0 ? t('reservations.sync.cancelled', { count: c.cancelled }) : null,
      ]
        .filter(Boolean)
        .join(' · ')}
    </>
  )
}

function SyncSummaryView({ summary }: { summary: SyncSummary }) {
  const { t, word } = useWords()
  const labels = useStopSaleStatusLabels()
  const reservationLabels = useReservationStatusLabels()
  const problems = summary.results.filter((r) => r.status !== 'synced')
  const reservationProblems = summary.reservationResults.filter(
    (r) => r.status !== 'synced' && r.status !== 'cancelled',
  )
  const counts = [
    ['synced', 'synced', 'synced'],
    ['failed', 'failed', 'failed'],
    ['queued', 'queued', 'queued'],
    ['needsAttention', 'needs_attention', 'needs_attention'],
  ] as const
  return (
    <div className="card" role="status" data-testid="sync-summary">
      <div className="row-inline">
        <strong>{t('sync.finished')}</strong>
        {counts.map(([count, status, label]) => (
          <span key={count} className={`badge status-${status}`} data-count={count}>
            {t(`status.${label}`)} {summary[count]}
          </span>
        ))}
        {summary.needsReview > 0 && (
          <span className="badge status-needs_review" data-count="needsReview">
            {t('status.needs_review')} {summary.needsReview}
          </span>
        )}
        <button type="button" className="secondary" onClick={dismissSyncSummary}>
          {t('common.close')}
        </button>
      </div>
      <dl className="summary-kinds" data-testid="sync-summary-kinds">
        {(['stopSales', 'reservations'] as const).map((kind) => (
          <div key={kind} data-kind={kind}>
            <dt>{t(`reservations.sync.kind.${kind}`)}</dt>
            <dd>
              <KindLine summary={summary} kind={kind} />
            </dd>
          </div>
        ))}
        <div data-kind="errors" className={summary.errors.length ? 'bad' : undefined}>
          <dt>{t('reservations.sync.errors')}</dt>
          <dd>{summary.errors.length}</dd>
        </div>
      </dl>
      {(problems.length > 0 || reservationProblems.length > 0) && (
        <ul className="summary-list">
          {problems.map((r) => (
            <li key={r.id} data-testid="sync-summary-item">
              <a href={`#/stop-sale/${r.id}`}>#{r.id}</a> {labels[r.status]}: {word(r.message) ?? '—'}
            </li>
          ))}
          {reservationProblems.map((r) => (
            <li key={`r${r.id}`} data-testid="sync-summary-item" data-kind="reservation">
              <a href={`#/reservation/${r.id}`}>{t('reservations.sync.item', { voucher: r.voucherNo, id: r.id })}</a>{' '}
              {reservationLabels[r.status]}: {word(r.message) ?? '—'}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
