/**
 * The sync queue (#/queue): every stop sale on its way to Sedna that has not arrived yet — why it
 * waits, how often it was tried, when it is tried next — with "Try now" per stop sale and for all.
 * Refetches when main says stop sales or Sedna's reachability changed; the sync's progress events
 * mark the ones being sent. Never polls.
 */
import { useEffect, useState } from 'react'
import type { QueueItem, QueueItemState } from '../../../shared/queue'
import type { AppError } from '../../../shared/result'
import { call, onEvent, toAppError } from '../api'
import { codesText, formatDateTime, formatNight } from '../format'
import { formatNumber, useLanguage, type TFunction } from '../i18n'
import { useLoad } from '../use-call'
import { LoadFailed } from './ListControls'
import { ErrorBanner } from './ErrorBanner'
import { useStatusLabels } from './StopSalesPage'

/** Rows asked for at first and added by "Show more" (the contract allows 500 per call). */
const STEP = 100
const MAX_SHOWN = 500

export function QueuePage() {
  const { t, language } = useLanguage()
  const [limit, setLimit] = useState(STEP)
  const [queue, reload] = useLoad(() => call('queue.list', { limit }), [limit])
  useEffect(() => onEvent('stopSales.changed', reload), [reload])
  useEffect(() => onEvent('connectivity.changed', reload), [reload])
  // Reservations wait in the same sync; they are listed on their own page.
  const [status, reloadStatus] = useLoad(() => call('sync.status', {}), [])
  useEffect(() => onEvent('reservations.changed', reloadStatus), [reloadStatus])
  const reservationsWaiting = status.data?.waitingReservations ?? 0
  // Which ones the sync holds right now (between the list's refreshes).
  const [sending, setSending] = useState<ReadonlySet<number>>(new Set())
  useEffect(() => onEvent('sync.progress', (p) => setSending(new Set(p.running ? p.currentIds : []))), [])
  const [trying, setTrying] = useState<ReadonlySet<number | 'all'>>(new Set())
  const [error, setError] = useState<AppError>()

  async function tryNow(which: number | 'all') {
    setTrying((s) => new Set(s).add(which))
    setError(undefined)
    try {
      if (which === 'all') await call('sync.retryNow', {})
      else await call('queue.tryNow', { ids: [which] })
      reload()
      reloadStatus()
    } catch (err) {
      setError(toAppError(err))
    } finally {
      setTrying((s) => {
        const next = new Set(s)
        next.delete(which)
        return next
      })
    }
  }

  if (queue.state === 'error' && !queue.data) {
    return (
      <LoadFailed testId="queue-error" title={t('queue.loadFailed')} message={queue.error.message} onRetry={reload} />
    )
  }
  if (!queue.data) {
    return (
      <p className="state" aria-busy="true">
        {t('queue.loading')}
      </p>
    )
  }
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
      {reservationsWaiting > 0 && (
        <p className="muted" data-testid="queue-reservations">
          {t('queue.reservations', { count: reservationsWaiting })}{' '}
          <a href="#/reservations">{t('app.nav.reservations')}</a>
        </p>
      )}
      {queue.state === 'error' && <ErrorBanner error={queue.error} onRetry={reload} />}
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
        <div className="state state-empty" data-testid="queue-empty">
          <h2>{t('queue.empty')}</h2>
          <p>
            {t('queue.emptyHint')} <a href="#/stop-sales">{t('app.nav.stop-sales')}</a>
          </p>
        </div>
      ) : (
        <>
          <div className="toolbar">
            <button type="button" onClick={() => void tryNow('all')} disabled={trying.has('all')} data-testid="try-all">
              {trying.has('all') ? t('queue.trying') : t('queue.tryAll')}
            </button>
          </div>
          <table className="grid" data-testid="queue-table">
            <thead>
              <tr>
                <th scope="col">{t('queue.colStopSale')}</th>
                <th scope="col">{t('queue.colState')}</th>
                <th scope="col">{t('queue.colWhy')}</th>
                <th scope="col" className="num">
                  {t('queue.colAttempts')}
                </th>
                <th scope="col">{t('queue.colLastTry')}</th>
                <th scope="col">{t('queue.colNextTry')}</th>
                <th scope="col">
                  <span className="sr-only">{t('list.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <QueueRow
                  key={item.id}
                  item={item}
                  state={sending.has(item.id) ? 'sending' : item.state}
                  trying={trying.has(item.id)}
                  onTry={() => void tryNow(item.id)}
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

function QueueRow({
  item,
  state,
  trying,
  onTry,
}: {
  item: QueueItem
  state: QueueItemState
  trying: boolean
  onTry: () => void
}) {
  const { t } = useLanguage()
  const statuses = useStatusLabels()
  return (
    <tr data-testid="queue-item" data-id={item.id} data-state={state}>
      <td>
        <a href={`#/stop-sale/${item.id}`}>{item.hotelName}</a>
        <div className="muted">
          {t('queue.nights', { from: formatNight(item.firstNight), to: formatNight(item.lastNight) })} ·{' '}
          {codesText(item.roomCodes, t('common.allRooms'))} · {codesText(item.boardCodes, t('common.allBoards'))}
        </div>
      </td>
      <td>
        <span className={`badge queue-${state} status-${item.status}`} data-testid="queue-state">
          {t(`queue.state.${state}`)}
        </span>
        <div className="muted">{statuses[item.status]}</div>
      </td>
      <td className="why" data-testid="queue-why">
        {state === 'sending' ? t('queue.why.sending') : (item.lastError ?? t('queue.why.due'))}
      </td>
      <td className="num" data-testid="queue-attempts">
        {item.attempts}
      </td>
      <td className="when">{item.lastAttemptAt ? formatDateTime(item.lastAttemptAt) : t('common.never')}</td>
      <td className="when" data-testid="queue-next">
        {nextTry(item, state, t)}
      </td>
      <td>
        <button
          type="button"
          className="secondary small"
          onClick={onTry}
          disabled={trying || state === 'sending'}
          aria-label={t('queue.tryNowLabel', { hotel: item.hotelName, night: formatNight(item.firstNight) })}
        >
          {trying ? t('queue.trying') : t('queue.tryNow')}
        </button>
      </td>
    </tr>
  )
}

/** When it is tried next, in words: a time, or what it waits for. */
function nextTry(item: QueueItem, state: QueueItemState, t: TFunction) {
  if (state === 'sending') return t('queue.next.now')
  if (state === 'due') return t('queue.next.soon')
  // Waiting for Sedna, its stored time means nothing: Sedna is asked every few seconds, and the stop
  // sale goes out as soon as it answers.
  if (state === 'waiting-for-sedna')
    return (
      <>
        {t('queue.next.whenSedna')}
        <div className="muted">{t('queue.next.asked')}</div>
      </>
    )
  if (!item.nextAttemptAt) return t('queue.next.soon')
  return (
    <time dateTime={item.nextAttemptAt} data-testid="queue-next-time">
      {formatDateTime(item.nextAttemptAt)}
    </time>
  )
}
