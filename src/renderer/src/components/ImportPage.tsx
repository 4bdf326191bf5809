import { useEffect, useRef, useState, type DragEvent } from 'react'
import type { ImportPreview, ImportResult, ImportRow } from '../../../shared/imports'
import type { AppError } from '../../../shared/result'
import { call, onEvent, toAppError } from '../api'
import { codesText, formatNight, kindText } from '../format'
import { formatNumber, useLanguage } from '../i18n'
import { ReservationImport, toBase64 } from './ReservationImport'
import { ErrorBanner } from './SettingsPage'

type Stage =
  | { step: 'choose' }
  | { step: 'reading'; fileName: string; rows: number }
  | { step: 'preview'; preview: ImportPreview }
  | { step: 'committing'; preview: ImportPreview }
  | { step: 'done'; result: ImportResult }

const filters = [
  { id: 'all', label: 'filterAll', states: undefined },
  { id: 'new', label: 'filterNew', states: ['new'] },
  { id: 'duplicate', label: 'filterDuplicate', states: ['duplicate'] },
  { id: 'invalid', label: 'filterInvalid', states: ['invalid'] },
] as const
type FilterId = (typeof filters)[number]['id']

export type ImportKind = 'stopSales' | 'reservations'

/**
 * Import: parsed stop sales (#/import) or parsed reservations (#/import-reservations), chosen with the
 * two tabs at the top; each kind has its own preview and commit in main.
 */
export function ImportPage({ kind = 'stopSales' }: { kind?: ImportKind }) {
  const { t } = useLanguage()
  const kinds: Array<{ id: ImportKind; href: string; label: string }> = [
    { id: 'stopSales', href: '#/import', label: t('reservations.import.tabStopSales') },
    { id: 'reservations', href: '#/import-reservations', label: t('reservations.import.tabReservations') },
  ]
  return (
    <section aria-labelledby="import-title" className="stack-lg" data-kind={kind}>
      <header className="page-header">
        <h1 id="import-title">{kind === 'reservations' ? t('reservations.import.title') : t('import.title')}</h1>
      </header>
      <nav className="tabs import-kinds" aria-label={t('reservations.import.what')}>
        {kinds.map((k) => (
          <a
            key={k.id}
            href={k.href}
            className={k.id === kind ? 'tab active' : 'tab'}
            aria-current={k.id === kind ? 'page' : undefined}
            data-testid={`import-kind-${k.id}`}
          >
            {k.label}
          </a>
        ))}
      </nav>
      {kind === 'reservations' ? <ReservationImport key="reservations" /> : <StopSaleImport key="stopSales" />}
    </section>
  )
}

function StopSaleImport() {
  const { t, language } = useLanguage()
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
    <>
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
              {t('import.drop')}{' '}
              <button type="button" onClick={() => input.current?.click()}>
                {t('import.choose')}
              </button>
            </p>
            <p className="muted">{t('import.nothingUntil')}</p>
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
            {t('import.reading')} <strong>{stage.fileName}</strong>…{' '}
            {t('import.rowsSoFar', { rows: formatNumber(stage.rows, language) })}
          </p>
          <progress aria-label={t('import.readingLabel')} />
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
    </>
  )
}

