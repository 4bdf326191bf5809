/**
 * The one registration list: every contract call mapped to the service that answers it.
 * Handlers stay one line; logic lives in services.
 */
import type { Handlers } from './ipc/dispatch'
import type { ReferenceService } from './reference/service'
import type { ProfileService } from './services/profiles'
import type { StopSaleService } from './stop-sales/service'
import type { SyncService } from './outbox/service'
import type { ImportService } from './stop-sales/import/service'
import type { StopSaleDetailService } from './stop-sales/detail'
import type { MappingService } from './fix-in-place/service'
import type { QueueViewService } from './outbox/queue-view'
import type { OutboxCommands } from './outbox/settle'
import type { ReservationService } from './reservations/service'
import type { ReservationImportService } from './reservations/import/service'
import type { SettingsService } from './services/settings'
import type { BackupService } from './services/backups'
import type { MirrorService } from './mirror/service'
import type { DriftService } from './drift/service'
import type { DiagnosticsService } from './services/diagnostics'
import type { UpdateService } from './updates/service'
import type { CallOutput, CallParsedInput } from '../shared/ipc'

export interface Services {
  info: {
    version: string
    dataDir: string
    databaseFile: string
    runtime: string
    canChooseFiles: boolean
    canSaveFiles: boolean
  }
  stopSales: StopSaleService
  stopSaleDetail: StopSaleDetailService
  mappings: MappingService
  profiles: ProfileService
  reference: ReferenceService
  sync: SyncService
  queueView: QueueViewService
  /** Send and wait until settled (the command line's sync, queue flush and cancel). */
  outbox: OutboxCommands
  imports: ImportService
  reservations: ReservationService
  reservationImports: ReservationImportService
  settings: SettingsService
  backups: BackupService
  /** Sedna's stop sales read back (#14). */
  mirror: MirrorService
  /** Stop sales whose copy in Sedna changed or vanished, and the person's choices (#14). */
  drift: DriftService
  /** A hotel's nights × rooms, decided by the net-state rule (#15). */
  calendar: { get(input: CallParsedInput<'calendar.get'>): CallOutput<'calendar.get'> }
  /** What a sync would do, and sending exactly that (#15). */
  preview: {
    preview(ids: readonly number[] | undefined): Promise<CallOutput<'sync.preview'>>
    sendPreviewed(input: CallParsedInput<'sync.sendPreviewed'>): Promise<CallOutput<'sync.sendPreviewed'>>
  }
  /** A zip for support without secrets or guest data (#16). */
  diagnostics: DiagnosticsService
  /** Updates from the agency's folder (#16). */
  updates: UpdateService
}

export const createHandlers = (s: Services): Handlers => ({
  'app.info': () => s.info,
  'stopSales.list': (q) => s.stopSales.list(q),
  'stopSales.get': ({ id }) => s.stopSales.get(id),
  'stopSales.detail': ({ id }) => s.stopSaleDetail.detail(id),
  'mappings.setHotel': (input) => s.mappings.setHotel(input),
  'mappings.setRoom': (input) => s.mappings.setRoom(input),
  'mappings.setBoard': (input) => s.mappings.setBoard(input),
  'import.preview': (input) =>
    s.imports.preview(
      'path' in input
        ? { path: input.path }
        : { fileName: input.fileName, bytes: Buffer.from(input.contentBase64, 'base64') },
    ),
  'files.chooseImport': ({ kind }) => s.imports.chooseFile(kind),
  'import.rows': ({ importId, ...q }) => s.imports.rows(importId, q),
  'import.commit': ({ importId }) => s.imports.commit(importId),
  'import.discard': ({ importId }) => (s.imports.discard(importId), { discarded: true }),
  'stopSales.attempts': ({ id }) => (s.stopSales.get(id), s.sync.attempts(id)),
  'sync.stopSales': ({ ids }) => s.sync.syncStopSales(ids),
  'sync.allPending': () => s.sync.syncAllPending(),
  'sync.status': () => s.sync.status(),
  'sync.stopAfterCurrent': () => (s.sync.stopAfterCurrent(), { stopping: true }),
  'sync.retryNow': () => s.sync.retryNow(),
  'queue.list': (q) => s.queueView.list(q),
  'queue.tryNow': ({ items }) => s.queueView.tryNow(items),
  'profiles.list': () => s.profiles.list(),
  'profiles.save': (input) => s.profiles.save(input),
  'profiles.createDemo': () => s.profiles.createDemo(),
  'profiles.activate': ({ id }) => s.profiles.activate(id),
  'profiles.delete': async ({ id }) => (await s.profiles.remove(id), { deleted: true }),
  'profiles.testConnection': ({ id }) => s.profiles.testConnection(id),
  'reference.status': ({ profileId }) => s.reference.status(profileId),
  'reference.refresh': ({ profileId }) => s.reference.refresh(profileId),
  'reference.hotels': ({ profileId, ...q }) => s.reference.hotels(profileId, q),
  'reference.roomTypes': ({ profileId, hotelId }) => s.reference.roomTypes(profileId, hotelId),
  'reference.boards': ({ profileId }) => s.reference.boards(profileId),
  'reference.countries': ({ profileId, ...q }) => s.reference.countries(profileId, q),
  'mappings.setNationality': (input) => s.mappings.setNationality(input),
  'reservations.list': (q) => s.reservations.list(q),
  'reservations.get': ({ id }) => s.reservations.get(id),
  'reservations.detail': ({ id }) => s.reservations.detail(id),
  'reservations.attempts': ({ id }) => s.reservations.attempts(id),
  'reservations.cancel': ({ id }) => s.sync.cancelReservation(id),
  'reservations.sendAnyway': ({ id }) => s.reservations.sendAnyway(id),
  'reservationImport.preview': (input) =>
    s.reservationImports.preview(
      'path' in input
        ? { path: input.path }
        : { fileName: input.fileName, bytes: Buffer.from(input.contentBase64, 'base64') },
    ),
  'reservationImport.rows': ({ importId, ...q }) => s.reservationImports.rows(importId, q),
  'reservationImport.commit': ({ importId }) => s.reservationImports.commit(importId),
  'reservationImport.discard': ({ importId }) => (s.reservationImports.discard(importId), { discarded: true }),
  'sync.reservations': ({ ids }) => s.sync.syncReservations(ids),
  'settings.get': () => s.settings.view(),
  'settings.save': (input) => s.settings.save(input),
  'backups.list': () => s.backups.list(),
  'backups.create': () => s.backups.create(),
  'backups.restore': (input) => s.backups.restore(input),
  'mirror.pull': (input) => s.mirror.pull(input),
  'mirror.status': () => s.mirror.status(),
  'stopSales.acceptSedna': ({ id }) => s.drift.acceptSedna(id),
  'stopSales.sendOursAgain': ({ id, confirm }) => s.drift.sendOursAgain(id, confirm === true),
  'stopSales.reconcile': ({ profileId }) => s.drift.reconcile(profileId),
  'calendar.get': (input) => s.calendar.get(input),
  'sync.preview': ({ ids }) => s.preview.preview(ids),
  'sync.sendPreviewed': (input) => s.preview.sendPreviewed(input),
  'diagnostics.export': ({ to }) => s.diagnostics.exportTo(to),
  'diagnostics.save': () => s.diagnostics.save(),
  'updates.status': () => s.updates.status(),
  'updates.check': () => s.updates.check(),
  'updates.download': () => s.updates.download(),
})
