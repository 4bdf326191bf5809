/**
 * What the list tables (stop sales, reservations) share: the column widths, the heading row — the
 * check boxes' column, sortable column headings, the actions' column — and each row's check box and
 * Sync button.
 */
import { useLanguage } from '../i18n'

/** A column heading; one with a sort column is a button that sorts by it (again: the other way). */
function SortableHeader<C extends string>({
  label,
  className,
  title,
  column,
  sort,
  onSort,
}: {
  label: string
  className: string | undefined
  title?: string | undefined
  column: C | undefined
  sort: { column: C; direction: 'asc' | 'desc' } | undefined
  onSort: (column: C) => void
}) {
  const active = sort && sort.column === column
  return (
    <th
      scope="col"
      title={title}
      className={className}
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      {column ? (
        <button type="button" className="sort" onClick={() => onSort(column)}>
          {label}
          <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      ) : (
        label
      )}
    </th>
  )
}

/**
 * A list table's column widths in pixels — the check boxes', each column's (none: it shares what is
 * left), the actions' — fixed (table-layout: fixed), so rows coming into view never make them jump.
 */
export function ListColGroup({
  check,
  columns,
  actions,
}: {
  check: number
  columns: ReadonlyArray<{ key: string; width?: number }>
  actions: number
}) {
  return (
    <colgroup>
      <col className="check" style={{ width: check }} />
      {columns.map((c) => (
        <col key={c.key} style={c.width ? { width: c.width } : undefined} />
      ))}
      <col className="actions-col" style={{ width: actions }} />
    </colgroup>
  )
}

/** A list table's column: its key, its heading, and the sort column behind it (if it sorts). */
interface ListColumn<C extends string> {
  key: string
  label: string
  sort?: C | undefined
  className?: string | undefined
  title?: string | undefined
}

/** A list table's heading row: the check boxes' column, the columns (sortable ones are buttons), the actions' column. */
export function ListHeadRow<C extends string>({
  columns,
  sort,
  onSort,
  rowIndex,
}: {
  columns: ReadonlyArray<ListColumn<C>>
  sort: { column: C; direction: 'asc' | 'desc' } | undefined
  onSort: (column: C) => void
  /** Its aria-rowindex, in a table that renders only some of its rows. */
  rowIndex?: number
}) {
  const { t } = useLanguage()
  return (
    <tr aria-rowindex={rowIndex}>
      <th scope="col" className="check">
        <span className="sr-only">{t('list.select')}</span>
      </th>
      {columns.map((c) => (
        <SortableHeader
          key={c.key}
          label={c.label}
          title={c.title}
          className={c.className}
          column={c.sort}
          sort={sort}
          onSort={onSort}
        />
      ))}
      <th scope="col">
        <span className="sr-only">{t('list.actions')}</span>
      </th>
    </tr>
  )
}

/** A row's check box: ticked rows are sent together (only a row that can be sent can be ticked). */
export function SelectCell({
  label,
  checked,
  disabled,
  onChange,
  tabIndex,
}: {
  label: string
  checked: boolean
  disabled: boolean
  onChange: (checked: boolean) => void
  tabIndex?: number | undefined
}) {
  return (
    <td className="check">
      <input
        type="checkbox"
        aria-label={label}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        tabIndex={tabIndex}
      />
    </td>
  )
}

/** A row's Sync button (its text comes from the table: one look-up for all rows, not one per row). */
export function RowSyncButton({
  busy,
  onSync,
  text,
  label,
  tabIndex,
}: {
  busy: boolean
  onSync: () => void
  /** "Sync", in the language shown. */
  text: string
  /** Its accessible name, when "Sync" alone does not say which row. */
  label?: string | undefined
  tabIndex?: number | undefined
}) {
  return (
    <button
      type="button"
      className="secondary small"
      disabled={busy}
      onClick={onSync}
      aria-label={label}
      tabIndex={tabIndex}
    >
      {text}
    </button>
  )
}
