/** One record waiting in the queue: which, where it stands, why it waits, its tries, and Try now. */
import type { QueueItem, QueueItemState } from '../../../../shared/queue'
import { codesText, formatDateTime, formatNight } from '../../format'
import type { TFunction } from '../../i18n'
import { useWords } from '../../ui/words'
import { useReservationStatusLabels, useStopSaleStatusLabels } from '../status/labels'

/** The record's link, its one-line description, and the name Try now says it for. */
function describe(item: QueueItem, t: TFunction) {
  if (item.kind === 'stopSale')
    return {
      href: `#/stop-sale/${item.id}`,
      title: item.hotelName,
      sub: `${t('queue.nights', { from: formatNight(item.firstNight), to: formatNight(item.lastNight) })} · ${codesText(
        item.roomCodes,
        t('common.allRooms'),
      )} · ${codesText(item.boardCodes, t('common.allBoards'))}`,
      tryLabel: t('queue.tryNowLabel', { hotel: item.hotelName, night: formatNight(item.firstNight) }),
    }
  return {
    href: `#/reservation/${item.id}`,
    title: t('queue.reservation', { voucher: item.voucherNo, hotel: item.hotelName }),
    sub: `${t('queue.nights', { from: formatNight(item.checkIn), to: formatNight(item.checkOut) })} · ${item.roomCode} · ${
      item.boardCode
    }${item.action === 'cancel' ? ` · ${t('queue.cancellation')}` : ''}`,
    tryLabel: t('queue.tryReservationLabel', { voucher: item.voucherNo }),
  }
}

/** When it is tried next, in words: a time, or what it waits for. */
function nextTry(item: QueueItem, state: QueueItemState, t: TFunction) {
  if (state === 'sending') return t('queue.next.now')
  if (state === 'due') return t('queue.next.soon')
  // Waiting for Sedna, its stored time means nothing: Sedna is asked every few seconds, and the record
  // goes out as soon as it answers.
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

export function QueueRow({
  item,
  sendingNow,
  trying,
  onTry,
}: {
  item: QueueItem
  /** The sync of this window holds it right now (between the list's refreshes). */
  sendingNow: boolean
  trying: boolean
  onTry: () => void
}) {
  const { t, word } = useWords()
  const stopSaleLabels = useStopSaleStatusLabels()
  const reservationLabels = useReservationStatusLabels()
  const state: QueueItemState = sendingNow ? 'sending' : item.state
  const what = describe(item, t)
  const status = item.kind === 'stopSale' ? stopSaleLabels[item.status] : reservationLabels[item.status]
  const canTry = item.actions.includes('tryNow') && state !== 'sending'
  return (
    <tr data-testid="queue-item" data-kind={item.kind} data-id={item.id} data-state={state}>
      <td>
        <a href={what.href}>{what.title}</a>
        <div className="muted">{what.sub}</div>
      </td>
      <td>
        <span className={`badge queue-${state} status-${item.status}`} data-testid="queue-state">
          {t(`queue.state.${state}`)}
        </span>
        <div className="muted">{status}</div>
      </td>
      <td className="why" data-testid="queue-why">
        {sendingNow ? t('queue.sendingNow') : word(item.why)}
        {item.lastError && <div className="muted">{word(item.lastError)}</div>}
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
          disabled={trying || !canTry}
          aria-label={what.tryLabel}
        >
          {trying ? t('queue.trying') : t('queue.tryNow')}
        </button>
      </td>
    </tr>
  )
}
