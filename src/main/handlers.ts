/**
 * The one registration list: every contract call mapped to the service that answers it.
 * Handlers stay one line; logic lives in services.
 */
import type { Handlers } from './ipc/dispatch'
import type { StopSaleService } from './services/stop-sales'

export interface Services {
  info: { version: string; dataDir: string; databaseFile: string; runtime: string }
  stopSales: StopSaleService
}

export const createHandlers = (s: Services): Handlers => ({
  'app.info': () => s.info,
  'stopSales.list': (q) => s.stopSales.list(q),
  'stopSales.get': ({ id }) => s.stopSales.get(id),
})
