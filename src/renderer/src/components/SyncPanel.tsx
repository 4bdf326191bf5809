import { useEffect, useState } from 'react'
import type { EventPayload } from '../../../shared/ipc'
import type { SyncSummary } from '../../../shared/sync'
import type { AppError } from '../../../shared/result'
import { call, onEvent, toAppError } from '../api'
import { useLanguage } from '../i18n'
import { useStatusLabels } from './StopSalesPage'

export type SyncRequest = { ids: number[] } | 'all-pending'

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
      setSummary(request === 'all-pending' ? await call('sync.allPending', {}) : await call('sync.stopSales', request))
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
  const problems = summary.results.filter((r) => r.status !== 'synced')
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
      {problems.length > 0 && (
        <ul className="summary-list">
          {problems.map((r) => (
            <li key={r.id} data-testid="sync-summary-item">
              #{r.id} {labels[r.status]}: {r.message ?? '—'}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
