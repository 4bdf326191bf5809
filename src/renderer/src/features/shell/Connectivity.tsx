import { useQuery } from '@tanstack/react-query'
import { syncQueries } from '../../data/sync'
import { useLanguage } from '../../i18n'

/** Always visible: is Sedna reachable, and how many records wait in the queue (a link to it). */
export function ConnectivityIndicator() {
  const { t } = useLanguage()
  const status = useQuery(syncQueries.status())
  const state = status.data?.connectivity ?? 'unknown'
  const waiting = status.data?.waiting ?? 0
  return (
    <span
      className={`connectivity conn-${state}`}
      title={t(`connectivity.${state}.title`)}
      data-testid="connectivity"
      data-state={state}
    >
      <span className="dot" aria-hidden="true" />
      {t(`connectivity.${state}.text`)}
      {waiting > 0 && (
        <a className="waiting" href="#/queue" title={t('connectivity.openQueue')} data-testid="queue-link">
          {t('connectivity.waiting', { count: waiting })}
        </a>
      )}
    </span>
  )
}
