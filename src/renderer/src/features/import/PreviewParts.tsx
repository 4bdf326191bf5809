/**
 * What both import previews (stop sales, reservations) are made of: the file's heading, the counts,
 * Import / Cancel, the tabs that filter the rows by verdict, each row's number, verdict and reasons,
 * and the pager. Each screen passes its own labels and test ids; the markup lives here once.
 */
import { useState, type ReactNode } from 'react'
import type { ImportRowNote } from '../../../../shared/imports'
import type { CallInput } from '../../../../shared/ipc'
import i18next, { useLanguage, type TFunction } from '../../i18n'
import { useWords, type Coded } from '../../ui/words'

export const rowFilters = [
  { id: 'all', label: 'filterAll', states: undefined },
  { id: 'new', label: 'filterNew', states: ['new'] },
  { id: 'duplicate', label: 'filterDuplicate', states: ['duplicate'] },
  { id: 'invalid', label: 'filterInvalid', states: ['invalid'] },
] as const
export type RowFilterId = (typeof rowFilters)[number]['id']

/** Rows per page of a preview. */
export const ROWS_LIMIT = 200

/** What main is asked for a page of a preview's rows (either kind). */
export type RowsQuery = CallInput<'import.rows'>

/** The rows tab and page a preview shows, and what to ask main for them. */
export function useRowsShown(importId: number): {
  filter: RowFilterId
  offset: number
  setOffset: (offset: number) => void
  choose: (id: RowFilterId) => void
  query: RowsQuery
} {
  const [filter, setFilter] = useState<RowFilterId>('all')
  const [offset, setOffset] = useState(0)
  const states = rowFilters.find((f) => f.id === filter)!.states
  return {
    filter,
    offset,
    setOffset,
    choose: (id: RowFilterId) => {
      setFilter(id)
      setOffset(0)
    },
    query: { importId, offset, limit: ROWS_LIMIT, ...(states ? { states: [...states] } : {}) },
  }
}

/** The file's name, format and encoding, and a warning when the same file was imported before. */
export function PreviewHeading({
  preview,
  sameFileText,
}: {
  preview: { fileName: string; format: string; encoding: string }
  sameFileText: string | undefined
}) {
  return (
    <>
      <h2>
        {preview.fileName}{' '}
        <span className="muted">
          ({preview.format.toUpperCase()}, {preview.encoding})
        </span>
      </h2>
      {sameFileText && (
        <p className="banner banner-warn" data-testid="same-file">
          {sameFileText}
        </p>
      )}
    </>
  )
}

export interface PreviewCount {
  /** Its data-count attribute. */
  count: string
  label: string
  value: ReactNode
  className?: string
}

