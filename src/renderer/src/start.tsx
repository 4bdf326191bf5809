/** The app: the query client fed by main's events, the sync store, and React. */
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { queryClient } from './data/client'
import { connectEvents } from './data/events'
import { stopSaleQueries } from './data/stop-sales'
import { CallFailed } from './api'
import { connectSyncStore } from './features/sync/store'
import { startLanguage } from './i18n'
import './styles.css'

connectEvents(queryClient)
connectSyncStore()
// Opening on the stop sales: their first page was asked for by early.ts, before this bundle was read;
// it is taken unless main said stop sales changed since.
const early = window.sednaFirstPage
delete window.sednaFirstPage
if (early && !early.stale)
  void queryClient.prefetchQuery({
    ...stopSaleQueries.page({}, 0),
    queryFn: async () => {
      const result = await early.answer
      if (!result.ok) throw new CallFailed(result.error)
      return result.value
    },
  })

await startLanguage()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
