/**
 * What a record resolves to in Sedna's ids: not yet (and why), the ids — the hotel's, then the kind's
 * own (`resolved`) — or what is missing.
 */
import type { ReactNode } from 'react'
import type { ReservationUnresolved } from '../../../../shared/reservations'
import type { Unresolved } from '../../../../shared/resolution'
import { Fact } from '../../ui/DetailParts'
import { useWords, type Coded } from '../../ui/words'
import { unresolvedKey, unresolvedText } from './unresolved'

type Resolution = { ok: true; hotelId: number } | { ok: false; unresolved: Array<Unresolved | ReservationUnresolved> }

export function ResolutionFrame<V extends Resolution>({
  resolution,
  testIdPrefix,
  resolved,
}: {
  resolution: {
    source: 'stored' | 'resolved-now' | 'unavailable'
    message: Coded | string | null
    resolution: V | null
  }
  /** Before `resolution`, `unresolved` and `resolved-hotel-id`. */
  testIdPrefix: string
  /** The facts after the hotel's id, when it resolved. */
  resolved: (resolution: Extract<V, { ok: true }>) => ReactNode
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
    <div
      data-testid={`${testIdPrefix}resolution`}
      data-source={resolution.source}
      data-ok={res ? String(res.ok) : undefined}
    >
      {!res ? (
        <p className="muted">{word(resolution.message) ?? t('detail.notResolvedYet')}</p>
      ) : res.ok ? (
        <dl className="facts">
          <Fact label={t('detail.hotelId')}>
            <strong data-testid={`${testIdPrefix}resolved-hotel-id`}>{res.hotelId}</strong>
          </Fact>
          {resolved(res as Extract<V, { ok: true }>)}
        </dl>
      ) : (
        <>
          <p>{t('detail.notResolved')}</p>
          <ul className="unresolved" data-testid={`${testIdPrefix}unresolved`}>
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
