import { useEffect, useRef, useState, type DragEvent } from 'react'
import type { ImportPreview, ImportResult, ImportRow } from '../../../shared/imports'
import type { AppError } from '../../../shared/result'
import { call, onEvent, toAppError } from '../api'
import { codesText, formatNight, kindText } from '../format'
import { ErrorBanner } from './SettingsPage'

type Stage =
  | { step: 'choose' }
  | { step: 'reading'; fileName: string; rows: number }
  | { step: 'preview'; preview: ImportPreview }
  | { step: 'committing'; preview: ImportPreview }
  | { step: 'done'; result: ImportResult }

const filters = [
  { id: 'all', label: 'All rows', states: undefined },
  { id: 'new', label: 'Will be imported', states: ['new'] },
  { id: 'duplicate', label: 'Duplicates', states: ['duplicate'] },
  { id: 'invalid', label: 'Invalid', states: ['invalid'] },
] as const
type FilterId = (typeof filters)[number]['id']

export function ImportPage() {
  const [stage, setStage] = useState<Stage>({ step: 'choose' })
  const [error, setError] = useState<AppError>()
  const [dragging, setDragging] = useState(false)
  const input = useRef<HTMLInputElement>(null)

  useEffect(
    () => onEvent('import.progress', (p) => setStage((s) => (s.step === 'reading' ? { ...s, rows: p.rows } : s))),
    [],
  )

  async function start(file: File) {
    setError(undefined)
    setStage({ step: 'reading', fileName: file.name, rows: 0 })
    try {
      const path = window.sedna?.pathForFile?.(file)
      const preview = await call(
        'import.preview',
        path ? { path } : { fileName: file.name, contentBase64: await toBase64(file) },
      )
      setStage({ step: 'preview', preview })
    } catch (err) {
      setError(toAppError(err))
      setStage({ step: 'choose' })
    }
  }

  async function commit(preview: ImportPreview) {
    setStage({ step: 'committing', preview })
    try {
      setStage({ step: 'done', result: await call('import.commit', { importId: preview.importId }) })
    } catch (err) {
      setError(toAppError(err))
      setStage({ step: 'preview', preview })
    }
  }

  async function discard(preview: ImportPreview) {
    await call('import.discard', { importId: preview.importId }).catch(() => undefined)
    setStage({ step: 'choose' })
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    const file = e.dataTransfer.files[0]
    if (file) void start(file)
  }

  return (
    <section aria-labelledby="import-title" className="stack-lg">
      <header className="page-header">
        <h1 id="import-title">Import stop sales</h1>
      </header>
      {error && <ErrorBanner error={error} />}
      {(stage.step === 'choose' || stage.step === 'done') && (
        <>
          {stage.step === 'done' && <ImportDone result={stage.result} />}
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
              Drop the parser’s file here (JSON or CSV; UTF-8 or Turkish Excel), or{' '}
              <button type="button" onClick={() => input.current?.click()}>
                Choose a file…
              </button>
            </p>
            <p className="muted">Nothing is imported until you have seen the preview and pressed Import.</p>
            <input
              ref={input}
              type="file"
              accept=".json,.csv,.txt,application/json,text/csv"
              hidden
              data-testid="import-file"
              onChange={(e) => {
                const file = e.target.files?.[0]
                e.target.value = ''
                if (file) void start(file)
              }}
            />
          </div>
        </>
      )}
      {stage.step === 'reading' && (
        <div className="card" role="status" aria-live="polite">
          <p>
            Reading <strong>{stage.fileName}</strong>… {stage.rows.toLocaleString()} rows so far
          </p>
          <progress aria-label="Reading the file" />
        </div>
      )}
      {(stage.step === 'preview' || stage.step === 'committing') && (
        <ImportPreviewView
          preview={stage.preview}
          busy={stage.step === 'committing'}
          onCommit={() => commit(stage.preview)}
          onDiscard={() => discard(stage.preview)}
        />
      )}
    </section>
  )
}

