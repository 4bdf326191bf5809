/**
 * Builds everything the app runs on from a data folder: database (migrated), event bus, log,
 * credentials, Sedna connections, services and the IPC dispatcher. The Electron main process, the
 * test harness and the command line all start here, so they share one set of rules.
 */
import { createKeychainStore, type CredentialStore } from './credentials'
import { openDatabase, type OpenDatabase } from './db/database'
import { createEventBus, type EventBus } from './events'
import { createHandlers, type Services } from './handlers'
import { createDispatcher, type Dispatch } from './ipc/dispatch'
import { createFileLogger, type Logger } from './log'
import { databaseFileIn } from './paths'
import { cachedBoards, cachedRoomTypes, createReferenceCache } from './reference/reference-cache'
import { createConnections, type DemoServer, type SednaConnections } from './services/sedna-connections'
import type { SednaLimits, SednaTimeouts } from './sedna/client'
import { createProfileService } from './services/profiles'
import { createReferenceService } from './reference/service'
import { createStopSaleService } from './stop-sales/service'
import { createStopSaleDetailService } from './stop-sales/detail'
import { createMappingService } from './fix-in-place/service'
import { createImportService } from './stop-sales/import/service'
import { createSyncService } from './outbox/service'
import { createQueueViewService } from './outbox/queue-view'
import { createSettingsService } from './services/settings'
import { createBackupService } from './services/backups'
import { createDiagnosticsService } from './services/diagnostics'
import { createUpdateService, type UpdaterPort } from './updates/service'
import { createGuestDataService, type GuestDataService } from './services/guest-data'
import { databaseTrouble, troubleDetails } from './db/sqlite-errors'
import { createConnectivity, probeSedna, reportExchange, type Connectivity } from './outbox/connectivity'
import { SyncQueue } from './stop-sales/queue'
import { createSyncEngine, type SyncEngine } from './outbox/engine'
import type { CheckpointName } from './outbox/outcome'
import { outboxWorker, type RunnerDeps } from './outbox/runner'
import { outboxAccounts } from './outbox/accounts'
import { createOutboxCommands } from './outbox/settle'
import type { AnyKind } from './outbox/views'
import { ReservationQueue } from './reservations/queue'
import { reservationKind } from './reservations/sync'
import { createReservationImportService } from './reservations/import/service'
import { createReservationService } from './reservations/service'
import { createReservationDetail } from './reservations/detail'
import { resolveReservation } from './reservations/resolve'
import type { BackoffPolicy } from './outbox/backoff'
import { attemptsOf } from './stop-sales/attempts'
import { resolveStopSale } from './stop-sales/resolve'
import { stopSaleKind, type ScopeReference } from './stop-sales/sync'
import { createPreviewService, type PreviewService } from './preview/service'
import type { ProfileRow } from './db/schema'
import { createMirrorService, type MirrorService } from './mirror/service'
import { createDriftService } from './drift/service'
import { createCalendarService } from './calendar/service'
import { CLOSE_GRACE_MS } from './background/decide'

export interface AppContext {
  readonly database: OpenDatabase
  readonly events: EventBus
  readonly logger: Logger
  readonly credentials: CredentialStore
  readonly connections: SednaConnections
  readonly services: Services
  readonly dispatch: Dispatch
  readonly sync: {
    engine: SyncEngine
    /** Stop sales. */
    queue: SyncQueue
    reservations: ReservationQueue
    connectivity: Connectivity
  }
  /** Removes guests' personal data past the retention (start() runs it, then daily). */
  readonly guestData: GuestDataService
  /** Start background work: send what waits in the queue now and whenever it falls due; the daily backup. */
  start(): void
  close(): Promise<void>
}

