/** One row of the stop-sales table; rows whose page has not arrived yet hold their place (and the focus). */
import { memo, useMemo } from 'react'
import { nightCount } from '../../../../shared/stop-sale-basics'
import type { StopSale, StopSaleStatus } from '../../../../shared/stop-sales'
import { codesText, formatNight, kindText } from '../../format'
import { RowSyncButton, SelectCell } from '../../ui/ListTable'
import { useLanguage } from '../../i18n'
import { wordMessage, type Coded } from '../../ui/words'
import { useStopSaleStatusLabels } from '../status/labels'
import { allows } from '../status/actions'
import { CalendarLink, calendarLinkWords, type CalendarLinkWords } from '../calendar/CalendarLink'

export type ColumnKey =
  'status' | 'hotel' | 'firstNight' | 'lastNight' | 'nights' | 'rooms' | 'boards' | 'kind' | 'recId'
/** The columns, the check box and the actions. */
export const COLUMN_COUNT = 9 + 2

/**
 * The rows' words in the language shown, looked up once for the whole table: a row then renders
 * without a translation hook of its own (a screenful of rows is a few hundred look-ups fewer).
 */
export interface RowWords {
  labels: Record<StopSaleStatus, string>
  kinds: { open: string; close: string }
  allRooms: string
  allBoards: string
  sync: string
  loading: string
  selectRow: (hotel: string, night: string) => string
  word: (m: Coded | string | null | undefined) => string | null
  /** A synced stop sale Sedna already held (adopted): its badge, and who recorded it there. */
  adopted: string
  adoptedTitle: (adopted: NonNullable<StopSale['adopted']>, recId: number | null) => string
  /** What the statuses of a record Sedna's copy moved away from mean, and what to do. */
  statusHints: Partial<Record<StopSaleStatus, string>>
  /** The link to the hotel's calendar (#15). */
  calendar: CalendarLinkWords
}

export function useRowWords(): RowWords {
  const { t } = useLanguage()
  const labels = useStopSaleStatusLabels()
  return useMemo(
    () => ({
      labels,
      kinds: { open: t('common.kindOpen'), close: t('common.kindClose') },
      allRooms: t('common.allRooms'),
      allBoards: t('common.allBoards'),
      sync: t('list.sync'),
      loading: t('list.loadingRow'),
      selectRow: (hotel, night) => t('list.selectRow', { hotel, night }),
      word: (m) => (m === null || m === undefined ? null : typeof m === 'string' ? m : wordMessage(t, m)),
      adopted: t('list.adopted'),
      adoptedTitle: ({ recordUser }, recId) =>
        recordUser
          ? t('list.adoptedBy', { user: recordUser, recId: recId ?? '—' })
          : t('list.adoptedByUnknown', { recId: recId ?? '—' }),
      statusHints: { changed_in_sedna: t('list.changedHint'), missing_in_sedna: t('list.missingHint') },
      calendar: calendarLinkWords(t),
    }),
    [t, labels],
  )
}

interface RowProps {
  index: number
  row: StopSale | undefined
  focused: boolean
  selected: boolean
  busy: boolean
  words: RowWords
  onSelect: (id: number, on: boolean) => void
  onSync: (id: number) => void
}

export const StopSaleRow = memo(function StopSaleRow({
  index,
  row: s,
  focused,
  selected,
  busy,
  words,
  onSelect,
  onSync,
}: RowProps) {
  // Only the focused row (and what is in it) is in the Tab order: the arrows move between rows.
  const tabIndex = focused ? 0 : -1
  // Its place in the whole result (the header is row 1).
  const place = { tabIndex, 'data-index': index, 'aria-rowindex': index + 2 }
  if (!s) {
    return (
      <tr {...place} aria-busy="true" className="loading-row" data-testid="stop-sale-row-loading">
        <td colSpan={COLUMN_COUNT}>
          <span className="muted">{words.loading}</span>
        </td>
      </tr>
    )
  }
  const rooms = codesText(s.roomCodes, words.allRooms)
  const boards = codesText(s.boardCodes, words.allBoards)
  const kind = kindText(s.kind, words.kinds)
  return (
    <tr {...place} data-testid="stop-sale-row" data-id={s.id} data-status={s.status}>
      <SelectCell
        label={words.selectRow(s.hotelName, formatNight(s.firstNight))}
        checked={selected}
        disabled={!allows(s, 'sync')}
        onChange={(on) => onSelect(s.id, on)}
        tabIndex={tabIndex}
      />
      <td>
        <StatusCell row={s} words={words} />
      </td>
      <td className="hotel" title={s.hotelName}>
        {/* The hotel's calendar (#15); floated right, so a long name is cut short before it. */}
        <CalendarLink
          hotelId={s.hotelId}
          stopSaleId={s.id}
          firstNight={s.firstNight}
          words={words.calendar}
          tabIndex={tabIndex}
          className="cal-row-link"
        />
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
      <td>
        {allows(s, 'sync') && (
          <RowSyncButton busy={busy} onSync={() => onSync(s.id)} text={words.sync} tabIndex={tabIndex} />
        )}
      </td>
    </tr>
  )
})

/**
 * The status badge; its tooltip says why (the last error) or what the status means. A synced stop sale
 * Sedna already held reads "Already in Sedna", with who recorded it there in the tooltip.
 */
function StatusCell({ row: s, words }: { row: StopSale; words: RowWords }) {
  if (s.status === 'synced' && s.adopted) {
    return (
      <span
        className="badge status-synced adopted"
        title={words.adoptedTitle(s.adopted, s.sednaRecId)}
        data-testid="row-status"
        data-adopted=""
      >
        {words.adopted}
      </span>
    )
  }
  const label = words.labels[s.status]
  return (
    <span
      className={`badge status-${s.status}`}
      title={words.word(s.lastError) ?? words.statusHints[s.status] ?? label}
      data-testid="row-status"
    >
      {label}
    </span>
  )
}
