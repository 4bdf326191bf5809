/**
 * The reservations table: a page of rows (main pages them, 100 at a time) with the pager below.
 *
 * Keyboard: ↑/↓ move between rows, Home/End to the first/last row of the page, Enter opens the
 * reservation, S sends it, Space selects it.
 */
import { useEffect, type KeyboardEvent } from 'react'
import type { Reservation, ReservationSortColumn } from '../../../../shared/reservations'
import { formatNight } from '../../format'
import { ListColGroup, ListHeadRow, RowSyncButton, SelectCell } from '../../ui/ListTable'
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
/** Widths in pixels: hotel, lead guest and last error share what is left, cut with … (the full text in the title). */
const columns: Array<{ key: ColumnKey; sort?: ReservationSortColumn; className?: string; width?: number }> = [
  { key: 'status', sort: 'status', width: 150 },
  { key: 'voucher', sort: 'voucher', width: 104 },
  { key: 'hotel', sort: 'hotel' },
  { key: 'checkIn', sort: 'checkIn', width: 100 },
  { key: 'checkOut', sort: 'checkOut', width: 100 },
  { key: 'nights', sort: 'nights', className: 'num', width: 58 },
  { key: 'roomBoard', width: 100 },
  { key: 'pax', sort: 'pax', className: 'num', width: 46 },
  { key: 'guest' },
  { key: 'recId', sort: 'recId', className: 'num', width: 76 },
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
          <ListColGroup check={36} columns={columns} actions={118} />
          <thead>
            <ListHeadRow
              columns={columns.map((c) => ({
                ...c,
                label: t(`reservations.columns.${c.key}`),
                className: [c.className, `col-${c.key}`].filter(Boolean).join(' '),
              }))}
              sort={sort}
              onSort={props.onSort}
            />
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
                <SelectCell
                  label={t('reservations.list.selectRow', { voucher: r.voucherNo })}
                  checked={selected.has(r.id)}
                  disabled={!allows(r, 'sync')}
                  onChange={(on) => props.onSelect(r.id, on)}
                />
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
                    <RowSyncButton
                      busy={props.busy}
                      onSync={() => props.onSync(r.id)}
                      text={t('list.sync')}
                      label={t('reservations.list.syncRow', { voucher: r.voucherNo })}
                    />
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
