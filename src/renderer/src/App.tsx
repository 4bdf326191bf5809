import { useEffect, useState } from 'react'
import { call } from './api'
import { ConnectivityIndicator } from './components/Connectivity'
import { ImportPage } from './components/ImportPage'
import { SettingsPage } from './components/SettingsPage'
import { StopSalesPage } from './components/StopSalesPage'
import { useLoad } from './use-call'

const pages = {
  'stop-sales': { label: 'Stop sales', component: StopSalesPage },
  import: { label: 'Import', component: ImportPage },
  settings: { label: 'Settings', component: SettingsPage },
} as const
type PageId = keyof typeof pages

const pageFromHash = (): PageId => {
  const id = window.location.hash.replace(/^#\/?/, '')
  return id in pages ? (id as PageId) : 'stop-sales'
}

export function App() {
  const [info] = useLoad(() => call('app.info', {}), [])
  const [page, setPage] = useState<PageId>(pageFromHash)
  useEffect(() => {
    const onHash = () => setPage(pageFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const Page = pages[page].component
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Sedna Stop Sales</span>
        <nav aria-label="Main">
          {(Object.keys(pages) as PageId[]).map((id) => (
            <a
              key={id}
              href={`#/${id}`}
              className={id === page ? 'active' : undefined}
              aria-current={id === page ? 'page' : undefined}
            >
              {pages[id].label}
            </a>
          ))}
        </nav>
        <ConnectivityIndicator />
      </header>
      <main className="content">
        <Page />
      </main>
      <footer className="statusbar">
        {info.state === 'ready' ? (
          <span title={info.data.databaseFile}>
            v{info.data.version} · data: {info.data.dataDir}
          </span>
        ) : null}
      </footer>
    </div>
  )
}
