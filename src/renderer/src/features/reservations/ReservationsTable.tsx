/**
 * The reservations table: a page of rows (main pages them, 100 at a time) with the pager below.
 *
 * Keyboard: ↑/↓ move between rows, Home/End to the first/last row of the page, Enter opens the
 * reservation, S sends it, Space selects it.
 */
import { useEffect, type KeyboardEvent } from 'react'
import type { Reservation, ReservationSortColumn } from '../../../../shared/reservations'
import { formatNight } from '../../format'
import { SortableHeader } from '../../ui/ListControls'
import { useWords } from '../../ui/words'
import { allows } from '../status/actions'
import { ReservationStatusBadge } from '../status/labels'
import { PAGE, remembered, type Sort } from './filters'

type ColumnKey =
  | 'status'
  | 'voucher'
  | 'hotel'
  | 'checkIn'
  | 'checkOut'
  | 'nights'
  | 'roomBoard'
  | 'pax'
  | 'guest'
  | 'recId'
  | 'problem'
const columns: Array<{ key: ColumnKey; sort?: ReservationSortColumn; className?: string }> = [
  { key: 'status', sort: 'status' },
  { key: 'voucher', sort: 'voucher' },
  { key: 'hotel', sort: 'hotel' },
  { key: 'checkIn', sort: 'checkIn' },
  { key: 'checkOut', sort: 'checkOut' },
  { key: 'nights', sort: 'nights', className: 'num' },
  { key: 'roomBoard' },
  { key: 'pax', sort: 'pax', className: 'num' },
  { key: 'guest' },
  { key: 'recId', sort: 'recId', className: 'num' },
  { key: 'problem' },
]

export function ReservationsTable(props: {
  rows: Reservation[]
  total: number
  offset: number
  onPage: (offset: number) => void
  selected: ReadonlySet<number>
  onSelect: (id: number, on: boolean) => void
  busy: boolean
  onSync: (id: number) => void
  sort: Sort | undefined
  onSort: (column: ReservationSortColumn) => void
}) {
  const { rows, total, offset, selected, sort } = props
  const { t, word } = useWords()

  // Back from a reservation: focus the row that was opened (when it is still on this page).
  useEffect(() => {
    const id = remembered?.focusId
    if (id === undefined) return
    document.querySelector<HTMLElement>(`[data-testid="reservation-row"][data-id="${id}"]`)?.focus()
    if (remembered) remembered.focusId = undefined
  }, [])

  const open = (id: number) => {
    if (remembered) remembered.focusId = id
    window.location.hash = `#/reservation/${id}`
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, r: Reservation) => {
    const row = e.currentTarget
    const onRow = e.target === row
    if (e.key === 'ArrowDown') (row.nextElementSibling as HTMLElement | null)?.focus()
    else if (e.key === 'ArrowUp') (row.previousElementSibling as HTMLElement | null)?.focus()
    else if (e.key === 'Home' && onRow) (row.parentElement?.firstElementChild as HTMLElement | null)?.focus()
    else if (e.key === 'End' && onRow) (row.parentElement?.lastElementChild as HTMLElement | null)?.focus()
    else if (e.key === 'Enter' && onRow) open(r.id)
    else if (e.key === ' ' && onRow && allows(r, 'sync')) props.onSelect(r.id, !selected.has(r.id))
    else if ((e.key === 's' || e.key === 'S') && onRow && allows(r, 'sync') && !props.busy) props.onSync(r.id)
    else return
    e.preventDefault()
  }

  return (
    <>
      <div className="table-wrap">
        <table className="grid reservations-table" data-testid="reservations-table">
          <caption className="sr-only">{t('reservations.list.keyboard')}</caption>
          <colgroup>
            <col className="col-check" />
            {columns.map((c) => (
              <col key={c.key} className={`col-${c.key}`} />
            ))}
            <col className="col-actions" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="check">
                <span className="sr-only">{t('list.select')}</span>
              </th>
              {columns.map((c) => (
                <SortableHeader
                  key={c.key}
                  label={t(`reservations.columns.${c.key}`)}
                  className={[c.className, `col-${c.key}`].filter(Boolean).join(' ')}
                  column={c.sort}
                  sort={sort}
                  onSort={props.onSort}
                />
              ))}
              <th scope="col">
                <span className="sr-only">{t('list.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.id}
                tabIndex={0}
                onKeyDown={(e) => onKeyDown(e, r)}
                data-testid="reservation-row"
                data-id={r.id}
                data-status={r.status}
              >
                <td className="check">
                  <input
                    type="checkbox"
                    aria-label={t('reservations.list.selectRow', { voucher: r.voucherNo })}
                    checked={selected.has(r.id)}
                    disabled={!allows(r, 'sync')}
                    onChange={(e) => props.onSelect(r.id, e.target.checked)}
                  />
                </td>
                <td>
                  <ReservationStatusBadge status={r.status} title={word(r.lastError)} />
                </td>
                <td className="voucher">
                  <a
                    href={`#/reservation/${r.id}`}
                    onClick={() => remembered && (remembered.focusId = r.id)}
                    data-testid="open-reservation"
                  >
                    {r.voucherNo}
                  </a>
                </td>
                <td className="hotel" title={r.hotelName}>
                  {r.hotelName}
                </td>
                <td>{formatNight(r.checkIn)}</td>
                <td>{formatNight(r.checkOut)}</td>
                <td className="num">{r.nights}</td>
                <td>
                  {r.roomCode} · {r.boardCode}
                </td>
                <td className="num" title={t('reservations.list.paxTitle', { adults: r.adults, children: r.children })}>
                  {r.pax}
                </td>
                <td className="guest" title={r.leadGuest ?? undefined}>
                  {r.leadGuest ?? '—'}
                  {r.guestCount > 1 && <span className="muted"> +{r.guestCount - 1}</span>}
                </td>
                <td className="num" data-testid="reservation-rec-id">
                  {r.sednaRecId ?? '—'}
                </td>
                <td className="problem" title={word(r.lastError) ?? undefined} data-testid="reservation-error">
                  {r.lastError && r.status !== 'synced' && r.status !== 'cancelled' ? (
                    <span className="error-text">{word(r.lastError)}</span>
                  ) : null}
                </td>
                <td className="row-actions">
                  {allows(r, 'sync') && (
                    <button
                      type="button"
                      className="secondary small"
                      disabled={props.busy}
                      onClick={() => props.onSync(r.id)}
                      aria-label={t('reservations.list.syncRow', { voucher: r.voucherNo })}
                    >
                      {t('list.sync')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions pager">
        <span className="muted" data-testid="reservations-page-info">
          {t('common.range', { from: total === 0 ? 0 : offset + 1, to: Math.min(offset + rows.length, total), total })}
        </span>
        <button
          type="button"
          className="secondary"
          disabled={offset === 0}
          onClick={() => props.onPage(Math.max(0, offset - PAGE))}
        >
          {t('common.previous')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={offset + PAGE >= total}
          onClick={() => props.onPage(offset + PAGE)}
        >
          {t('common.next')}
        </button>
      </div>
    </>
  )
}
