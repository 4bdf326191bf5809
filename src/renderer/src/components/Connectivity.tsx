import { useEffect, useState } from 'react'
import type { ConnectivityStateDto } from '../../../shared/sync'
import { call, onEvent } from '../api'

const labels: Record<ConnectivityStateDto, { text: string; title: string }> = {
  unknown: { text: 'Sedna: not checked yet', title: 'No request has gone to Sedna since the app started.' },
  online: { text: 'Sedna: online', title: 'Sedna answered the last request.' },
  offline: {
    text: 'Sedna: offline',
    title: 'Sedna does not answer. Waiting stop sales are sent automatically as soon as it does.',
  },
  checking: { text: 'Sedna: checking…', title: 'Asking Sedna whether it answers.' },
  'credentials-rejected': {
    text: 'Sedna: credentials rejected',
    title: 'Sedna refused the username or password. Check them in Settings.',
  },
}

/** Always-visible: is Sedna reachable, and how many stop sales wait in the queue. */
export function ConnectivityIndicator() {
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
    return () => {
      offState()
      offChanged()
    }
  }, [])
  const label = labels[state]
  return (
    <span className={`connectivity conn-${state}`} title={label.title} data-testid="connectivity" data-state={state}>
      <span className="dot" aria-hidden="true" />
      {label.text}
      {waiting > 0 && <span className="waiting"> · {waiting} waiting</span>}
    </span>
  )
}
