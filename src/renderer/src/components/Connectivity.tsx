import { useEffect, useState } from 'react'
import type { ConnectivityStateDto } from '../../../shared/sync'
import { call, onEvent } from '../api'
import { useLanguage } from '../i18n'

/** Always-visible: is Sedna reachable, and how many stop sales wait in the queue. */
export function ConnectivityIndicator() {
  const { t } = useLanguage()
  const [state, setState] = useState<ConnectivityStateDto>('unknown')
  const [waiting, setWaiting] = useState(0)
  useEffect(() => {
    const refresh = () =>
      call('sync.status', {}).then(
        (s) => {
          setState(s.connectivity)
          setWaiting(s.waiting)
        },
        () => undefined,
      )
    void refresh()
    const offState = onEvent('connectivity.changed', (e) => {
      setState(e.state)
      void refresh()
    })
    const offChanged = onEvent('stopSales.changed', () => void refresh())
    const offReservations = onEvent('reservations.changed', () => void refresh())
    return () => {
      offState()
      offChanged()
      offReservations()
    }
  }, [])
  const label = { text: t(`connectivity.${state}.text`), title: t(`connectivity.${state}.title`) }
  return (
    <span className={`connectivity conn-${state}`} title={label.title} data-testid="connectivity" data-state={state}>
      <span className="dot" aria-hidden="true" />
      {label.text}
      {waiting > 0 && (
        <a className="waiting" href="#/queue" title={t('connectivity.openQueue')} data-testid="queue-link">
          {t('connectivity.waiting', { count: waiting })}
        </a>
      )}
    </span>
  )
}
