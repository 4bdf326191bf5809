import { call } from './api'
import { StopSalesPage } from './components/StopSalesPage'
import { useLoad } from './use-call'

export function App() {
  const [info] = useLoad(() => call('app.info', {}), [])
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Sedna Stop Sales</span>
        <nav aria-label="Main">
          <a className="active" aria-current="page" href="#stop-sales">
            Stop sales
          </a>
        </nav>
      </header>
      <main className="content">
        <StopSalesPage />
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
