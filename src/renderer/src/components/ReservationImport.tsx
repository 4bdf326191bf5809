/**
 * Importing parsed reservations (the parser's JSON or CSV), with the stop-sale import's conventions:
 * choose or drop a file, see a preview with counts and each row's verdict and reason, then Import (or
 * Cancel: nothing is stored until then). Main reads, judges and stores; the screen only shows.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react'
import type {
  ReservationImportPreview,
  ReservationImportResult,
  ReservationImportRow,
} from '../../../shared/reservations'
import type { AppError } from '../../../shared/result'
import { call, toAppError } from '../api'
import { formatNight } from '../format'
import { useLanguage } from '../i18n'
import { ErrorBanner } from './SettingsPage'

type Stage =
  | { step: 'choose' }
  | { step: 'reading'; fileName: string }
  | { step: 'preview'; preview: ReservationImportPreview }
  | { step: 'committing'; preview: ReservationImportPreview }
  | { step: 'done'; result: ReservationImportResult }

const filters = [
  { id: 'all', label: 'filterAll', states: undefined },
  { id: 'new', label: 'filterNew', states: ['new'] },
  { id: 'duplicate', label: 'filterDuplicate', states: ['duplicate'] },
  { id: 'invalid', label: 'filterInvalid', states: ['invalid'] },
] as const
type FilterId = (typeof filters)[number]['id']

/** A preview left open when the screen is left is dropped in main (nothing was imported). */
export function ReservationImport() {
  const { t } = useLanguage()
  const [stage, setStage] = useState<Stage>({ step: 'choose' })
  const [error, setError] = useState<AppError>()
  const [dragging, setDragging] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const open = useRef<number>(undefined)
  useEffect(
    () => () => {
      if (open.current !== undefined) void call('reservationImport.discard', { importId: open.current }).catch(() => {})
    },
    [],
  )

  async function start(file: File) {
    setError(undefined)
    setStage({ step: 'reading', fileName: file.name })
    try {
      const path = window.sedna?.pathForFile?.(file)
      const preview = await call(
        'reservationImport.preview',
        path ? { path } : { fileName: file.name, contentBase64: await toBase64(file) },
      )
      open.current = preview.importId
      setStage({ step: 'preview', preview })
    } catch (err) {
      setError(toAppError(err))
      setStage({ step: 'choose' })
    }
  }

  async function commit(preview: ReservationImportPreview) {
    setStage({ step: 'committing', preview })
    try {
      const result = await call('reservationImport.commit', { importId: preview.importId })
      open.current = undefined
      setStage({ step: 'done', result })
    } catch (err) {
      setError(toAppError(err))
      setStage({ step: 'preview', preview })
    }
  }

  async function discard(preview: ReservationImportPreview) {
    open.current = undefined
    await call('reservationImport.discard', { importId: preview.importId }).catch(() => undefined)
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
              {t('reservations.import.drop')}{' '}
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
              data-testid="reservation-import-file"
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
            {t('import.reading')} <strong>{stage.fileName}</strong>…
          </p>
          <progress aria-label={t('import.readingLabel')} />
        </div>
      )}
      {(stage.step === 'preview' || stage.step === 'committing') && (
        <PreviewView
          preview={stage.preview}
          busy={stage.step === 'committing'}
          onCommit={() => void commit(stage.preview)}
          onDiscard={() => void discard(stage.preview)}
        />
      )}
    </>
  )
}

