import { useEffect, useState } from 'react'
import { call } from './api'
import { ConnectivityIndicator } from './components/Connectivity'
import { ImportPage } from './components/ImportPage'
import { QueuePage } from './components/QueuePage'
import { ReservationDetail } from './components/ReservationDetail'
import { ReservationsPage } from './components/ReservationsPage'
import { SettingsPage } from './components/SettingsPage'
import { StopSaleDetail } from './components/StopSaleDetail'
import { StopSalesPage } from './components/StopSalesPage'
import { languageNames, languages, setLanguage, useLanguage, type Language } from './i18n'
import { useLoad } from './use-call'

const pages = {
  'stop-sales': { component: StopSalesPage },
  reservations: { component: ReservationsPage },
  queue: { component: QueuePage },
  import: { component: ImportPage },
  settings: { component: SettingsPage },
} as const
type PageId = keyof typeof pages

/**
 * The page a hash shows; `#/stop-sale/<id>` is one stop sale's detail, under "Stop sales";
 * `#/reservation/<id>` one reservation's, under "Reservations"; `#/import-reservations` is Import's
 * reservations tab.
 */
interface Route {
  page: PageId
  detailId?: number
  reservationId?: number
  importReservations?: true
}

const routeFromHash = (): Route => {
  const id = window.location.hash.replace(/^#\/?/, '')
  const detail = /^stop-sale\/([1-9]\d{0,14})\/?$/.exec(id)
  if (detail) return { page: 'stop-sales', detailId: Number(detail[1]) }
  const reservation = /^reservation\/([1-9]\d{0,14})\/?$/.exec(id)
  if (reservation) return { page: 'reservations', reservationId: Number(reservation[1]) }
  if (id === 'import-reservations') return { page: 'import', importReservations: true }
  return { page: id in pages ? (id as PageId) : 'stop-sales' }
}

export function App() {
  const { t, language } = useLanguage()
  const [info] = useLoad(() => call('app.info', {}), [])
  const [{ page, detailId, reservationId, importReservations }, setRoute] = useState<Route>(routeFromHash)
  useEffect(() => {
    const onHash = () => setRoute(routeFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const Page = pages[page].component
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Sedna Stop Sales</span>
        <nav aria-label={t('app.nav.label')}>
          {(Object.keys(pages) as PageId[]).map((id) => (
            <a
              key={id}
              href={`#/${id}`}
              className={id === page ? 'active' : undefined}
              aria-current={
                id === page ? (detailId === undefined && reservationId === undefined ? 'page' : 'true') : undefined
              }
            >
              {t(`app.nav.${id}`)}
            </a>
          ))}
        </nav>
        <ConnectivityIndicator />
        <label className="language">
          <span className="sr-only">{t('app.language')}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="language">
            {languages.map((l) => (
              <option key={l} value={l} lang={l}>
                {languageNames[l]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main className="content">
        {detailId !== undefined ? (
          <StopSaleDetail key={detailId} id={detailId} />
        ) : reservationId !== undefined ? (
          <ReservationDetail key={`r${reservationId}`} id={reservationId} />
        ) : importReservations ? (
          <ImportPage kind="reservations" />
        ) : (
          <Page />
        )}
      </main>
      <footer className="statusbar">
        {info.state === 'ready' ? (
          <span title={info.data.databaseFile}>
            {t('app.status', { version: info.data.version, dataDir: info.data.dataDir })}
          </span>
        ) : null}
      </footer>
    </div>
  )
}
