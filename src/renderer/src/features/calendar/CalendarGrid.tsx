/**
 * The grid: nights across, the "all rooms" row and the room types down, one cell per night and room
 * in its net state. Built to draw 41 rows × 92 nights quickly: one memoised row component of plain
 * <td>s with a class per state, labels computed once per answer, and one click and one key handler on
 * the table (no handler or hook per cell). Keyboard: a roving tabindex (one cell in the Tab order),
 * arrows, Home/End (the row's first/last night), PageUp/PageDown (the month before/after), Enter or
 * Space lists the notices behind the cell.
 *
 * `calendar:data` is marked when an answer reaches the grid and `calendar:render` measured once it is
 * in the DOM (bench/calendar-render.ts reads it).
 */
import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import type { Calendar, CalendarRow } from '../../../../shared/contracts/calendar'
import type { NightState } from '../../../../shared/net-state'

/** The grid's words in the language shown, looked up once (not per cell). */
export interface GridWords {
  gridLabel: string
  roomType: string
  allRooms: string
  states: Record<NightState, string>
  /** Appended to a cell's label when the notice deciding it was changed in Sedna. */
  changed: string
  /** A night as staff read it (dd.MM.yyyy). */
  day: (iso: string) => string
  cell: (room: string, day: string, state: string) => string
  month: (yyyyMm: string) => string
  weekday: (iso: string) => string
}

export interface Cell {
  r: number
  c: number
}

/** What the grid shows per answer: computed once, shared by every row. */
interface Prepared {
  dayLabels: string[]
  /** Per night: ' cal-today', ' cal-weekend', ' cal-month-start' or none (appended to each cell's class). */
  colClass: string[]
  rowLabels: string[]
  /** Per notice index: changed in Sedna. */
  changed: boolean[]
  months: Array<{ month: string; span: number }>
}

function prepare(data: Calendar, words: GridWords, today: string): Prepared {
  const dayLabels = data.nights.map(words.day)
  const colClass = data.nights.map((n) => {
    const weekday = new Date(`${n}T00:00:00Z`).getUTCDay()
    return (
      (n === today ? ' cal-today' : '') +
      (weekday === 0 || weekday === 6 ? ' cal-weekend' : '') +
      (n.endsWith('-01') ? ' cal-month-start' : '')
    )
  })
  const months: Prepared['months'] = []
  for (const n of data.nights) {
    const m = n.slice(0, 7)
    const last = months[months.length - 1]
    if (last?.month === m) last.span++
    else months.push({ month: m, span: 1 })
  }
  return {
    dayLabels,
    colClass,
    rowLabels: data.rows.map((row) => rowLabel(row, words)),
    changed: data.notices.map((n) => n.changedInSedna),
    months,
  }
}

/** Column widths in pixels (table-layout: fixed: the browser lays out 3,772 cells without measuring them). */
const ROOM_PX = 220
const CELL_PX: Record<number, number> = { 1: 26, 2: 19, 3: 15 }

const rowLabel = (row: CalendarRow, words: GridWords) =>
  row.roomTypeId === null ? words.allRooms : row.name ? `${row.code} ${row.name}` : row.code

interface RowProps {
  row: CalendarRow
  label: string
  prepared: Prepared
  words: GridWords
  /** The night of this row in the Tab order (-1: another row's). */
  focusCol: number
  /** The night whose notices are listed (-1: none in this row). */
  openCol: number
}

/** Text and attribute values as HTML: the row is written as one string (see CalendarGridRow). */
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/**
 * One row as one HTML string handed to the browser's parser: 92 cells with a class and a label each cost
 * React about 40 ms per 3,772 cells in element and attribute calls (measured with bench/calendar-render.ts);
 * the parser builds the same nodes natively. Everything in it is escaped; no handler lives on a cell (the
 * table's own click and key handlers find the cell from the event).
 */
const CalendarGridRow = memo(function CalendarGridRow({ row, label, prepared, words, focusCol, openCol }: RowProps) {
  const { states, winners } = row
  const { dayLabels, colClass, changed } = prepared
  const head =
    row.roomTypeId === null
      ? escapeHtml(label)
      : `<span class="cal-code">${escapeHtml(row.code)}</span> ${escapeHtml(row.name ?? '')}`
  let html = `<th scope="row" class="cal-room" title="${escapeHtml(label)}">${head}</th>`
  for (let c = 0; c < states.length; c++) {
    const state = states[c]!
    const w = winners[c]!
    const isChanged = w >= 0 && changed[w] === true
    const cellLabel = escapeHtml(
      words.cell(label, dayLabels[c]!, words.states[state] + (isChanged ? words.changed : '')),
    )
    html +=
      `<td class="cal-cell cal-${state}${isChanged ? ' cal-changed' : ''}${colClass[c]}"` +
      `${c === focusCol ? ' tabindex="0"' : ''}${c === openCol ? ' aria-selected="true"' : ''}` +
      ` aria-label="${cellLabel}"></td>`
  }
  return (
    <tr
      data-room={row.roomTypeId ?? 'all'}
      className={row.roomTypeId === null ? 'cal-all-rooms' : undefined}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  )
})