function PreviewView(props: {
  preview: ReservationImportPreview
  busy: boolean
  onCommit: () => void
  onDiscard: () => void
}) {
  const { preview, busy } = props
  const { t } = useLanguage()
  const [filter, setFilter] = useState<FilterId>('all')
  const [page, setPage] = useState<{ rows: ReservationImportRow[]; total: number }>()
  const [pageError, setPageError] = useState<AppError>()
  const [offset, setOffset] = useState(0)
  const limit = 200

  useEffect(() => {
    const states = filters.find((f) => f.id === filter)!.states
    let current = true
    call('reservationImport.rows', {
      importId: preview.importId,
      offset,
      limit,
      ...(states ? { states: [...states] } : {}),
    }).then(
      (p) => {
        if (!current) return
        setPage(p)
        setPageError(undefined)
      },
      (err: unknown) => current && setPageError(toAppError(err)),
    )
    return () => {
      current = false
    }
  }, [preview.importId, filter, offset])

  return (
    <div className="stack-lg" data-testid="reservation-import-preview">
      <div className="card">
        <h2>
          {preview.fileName}{' '}
          <span className="muted">
            ({preview.format.toUpperCase()}, {preview.encoding})
          </span>
        </h2>
        {preview.sameFileImported && (
          <p className="banner banner-warn" data-testid="same-file">
            {t('reservations.import.sameFile', { id: preview.sameFileImported.importId })}
          </p>
        )}
        <dl className="summary" data-testid="reservation-import-counts">
          <div>
            <dt>{t('reservations.import.records')}</dt>
            <dd data-count="rows">{preview.rows}</dd>
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
            <dt>{t('reservations.import.needAttention')}</dt>
            <dd data-count="needsAttention">{preview.resolutionChecked ? preview.needsAttention : '—'}</dd>
          </div>
        </dl>
        {!preview.resolutionChecked && <p className="muted">{t('reservations.import.setUpAccount')}</p>}
        <div className="actions">
          <button type="button" disabled={busy || preview.willImport === 0} onClick={props.onCommit}>
            {busy ? t('import.importing') : t('reservations.import.importN', { count: preview.willImport })}
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
        {pageError && <ErrorBanner error={pageError} />}
        <table className="grid compact" data-testid="reservation-import-rows">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.colRow')}
              </th>
              <th scope="col">{t('import.colVerdict')}</th>
              <th scope="col">{t('reservations.columns.voucher')}</th>
              <th scope="col">{t('reservations.columns.hotel')}</th>
              <th scope="col">{t('reservations.columns.checkIn')}</th>
              <th scope="col">{t('reservations.columns.checkOut')}</th>
              <th scope="col">{t('reservations.columns.roomBoard')}</th>
              <th scope="col" className="num">
                {t('reservations.columns.pax')}
              </th>
              <th scope="col">{t('reservations.import.colGuests')}</th>
              <th scope="col">{t('import.colWhy')}</th>
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((r, i) => (
              <tr key={`${r.row}-${i}`} data-state={r.state} data-testid="reservation-import-row">
                <td className="num">{r.line ? t('import.rowLine', { row: r.row, line: r.line }) : r.row}</td>
                <td>
                  <span className={`badge verdict-${r.state}`}>{t(`import.verdict.${r.state}`)}</span>
                </td>
                <td>{r.voucherNo ?? '—'}</td>
                <td>{r.hotelName ?? '—'}</td>
                <td>{r.checkIn ? formatDay(r.checkIn) : '—'}</td>
                <td>{r.checkOut ? formatDay(r.checkOut) : '—'}</td>
                <td>{[r.roomCode, r.boardCode].filter(Boolean).join(' · ') || '—'}</td>
                <td className="num">
                  {r.adults !== null || r.children !== null
                    ? t('reservations.import.paxCell', { adults: r.adults ?? 0, children: r.children ?? 0 })
                    : '—'}
                </td>
                <td className="guests">
                  {r.guests.length
                    ? r.guests.map((g) => `${g.title} ${g.firstName} ${g.lastName}`.trim()).join(', ')
                    : '—'}
                </td>
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

/** An ISO date as dd.MM.yyyy; anything else (an invalid row's text) as it was given. */
const formatDay = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? formatNight(s) : s)

function ImportDone({ result }: { result: ReservationImportResult }) {
  const { t } = useLanguage()
  return (
    <p className="banner banner-ok" role="status" data-testid="reservation-import-result">
      {t('reservations.import.imported', { count: result.imported, file: result.fileName })}{' '}
      {result.duplicates > 0 && t('import.duplicatesSkipped', { count: result.duplicates })}
      {result.invalid > 0 && t('import.invalidLeftOut', { count: result.invalid })}
      {result.needsAttention > 0 && t('reservations.import.needAttentionN', { count: result.needsAttention })}
      <a href="#/reservations">{t('reservations.import.seeReservations')}</a>
    </p>
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