/** How many rows, how many will be imported, and why the others will not. */
export function PreviewCounts({ testId, counts }: { testId: string; counts: PreviewCount[] }) {
  return (
    <dl className="summary" data-testid={testId}>
      {counts.map((c) => (
        <div key={c.count} className={c.className}>
          <dt>{c.label}</dt>
          <dd data-count={c.count}>{c.value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** Import (nothing is stored until then) or Cancel. */
export function PreviewActions({
  busy,
  willImport,
  importLabel,
  onCommit,
  onDiscard,
}: {
  busy: boolean
  willImport: number
  importLabel: string
  onCommit: () => void
  onDiscard: () => void
}) {
  const { t } = useLanguage()
  return (
    <div className="actions">
      <button type="button" disabled={busy || willImport === 0} onClick={onCommit}>
        {busy ? t('import.importing') : importLabel}
      </button>
      <button type="button" className="secondary" disabled={busy} onClick={onDiscard}>
        {t('common.cancel')}
      </button>
    </div>
  )
}

/** All / new / duplicate / invalid. */
export function RowTabs({ filter, onChange }: { filter: RowFilterId; onChange: (id: RowFilterId) => void }) {
  const { t } = useLanguage()
  return (
    <div className="tabs" role="tablist" aria-label={t('import.rows')}>
      {rowFilters.map((f) => (
        <button
          key={f.id}
          type="button"
          role="tab"
          aria-selected={filter === f.id}
          className={filter === f.id ? 'tab active' : 'tab'}
          onClick={() => onChange(f.id)}
        >
          {t(`import.${f.label}`)}
        </button>
      ))}
    </div>
  )
}

interface VerdictRow {
  row: number
  line?: number | null
  state: 'new' | 'duplicate' | 'invalid'
}

/** A row's first two cells: its number in the file (and line) and its verdict. */
export function RowVerdictCells({ row: r }: { row: VerdictRow }) {
  const { t } = useLanguage()
  return (
    <>
      <td className="num">{r.line ? t('import.rowLine', { row: r.row, line: r.line }) : r.row}</td>
      <td>
        <span className={`badge verdict-${r.state}`}>{t(`import.verdict.${r.state}`)}</span>
      </td>
    </>
  )
}

/** What main says about a row: coded messages (one or several), or (older rows) its English text. */
export type RowWords = Coded | readonly Coded[] | string | null | undefined

interface WhyRow {
  reason: RowWords
  attention?: RowWords
  notes?: readonly ImportRowNote[]
}

/** What a preview row of either kind has beside its own fields. */
export type PreviewRow = VerdictRow & WhyRow

/** A row's last cell: why it will not be imported, or what it will need; and what was cleaned in it. */
export function WhyCell({ row: r }: { row: WhyRow }) {
  const { t, word } = useWords()
  const say = (w: RowWords) =>
    Array.isArray(w)
      ? (w as readonly Coded[]).map((m) => word(m)).join('; ')
      : word(w as Coded | string | null | undefined)
  const attention = say(r.attention)
  return (
    <td className="why">
      {say(r.reason)}
      {attention && <span className="attention">{attention}</span>}
      {r.notes?.map((n, i) => (
        // A note is not a problem: its own line, in the muted style (styles.css has no rule of its own for it).
        <div key={i} className="note muted" data-testid="import-row-note" data-note-code={n.code}>
          {wordNote(t, n)}
        </div>
      ))}
    </td>
  )
}

/** A row note in the staff's language (`import.notes.<code>`, the field from `import.fields`), else main's English. */
export function wordNote(t: TFunction, note: ImportRowNote): string {
  const say = t as unknown as (key: string, params?: object) => string
  const key = `import.notes.${note.code}`
  // Plural keys (controlsRemoved_one / _other) exist only for a count.
  if (!i18next.exists(key, { ...note.params })) return note.message
  const field = String(note.params.field ?? '')
  const fieldKey = `import.fields.${field}`
  return say(key, { ...note.params, field: i18next.exists(fieldKey) ? say(fieldKey) : field })
}

/** How many rows had text cleaned, when any did (each such row says so in its Why cell). */
export function CleanedNotice({ count }: { count: number }) {
  const { t } = useLanguage()
  if (!count) return null
  return (
    <p className="muted" data-testid="text-cleaned">
      {t('import.textCleaned', { count })}
    </p>
  )
}

/** Previous / "from–to of total" / Next, when there is more than one page of rows. */
export function RowPager({
  offset,
  limit,
  total,
  onOffset,
}: {
  offset: number
  limit: number
  total: number | undefined
  onOffset: (offset: number) => void
}) {
  const { t } = useLanguage()
  if (total === undefined || total <= limit) return null
  return (
    <div className="actions">
      <button type="button" className="secondary" disabled={offset === 0} onClick={() => onOffset(offset - limit)}>
        {t('common.previous')}
      </button>
      <span className="muted">
        {t('common.range', { from: offset + 1, to: Math.min(offset + limit, total), total })}
      </span>
      <button
        type="button"
        className="secondary"
        disabled={offset + limit >= total}
        onClick={() => onOffset(offset + limit)}
      >
        {t('common.next')}
      </button>
    </div>
  )
}
