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

export interface AppContext {
  readonly database: OpenDatabase
  readonly events: EventBus
  readonly logger: Logger
  readonly credentials: CredentialStore
  readonly connections: SednaConnections
  readonly services: Services
  readonly dispatch: Dispatch
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
  const logger = opts.logger ?? createFileLogger(opts.dataDir)
  const credentials = opts.credentials ?? createKeychainStore()
  const connections = createConnections({
    credentials,
    logger,
    startDemoServer: opts.startDemoServer ?? startBuiltInSimulator,
    ...(opts.sednaTimeouts ? { timeouts: opts.sednaTimeouts } : {}),
  })
  const profiles = createProfileService({ db, credentials, connections, events })
  const cache = createReferenceCache({
    db,
    events,
    ...(opts.referenceTtlHours ? { ttlHours: opts.referenceTtlHours } : {}),
  })
  const services: Services = {
    info: {
      version: opts.version,
      dataDir: opts.dataDir,
      databaseFile,
      runtime: opts.runtime ?? `Node ${process.versions.node}`,
    },
    stopSales: createStopSaleService(db, events),
    profiles,
    reference: createReferenceService({ db, cache, profiles, connections }),
  }
  const dispatch = createDispatcher(createHandlers(services), { error: (m, err) => logger.error(m, err) })
  return {
    database,
    events,
    logger,
    credentials,
    connections,
    services,
    dispatch,
    async close() {
      await connections.closeAll()
      database.close()
    },
  }
}
