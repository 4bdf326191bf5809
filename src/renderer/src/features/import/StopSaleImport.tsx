/** Importing parsed stop sales: the file, its preview (counts, each row's verdict and reasons), Import. */
import type { ImportPreview, ImportResult } from '../../../../shared/imports'
import { call } from '../../api'
import { appQueries } from '../../data/app'
import { codesText, formatNight, kindText } from '../../format'
import { useLanguage } from '../../i18n'
import { ImportScreen } from './ImportScreen'
import type { ImportCalls } from './use-import'

const calls: ImportCalls<ImportPreview, ImportResult> = {
  kind: 'stopSales',
  preview: (input) => call('import.preview', input),
  commit: (importId) => call('import.commit', { importId }),
  discard: (importId) => call('import.discard', { importId }),
}

export function StopSaleImport() {
  const { t } = useLanguage()
  const kinds = { open: t('common.kindOpen'), close: t('common.kindClose') }
  return (
    <ImportScreen
      kind={{
        calls,
        ownCounts: (preview) => [{ count: 'stopSales', label: t('import.stopSales'), value: preview.stopSales }],
        rowsQuery: appQueries.importRows,
        columns: [
          t('columns.hotel'),
          t('columns.firstNight'),
          t('columns.lastNight'),
          { label: t('columns.nights'), num: true },
          t('columns.rooms'),
          t('columns.boards'),
          t('columns.kind'),
        ],
        cells: (r) => (
          <>
            <td>{r.hotelName ?? '—'}</td>
            <td>{r.firstNight ? formatNight(r.firstNight) : '—'}</td>
            <td>{r.lastNight ? formatNight(r.lastNight) : '—'}</td>
            <td className="num">{r.nights ?? '—'}</td>
            <td>{r.kind ? codesText(r.roomCodes, t('common.allRooms')) : ''}</td>
            <td>{r.kind ? codesText(r.boardCodes, t('common.allBoards')) : ''}</td>
            <td>{r.kind ? kindText(r.kind, kinds) : ''}</td>
          </>
        ),
      }}
    />
  )
}