export interface AppContextOptions {
  dataDir: string
  migrationsFolder: string
  version: string
  runtime?: string
  logger?: Logger
  credentials?: CredentialStore
  /** The built-in demo Sedna server; by default the simulator on a random loopback port. */
  startDemoServer?: () => Promise<DemoServer>
  sednaTimeouts?: Partial<SednaTimeouts>
  /** Deadlines and answer-size caps per kind of Sedna request (default the client's; tests use small ones). */
  sednaLimits?: Partial<SednaLimits>
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read (default: this process's environment). */
  env?: Readonly<Record<string, string | undefined>>
  referenceTtlHours?: number
  /** Shows the open dialog for an import file and answers the path chosen (null: cancelled); the Electron app's. */
  chooseImportFile?: (kind: 'stopSales' | 'reservations') => Promise<string | null>
  /** Shows the save dialog offering `suggestedName` and answers the path chosen (null: cancelled); the Electron app's. */
  chooseSaveFile?: (suggestedName: string) => Promise<string | null>
  /** Updates from the agency's folder: electron-updater in the installed app; none elsewhere (#16). */
  updater?: (logger: Logger) => UpdaterPort
  /** How long a write waits for another process's lock (default database.ts's BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number
  sync?: {
    concurrency?: number
    probeIntervalMs?: number
    /** On close, how long calls to Sedna may still run before they are cancelled (default 5 s). */
    closeGraceMs?: number
    backoff?: BackoffPolicy
    checkpoint?: (name: CheckpointName, id: number) => void
    /** Pause after the database itself failed (locked, disk full) before the engine tries again. */
    databaseRetryMs?: number
  }
  /** The mirror of Sedna's stop sales (#14): months of nights per request of a full pull; the clock (tests). */
  mirror?: { chunkMonths?: number; now?: () => Date; firstPullDelayMs?: number }
}

const DAY_MS = 86_400_000

async function startBuiltInSimulator(): Promise<DemoServer> {
  const { startSimulator } = await import('./sedna/simulator')
  const sim = await startSimulator()
  return { url: sim.url, username: 'demo', password: 'demo', close: () => sim.close() }
}

