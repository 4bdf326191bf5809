/** Importing parsed stop sales: the file, its preview (counts, each row's verdict and reasons), Import. */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { ImportPreview, ImportResult } from '../../../../shared/imports'
import { call } from '../../api'
import { appQueries } from '../../data/app'
import { appError } from '../../data/client'
import { codesText, formatNight, kindText } from '../../format'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { ImportSteps } from './ImportSteps'
import {
  CleanedNotice,
  PreviewActions,
  PreviewCounts,
  PreviewHeading,
  ROWS_LIMIT,
  RowPager,
  RowTabs,
  RowVerdictCells,
  useRowsShown,
  WhyCell,
} from './PreviewParts'
import { useImport, type ImportCalls } from './use-import'

const calls: ImportCalls<ImportPreview, ImportResult> = {
  kind: 'stopSales',
  preview: (input) => call('import.preview', input),
  commit: (importId) => call('import.commit', { importId }),
  discard: (importId) => call('import.discard', { importId }),
}

export function StopSaleImport() {
  const { t } = useLanguage()
  const flow = useImport(calls)
  return (
    <ImportSteps
      {...flow}
      dropText={t('import.drop')}
      testId="import-file"
      done={(result) => <ImportDone result={result} />}
      preview={(preview, busy) => (
        <PreviewView
          preview={preview}
          busy={busy}
          onCommit={() => void flow.commit(preview)}
          onDiscard={() => void flow.discard(preview)}
        />
      )}
    />
  )
}

function PreviewView(props: { preview: ImportPreview; busy: boolean; onCommit: () => void; onDiscard: () => void }) {
  const { preview, busy } = props
  const { t } = useLanguage()
  const kinds = { open: t('common.kindOpen'), close: t('common.kindClose') }
  const shown = useRowsShown(preview.importId)
  const page = useQuery({ ...appQueries.importRows(shown.query), placeholderData: keepPreviousData })
  const pageError = appError(page.error)

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
        <RowTabs filter={shown.filter} onChange={shown.choose} />
        {pageError && <ErrorBanner error={pageError} />}
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
            {page.data?.rows.map((r, i) => (
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
        <RowPager offset={shown.offset} limit={ROWS_LIMIT} total={page.data?.total} onOffset={shown.setOffset} />
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