function ImportPreviewView(props: {
  preview: ImportPreview
  busy: boolean
  onCommit: () => void
  onDiscard: () => void
}) {
  const { preview, busy } = props
  const { t } = useLanguage()
  const kinds = { open: t('common.kindOpen'), close: t('common.kindClose') }
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
            {t('import.sameFile', { id: preview.sameFileImported.importId })}
          </p>
        )}
        <dl className="summary" data-testid="import-counts">
          <div>
            <dt>{t('import.rowsInFile')}</dt>
            <dd data-count="rows">{preview.rows}</dd>
          </div>
          <div>
            <dt>{t('import.stopSales')}</dt>
            <dd data-count="stopSales">{preview.stopSales}</dd>
          </div>
          <div className="ok">
            <dt>{t('import.willImport')}</dt>
            <dd data-count="willImport">{preview.willImport}</dd>
          </div>
          <div>
            <dt>{t('import.duplicates')}</dt>
            <dd data-count="duplicates">{preview.duplicates}</dd>
          </div>
          <div className={preview.invalid ? 'bad' : ''}>
            <dt>{t('import.invalid')}</dt>
            <dd data-count="invalid">{preview.invalid}</dd>
          </div>
          <div className={preview.needsAttention ? 'warn' : ''}>
            <dt>{t('import.needMapping')}</dt>
            <dd data-count="needsAttention">{preview.resolutionChecked ? preview.needsAttention : '—'}</dd>
          </div>
        </dl>
        {!preview.resolutionChecked && <p className="muted">{t('import.setUpAccount')}</p>}
        <div className="actions">
          <button type="button" disabled={busy || preview.willImport === 0} onClick={props.onCommit}>
            {busy ? t('import.importing') : t('import.importN', { count: preview.willImport })}
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={props.onDiscard}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
      <div className="card">
        <div className="tabs" role="tablist" aria-label={t('import.rows')}>
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
              {t(`import.${f.label}`)}
            </button>
          ))}
        </div>
        <table className="grid compact" data-testid="import-rows">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.colRow')}
              </th>
              <th scope="col">{t('import.colVerdict')}</th>
              <th scope="col">{t('columns.hotel')}</th>
              <th scope="col">{t('columns.firstNight')}</th>
              <th scope="col">{t('columns.lastNight')}</th>
              <th scope="col" className="num">
                {t('columns.nights')}
              </th>
              <th scope="col">{t('columns.rooms')}</th>
              <th scope="col">{t('columns.boards')}</th>
              <th scope="col">{t('columns.kind')}</th>
              <th scope="col">{t('import.colWhy')}</th>
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((r, i) => (
              <tr key={`${r.row}-${i}`} data-state={r.state} data-testid="import-row">
                <td className="num">{r.line ? t('import.rowLine', { row: r.row, line: r.line }) : r.row}</td>
                <td>
                  <span className={`badge verdict-${r.state}`}>{t(`import.verdict.${r.state}`)}</span>
                </td>
                <td>{r.hotelName ?? '—'}</td>
                <td>{r.firstNight ? formatNight(r.firstNight) : '—'}</td>
                <td>{r.lastNight ? formatNight(r.lastNight) : '—'}</td>
                <td className="num">{r.nights ?? '—'}</td>
                <td>{r.kind ? codesText(r.roomCodes, t('common.allRooms')) : ''}</td>
                <td>{r.kind ? codesText(r.boardCodes, t('common.allBoards')) : ''}</td>
                <td>{r.kind ? kindText(r.kind, kinds) : ''}</td>
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
              {t('common.previous')}
            </button>
            <span className="muted">
              {t('common.range', { from: offset + 1, to: Math.min(offset + limit, page.total), total: page.total })}
            </span>
            <button
              type="button"
              className="secondary"
              disabled={offset + limit >= page.total}
              onClick={() => setOffset(offset + limit)}
            >
              {t('common.next')}
            </button>
          </div>
        )}
      </div>
    </div>
  )
}

function ImportDone({ result }: { result: ImportResult }) {
  const { t } = useLanguage()
  return (
    <p className="banner banner-ok" role="status" data-testid="import-result">
      {t('import.imported', { count: result.imported, file: result.fileName })}{' '}
      {result.duplicates > 0 && t('import.duplicatesSkipped', { count: result.duplicates })}
      {result.invalid > 0 && t('import.invalidLeftOut', { count: result.invalid })}
      {result.needsAttention > 0 && t('import.needMappingN', { count: result.needsAttention })}
      <a href="#/stop-sales">{t('import.seeStopSales')}</a>
    </p>
  )
}
