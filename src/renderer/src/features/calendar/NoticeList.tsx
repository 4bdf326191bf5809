/**
 * The notices behind one cell: every notice covering that night and room for the board shown — Sedna's
 * and ours, not only the one that decides it — newest declaration first, the deciding one marked.
 */
import type { Calendar, CalendarNotice } from '../../../../shared/contracts/calendar'
import { codesText, formatNight } from '../../format'
import { useLanguage } from '../../i18n'
import { useStopSaleStatusLabels } from '../status/labels'
import type { Cell } from './CalendarGrid'

/** Sedna's DeclareDate (YYYY-MM-DDTHH:mm:ss, the hotel's own clock) as written: dd.MM.yyyy HH:mm:ss. */
function formatDeclared(at: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(at)
  return m ? `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]}:${m[6] ?? '00'}` : null
}

/** Whether a notice covers the row's room (the "all rooms" row: only notices naming every room). */
const coversRoom = (n: CalendarNotice, roomTypeId: number | null) =>
  roomTypeId === null ? n.roomTypeIds === null : n.roomTypeIds === null || n.roomTypeIds.includes(roomTypeId)

/** The notices behind a cell (indices into `notices`), newest declaration first. */
export function noticesBehind(data: Calendar, cell: Cell): number[] {
  const night = data.nights[cell.c]
  const row = data.rows[cell.r]
  if (night === undefined || row === undefined) return []
  const found: number[] = []
  data.notices.forEach((n, i) => {
    if (n.firstNight <= night && night <= n.lastNight && coversRoom(n, row.roomTypeId)) found.push(i)
  })
  return found.reverse()
}

export function NoticeList({
  data,
  cell,
  roomLabel,
  onClose,
}: {
  data: Calendar
  cell: Cell
  roomLabel: string
  onClose: () => void
}) {
  const { t } = useLanguage()
  const labels = useStopSaleStatusLabels()
  const night = data.nights[cell.c]!
  const winner = data.rows[cell.r]!.winners[cell.c]!
  const behind = noticesBehind(data, cell)
  const state = data.rows[cell.r]!.states[cell.c]!
  return (
    <section className="cal-notices" aria-labelledby="cal-notices-title" data-testid="calendar-notices">
      <header className="cal-notices-head">
        <h2 id="cal-notices-title">{t('calendar.notices.title', { room: roomLabel, date: formatNight(night) })}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      <p role="status" data-testid="calendar-notices-summary">
        {behind.length === 0
          ? t('calendar.notices.none')
          : t('calendar.notices.count', { count: behind.length, state: t(`calendar.states.${state}`) })}
      </p>
      {behind.length > 0 && (
        <table className="grid cal-notice-table">
          <thead>
            <tr>
              <th scope="col">{t('calendar.notices.source')}</th>
              <th scope="col">{t('calendar.notices.kind')}</th>
              <th scope="col">{t('calendar.notices.nights')}</th>
              <th scope="col">{t('calendar.notices.rooms')}</th>
              <th scope="col">{t('calendar.notices.boards')}</th>
              <th scope="col">{t('calendar.notices.declared')}</th>
              <th scope="col">{t('calendar.notices.recordedBy')}</th>
              <th scope="col">{t('calendar.notices.recId')}</th>
              <th scope="col">{t('calendar.notices.ours')}</th>
            </tr>
          </thead>
          <tbody>
            {behind.map((i) => {
              const n = data.notices[i]!
              const decides = i === winner
              return (
                <tr
                  key={n.key}
                  className={decides ? 'cal-winner' : undefined}
                  data-testid="calendar-notice"
                  data-key={n.key}
                  data-winner={decides || undefined}
                >
                  <td>
                    {t(`calendar.notices.from.${n.source}`)}
                    {decides && <span className="badge cal-decides">{t('calendar.notices.winner')}</span>}
                    {n.changedInSedna && (
                      <span className="badge status-changed_in_sedna">{t('calendar.notices.changed')}</span>
                    )}
                  </td>
                  <td>
                    <span className={`kind kind-${n.kind}`}>{t(`calendar.notices.${n.kind}`)}</span>
                  </td>
                  <td>
                    {formatNight(n.firstNight)} – {formatNight(n.lastNight)}
                  </td>
                  <td>{codesText(n.roomTypeIds === null ? [] : n.roomCodes, t('common.allRooms'))}</td>
                  <td>{codesText(n.boardIds === null ? [] : n.boardCodes, t('common.allBoards'))}</td>
                  <td>
                    {formatDeclared(n.declaredAt) ?? <span className="muted">{t('calendar.notices.unknown')}</span>}
                  </td>
                  <td>{n.recordUser ?? <span className="muted">—</span>}</td>
                  <td className="num">{n.recId ?? '—'}</td>
                  <td>
                    {n.stopSaleId !== null ? (
                      <>
                        <a href={`#/stop-sale/${n.stopSaleId}`}>{t('calendar.notices.record', { id: n.stopSaleId })}</a>
                        {n.status && <span className={`badge status-${n.status}`}>{labels[n.status]}</span>}
                      </>
                    ) : (
                      <span className="muted">{t('calendar.notices.notOurs')}</span>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
