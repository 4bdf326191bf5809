import { useEffect, useState } from 'react'
import type { EventPayload } from '../../../shared/ipc'
import type { SyncSummary } from '../../../shared/sync'
import type { AppError } from '../../../shared/result'
import { call, onEvent, toAppError } from '../api'
import { useLanguage } from '../i18n'
import { useReservationStatusLabels } from './ReservationStatus'
import { useStatusLabels } from './StopSalesPage'

/** Stop sales by id, reservations by id, or everything pending of both kinds. */
export type SyncRequest = { ids: number[] } | { reservationIds: number[] } | 'all-pending'

/** Runs a sync, shows its progress and, at the end, its summary. */
export function useSync() {
  const [running, setRunning] = useState(false)
  const [progress, setProgress] = useState<EventPayload<'sync.progress'>>()
  const [summary, setSummary] = useState<SyncSummary>()
  const [error, setError] = useState<AppError>()
  useEffect(() => onEvent('sync.progress', setProgress), [])

  async function run(request: SyncRequest) {
    setRunning(true)
    setSummary(undefined)
    setError(undefined)
    try {
      setSummary(
        request === 'all-pending'
          ? await call('sync.allPending', {})
          : 'reservationIds' in request
            ? await call('sync.reservations', { ids: request.reservationIds })
            : await call('sync.stopSales', request),
      )
    } catch (err) {
      setError(toAppError(err))
    } finally {
      setRunning(false)
    }
  }
  return { running, progress, summary, error, run, dismiss: () => setSummary(undefined) }
}

export function SyncProgress({
  progress,
  onStop,
}: {
  progress: EventPayload<'sync.progress'> | undefined
  onStop: () => void
}) {
  const { t } = useLanguage()
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
        <button type="button" className="secondary" onClick={onStop}>
          {t('sync.stopAfter')}
        </button>
      </div>
      <progress max={total || 1} value={progress?.done ?? 0} aria-label={t('sync.progress')} />
    </div>
  )
}

export function SyncSummaryView({ summary, onClose }: { summary: SyncSummary; onClose: () => void }) {
  const { t } = useLanguage()
  const labels = useStatusLabels()
  const reservationLabels = useReservationStatusLabels()
  const problems = summary.results.filter((r) => r.status !== 'synced')
  const reservationProblems = summary.reservationResults.filter(
    (r) => r.status !== 'synced' && r.status !== 'cancelled',
  )
  return (
    <div className="card" role="status" data-testid="sync-summary">
      <div className="row-inline">
        <strong>{t('sync.finished')}</strong>
        <span className="badge status-synced" data-count="synced">
          {t('status.synced')} {summary.synced}
        </span>
        <span className="badge status-failed" data-count="failed">
          {t('status.failed')} {summary.failed}
        </span>
        <span className="badge status-queued" data-count="queued">
          {t('status.queued')} {summary.queued}
        </span>
        <span className="badge status-needs_attention" data-count="needsAttention">
          {t('status.needs_attention')} {summary.needsAttention}
        </span>
        {summary.needsReview > 0 && (
          <span className="badge status-needs_review" data-count="needsReview">
            {t('status.needs_review')} {summary.needsReview}
          </span>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <dl className="summary-kinds" data-testid="sync-summary-kinds">
        {(['stopSales', 'reservations'] as const).map((kind) => {
          const c = summary[kind]
          const items = kind === 'stopSales' ? summary.results.length : summary.reservationResults.length
          return (
            <div key={kind} data-kind={kind}>
              <dt>{t(`reservations.sync.kind.${kind}`)}</dt>
              <dd>
                {items === 0
                  ? t('reservations.sync.none')
                  : [
                      t('reservations.sync.synced', { count: c.synced }),
                      t('reservations.sync.failed', { count: c.failed }),
                      c.queued > 0 ? t('reservations.sync.queued', { count: c.queued }) : null,
                      c.needsAttention > 0 ? t('reservations.sync.needsAttention', { count: c.needsAttention }) : null,
                      c.needsReview > 0 ? t('reservations.sync.needsReview', { count: c.needsReview }) : null,
                      c.cancelled > 0 ? t('reservations.sync.cancelled', { count: c.cancelled }) : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
              </dd>
            </div>
          )
        })}
        <div data-kind="errors" className={summary.errors.length ? 'bad' : undefined}>
          <dt>{t('reservations.sync.errors')}</dt>
          <dd>{summary.errors.length}</dd>
        </div>
      </dl>
      {(problems.length > 0 || reservationProblems.length > 0) && (
        <ul className="summary-list">
          {problems.map((r) => (
            <li key={r.id} data-testid="sync-summary-item">
              #{r.id} {labels[r.status]}: {r.message ?? '—'}
            </li>
          ))}
          {reservationProblems.map((r) => (
            <li key={`r${r.id}`} data-testid="sync-summary-item" data-kind="reservation">
              <a href={`#/reservation/${r.id}`}>{t('reservations.sync.item', { voucher: r.voucherNo, id: r.id })}</a>{' '}
              {reservationLabels[r.status]}: {r.message ?? '—'}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
