/** What a record resolves to in Sedna's ids: not yet (and why), the ids (`resolved`), or what is missing. */
import type { ReactNode } from 'react'
import type { ReservationUnresolved } from '../../../../shared/reservations'
import type { Unresolved } from '../../../../shared/resolution'
import { useWords, type Coded } from '../../ui/words'
import { unresolvedKey, unresolvedText } from './unresolved'

export function ResolutionFrame({
  resolution,
  testId,
  unresolvedTestId,
  resolved,
}: {
  resolution: {
    source: 'stored' | 'resolved-now' | 'unavailable'
    message: Coded | string | null
    resolution: { ok: true } | { ok: false; unresolved: Array<Unresolved | ReservationUnresolved> } | null
  }
  testId: string
  unresolvedTestId: string
  /** The fact list shown when it resolved. */
  resolved: ReactNode
}) {
  const { t, word } = useWords()
  const source =
    resolution.source === 'stored'
      ? t('detail.sourceStored')
      : resolution.source === 'resolved-now'
        ? t('detail.sourceNow')
        : null
  const res = resolution.resolution
  return (
    <div data-testid={testId} data-source={resolution.source} data-ok={res ? String(res.ok) : undefined}>
      {!res ? (
        <p className="muted">{word(resolution.message) ?? t('detail.notResolvedYet')}</p>
      ) : res.ok ? (
        resolved
      ) : (
        <>
          <p>{t('detail.notResolved')}</p>
          <ul className="unresolved" data-testid={unresolvedTestId}>
            {res.unresolved.map((u) => (
              <li key={unresolvedKey(u)} data-kind={u.kind}>
                {unresolvedText(u, t)}
              </li>
            ))}
          </ul>
        </>
      )}
      {source && <p className="hint">{source}</p>}
    </div>
  )
}
