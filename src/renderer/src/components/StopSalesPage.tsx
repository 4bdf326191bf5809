/**
 * The home screen: every stop sale, filtered and sorted by main (SQLite), in one table staff scroll
 * through from the first row to the last. Only the rows on screen (and a few around them) are in the
 * DOM (@tanstack/react-virtual); their pages are fetched from main as they come into view
 * (`list-window.ts`), and fetched again when main says stop sales changed — never polled.
 *
 * Keyboard: ↑/↓ move between rows, PageUp/PageDown by a screen, Home/End to the first/last row,
 * Enter opens the stop sale, S sends it, Space selects it. The focused row stays in the DOM while it
 * is scrolled away, so the keyboard carries on where it was.
 */
import { useVirtualizer, defaultRangeExtractor, type Range } from '@tanstack/react-virtual'
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { nightCount, stopSaleStatuses } from '../../../shared/stop-sale-basics'
import type { StopSale, StopSaleSortColumn, StopSaleStatus } from '../../../shared/stop-sales'
import { call, onEvent } from '../api'
import { codesText, formatNight, kindText } from '../format'
import { formatNumber, useLanguage, type TFunction } from '../i18n'
import { PAGE_SIZE, useListWindow, type ListQuery, type ListWindowState } from '../list-window'
import { useDebounced, useSelection } from '../use-debounced'
import { FirstRun } from './FirstRun'
import { FilterBar, LoadFailed, SortableHeader, StatusChips, toggled } from './ListControls'
import { ErrorBanner } from './ErrorBanner'
import { SyncProgress, SyncSummaryView, useSync } from './SyncPanel'

/** Statuses a person may send with "Sync" (needs review waits for a decision). */
export const sendable: ReadonlySet<StopSaleStatus> = new Set<StopSaleStatus>([
  'pending',
  'failed',
  'needs_attention',
  'queued',
  'created',
  'creating',
  'updating',
])

/** Each status's label in the current language (creating, created and updating all read "Sending"). */
export const statusLabels = (t: TFunction): Record<StopSaleStatus, string> => ({
  pending: t('status.pending'),
  queued: t('status.queued'),
  creating: t('status.sending'),
  created: t('status.sending'),
  updating: t('status.sending'),
  synced: t('status.synced'),
  needs_attention: t('status.needs_attention'),
  needs_review: t('status.needs_review'),
  failed: t('status.failed'),
})

/** `statusLabels` for the current language, re-rendering when it changes. */
export function useStatusLabels(): Record<StopSaleStatus, string> {
  const { t, language } = useLanguage()
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => statusLabels(t), [language])
}

type Sort = { column: StopSaleSortColumn; direction: 'asc' | 'desc' }
interface Filters {
  statuses?: StopSaleStatus[]
  hotel?: string
  text?: string
  from?: string
  to?: string
  sort?: Sort
}

/**
 * Where the list was when the person left it (to open a stop sale, say): the filters, the scroll
 * position and the focused row, so that coming back finds it as it was. Screen state only — the rows
 * are fetched again.
 */
let remembered: { filters: Filters; scrollTop: number; focusIndex: number; key: string } | undefined

const toListQuery = (f: Filters): ListQuery => ({
  ...(f.statuses?.length ? { statuses: f.statuses } : {}),
  ...(f.hotel?.trim() ? { hotel: f.hotel } : {}),
  ...(f.text?.trim() ? { text: f.text } : {}),
  ...(f.from ? { from: f.from } : {}),
  ...(f.to && (!f.from || f.to >= f.from) ? { to: f.to } : {}),
  ...(f.sort ? { sort: f.sort } : {}),
})

