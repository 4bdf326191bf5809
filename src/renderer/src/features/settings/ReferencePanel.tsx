/** A Sedna account's cached reference data: counts, age, state, and Refresh. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Profile, ReferenceKind } from '../../../../shared/profiles'
import { call } from '../../api'
import { appError } from '../../data/client'
import { referenceKeys, referenceQueries } from '../../data/profiles'
import { formatDateTime } from '../../format'
import type { TFunction } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { GridHead } from '../../ui/GridHead'
import { useWords } from '../../ui/words'

function age(iso: string, t: TFunction): string {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60_000))
  if (minutes < 1) return t('settings.justNow')
  if (minutes < 60) return t('settings.minAgo', { n: minutes })
  const hours = Math.round(minutes / 60)
  return hours < 48 ? t('settings.hoursAgo', { n: hours }) : t('settings.daysAgo', { n: Math.round(hours / 24) })
}

export function ReferencePanel({ profile }: { profile: Profile }) {
  const { t, word } = useWords()
  const status = useQuery(referenceQueries.status(profile.id))
  const client = useQueryClient()
  const refresh = useMutation({
    mutationFn: () => call('reference.refresh', { profileId: profile.id }),
    onSuccess: (answer) => client.setQueryData(referenceKeys.status(profile.id), answer),
  })
  const loadError = appError(status.error)
  const error = appError(refresh.error)

  return (
    <div className="card">
      <h2>{t('settings.reference')}</h2>
      <p className="muted">{t('settings.referenceText', { hours: status.data?.ttlHours ?? 24 })}</p>
      {status.data && (
        <table className="grid compact" data-testid="reference-status">
          <GridHead
            columns={[
              t('settings.colData'),
              { label: t('settings.colCount'), num: true },
              t('settings.colFetched'),
              t('settings.colState'),
            ]}
          />
          <tbody>
            {status.data.kinds.map((k) => (
              <tr key={k.kind} data-kind={k.kind}>
                <td>{t(`settings.kinds.${k.kind satisfies ReferenceKind}`)}</td>
                <td className="num">{k.count}</td>
                <td>
                  {k.refreshedAt
                    ? `${formatDateTime(k.refreshedAt, 'minute')} (${age(k.refreshedAt, t)})`
                    : t('common.never')}
                </td>
                <td>
                  {k.stale ? (
                    <span className="badge status-needs_attention" title={word(k.lastError) ?? undefined}>
                      {t('settings.outOfDate', { error: word(k.lastError) ?? '' })}
                    </span>
                  ) : k.refreshedAt ? (
                    <span className="badge status-synced">{t('settings.upToDate')}</span>
                  ) : (
                    <span className="badge">{t('settings.notFetched')}</span>
                  )}
                  {k.skipped > 0 && <span className="muted">{t('settings.unreadable', { count: k.skipped })}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {loadError && <ErrorBanner error={loadError} onRetry={() => void status.refetch()} />}
      <div className="actions">
        <button type="button" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
          {refresh.isPending ? t('settings.refreshing') : t('settings.refresh')}
        </button>
      </div>
      {error && <ErrorBanner error={error} />}
    </div>
  )
}
