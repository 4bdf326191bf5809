/**
 * Import: parsed stop sales (#/import) or parsed reservations (#/import-reservations), chosen with the
 * two tabs at the top; each kind has its own preview and commit in main.
 */
import { useLanguage } from '../../i18n'
import { ReservationImport } from './ReservationImport'
import { StopSaleImport } from './StopSaleImport'

export type ImportKind = 'stopSales' | 'reservations'

export function ImportPage({ kind = 'stopSales' }: { kind?: ImportKind }) {
  const { t } = useLanguage()
  const kinds: Array<{ id: ImportKind; href: string; label: string }> = [
    { id: 'stopSales', href: '#/import', label: t('reservations.import.tabStopSales') },
    { id: 'reservations', href: '#/import-reservations', label: t('reservations.import.tabReservations') },
  ]
  return (
    <section aria-labelledby="import-title" className="stack-lg" data-kind={kind}>
      <header className="page-header">
        <h1 id="import-title">{kind === 'reservations' ? t('reservations.import.title') : t('import.title')}</h1>
      </header>
      <nav className="tabs import-kinds" aria-label={t('reservations.import.what')}>
        {kinds.map((k) => (
          <a
            key={k.id}
            href={k.href}
            className={k.id === kind ? 'tab active' : 'tab'}
            aria-current={k.id === kind ? 'page' : undefined}
            data-testid={`import-kind-${k.id}`}
          >
            {k.label}
          </a>
        ))}
      </nav>
      {kind === 'reservations' ? <ReservationImport key="reservations" /> : <StopSaleImport key="stopSales" />}
    </section>
  )
}
