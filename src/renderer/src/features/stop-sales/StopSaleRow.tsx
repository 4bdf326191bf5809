/** One row of the stop-sales table; rows whose page has not arrived yet hold their place (and the focus). */
import { memo } from 'react'
import { nightCount } from '../../../../shared/stop-sale-basics'
import type { StopSale, StopSaleStatus } from '../../../../shared/stop-sales'
import { codesText, formatNight, kindText } from '../../format'
import { useWords } from '../../ui/words'
import { RowSyncButton, SelectCell } from '../../ui/ListTable'
import { allows } from '../status/actions'

export type ColumnKey =
  'status' | 'hotel' | 'firstNight' | 'lastNight' | 'nights' | 'rooms' | 'boards' | 'kind' | 'recId'
/** The columns, the check box and the actions. */
export const COLUMN_COUNT = 9 + 2

interface RowProps {
  index: number
  row: StopSale | undefined
  focused: boolean
  selected: boolean
  busy: boolean
  labels: Record<StopSaleStatus, string>
  onSelect: (id: number, on: boolean) => void
  onSync: (id: number) => void
}

export const StopSaleRow = memo(function StopSaleRow({
  index,
  row: s,
  focused,
  selected,
  busy,
  labels,
  onSelect,
  onSync,
}: RowProps) {
  const { t, word } = useWords()
  // Only the focused row (and what is in it) is in the Tab order: the arrows move between rows.
  const tabIndex = focused ? 0 : -1
  // Its place in the whole result (the header is row 1).
  const place = { tabIndex, 'data-index': index, 'aria-rowindex': index + 2 }
  if (!s) {
    return (
      <tr {...place} aria-busy="true" className="loading-row" data-testid="stop-sale-row-loading">
        <td colSpan={COLUMN_COUNT}>
          <span className="muted">{t('list.loadingRow')}</span>
        </td>
      </tr>
    )
  }
  const kinds = { open: t('common.kindOpen'), close: t('common.kindClose') }
  const rooms = codesText(s.roomCodes, t('common.allRooms'))
  const boards = codesText(s.boardCodes, t('common.allBoards'))
  const kind = kindText(s.kind, kinds)
  return (
    <tr {...place} data-testid="stop-sale-row" data-id={s.id} data-status={s.status}>
      <SelectCell
        label={t('list.selectRow', { hotel: s.hotelName, night: formatNight(s.firstNight) })}
        checked={selected}
        disabled={!allows(s, 'sync')}
        onChange={(on) => onSelect(s.id, on)}
        tabIndex={tabIndex}
      />
      <td>
        <span className={`badge status-${s.status}`} title={word(s.lastError) ?? labels[s.status]}>
          {labels[s.status]}
        </span>
      </td>
      <td className="hotel" title={s.hotelName}>
        <a href={`#/stop-sale/${s.id}`} data-testid="open-detail" tabIndex={tabIndex}>
          {s.hotelName}
        </a>
      </td>
      <td>{formatNight(s.firstNight)}</td>
      <td>{formatNight(s.lastNight)}</td>
      <td className="num">{nightCount(s.firstNight, s.lastNight)}</td>
      <td className={s.roomCodes.length ? undefined : 'all'} title={rooms}>
        {rooms}
      </td>
      <td className={s.boardCodes.length ? undefined : 'all'} title={boards}>
        {boards}
      </td>
      <td title={kind}>
        <span className={`kind kind-${s.kind}`}>{kind}</span>
      </td>
      <td className="num" data-testid="rec-id">
        {s.sednaRecId ?? '—'}
      </td>
      <td>{allows(s, 'sync') && <RowSyncButton busy={busy} onSync={() => onSync(s.id)} tabIndex={tabIndex} />}</td>
    </tr>
  )
})
