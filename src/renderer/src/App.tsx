/**
 * The window: top bar (pages, Sedna's reachability, the age of the app's copy of Sedna, language), the
 * page of the hash, the status bar.
 */
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, type ComponentType } from 'react'
import { appQueries } from './data/app'
import { ConnectivityIndicator } from './features/shell/Connectivity'
import { MirrorIndicator } from './features/shell/MirrorIndicator'
import { pageIds, useRoute, type PageId, type Route } from './features/shell/routes'
import { StopSalesPage } from './features/stop-sales/StopSalesPage'
import { languageNames, languages, setLanguage, useLanguage, type Language } from './i18n'

// The home screen is in the first bundle; the other screens load when first opened (their code is not
// parsed before the first rows show).
const ReservationsPage = lazy(() =>
  import('./features/reservations/ReservationsPage').then((m) => ({ default: m.ReservationsPage })),
)
const CalendarPage = lazy(() => import('./features/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })))
const QueuePage = lazy(() => import('./features/queue/QueuePage').then((m) => ({ default: m.QueuePage })))
const ImportPage = lazy(() => import('./features/import/ImportPage').then((m) => ({ default: m.ImportPage })))
const SettingsPage = lazy(() => import('./features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })))
const StopSaleDetail = lazy(() =>
  import('./features/stop-sale-detail/StopSaleDetail').then((m) => ({ default: m.StopSaleDetail })),
)
const ReservationDetail = lazy(() =>
  import('./features/reservation-detail/ReservationDetail').then((m) => ({ default: m.ReservationDetail })),
)

const pages: Record<PageId, ComponentType> = {
  'stop-sales': StopSalesPage,
  calendar: CalendarPage,
  reservations: ReservationsPage,
  queue: QueuePage,
  import: ImportPage,
  settings: SettingsPage,
}

function Content({ route }: { route: Route }) {
  const { detail } = route
  if (detail?.kind === 'stopSale') return <StopSaleDetail key={detail.id} id={detail.id} />
  if (detail?.kind === 'reservation') return <ReservationDetail key={`r${detail.id}`} id={detail.id} />
  if (detail?.kind === 'importReservations') return <ImportPage kind="reservations" />
  const Page = pages[route.page]
  return <Page />
}

export function App() {
  const { t, language } = useLanguage()
  const info = useQuery(appQueries.info())
  const route = useRoute()
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Sedna Stop Sales</span>
        <nav aria-label={t('app.nav.label')}>
          {pageIds.map((id) => (
            <a
              key={id}
              href={`#/${id}`}
              className={id === route.page ? 'active' : undefined}
              aria-current={
                id === route.page
                  ? route.detail?.kind === 'importReservations' || !route.detail
                    ? 'page'
                    : 'true'
                  : undefined
              }
            >
              {t(`app.nav.${id}`)}
            </a>
          ))}
        </nav>
        <ConnectivityIndicator />
        <MirrorIndicator />
        <label className="language">
          <span className="sr-only">{t('app.language')}</span>
          <select
            value={language}
            onChange={(e) => void setLanguage(e.target.value as Language)}
            data-testid="language"
          >
            {languages.map((l) => (
              <option key={l} value={l} lang={l}>
                {languageNames[l]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main className="content">
        <Suspense
          fallback={
            <p className="state" aria-busy="true">
              {t('app.loading')}
            </p>
          }
        >
          <Content route={route} />
        </Suspense>
      </main>
      <footer className="statusbar">
        {info.data && (
          <span title={info.data.databaseFile}>
            {t('app.status', { version: info.data.version, dataDir: info.data.dataDir })}
          </span>
        )}
      </footer>
    </div>
  )
}