function ImportPreviewView(props: {
  preview: ImportPreview
  busy: boolean
  onCommit: () => void
  onDiscard: () => void
}) {
  const { preview, busy } = props
  const [filter, setFilter] = useState<FilterId>('all')
  const [page, setPage] = useState<{ rows: ImportRow[]; total: number }>()
  const [offset, setOffset] = useState(0)
  const limit = 200

  useEffect(() => {
    const states = filters.find((f) => f.id === filter)!.states
    void call('import.rows', {
      importId: preview.importId,
      offset,
      limit,
      ...(states ? { states: [...states] } : {}),
    }).then(setPage, () => setPage({ rows: [], total: 0 }))
  }, [preview.importId, filter, offset])

  return (
    <div className="stack-lg" data-testid="import-preview">
      <div className="card">
        <h2>
          {preview.fileName}{' '}
          <span className="muted">
            ({preview.format.toUpperCase()}, {preview.encoding})
          </span>
        </h2>
        {preview.sameFileImported && (
          <p className="banner banner-warn" data-testid="same-file">
            This very file was already imported (import #{preview.sameFileImported.importId}). Its stop sales are marked
            as duplicates below.
          </p>
        )}
        <dl className="summary" data-testid="import-counts">
          <div>
            <dt>Rows in file</dt>
            <dd data-count="rows">{preview.rows}</dd>
          </div>
          <div>
            <dt>Stop sales</dt>
            <dd data-count="stopSales">{preview.stopSales}</dd>
          </div>
          <div className="ok">
            <dt>Will be imported</dt>
            <dd data-count="willImport">{preview.willImport}</dd>
          </div>
          <div>
            <dt>Duplicates (skipped)</dt>
            <dd data-count="duplicates">{preview.duplicates}</dd>
          </div>
          <div className={preview.invalid ? 'bad' : ''}>
            <dt>Invalid (skipped)</dt>
            <dd data-count="invalid">{preview.invalid}</dd>
          </div>
          <div className={preview.needsAttention ? 'warn' : ''}>
            <dt>Will need a mapping</dt>
            <dd data-count="needsAttention">{preview.resolutionChecked ? preview.needsAttention : '—'}</dd>
          </div>
        </dl>
        {!preview.resolutionChecked && (
          <p className="muted">Set up a Sedna account in Settings to see which hotels, rooms and boards are known.</p>
        )}
        <div className="actions">
          <button type="button" disabled={busy || preview.willImport === 0} onClick={props.onCommit}>
            {busy ? 'Importing…' : `Import ${preview.willImport} stop sale${preview.willImport === 1 ? '' : 's'}`}
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={props.onDiscard}>
            Cancel
          </button>
        </div>
      </div>
      <div className="card">
        <div className="tabs" role="tablist" aria-label="Rows">
          {filters.map((f) => (
            <button
              key={f.id}
              type="button"
              role="tab"
              aria-selected={filter === f.id}
              className={filter === f.id ? 'tab active' : 'tab'}
              onClick={() => {
                setFilter(f.id)
                setOffset(0)
              }}
            >
              {f.label}
            </button>
          ))}
        </div>
        <table className="grid compact" data-testid="import-rows">
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Verdict</th>
              <th scope="col">Hotel</th>
              <th scope="col">First night</th>
              <th scope="col">Last night</th>
              <th scope="col" className="num">
                Nights
              </th>
              <th scope="col">Rooms</th>
              <th scope="col">Boards</th>
              <th scope="col">Close / open</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((r, i) => (
              <tr key={`${r.row}-${i}`} data-state={r.state} data-testid="import-row">
                <td className="num">{r.line ? `${r.row} (line ${r.line})` : r.row}</td>
                <td>
                  <span className={`badge verdict-${r.state}`}>{verdictLabels[r.state]}</span>
                </td>
                <td>{r.hotelName ?? '—'}</td>
                <td>{r.firstNight ? formatNight(r.firstNight) : '—'}</td>
                <td>{r.lastNight ? formatNight(r.lastNight) : '—'}</td>
                <td className="num">{r.nights ?? '—'}</td>
                <td>{r.kind ? codesText(r.roomCodes, 'All rooms') : ''}</td>
                <td>{r.kind ? codesText(r.boardCodes, 'All boards') : ''}</td>
                <td>{r.kind ? kindText(r.kind) : ''}</td>
                <td className="why">
                  {r.reason}
                  {r.attention && <span className="attention">{r.attention}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && page.total > limit && (
          <div className="actions">
            <button
              type="button"
              className="secondary"
              disabled={offset === 0}
              onClick={() => setOffset(offset - limit)}
            >
              Previous
            </button>
            <span className="muted">
              {offset + 1}–{Math.min(offset + limit, page.total)} of {page.total}
            </span>
            <button
              type="button"
              className="secondary"
              disabled={offset + limit >= page.total}
              onClick={() => setOffset(offset + limit)}
            >
              Next
            </button>
          </div>
        )}
      </div>
    </div>
  )
}

const verdictLabels: Record<ImportRow['state'], string> = {
  new: 'Will import',
  duplicate: 'Duplicate',
  invalid: 'Invalid',
}

function ImportDone({ result }: { result: ImportResult }) {
  return (
    <p className="banner banner-ok" role="status" data-testid="import-result">
      Imported {result.imported} stop sale{result.imported === 1 ? '' : 's'} from {result.fileName}.{' '}
      {result.duplicates > 0 && `${result.duplicates} duplicate(s) skipped. `}
      {result.invalid > 0 && `${result.invalid} invalid row(s) left out. `}
      {result.needsAttention > 0 && `${result.needsAttention} need a mapping before they can be sent. `}
      <a href="#/stop-sales">See the stop sales</a>
    </p>
  )
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsDataURL(file)
  })
}
