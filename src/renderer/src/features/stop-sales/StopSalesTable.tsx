/**
 * The stop-sales table: one scrolled box with a sticky header over the whole filtered result. Only the
 * rows on screen (and a few around them) are in the DOM (@tanstack/react-virtual), with spacer rows for
 * the height of the others, so it stays a real <table> (aria-rowcount, aria-rowindex); their pages are
 * asked for as they come into view (list-window.ts).
 *
 * Keyboard: ↑/↓ move between rows, PageUp/PageDown by a screen, Home/End to the first/last row,
 * Enter opens the stop sale, S sends it, Space selects it. The focused row stays in the DOM while it
 * is scrolled away, so the keyboard carries on where it was.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import type { StopSaleSortColumn } from '../../../../shared/stop-sales'
import { PAGE_SIZE } from '../../data/stop-sales'
import { useLanguage } from '../../i18n'
import { ListColGroup, ListHeadRow } from '../../ui/ListTable'
import { allows } from '../status/actions'
import { remember, remembered, type Filters, type Sort } from './filters'
import type { ListWindowState } from './list-window'
import { COLUMN_COUNT, StopSaleRow, useRowWords, type ColumnKey } from './StopSaleRow'

/** Widths are fixed (table-layout: fixed): rows scrolled into view never make the columns jump. */
const columns: Array<{ key: ColumnKey; sort?: StopSaleSortColumn; className?: string; width?: number }> = [
  { key: 'status', sort: 'status', width: 170 },
  { key: 'hotel', sort: 'hotel' },
  { key: 'firstNight', sort: 'firstNight', width: 112 },
  { key: 'lastNight', sort: 'lastNight', width: 112 },
  { key: 'nights', sort: 'nights', className: 'num', width: 96 },
  { key: 'rooms', width: 105 },
  { key: 'boards', width: 105 },
  { key: 'kind', sort: 'kind', width: 130 },
  { key: 'recId', sort: 'recId', className: 'num', width: 105 },
]
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
export function StopSalesTable(props: TableProps) {
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
        <ListColGroup check={40} columns={columns} actions={130} />
        <thead ref={headRef}>
          <ListHeadRow
            rowIndex={1}
            columns={columns.map((c) => {
              const label = t(`columns.${c.key}`)
              return { ...c, label, title: label }
            })}
            sort={sort}
            onSort={props.onSort}
          />
        </thead>
        {/* A new query starts a new body at the top of its own result (the header keeps its focus). */}
        <VirtualRows key={dataKey} {...props} headHeight={headHeight} />
      </table>
    </div>
  )
}

function VirtualRows(props: TableProps & { headHeight: number }) {
  const { list, total, headHeight } = props
  const words = useRowWords()
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
    // Nothing else has the focus (the page left was removed in this same commit: its element may still
    // be the active one until the browser's focus fixup).
    const active = document.activeElement
    if (restore && (!active || active === document.body || !active.isConnected))
      pendingFocus.current = restore.focusIndex
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, before the virtualizer first reads the box
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
    overscan: 6,
    // The sticky header sits above the rows inside the scrolled box.
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    rangeExtractor,
    initialRect: lastBox ?? { width: window.innerWidth - 32, height: Math.max(240, window.innerHeight - 330) },
    initialOffset: () => restore?.scrollTop ?? 0,
    useFlushSync: false,
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
      remember({ filters, focusIndex, key: dataKey, scrollTop: virtualizer.scrollOffset ?? 0 })
      lastBox = virtualizer.scrollRect ?? lastBox
    },
    [virtualizer, dataKey],
  )

  const items = virtualizer.getVirtualItems()
  // The real row height, once rows are there (fonts differ between systems); a change lays the rows out again.
  const rowMeasured = useRef(false)
  const hasRows = items.length > 0
  useLayoutEffect(() => {
    if (rowMeasured.current) return
    const row = bodyRef.current?.querySelector('tr[data-index]')?.getBoundingClientRect().height
    if (!row) return
    rowMeasured.current = true
    if (Math.abs(row - heights.row) > 0.5) setRowHeight((heights.row = row))
  }, [hasRows])
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
    else if ((e.key === 's' || e.key === 'S') && !e.ctrlKey && onRow && row && allows(row, 'sync') && !props.busy)
      props.onSync(row.id)
    else if (e.key === ' ' && onRow && row && allows(row, 'sync')) props.onSelect(row.id, !props.selected.has(row.id))
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
      <StopSaleRow
        key={item.index}
        index={item.index}
        row={row}
        focused={item.index === focus}
        selected={row ? props.selected.has(row.id) : false}
        busy={props.busy}
        words={words}
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
