/**
 * Builds everything the app runs on from a data folder: database (migrated), event bus, services
 * and the IPC dispatcher. The Electron main process, the test harness and the command line all
 * start here, so they share one set of rules.
 */
import { databaseFileIn } from './paths'
import { openDatabase, type OpenDatabase } from './db/database'
import { createEventBus, type EventBus } from './events'
import { createHandlers, type Services } from './handlers'
import { createDispatcher, type Dispatch, type DispatchLog } from './ipc/dispatch'
import { createStopSaleService } from './services/stop-sales'

export interface AppContext {
  readonly database: OpenDatabase
  readonly events: EventBus
  readonly services: Services
  readonly dispatch: Dispatch
  close(): void
}

export interface AppContextOptions {
  dataDir: string
  migrationsFolder: string
  version: string
  runtime?: string
  log?: DispatchLog
}

const consoleLog: DispatchLog = { error: (message, err) => console.error(message, err) }

export function openAppContext(opts: AppContextOptions): AppContext {
  const databaseFile = databaseFileIn(opts.dataDir)
  const database = openDatabase(databaseFile, { migrationsFolder: opts.migrationsFolder })
  const events = createEventBus()
  const services: Services = {
    info: {
      version: opts.version,
      dataDir: opts.dataDir,
      databaseFile,
      runtime: opts.runtime ?? `Node ${process.versions.node}`,
    },
    stopSales: createStopSaleService(database.db, events),
  }
  const dispatch = createDispatcher(createHandlers(services), opts.log ?? consoleLog)
  return { database, events, services, dispatch, close: () => database.close() }
}
