/**
 * Importing parsed reservations (the parser's JSON or CSV), with the stop-sale import's conventions:
 * choose or drop a file, see a preview with counts and each row's verdict and reasons, then Import (or
 * Cancel: nothing is stored until then). Main reads, judges and stores; the screen only shows.
 */
import type { ReservationImportPreview, ReservationImportResult } from '../../../../shared/reservations'
import { call } from '../../api'
import { appQueries } from '../../data/app'
import { formatNight } from '../../format'
import { useLanguage } from '../../i18n'
import { ImportScreen } from './ImportScreen'
import type { ImportCalls } from './use-import'

const calls: ImportCalls<ReservationImportPreview, ReservationImportResult> = {
  kind: 'reservations',
  preview: (input) => call('reservationImport.preview', input),
  commit: (importId) => call('reservationImport.commit', { importId }),
  discard: (importId) => call('reservationImport.discard', { importId }),
}

/** An ISO date as dd.MM.yyyy; anything else (an invalid row's text) as it was given. */
const formatDay = (s: string | null) => (!s ? '—' : /^\d{4}-\d{2}-\d{2}$/.test(s) ? formatNight(s) : s)

export function ReservationImport() {
  const { t } = useLanguage()
  return (
    <ImportScreen
      kind={{
        calls,
        rowsQuery: appQueries.reservationImportRows,
        columns: [
          t('reservations.columns.voucher'),
          t('reservations.columns.hotel'),
          t('reservations.columns.checkIn'),
          t('reservations.columns.checkOut'),
          t('reservations.columns.roomBoard'),
          { label: t('reservations.columns.pax'), num: true },
          t('reservations.import.colGuests'),
        ],
        cells: (r) => (
          <>
            <td>{r.voucherNo ?? '—'}</td>
            <td>{r.hotelName ?? '—'}</td>
            <td>{formatDay(r.checkIn)}</td>
            <td>{formatDay(r.checkOut)}</td>
            <td>{[r.roomCode, r.boardCode].filter(Boolean).join(' · ') || '—'}</td>
            <td className="num">
              {r.adults !== null || r.children !== null
                ? t('reservations.import.paxCell', { adults: r.adults ?? 0, children: r.children ?? 0 })
                : '—'}
            </td>
            <td className="guests">
              {r.guests.length ? r.guests.map((g) => `${g.title} ${g.firstName} ${g.lastName}`.trim()).join(', ') : '—'}
            </td>
          </>
        ),
      }}
    />
  )
}
