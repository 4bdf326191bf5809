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
import { createReferenceCache } from './reference/reference-cache'
import { createConnections, type DemoServer, type SednaConnections } from './sedna/connections'
import type { SednaTimeouts } from './sedna/client'
import { createProfileService } from './services/profiles'
import { createReferenceService } from './services/reference'
import { createStopSaleService } from './services/stop-sales'
import { createStopSaleDetailService } from './services/stop-sale-detail'
import { createMappingService } from './services/mappings'
import { createImportService } from './import/import-service'
import { createSyncService } from './services/sync'
import { createQueueViewService } from './services/queue-view'
import { createSettingsService } from './services/settings'
import { createConnectivity, type Connectivity } from './sync/connectivity'
import { SyncQueue } from './sync/queue'
import { createSyncEngine, type SyncEngine } from './sync/sync-engine'
import type { CheckpointName } from './sync/outcome'
import { reservationWorker, stopSaleWorker } from './sync/workers'
import { ReservationQueue } from './reservations/queue'
import { createReservationImportService } from './reservations/import'
import { createReservationService } from './services/reservations'
import { resolveReservation } from './reference/resolve-reservation'
import type { BackoffPolicy } from './sync/backoff'
import { SednaError } from './sedna/failures'
import { resolveStopSale } from './reference/resolve'
import { sednaProfiles, type ProfileRow } from './db/schema'
import { eq } from 'drizzle-orm'

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
  /** Start background work: send what waits in the queue now and whenever it falls due. */
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
  referenceTtlHours?: number
  sync?: {
    concurrency?: number
    probeIntervalMs?: number
    backoff?: BackoffPolicy
    checkpoint?: (name: CheckpointName, id: number) => void
  }
}

async function startBuiltInSimulator(): Promise<DemoServer> {
  const { startSimulator } = await import('./sedna/simulator')
  const sim = await startSimulator()
  return { url: sim.url, username: 'demo', password: 'demo', close: () => sim.close() }
}

export function openAppContext(opts: AppContextOptions): AppContext {
  const databaseFile = databaseFileIn(opts.dataDir)
  const database = openDatabase(databaseFile, { migrationsFolder: opts.migrationsFolder })
  const db = database.db
  const events = createEventBus()
  const settings = createSettingsService({ db, events })
  const logger = opts.logger ?? createFileLogger(opts.dataDir)
  const credentials = opts.credentials ?? createKeychainStore()
  const concurrency = opts.sync?.concurrency ?? 4
  let connectivity: Connectivity | undefined
  const connections = createConnections({
    credentials,
    logger,
    connections: Math.max(8, concurrency * 2),
    // Any real request with the active account tells whether Sedna answers (not only the sync's).
    onExchange: (profileId, x) => {
      if (!connectivity || profiles.active()?.id !== profileId) return
      if (!x.error) connectivity.reportOk()
      else if (x.error.kind === 'network' || x.error.kind === 'timeout') connectivity.reportUnreachable()
    },
    startDemoServer: opts.startDemoServer ?? startBuiltInSimulator,
    ...(opts.sednaTimeouts ? { timeouts: opts.sednaTimeouts } : {}),
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
    async probe() {
      const profile = profiles.active()
      if (!profile) return 'no-profile'
      try {
        await (await connections.client(profile)).login()
        return 'ok'
      } catch (err) {
        if (err instanceof SednaError && (err.kind === 'network' || err.kind === 'timeout' || err.transient))
          return 'unreachable'
        return 'credentials-rejected'
      }
    },
  })
  const liveConnectivity = connectivity
  // What both kinds' state machines need: accounts, clients, the retry policy, the crash-test hook.
  const common = {
    activeProfile: () => profiles.active(),
    profile: (id: number) => db.select().from(sednaProfiles).where(eq(sednaProfiles.id, id)).get(),
    client: (profile: ProfileRow) => connections.client(profile),
    rememberOperatorId: (id: number, operatorId: number) =>
      void db.update(sednaProfiles).set({ operatorId }).where(eq(sednaProfiles.id, id)).run(),
    ...(opts.sync?.backoff ? { backoff: opts.sync.backoff } : {}),
    ...(opts.sync?.checkpoint ? { checkpoint: opts.sync.checkpoint } : {}),
  }
  engine = createSyncEngine({
    workers: [
      stopSaleWorker(queue, { ...common, resolve: (profile, row) => resolveStopSale(db, profile, row) }),
      reservationWorker(reservationQueue, {
        ...common,
        resolve: (profile, row) => resolveReservation(db, profile.id, row),
      }),
    ],
    connectivity: liveConnectivity,
    events,
    logger,
    concurrency,
    async beforeRun() {
      const profile = profiles.active()
      if (profile) await reference.ensureFresh(profile.id)
    },
  })
  const services: Services = {
    info: {
      version: opts.version,
      dataDir: opts.dataDir,
      databaseFile,
      runtime: opts.runtime ?? `Node ${process.versions.node}`,
    },
    stopSales: createStopSaleService(db, events),
    stopSaleDetail: createStopSaleDetailService({ db, profiles, reference }),
    mappings: createMappingService({ db, profiles, reference, events }),
    profiles,
    reference,
    sync: createSyncService({ db, queue, reservationQueue, engine, connectivity: liveConnectivity, events }),
    queueView: createQueueViewService({ db, engine, worker: queue.worker, connectivity: liveConnectivity, events }),
    imports: createImportService({ db, sqlite: database.sqlite, events, activeProfile: () => profiles.active() }),
    reservations: createReservationService({
      db,
      profiles,
      resolve: (profile, row) => resolveReservation(db, profile.id, row),
    }),
    reservationImports: createReservationImportService({
      db,
      events,
      activeProfile: () => profiles.active(),
      resolve: (profile, r) => resolveReservation(db, profile.id, r),
    }),
    settings,
  }
  const dispatch = createDispatcher(createHandlers(services), { error: (m, err) => logger.error(m, err) })
  const syncEngine = engine
  return {
    database,
    events,
    logger,
    credentials,
    connections,
    services,
    dispatch,
    sync: { engine: syncEngine, queue, reservations: reservationQueue, connectivity: liveConnectivity },
    start: () => syncEngine.wake(),
    async close() {
      await syncEngine.close()
      await connections.closeAll()
      database.close()
    },
  }
}
