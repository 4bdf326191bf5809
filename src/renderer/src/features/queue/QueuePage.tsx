/**
 * The outbox (#/queue): every stop sale and reservation on its way to Sedna that has not arrived yet —
 * why it waits, how often it was tried, when it is tried next — with "Try now" per record and for all.
 * Fetched again when main says records or Sedna's reachability changed; the sync's progress marks the
 * ones being sent. Never polls.
 */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { QueueItem } from '../../../../shared/queue'
import { call } from '../../api'
import { appError } from '../../data/client'
import { syncQueries } from '../../data/sync'
import { formatNumber, useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { GridHead } from '../../ui/GridHead'
import { EmptyState, ListLoadState } from '../../ui/ListControls'
import { useSyncState } from '../sync/store'
import { QueueRow } from './QueueRow'

/** Rows asked for at first and added by "Show more" (the contract allows 500 per call). */
const STEP = 100
const MAX_SHOWN = 500

const keyOf = (item: Pick<QueueItem, 'kind' | 'id'>) => `${item.kind}:${item.id}`

/** What `queue.tryNow` is asked for one record. */
const tryNowInput = (item: QueueItem) => ({ items: [{ kind: item.kind, id: item.id }] })

export function QueuePage() {
  const { t, language } = useLanguage()
  const [limit, setLimit] = useState(STEP)
  const queue = useQuery({ ...syncQueries.queue(limit), placeholderData: keepPreviousData })
  const { progress } = useSyncState()
  const sendingNow = new Set(
    progress?.running
      ? [
          ...progress.currentIds.map((id) => keyOf({ kind: 'stopSale', id })),
          ...progress.currentReservationIds.map((id) => keyOf({ kind: 'reservation', id })),
        ]
      : [],
  )
  // Main's events refetch the queue once the records moved.
  const tryOne = useMutation({ mutationFn: (item: QueueItem) => call('queue.tryNow', tryNowInput(item)) })
  const tryAll = useMutation({ mutationFn: () => call('sync.retryNow', {}) })
  const loadError = appError(queue.error)
  const error = appError(tryOne.error ?? tryAll.error)
  const trying = (item: QueueItem) => tryOne.isPending && tryOne.variables && keyOf(tryOne.variables) === keyOf(item)

  if (!queue.data)
    return (
      <ListLoadState keyPrefix="queue" testId="queue-error" error={loadError} onRetry={() => void queue.refetch()} />
    )
  const { items, total, connectivity } = queue.data
  return (
    <section aria-labelledby="queue-title" className="queue-page" data-testid="queue-page">
      <header className="page-header">
        <h1 id="queue-title">{t('queue.title')}</h1>
        <span className="badge status-queued" data-testid="queue-total">
          {t('queue.waiting', { count: total, total: formatNumber(total, language) })}
        </span>
      </header>
      <p className="muted">{t('queue.intro')}</p>
      {loadError && <ErrorBanner error={loadError} onRetry={() => void queue.refetch()} />}
      {error && <ErrorBanner error={error} />}
      {total > 0 && connectivity === 'offline' && (
        <p className="banner banner-warn" role="status" data-testid="queue-offline">
          {t('queue.offline')}
        </p>
      )}
      {total > 0 && connectivity === 'credentials-rejected' && (
        <p className="banner banner-warn" role="status">
          {t('queue.credentials')} <a href="#/settings">{t('app.nav.settings')}</a>
        </p>
      )}
      {total === 0 ? (
        <EmptyState testId="queue-empty" title={t('queue.empty')}>
          {t('queue.emptyHint')} <a href="#/stop-sales">{t('app.nav.stop-sales')}</a> ·{' '}
          <a href="#/reservations">{t('app.nav.reservations')}</a>
        </EmptyState>
      ) : (
        <>
          <div className="toolbar">
            <button type="button" onClick={() => tryAll.mutate()} disabled={tryAll.isPending} data-testid="try-all">
              {tryAll.isPending ? t('queue.trying') : t('queue.tryAll')}
            </button>
          </div>
          <table className="grid" data-testid="queue-table">
            <GridHead
              columns={[
                t('queue.colRecord'),
                t('queue.colState'),
                t('queue.colWhy'),
                { label: t('queue.colAttempts'), num: true },
                t('queue.colLastTry'),
                t('queue.colNextTry'),
                { label: t('list.actions'), hidden: true },
              ]}
            />
            <tbody>
              {items.map((item) => (
                <QueueRow
                  key={keyOf(item)}
                  item={item}
                  sendingNow={sendingNow.has(keyOf(item))}
                  trying={Boolean(trying(item))}
                  onTry={() => tryOne.mutate(item)}
                />
              ))}
            </tbody>
          </table>
          {total > items.length && (
            <div className="actions">
              <span className="muted" data-testid="queue-shown">
                {t('queue.shown', {
                  shown: formatNumber(items.length, language),
                  total: formatNumber(total, language),
                })}
              </span>
              {limit < MAX_SHOWN && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setLimit((l) => Math.min(MAX_SHOWN, l + STEP))}
                >
                  {t('queue.showMore')}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  )
}
