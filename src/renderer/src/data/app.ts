/** The app's own data: version and folders, settings, backups, an import preview's rows. */
import { queryOptions } from '@tanstack/react-query'
import type { CallInput } from '../../../shared/ipc'
import { call } from '../api'

export const appKeys = {
  info: ['app', 'info'] as const,
  settings: ['settings'] as const,
  backups: ['backups'] as const,
  updates: ['updates'] as const,
  imports: ['imports'] as const,
  importRows: (query: CallInput<'import.rows'>) => [...appKeys.imports, 'stopSales', query] as const,
  reservationImportRows: (query: CallInput<'reservationImport.rows'>) =>
    [...appKeys.imports, 'reservations', query] as const,
}

export const appQueries = {
  info: () => queryOptions({ queryKey: appKeys.info, queryFn: () => call('app.info', {}) }),
  settings: () => queryOptions({ queryKey: appKeys.settings, queryFn: () => call('settings.get', {}) }),
  backups: () => queryOptions({ queryKey: appKeys.backups, queryFn: () => call('backups.list', {}) }),
  updates: () => queryOptions({ queryKey: appKeys.updates, queryFn: () => call('updates.status', {}) }),
  /** A preview's rows never change: it is dropped (discard, commit) rather than edited. */
  importRows: (query: CallInput<'import.rows'>) =>
    queryOptions({ queryKey: appKeys.importRows(query), queryFn: () => call('import.rows', query), gcTime: 0 }),
  reservationImportRows: (query: CallInput<'reservationImport.rows'>) =>
    queryOptions({
      queryKey: appKeys.reservationImportRows(query),
      queryFn: () => call('reservationImport.rows', query),
      gcTime: 0,
    }),
}