export function CalendarGrid({
  data,
  words,
  today,
  opened,
  onOpen,
  onPage,
}: {
  data: Calendar
  words: GridWords
  /** YYYY-MM-DD: its column is marked. */
  today: string
  /** The cell whose notices are listed. */
  opened: Cell | undefined
  onOpen: (cell: Cell) => void
  /** PageUp / PageDown: the month before (-1) or after (+1). */
  onPage: (delta: -1 | 1) => void
}) {
  // The answer handed to the grid: what the render measure starts from.
  const handed = useRef<Calendar | undefined>(undefined)
  if (handed.current !== data) {
    handed.current = data
    // One of each at a time: the timeline does not grow while staff page through months all day.
    performance.clearMarks('calendar:data')
    performance.mark('calendar:data')
  }
  const prepared = useMemo(() => prepare(data, words, today), [data, words, today])
  const rowCount = data.rows.length
  const colCount = data.nights.length
  const [focus, setFocus] = useState<Cell>({ r: 0, c: Math.max(0, data.nights.indexOf(today)) })
  const r = Math.min(focus.r, rowCount - 1)
  const c = Math.min(focus.c, colCount - 1)
  const table = useRef<HTMLTableElement>(null)
  // Set by a key or a click: the cell in the Tab order also gets the focus once rendered.
  const moveFocus = useRef(false)

  useLayoutEffect(() => {
    performance.clearMeasures('calendar:render')
    performance.measure('calendar:render', 'calendar:data')
  }, [data])

  // Rows are rewritten as HTML: a render that changes the focused cell's row replaces the element that
  // had the focus, so it is given back (as it is after a key or a click moved it).
  const hadFocus = table.current?.contains(document.activeElement) === true
  useLayoutEffect(() => {
    const lost = hadFocus && !table.current?.contains(document.activeElement)
    if (!moveFocus.current && !lost) return
    moveFocus.current = false
    table.current?.tBodies[0]?.rows[r]?.cells[c + 1]?.focus()
  })

  // Where a cell is, from the table itself (no attribute per cell): its row in the body, its place after the room.
  const cellOf = (target: EventTarget): Cell | undefined => {
    const td = (target as HTMLElement).closest?.('td.cal-cell') as HTMLTableCellElement | null | undefined
    const tr = td?.parentElement as HTMLTableRowElement | null | undefined
    if (!td || !tr || !table.current?.tBodies[0]?.contains(tr)) return undefined
    return { r: tr.sectionRowIndex, c: td.cellIndex - 1 }
  }

  const go = (next: Cell) => {
    moveFocus.current = true
    setFocus({ r: Math.max(0, Math.min(rowCount - 1, next.r)), c: Math.max(0, Math.min(colCount - 1, next.c)) })
  }

  const onClick = (e: MouseEvent) => {
    const cell = cellOf(e.target)
    if (!cell) return
    go(cell)
    onOpen(cell)
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const at = cellOf(e.target)
    if (!at || e.altKey || e.ctrlKey || e.metaKey) return
    const moves: Record<string, () => void> = {
      ArrowLeft: () => go({ r: at.r, c: at.c - 1 }),
      ArrowRight: () => go({ r: at.r, c: at.c + 1 }),
      ArrowUp: () => go({ r: at.r - 1, c: at.c }),
      ArrowDown: () => go({ r: at.r + 1, c: at.c }),
      Home: () => go({ r: at.r, c: 0 }),
      End: () => go({ r: at.r, c: colCount - 1 }),
      PageUp: () => {
        moveFocus.current = true
        onPage(-1)
      },
      PageDown: () => {
        moveFocus.current = true
        onPage(1)
      },
      Enter: () => onOpen(at),
      ' ': () => onOpen(at),
    }
    const move = moves[e.key]
    if (!move) return
    e.preventDefault()
    move()
  }

  const openCell = opened && opened.r < rowCount && opened.c < colCount ? opened : undefined
  const cellPx = CELL_PX[prepared.months.length] ?? CELL_PX[3]!
  return (
    <table
      ref={table}
      role="grid"
      className={cellPx < 20 ? 'cal-grid cal-narrow' : 'cal-grid'}
      aria-label={words.gridLabel}
      aria-rowcount={rowCount + 2}
      aria-colcount={colCount + 1}
      data-testid="calendar-grid"
      onClick={onClick}
      onKeyDown={onKeyDown}
      style={{ width: ROOM_PX + colCount * cellPx }}
    >
      <colgroup>
        <col style={{ width: ROOM_PX }} />
        {data.nights.map((n) => (
          <col key={n} style={{ width: cellPx }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th scope="col" rowSpan={2} className="cal-room cal-corner">
            {words.roomType}
          </th>
          {prepared.months.map((m) => (
            <th key={m.month} scope="colgroup" colSpan={m.span} className="cal-month">
              {words.month(m.month)}
            </th>
          ))}
        </tr>
        <tr>
          {data.nights.map((n, i) => (
            <th key={n} scope="col" className={`cal-day${prepared.colClass[i]}`} aria-label={prepared.dayLabels[i]}>
              <span className="cal-weekday">{words.weekday(n)}</span>
              {n.slice(8)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.rows.map((row, i) => (
          <CalendarGridRow
            key={row.roomTypeId ?? 'all'}
            row={row}
            label={prepared.rowLabels[i]!}
            prepared={prepared}
            words={words}
            focusCol={i === r ? c : -1}
            openCol={openCell?.r === i ? openCell.c : -1}
          />
        ))}
      </tbody>
    </table>
  )
}
