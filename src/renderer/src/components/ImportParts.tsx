/**
 * What both import previews (stop sales, reservations) are made of: the file's heading, the counts,
 * Import / Cancel, the tabs that filter the rows by verdict, each row's number, verdict and reason, and
 * the pager. Each screen passes its own labels and test ids; the markup lives here once.
 */
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react'
import type { ImportRowNote } from '../../../shared/imports'
import type { AppError } from '../../../shared/result'
import { call, toAppError } from '../api'
import i18next, { useLanguage, type TFunction } from '../i18n'

export const rowFilters = [
  { id: 'all', label: 'filterAll', states: undefined },
  { id: 'new', label: 'filterNew', states: ['new'] },
  { id: 'duplicate', label: 'filterDuplicate', states: ['duplicate'] },
  { id: 'invalid', label: 'filterInvalid', states: ['invalid'] },
] as const
export type RowFilterId = (typeof rowFilters)[number]['id']

/** The verdict states a tab asks main for (undefined: all of them). */
export const rowFilterStates = (id: RowFilterId) => rowFilters.find((f) => f.id === id)!.states

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

/** A row's last cell: why it will not be imported, or what it will need; and what was cleaned in it. */
export function WhyCell({
  row: r,
}: {
  row: { reason: ReactNode; attention?: ReactNode; notes?: readonly ImportRowNote[] }
}) {
  const { t } = useLanguage()
  return (
    <td className="why">
      {r.reason}
      {r.attention && <span className="attention">{r.attention}</span>}
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

/** Whether main can show the open dialog (the app window); otherwise the page's own file input is used. */
export function useCanChooseFiles(): boolean {
  const [can, setCan] = useState(false)
  useEffect(() => {
    let current = true
    call('app.info', {}).then(
      (info) => current && setCan(info.canChooseFiles),
      () => {},
    )
    return () => {
      current = false
    }
  }, [])
  return can
}

/** The file name at the end of a path main's open dialog answered (Windows or POSIX separators). */
export const fileNameOf = (path: string) => path.split(/[\\/]/).pop() || path

/** What an import preview is read from: a path main opens (and checks), or a browser page's bytes. */
export type ImportInput = { path: string } | { fileName: string; contentBase64: string }

/**
 * How both import screens get their file: `drop` takes a dropped or input-chosen file (its path in the
 * app, its bytes in a browser page), `choose` asks main's open dialog. Either hands the preview to
 * `previewOf`; a failure of the dialog itself goes to `onError`.
 */
export function useImportFile(
  kind: 'stopSales' | 'reservations',
  previewOf: (fileName: string, input: () => Promise<ImportInput>) => Promise<void>,
  onError: (error: AppError | undefined) => void,
) {
  const canChoose = useCanChooseFiles()
  async function drop(file: File) {
    const path = window.sedna?.pathForFile?.(file)
    await previewOf(file.name, async () =>
      path ? { path } : { fileName: file.name, contentBase64: await toBase64(file) },
    )
  }
  async function choose() {
    onError(undefined)
    try {
      const { path } = await call('files.chooseImport', { kind })
      if (path) await previewOf(fileNameOf(path), async () => ({ path }))
    } catch (err) {
      onError(toAppError(err))
    }
  }
  return { canChoose, drop, choose }
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

/** Where a file is dropped or chosen (JSON, CSV or text); nothing is imported until the preview's Import. */
export function DropZone({
  dropText,
  testId,
  onFile,
  onChoose,
}: {
  dropText: string
  /** The hidden file input's test id. */
  testId: string
  onFile: (file: File) => void
  /** When given, "Choose a file…" asks main for its open dialog instead of the page's file input. */
  onChoose?: (() => void) | undefined
}) {
  const { t } = useLanguage()
  const [dragging, setDragging] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    const file = e.dataTransfer.files[0]
    if (file) onFile(file)
  }
  return (
    <div
      className={`dropzone card ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p>
        {dropText}{' '}
        <button
          type="button"
          data-testid={`${testId}-choose`}
          onClick={() => (onChoose ? onChoose() : input.current?.click())}
        >
          {t('import.choose')}
        </button>
      </p>
      <p className="muted">{t('import.nothingUntil')}</p>
      <input
        ref={input}
        type="file"
        accept=".json,.csv,.txt,application/json,text/csv"
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) onFile(file)
        }}
      />
    </div>
  )
}

/** A chosen or dropped file as base64, for a page that cannot hand main a path (a browser). */
export function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsDataURL(file)
  })
}
