/**
 * Importing parsed reservations (the parser's JSON or CSV), with the stop-sale import's conventions:
 * choose or drop a file, see a preview with counts and each row's verdict and reason, then Import (or
 * Cancel: nothing is stored until then). Main reads, judges and stores; the screen only shows.
 */
import { useEffect, useRef, useState } from 'react'
import type {
  ReservationImportPreview,
  ReservationImportResult,
  ReservationImportRow,
} from '../../../shared/reservations'
import type { AppError } from '../../../shared/result'
import { call, toAppError } from '../api'
import { formatNight } from '../format'
import { useLanguage } from '../i18n'
import {
  CleanedNotice,
  DropZone,
  PreviewActions,
  PreviewCounts,
  PreviewHeading,
  RowPager,
  RowTabs,
  RowVerdictCells,
  type ImportInput,
  rowFilterStates,
  useImportFile,
  WhyCell,
  type RowFilterId,
} from './ImportParts'
import { ErrorBanner } from './ErrorBanner'

type Stage =
  | { step: 'choose' }
  | { step: 'reading'; fileName: string }
  | { step: 'preview'; preview: ReservationImportPreview }
  | { step: 'committing'; preview: ReservationImportPreview }
  | { step: 'done'; result: ReservationImportResult }

/** A preview left open when the screen is left is dropped in main (nothing was imported). */
export function ReservationImport() {
  const { t } = useLanguage()
  const [stage, setStage] = useState<Stage>({ step: 'choose' })
  const [error, setError] = useState<AppError>()
  const open = useRef<number>(undefined)
  useEffect(
    () => () => {
      if (open.current !== undefined) void call('reservationImport.discard', { importId: open.current }).catch(() => {})
    },
    [],
  )

  const { canChoose, drop: start, choose } = useImportFile('reservations', previewOf, setError)

  async function previewOf(fileName: string, input: () => Promise<ImportInput>) {
    setError(undefined)
    setStage({ step: 'reading', fileName })
    try {
      const preview = await call('reservationImport.preview', await input())
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

  return (
    <>
      {error && <ErrorBanner error={error} />}
      {(stage.step === 'choose' || stage.step === 'done') && (
        <>
          {stage.step === 'done' && <ImportDone result={stage.result} />}
          <DropZone
            dropText={t('reservations.import.drop')}
            testId="reservation-import-file"
            onFile={(file) => void start(file)}
            onChoose={canChoose ? () => void choose() : undefined}
          />
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
  const [filter, setFilter] = useState<RowFilterId>('all')
  const [page, setPage] = useState<{ rows: ReservationImportRow[]; total: number }>()
  const [pageError, setPageError] = useState<AppError>()
  const [offset, setOffset] = useState(0)
  const limit = 200

  useEffect(() => {
    const states = rowFilterStates(filter)
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
        <PreviewHeading
          preview={preview}
          sameFileText={
            preview.sameFileImported
              ? t('reservations.import.sameFile', { id: preview.sameFileImported.importId })
              : undefined
          }
        />
        <PreviewCounts
          testId="reservation-import-counts"
          counts={[
            { count: 'rows', label: t('reservations.import.records'), value: preview.rows },
            { count: 'willImport', label: t('import.willImport'), value: preview.willImport, className: 'ok' },
            { count: 'duplicates', label: t('import.duplicates'), value: preview.duplicates },
            {
              count: 'invalid',
              label: t('import.invalid'),
              value: preview.invalid,
              className: preview.invalid ? 'bad' : '',
            },
            {
              count: 'needsAttention',
              label: t('reservations.import.needAttention'),
              value: preview.resolutionChecked ? preview.needsAttention : '—',
              className: preview.needsAttention ? 'warn' : '',
            },
          ]}
        />
        {!preview.resolutionChecked && <p className="muted">{t('reservations.import.setUpAccount')}</p>}
        <CleanedNotice count={preview.textCleaned} />
        <PreviewActions
          busy={busy}
          willImport={preview.willImport}
          importLabel={t('reservations.import.importN', { count: preview.willImport })}
          onCommit={props.onCommit}
          onDiscard={props.onDiscard}
        />
      </div>
      <div className="card">
        <RowTabs
          filter={filter}
          onChange={(id) => {
            setFilter(id)
            setOffset(0)
          }}
        />
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
                <RowVerdictCells row={r} />
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
                <WhyCell row={r} />
              </tr>
            ))}
          </tbody>
        </table>
        <RowPager offset={offset} limit={limit} total={page?.total} onOffset={setOffset} />
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
