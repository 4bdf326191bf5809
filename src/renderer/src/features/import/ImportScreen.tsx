/**
 * An import screen, the same for both kinds: the steps (ImportSteps), the preview — the file's heading,
 * the counts, Import / Cancel, the rows page by page with their verdicts and reasons — and what the
 * import did. A kind (StopSaleImport, ReservationImport) brings its calls, its rows query, its own
 * counts and columns; its words are the same keys under its prefix in the language files.
 */
import { keepPreviousData, useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { ImportPreview, ImportResult } from '../../../../shared/imports'
import { appError } from '../../data/client'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { GridHead, type Column } from '../../ui/GridHead'
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
  type PreviewCount,
  type PreviewRow,
  type RowsQuery,
} from './PreviewParts'
import { useImport, type ImportCalls } from './use-import'

/** What a preview of either kind says about the file (a stop-sale preview also counts its stop sales). */
type Preview = Omit<ImportPreview, 'stopSales'>
/** A page of a preview's rows. */
type RowsPage<Row> = { rows: Row[]; total: number }

export interface ImportKind<
  P extends Preview,
  R extends ImportResult,
  Row extends PreviewRow,
  K extends QueryKey = QueryKey,
> {
  calls: ImportCalls<P, R>
  /** Counts of this kind's own, shown after the rows in the file. */
  ownCounts?: (preview: P) => PreviewCount[]
  rowsQuery: (query: RowsQuery) => UseQueryOptions<RowsPage<Row>, Error, RowsPage<Row>, K>
  /** The columns after a row's number and verdict, and before why. */
  columns: ReadonlyArray<string | Column>
  /** The cells under `columns`. */
  cells: (row: Row) => ReactNode
}

/**
 * Each kind's test ids (`import` → import-file, import-preview, import-counts, import-rows, import-row,
 * import-result), where its words are, and its list.
 */
const names = {
  stopSales: { testId: 'import', keyPrefix: 'import', list: '#/stop-sales' },
  reservations: { testId: 'reservation-import', keyPrefix: 'reservations.import', list: '#/reservations' },
} as const
type Names = (typeof names)[keyof typeof names]

export function ImportScreen<P extends Preview, R extends ImportResult, Row extends PreviewRow, K extends QueryKey>({
  kind,
}: {
  kind: ImportKind<P, R, Row, K>
}) {
  const { t } = useLanguage()
  const flow = useImport(kind.calls)
  const named = names[kind.calls.kind]
  return (
    <ImportSteps
      {...flow}
      dropText={t(`${named.keyPrefix}.drop`)}
      testId={`${named.testId}-file`}
      done={(result) => <ImportDone named={named} result={result} />}
      preview={(preview, busy) => (
        <PreviewView
          kind={kind}
          named={named}
          preview={preview}
          busy={busy}
          onCommit={() => void flow.commit(preview)}
          onDiscard={() => void flow.discard(preview)}
        />
      )}
    />
  )
}

function PreviewView<P extends Preview, R extends ImportResult, Row extends PreviewRow, K extends QueryKey>(props: {
  kind: ImportKind<P, R, Row, K>
  named: Names
  preview: P
  busy: boolean
  onCommit: () => void
  onDiscard: () => void
}) {
  const { kind, named, preview } = props
  const { t } = useLanguage()
  const shown = useRowsShown(preview.importId)
  const page = useQuery({ ...kind.rowsQuery(shown.query), placeholderData: keepPreviousData })
  const pageError = appError(page.error)
  const counts: PreviewCount[] = [
    { count: 'rows', label: t(`${named.keyPrefix}.rowsInFile`), value: preview.rows },
    ...(kind.ownCounts?.(preview) ?? []),
    { count: 'willImport', label: t('import.willImport'), value: preview.willImport, className: 'ok' },
    { count: 'duplicates', label: t('import.duplicates'), value: preview.duplicates },
    { count: 'invalid', label: t('import.invalid'), value: preview.invalid, className: preview.invalid ? 'bad' : '' },
    {
      count: 'needsAttention',
      label: t(`${named.keyPrefix}.needsAttention`),
      value: preview.resolutionChecked ? preview.needsAttention : '—',
      className: preview.needsAttention ? 'warn' : '',
    },
  ]
  const same = preview.sameFileImported

  return (
    <div className="stack-lg" data-testid={`${named.testId}-preview`}>
      <div className="card">
        <PreviewHeading
          preview={preview}
          sameFileText={same ? t(`${named.keyPrefix}.sameFile`, { id: same.importId }) : undefined}
        />
        <PreviewCounts testId={`${named.testId}-counts`} counts={counts} />
        {!preview.resolutionChecked && <p className="muted">{t(`${named.keyPrefix}.setUpAccount`)}</p>}
        <CleanedNotice count={preview.textCleaned} />
        <PreviewActions
          busy={props.busy}
          willImport={preview.willImport}
          importLabel={t(`${named.keyPrefix}.importN`, { count: preview.willImport })}
          onCommit={props.onCommit}
          onDiscard={props.onDiscard}
        />
      </div>
      <div className="card">
        <RowTabs filter={shown.filter} onChange={shown.choose} />
        {pageError && <ErrorBanner error={pageError} />}
        <table className="grid compact" data-testid={`${named.testId}-rows`}>
          <GridHead
            columns={[
              { label: t('import.colRow'), num: true },
              t('import.colVerdict'),
              ...kind.columns,
              t('import.colWhy'),
            ]}
          />
          <tbody>
            {page.data?.rows.map((r, i) => (
              <tr key={`${r.row}-${i}`} data-state={r.state} data-testid={`${named.testId}-row`}>
                <RowVerdictCells row={r} />
                {kind.cells(r)}
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

/** What the import did: how many were imported, and why the others were not. */
function ImportDone({ named, result }: { named: Names; result: ImportResult }) {
  const { t } = useLanguage()
  return (
    <p className="banner banner-ok" role="status" data-testid={`${named.testId}-result`}>
      {t(`${named.keyPrefix}.imported`, { count: result.imported, file: result.fileName })}{' '}
      {result.duplicates > 0 && t('import.duplicatesSkipped', { count: result.duplicates })}
      {result.invalid > 0 && t('import.invalidLeftOut', { count: result.invalid })}
      {result.needsAttention > 0 && t(`${named.keyPrefix}.needsAttentionN`, { count: result.needsAttention })}
      <a href={named.list}>{t(`${named.keyPrefix}.seeAll`)}</a>
    </p>
  )
}