export function StopSalesPage() {
  const { t, language } = useLanguage()
  const labels = useStatusLabels()
  const [query, setQuery] = useState<Filters>(() => remembered?.filters ?? {})
  // What is typed settles for 250 ms before it is asked for (not a query per key); a status chip or a
  // sort goes at once.
  const typed = useDebounced(JSON.stringify([query.hotel, query.text, query.from, query.to]), 250)
  const filtersKey = JSON.stringify([typed, query.statuses, query.sort])
  const filters = useMemo<Filters>(() => {
    const [hotel, text, from, to] = JSON.parse(typed) as Array<string | null>
    return {
      ...(hotel ? { hotel } : {}),
      ...(text ? { text } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(query.statuses ? { statuses: query.statuses } : {}),
      ...(query.sort ? { sort: query.sort } : {}),
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filtersKey])
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const listQuery = useMemo(() => toListQuery(filters), [filtersKey])
  const list = useListWindow(listQuery)
  // Main says when stop sales change; the rows on screen are fetched again then, and never polled.
  const { refresh } = list
  useEffect(() => onEvent('stopSales.changed', refresh), [refresh])
  const sync = useSync()
  const [selected, setSelected, onSelect] = useSelection()
  // A finished sync changed statuses: show them.
  useEffect(() => {
    if (sync.summary) refresh()
  }, [sync.summary, refresh])
  // Stable for the memoised rows (the sync's own `run` is a new function on every render).
  const runSync = useRef(sync.run)
  runSync.current = sync.run
  const onSync = useCallback((id: number) => void runSync.current({ ids: [id] }), [])
  const sortBy = useCallback(
    (column: StopSaleSortColumn) =>
      setQuery((q) => ({
        ...q,
        sort: { column, direction: q.sort?.column === column && q.sort.direction === 'asc' ? 'desc' : 'asc' },
      })),
    [],
  )

  if (list.error && !list.data) {
    return (
      <LoadFailed
        testId="stop-sales-error"
        title={t('list.loadFailed')}
        message={list.error.message}
        onRetry={refresh}
      />
    )
  }
  if (!list.data)
    return (
      <p className="state" aria-busy="true">
        {t('list.loading')}
      </p>
    )

  const { total, countsByStatus } = list.data
  const filtered = Boolean(query.statuses?.length || query.hotel || query.text || query.from || query.to)
  const toggleStatus = (status: StopSaleStatus) => setQuery((q) => ({ ...q, statuses: toggled(q.statuses, status) }))
  return (
    <section aria-labelledby="stop-sales-title" className="list-page">
      <header className="page-header">
        <h1 id="stop-sales-title">{t('list.title')}</h1>
        <StatusChips
          statuses={stopSaleStatuses}
          counts={countsByStatus}
          chosen={query.statuses}
          labels={labels}
          ariaLabel={t('list.perStatus')}
          testIdPrefix="count-"
          onToggle={toggleStatus}
        />
      </header>
      {list.error && (
        <p className="banner banner-error" role="alert">
          {list.error.message} <button onClick={refresh}>{t('common.tryAgain')}</button>
        </p>
      )}
      <FirstRun />
      <FilterBar
        value={query}
        onChange={(patch) => setQuery((q) => ({ ...q, ...patch }))}
        filtered={filtered}
        onClear={() => setQuery(query.sort ? { sort: query.sort } : {})}
        ariaLabel={t('list.filter')}
        fromLabel={t('list.from')}
        searchPlaceholder={t('list.searchPlaceholder')}
        testIdPrefix="filter-"
      />
      <div className="toolbar">
        <button
          type="button"
          disabled={sync.running || !countsByStatus.pending}
          onClick={() => void sync.run('all-pending')}
        >
          {t('list.syncAllPending')}
          {countsByStatus.pending ? ` (${countsByStatus.pending})` : ''}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={sync.running || selected.size === 0}
          onClick={() => void sync.run({ ids: [...selected] }).then(() => setSelected(new Set()))}
        >
          {t('list.syncSelected', { count: selected.size })}
        </button>
        <span className="muted list-total" data-testid="list-total" aria-live="polite">
          {Object.keys(listQuery).some((k) => k !== 'sort')
            ? t('list.matching', { count: total, total: formatNumber(total, language) })
            : t('list.total', { count: total, total: formatNumber(total, language) })}
        </span>
      </div>
      {sync.running && <SyncProgress progress={sync.progress} onStop={() => void call('sync.stopAfterCurrent', {})} />}
      {sync.summary && <SyncSummaryView summary={sync.summary} onClose={sync.dismiss} />}
      {sync.error && <ErrorBanner error={sync.error} />}
      {total === 0 && filtered ? (
        <div className="state state-empty" data-testid="stop-sales-none-match">
          <h2>{t('list.noneMatch')}</h2>
        </div>
      ) : total === 0 ? (
        <div className="state state-empty" data-testid="stop-sales-empty">
          <h2>{t('list.empty')}</h2>
          <p>{t('list.emptyHint')}</p>
        </div>
      ) : (
        <StopSalesTable
          list={list}
          total={total}
          filters={filters}
          selected={selected}
          onSelect={onSelect}
          busy={sync.running}
          onSync={onSync}
          sort={query.sort}
          onSort={sortBy}
        />
      )}
    </section>
  )
}

type ColumnKey = 'status' | 'hotel' | 'firstNight' | 'lastNight' | 'nights' | 'rooms' | 'boards' | 'kind' | 'recId'
/** Widths are fixed (table-layout: fixed): rows scrolled into view never make the columns jump. */
const columns: Array<{ key: ColumnKey; sort?: StopSaleSortColumn; className?: string; width?: number }> = [
  { key: 'status', sort: 'status', width: 150 },
  { key: 'hotel', sort: 'hotel' },
  { key: 'firstNight', sort: 'firstNight', width: 112 },
  { key: 'lastNight', sort: 'lastNight', width: 112 },
  { key: 'nights', sort: 'nights', className: 'num', width: 96 },
  { key: 'rooms', width: 105 },
  { key: 'boards', width: 105 },
  { key: 'kind', sort: 'kind', width: 130 },
  { key: 'recId', sort: 'recId', className: 'num', width: 105 },
]
const COLUMN_COUNT = columns.length + 2
/**
 * The header's and a row's height in pixels: CSS gives them these (styles.css, `.grid.virtual`), and
 * the first table shown measures them (fonts and zoom differ), so later tables start right: a change
 * makes the virtualizer lay out every one of its rows again (100,000 of them: milliseconds).
 */
const heights = { head: 34, row: 34 }
/**
 * The scrolled box's size as last seen, so that a new table (another query) lays out the rows that fit
 * at once, instead of a guess corrected in a second pass. Before any: the window less the page's header.
 */
let lastBox: { width: number; height: number } | undefined
const SCROLL_FETCH_MS = 100

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

interface TableProps {
  list: ListWindowState
  total: number
  filters: Filters
  selected: ReadonlySet<number>
  onSelect: (id: number, on: boolean) => void
  busy: boolean
  onSync: (id: number) => void
  sort: Sort | undefined
  onSort: (column: StopSaleSortColumn) => void
}

/** The scrolled box, the table and its sticky header; the rows are `VirtualRows`, one per query. */
function StopSalesTable(props: TableProps) {
  const { total, sort } = props
  const { t } = useLanguage()
  const headRef = useRef<HTMLTableSectionElement>(null)
  const [headHeight, setHeadHeight] = useState(heights.head)
  // The header's real height: the rows start below it.
  useLayoutEffect(() => {
    const head = headRef.current?.getBoundingClientRect().height
    if (head && Math.abs(head - heights.head) > 0.5) setHeadHeight((heights.head = head))
  }, [])
  const dataKey = props.list.data!.key
  return (
    <div className="table-scroll" data-testid="stop-sales-scroll">
      <table className="grid virtual" data-testid="stop-sales-table" aria-rowcount={total + 1}>
        <colgroup>
          <col className="check" />
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
          <col className="actions-col" />
        </colgroup>
        <thead ref={headRef}>
          <tr aria-rowindex={1}>
            <th scope="col" className="check">
              <span className="sr-only">{t('list.select')}</span>
            </th>
            {columns.map((c) => {
              const label = t(`columns.${c.key}`)
              return (
                <SortableHeader
                  key={c.key}
                  label={label}
                  title={label}
                  className={c.className}
                  column={c.sort}
                  sort={sort}
                  onSort={props.onSort}
                />
              )
            })}
            <th scope="col">
              <span className="sr-only">{t('list.actions')}</span>
            </th>
          </tr>
        </thead>
        {/* A new query starts a new body at the top of its own result (the header keeps its focus). */}
        <VirtualRows key={dataKey} {...props} headHeight={headHeight} />
      </table>
    </div>
  )
}

function VirtualRows(props: TableProps & { headHeight: number }) {
  const { list, total, headHeight } = props
  const labels = useStatusLabels()
  const bodyRef = useRef<HTMLTableSectionElement>(null)
  // The scrolled box around the table. Found from the body, not by a ref of the parent's: that one is
  // attached only after this component's layout effects, where the virtualizer first looks for it.
  const scrollBox = () => bodyRef.current?.closest<HTMLDivElement>('.table-scroll') ?? null
  const dataKey = list.data!.key
  // Back from a stop sale's page: where the list was, with the row it was opened from focused.
  const [restore] = useState(() => (remembered?.key === dataKey ? remembered : undefined))
  const [focusIndex, setFocusIndex] = useState(restore?.focusIndex ?? 0)
  const focus = Math.max(0, Math.min(focusIndex, total - 1))
  /** A row to focus as soon as it is rendered (the keyboard moved there). */
  const pendingFocus = useRef<number | null>(null)
  const [rowHeight, setRowHeight] = useState(heights.row)

  // Before the virtualizer reads the box: the previous query's scroll position means nothing here.
  useLayoutEffect(() => {
    const box = scrollBox()
    if (box) box.scrollTop = restore?.scrollTop ?? 0
    if (restore && document.activeElement === document.body) pendingFocus.current = restore.focusIndex
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // The focused row is always rendered (beside the rows in view), so focus survives scrolling away.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range)
      if (focus < range.count && !indexes.includes(focus)) indexes.push(focus)
      return indexes.sort((a, b) => a - b)
    },
    [focus],
  )
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: scrollBox,
    estimateSize: () => rowHeight,
    overscan: 10,
    // The sticky header sits above the rows inside the scrolled box.
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    rangeExtractor,
    initialRect: lastBox ?? { width: window.innerWidth - 32, height: Math.max(240, window.innerHeight - 330) },
    initialOffset: () => restore?.scrollTop ?? 0,
    useFlushSync: false,
  })

  // The real row height, once (fonts differ between systems); a change lays the rows out again.
  const rowMeasured = useRef(false)
  useLayoutEffect(() => {
    if (rowMeasured.current) return
    const row = bodyRef.current?.querySelector('tr[data-index]')?.getBoundingClientRect().height
    if (!row) return
    rowMeasured.current = true
    if (Math.abs(row - heights.row) > 0.5) setRowHeight((heights.row = row))
  })
  const laidOut = useRef(rowHeight)
  useEffect(() => {
    if (laidOut.current === rowHeight) return
    laidOut.current = rowHeight
    virtualizer.measure()
  }, [virtualizer, rowHeight])

  // Leaving the page: remember where the list was for the next visit.
  const latest = useRef({ filters: props.filters, focus })
  latest.current = { filters: props.filters, focus }
  useEffect(
    () => () => {
      const { filters, focus: focusIndex } = latest.current
      // (The box is already detached here; the virtualizer knows where it was.)
      remembered = { filters, focusIndex, key: dataKey, scrollTop: virtualizer.scrollOffset ?? 0 }
      lastBox = virtualizer.scrollRect ?? lastBox
    },
    [virtualizer, dataKey],
  )

  const items = virtualizer.getVirtualItems()
  // The pages those rows are on: fetched when missing. While the scrollbar is dragged, at most every
  // SCROLL_FETCH_MS (the pages flown past are not asked for), and once more where it rests.
  const pagesKey = [...new Set(items.map((i) => Math.floor(i.index / PAGE_SIZE)))].join(',')
  const scrolling = virtualizer.isScrolling
  const { show } = list
  const lastShow = useRef(0)
  useEffect(() => {
    const wanted = pagesKey ? pagesKey.split(',').map(Number) : []
    const wait = scrolling ? lastShow.current + SCROLL_FETCH_MS - performance.now() : 0
    const run = () => {
      lastShow.current = performance.now()
      show(wanted)
    }
    if (wait <= 0) return run()
    const timer = setTimeout(run, wait)
    return () => clearTimeout(timer)
  }, [pagesKey, scrolling, show])

  // Focus follows the keyboard once the row is rendered.
  useLayoutEffect(() => {
    const index = pendingFocus.current
    if (index === null) return
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`)
    if (!row) return
    pendingFocus.current = null
    row.focus({ preventScroll: true })
  })

  const moveTo = (index: number) => {
    const to = Math.max(0, Math.min(index, total - 1))
    pendingFocus.current = to
    setFocusIndex(to)
    virtualizer.scrollToIndex(to, { align: 'auto' })
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const rowEl = (e.target as HTMLElement).closest<HTMLTableRowElement>('tr[data-index]')
    if (!rowEl || e.altKey || e.metaKey) return
    const index = Number(rowEl.dataset.index)
    const onRow = e.target === rowEl
    const row = list.rowAt(index)
    const screen = Math.max(1, Math.floor(((virtualizer.scrollRect?.height ?? 600) - headHeight) / rowHeight) - 1)
    if (e.key === 'ArrowDown') moveTo(index + 1)
    else if (e.key === 'ArrowUp') moveTo(index - 1)
    else if (e.key === 'PageDown') moveTo(index + screen)
    else if (e.key === 'PageUp') moveTo(index - screen)
    else if (e.key === 'Home' && onRow) moveTo(0)
    else if (e.key === 'End' && onRow) moveTo(total - 1)
    else if (e.key === 'Enter' && onRow && row) window.location.hash = `#/stop-sale/${row.id}`
    else if ((e.key === 's' || e.key === 'S') && !e.ctrlKey && onRow && row && sendable.has(row.status) && !props.busy)
      props.onSync(row.id)
    else if (e.key === ' ' && onRow && row && sendable.has(row.status))
      props.onSelect(row.id, !props.selected.has(row.id))
    else return
    e.preventDefault()
  }
  // A click or Tab into a row makes it the keyboard's row.
  const onFocus = (e: FocusEvent<HTMLTableSectionElement>) => {
    const index = Number((e.target as HTMLElement).closest<HTMLElement>('tr[data-index]')?.dataset.index)
    if (Number.isInteger(index) && index !== focus) setFocusIndex(index)
  }

  // Rows in view, with spacer rows for the height of those that are not (the table keeps its semantics).
  const body: ReactNode[] = []
  let cursor = 0
  const spacer = (key: string, height: number) => {
    if (height > 0)
      body.push(
        <tr key={key} className="spacer" aria-hidden="true">
          <td colSpan={COLUMN_COUNT} style={{ height }} />
        </tr>,
      )
  }
  for (const item of items) {
    const start = item.start - headHeight
    spacer(`gap-${item.index}`, start - cursor)
    const row = list.rowAt(item.index)
    body.push(
      <Row
        key={item.index}
        index={item.index}
        row={row}
        focused={item.index === focus}
        selected={row ? props.selected.has(row.id) : false}
        busy={props.busy}
        labels={labels}
        onSelect={props.onSelect}
        onSync={props.onSync}
      />,
    )
    cursor = item.end - headHeight
  }
  spacer('gap-end', virtualizer.getTotalSize() - cursor)

  return (
    <tbody ref={bodyRef} onKeyDown={onKeyDown} onFocus={onFocus}>
      {body}
    </tbody>
  )
}

/** One row; rows whose page has not arrived yet hold their place (and the focus) until it does. */
const Row = memo(function Row({ index, row: s, focused, selected, busy, labels, onSelect, onSync }: RowProps) {
  const { t } = useLanguage()
  if (!s) {
    return (
      <tr
        tabIndex={focused ? 0 : -1}
        data-index={index}
        aria-rowindex={index + 2}
        aria-busy="true"
        className="loading-row"
        data-testid="stop-sale-row-loading"
      >
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
    <tr
      tabIndex={focused ? 0 : -1}
      data-index={index}
      aria-rowindex={index + 2}
      data-testid="stop-sale-row"
      data-id={s.id}
      data-status={s.status}
    >
      <td className="check">
        <input
          type="checkbox"
          aria-label={t('list.selectRow', { hotel: s.hotelName, night: formatNight(s.firstNight) })}
          checked={selected}
          disabled={!sendable.has(s.status)}
          onChange={(e) => onSelect(s.id, e.target.checked)}
          tabIndex={focused ? 0 : -1}
        />
      </td>
      <td>
        <span className={`badge status-${s.status}`} title={s.lastError ?? labels[s.status]}>
          {labels[s.status]}
        </span>
      </td>
      <td className="hotel" title={s.hotelName}>
        <a href={`#/stop-sale/${s.id}`} data-testid="open-detail" tabIndex={focused ? 0 : -1}>
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
        {sendable.has(s.status) && (
          <button
            type="button"
            className="secondary small"
            disabled={busy}
            onClick={() => onSync(s.id)}
            tabIndex={focused ? 0 : -1}
          >
            {t('list.sync')}
          </button>
        )}
      </td>
    </tr>
  )
})