export async function openAppContext(opts: AppContextOptions): Promise<AppContext> {
  const databaseFile = databaseFileIn(opts.dataDir)
  const logger = opts.logger ?? createFileLogger(opts.dataDir)
  const database = await openDatabase(databaseFile, {
    migrationsFolder: opts.migrationsFolder,
    ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}),
  }).catch((err: unknown) => {
    logger.error('database refused at start-up', err)
    throw err
  })
  if (database.migrationBackup) logger.info('backup before migration', { ...database.migrationBackup })
  // Deleted content is overwritten, so removed guests' data does not linger in the file's free pages.
  database.sqlite.pragma('main.secure_delete = ON')
  const db = database.db
  const events = createEventBus()
  const env = opts.env ?? process.env
  const settings = createSettingsService({ db, events, env })
  const credentials = opts.credentials ?? createKeychainStore()
  const concurrency = opts.sync?.concurrency ?? 4
  let connectivity: Connectivity | undefined
  let mirrorRef: MirrorService | undefined
  let previewRef: PreviewService | undefined
  const connections = createConnections({
    credentials,
    logger,
    connections: Math.max(8, concurrency * 2),
    // Any real request with the active account tells whether Sedna answers (not only the sync's).
    // Not a mirror pull's nor a preview's look: one failing before a run would otherwise hold every item
    // back without its own reason (the items' sends and the probe tell whether Sedna answers).
    onExchange: (profileId, x) => {
      if (
        connectivity &&
        profiles.active()?.id === profileId &&
        !mirrorRef?.isPulling(profileId) &&
        !previewRef?.isLooking(profileId)
      ) {
        reportExchange(connectivity, x)
      }
    },
    startDemoServer: opts.startDemoServer ?? startBuiltInSimulator,
    ...(opts.sednaTimeouts ? { timeouts: opts.sednaTimeouts } : {}),
    ...(opts.sednaLimits ? { limits: opts.sednaLimits } : {}),
    proxyUrl: () => settings.get().proxyUrl,
    env,
  })
  // A new proxy setting: clients are built anew (their pools hold connections through the old route).
  let proxyInUse = settings.get().proxyUrl
  settings.onChange((s) => {
    if (s.proxyUrl === proxyInUse) return
    proxyInUse = s.proxyUrl
    void connections.invalidateAll()
  })
  const profiles = createProfileService({ db, credentials, connections, events })
  const cache = createReferenceCache({
    db,
    events,
    ...(opts.referenceTtlHours ? { ttlHours: opts.referenceTtlHours } : {}),
  })
  const reference = createReferenceService({ db, cache, profiles, connections })

  const queue = new SyncQueue(db)
  const reservationQueue = new ReservationQueue(db, queue.worker)
  let engine: SyncEngine | undefined
  connectivity = createConnectivity({
    events,
    probeIntervalMs: opts.sync?.probeIntervalMs ?? 5_000,
    onBack: () => {
      engine?.networkBack()
      engine?.wake()
    },
    probe() {
      const profile = profiles.active()
      return probeSedna(profile && (() => connections.client(profile)))
    },
  })
  const liveConnectivity = connectivity
  const mirror: MirrorService = createMirrorService({
    db,
    sqlite: database.sqlite,
    events,
    logger,
    profiles,
    client: (profile) => connections.client(profile),
    connectivity: () => liveConnectivity.state,
    intervalMinutes: () => settings.get().pullIntervalMinutes,
    onSettingsChange: (listener) => settings.onChange(listener),
    ...opts.mirror,
  })
  mirrorRef = mirror
  // After every good pull: the stop sales sent from here beside their copy in Sedna (#14 drift).
  const drift = createDriftService({ db, sqlite: database.sqlite, events, logger, mirror })
  mirror.onPulled((event) => {
    drift.afterPull(event)
  })
  // The outbox's kinds, and what its one item runner needs: accounts, clients, the retry policy, the crash-test hook.
  const scopeReference: ScopeReference = {
    hotelRooms: (profileId, hotelId) => cachedRoomTypes(db, profileId, hotelId),
    boards: (profileId) => cachedBoards(db, profileId),
  }
  const stopSaleOutbox = stopSaleKind(queue, (profile, row) => resolveStopSale(db, profile, row), scopeReference)
  const reservationOutbox = reservationKind(reservationQueue, (profile, row) => resolveReservation(db, profile.id, row))
  const outboxKinds: AnyKind[] = [stopSaleOutbox, reservationOutbox]
  const runnerDeps: RunnerDeps = {
    ...outboxAccounts(db, () => profiles.active()),
    client: (profile: ProfileRow) => connections.client(profile),
    backoff: opts.sync?.backoff,
    retryAfterCapMs: () => settings.get().retryAfterCapMinutes * 60_000,
    checkpoint: opts.sync?.checkpoint,
  }
  engine = createSyncEngine({
    workers: outboxKinds.map((kind) => outboxWorker(kind, runnerDeps)),
    connectivity: liveConnectivity,
    events,
    logger,
    concurrency,
    ...(opts.sync?.databaseRetryMs !== undefined ? { databaseRetryMs: opts.sync.databaseRetryMs } : {}),
    async beforeRun() {
      const profile = profiles.active()
      if (profile) await reference.ensureFresh(profile.id)
      // What changed in Sedna, before sending: one 'changes' pull at most (never a full one after the
      // first), only when something is due; a failed pull never holds the run up (mirror/service.ts).
      if (engine?.nextDue().dueNow) await mirror.beforeRun()
    },
  })
  const syncService = createSyncService({
    stopSales: stopSaleOutbox,
    reservations: reservationOutbox,
    requestCancel: (id) => reservationQueue.requestCancel(id),
    stopSaleAttempts: (id) => attemptsOf(db, id),
    engine,
    worker: queue.worker,
    connectivity: liveConnectivity,
    events,
  })
  const preview = createPreviewService({
    db,
    activeProfile: () => profiles.active(),
    client: (profile) => connections.client(profile),
    mirror,
    resolve: (profile, row) => resolveStopSale(db, profile, row),
    reference: scopeReference,
    queue,
    sync: syncService,
  })
  previewRef = preview
  const services: Services = {
    info: {
      version: opts.version,
      dataDir: opts.dataDir,
      databaseFile,
      runtime: opts.runtime ?? `Node ${process.versions.node}`,
      canChooseFiles: opts.chooseImportFile !== undefined,
      canSaveFiles: opts.chooseSaveFile !== undefined,
    },
    stopSales: createStopSaleService(db, events),
    stopSaleDetail: createStopSaleDetailService({ db, profiles, sednaVersion: (row) => drift.versionOf(row) }),
    mappings: createMappingService({ db, profiles, reference, events }),
    profiles,
    reference,
    sync: syncService,
    queueView: createQueueViewService({
      db,
      kinds: outboxKinds,
      engine,
      worker: queue.worker,
      connectivity: liveConnectivity,
      events,
    }),
    outbox: createOutboxCommands({
      kinds: outboxKinds,
      sync: syncService,
      engine,
      connectivity: liveConnectivity,
      worker: queue.worker,
    }),
    imports: createImportService({
      db,
      sqlite: database.sqlite,
      events,
      activeProfile: () => profiles.active(),
      chooseFile: opts.chooseImportFile,
    }),
    reservations: createReservationService({
      db,
      detail: createReservationDetail({
        db,
        activeProfile: () => profiles.active(),
        resolve: (profile, row) => resolveReservation(db, profile.id, row),
      }),
    }),
    reservationImports: createReservationImportService({
      db,
      events,
      activeProfile: () => profiles.active(),
      resolve: (profile, r) => resolveReservation(db, profile.id, r),
    }),
    settings,
    mirror,
    drift,
    calendar: createCalendarService({ db, sqlite: database.sqlite, profiles }),
    preview,
    backups: createBackupService({
      database,
      migrationsFolder: opts.migrationsFolder,
      events,
      logger,
      engine,
      // A restored older file may hold rows without hotel keys, as start-up would find them, and guests'
      // personal data that has since passed its retention.
      afterRestore: () => {
        void services.stopSales.fillMissingHotelKeys()
        purgeGuestData()
      },
    }),
    diagnostics: createDiagnosticsService({
      version: opts.version,
      dataDir: opts.dataDir,
      databaseFile,
      sqlite: database.sqlite,
      migrationsFolder: opts.migrationsFolder,
      logger,
      queue: () => syncService.status(),
      mirror: () => mirror.status(),
      chooseSaveFile: opts.chooseSaveFile,
    }),
    updates: createUpdateService({
      updater: opts.updater?.(logger),
      folderUrl: () => settings.get().updateUrl,
      events,
      logger,
    }),
  }
  const dispatch = createDispatcher(
    createHandlers(services),
    { error: (m, err) => logger.error(m, err) },
    { dataDir: opts.dataDir },
  )
  const syncEngine = engine
  const guestData = createGuestDataService({
    db,
    sqlite: database.sqlite,
    events,
    logger,
    retentionDays: () => settings.get().guestDataRetentionDays,
  })
  const purgeGuestData = () =>
    void guestData.purge().catch((err) => {
      const trouble = databaseTrouble(err)
      // Tried again at the next start or the next day.
      if (trouble) logger.warn(`removing guests' personal data failed: ${trouble.code}`, troubleDetails(trouble))
      else logger.error("removing guests' personal data failed", err)
    })
  let purgeTimer: NodeJS.Timeout | undefined
  return {
    database,
    events,
    logger,
    credentials,
    connections,
    services,
    dispatch,
    sync: { engine: syncEngine, queue, reservations: reservationQueue, connectivity: liveConnectivity },
    guestData,
    start() {
      syncEngine.wake()
      services.backups.startDaily()
      mirror.startSchedule()
      services.updates.startSchedule()
      if (!purgeTimer) {
        purgeGuestData()
        purgeTimer = setInterval(purgeGuestData, DAY_MS)
        purgeTimer.unref()
      }
    },
    async close() {
      services.updates.stop()
      await services.backups.close()
      clearInterval(purgeTimer)
      await guestData.close()
      // Calls still out after a short grace are cancelled; the engine records each outcome, then the
      // database closes.
      const engineClosed = syncEngine.close({
        graceMs: opts.sync?.closeGraceMs ?? CLOSE_GRACE_MS,
        abort: () => connections.abortAll(),
      })
      // The engine starts nothing more from here; a pull in flight (its pre-run step, too) is cancelled.
      await mirror.close()
      await engineClosed
      await connections.closeAll()
      database.close()
    },
  }
}
