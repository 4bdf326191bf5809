/**
 * Importing parsed reservations (the parser's JSON or CSV), with the stop-sale import's conventions:
 * choose or drop a file, see a preview with counts and each row's verdict and reasons, then Import (or
 * Cancel: nothing is stored until then). Main reads, judges and stores; the screen only shows.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { ReservationImportPreview, ReservationImportResult } from '../../../../shared/reservations'
import { call } from '../../api'
import { appQueries } from '../../data/app'
import { appError } from '../../data/client'
import { formatNight } from '../../format'
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

const calls: ImportCalls<ReservationImportPreview, ReservationImportResult> = {
  kind: 'reservations',
  preview: (input) => call('reservationImport.preview', input),
  commit: (importId) => call('reservationImport.commit', { importId }),
  discard: (importId) => call('reservationImport.discard', { importId }),
}

/** An ISO date as dd.MM.yyyy; anything else (an invalid row's text) as it was given. */
const formatDay = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? formatNight(s) : s)

export function ReservationImport() {
  const { t } = useLanguage()
  const flow = useImport(calls)
  return (
    <ImportSteps
      {...flow}
      dropText={t('reservations.import.drop')}
      testId="reservation-import-file"
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

function PreviewView(props: {
  preview: ReservationImportPreview
  busy: boolean
  onCommit: () => void
  onDiscard: () => void
}) {
  const { preview, busy } = props
  const { t } = useLanguage()
  const shown = useRowsShown(preview.importId)
  const page = useQuery({ ...appQueries.reservationImportRows(shown.query), placeholderData: keepPreviousData })
  const pageError = appError(page.error)

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
        <RowTabs filter={shown.filter} onChange={shown.choose} />
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
            {page.data?.rows.map((r, i) => (
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
        <RowPager offset={shown.offset} limit={ROWS_LIMIT} total={page.data?.total} onOffset={shown.setOffset} />
      </div>
    </div>
  )
}

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
