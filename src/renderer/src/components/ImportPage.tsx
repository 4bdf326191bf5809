import { useEffect, useState } from 'react'
import type { ImportPreview, ImportResult, ImportRow } from '../../../shared/imports'
import type { AppError } from '../../../shared/result'
import { call, onEvent, toAppError } from '../api'
import { codesText, formatNight, kindText } from '../format'
import { formatNumber, useLanguage } from '../i18n'
import { ReservationImport } from './ReservationImport'
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
  | { step: 'reading'; fileName: string; rows: number }
  | { step: 'preview'; preview: ImportPreview }
  | { step: 'committing'; preview: ImportPreview }
  | { step: 'done'; result: ImportResult }

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

  useEffect(
    () => onEvent('import.progress', (p) => setStage((s) => (s.step === 'reading' ? { ...s, rows: p.rows } : s))),
    [],
  )

  const { canChoose, drop: start, choose } = useImportFile('stopSales', previewOf, setError)

  async function previewOf(fileName: string, input: () => Promise<ImportInput>) {
    setError(undefined)
    setStage({ step: 'reading', fileName, rows: 0 })
    try {
      const preview = await call('import.preview', await input())
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

  return (
    <>
      {error && <ErrorBanner error={error} />}
      {(stage.step === 'choose' || stage.step === 'done') && (
        <>
          {stage.step === 'done' && <ImportDone result={stage.result} />}
          <DropZone
            dropText={t('import.drop')}
            testId="import-file"
            onFile={(file) => void start(file)}
            onChoose={canChoose ? () => void choose() : undefined}
          />
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
  const [filter, setFilter] = useState<RowFilterId>('all')
  const [page, setPage] = useState<{ rows: ImportRow[]; total: number }>()
  const [offset, setOffset] = useState(0)
  const limit = 200

  useEffect(() => {
    const states = rowFilterStates(filter)
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
        <PreviewHeading
          preview={preview}
          sameFileText={
            preview.sameFileImported ? t('import.sameFile', { id: preview.sameFileImported.importId }) : undefined
          }
        />
        <PreviewCounts
          testId="import-counts"
          counts={[
            { count: 'rows', label: t('import.rowsInFile'), value: preview.rows },
            { count: 'stopSales', label: t('import.stopSales'), value: preview.stopSales },
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
              label: t('import.needMapping'),
              value: preview.resolutionChecked ? preview.needsAttention : '—',
              className: preview.needsAttention ? 'warn' : '',
            },
          ]}
        />
        {!preview.resolutionChecked && <p className="muted">{t('import.setUpAccount')}</p>}
        <CleanedNotice count={preview.textCleaned} />
        <PreviewActions
          busy={busy}
          willImport={preview.willImport}
          importLabel={t('import.importN', { count: preview.willImport })}
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
                <RowVerdictCells row={r} />
                <td>{r.hotelName ?? '—'}</td>
                <td>{r.firstNight ? formatNight(r.firstNight) : '—'}</td>
                <td>{r.lastNight ? formatNight(r.lastNight) : '—'}</td>
                <td className="num">{r.nights ?? '—'}</td>
                <td>{r.kind ? codesText(r.roomCodes, t('common.allRooms')) : ''}</td>
                <td>{r.kind ? codesText(r.boardCodes, t('common.allBoards')) : ''}</td>
                <td>{r.kind ? kindText(r.kind, kinds) : ''}</td>
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
