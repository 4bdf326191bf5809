/**
 * Settings → Updates (#16): where the app stands with updates from the agency's folder (set in the
 * settings above). "Check for updates" only asks; "Download version X" downloads; the version is
 * installed when the app quits.
 */
import { useMutation, useQuery } from '@tanstack/react-query'
import type { UpdateStatus } from '../../../../shared/updates'
import { call } from '../../api'
import { formatDateTime } from '../../format'
import { appQueries } from '../../data/app'
import { appError } from '../../data/client'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useWords } from '../../ui/words'

export function UpdatesSection() {
  const { t } = useLanguage()
  const { word } = useWords()
  const info = useQuery(appQueries.info())
  const loaded = useQuery(appQueries.updates())
  // Every change of the status comes back as updates.changed (data/events.ts), progress included.
  const check = useMutation({ mutationFn: () => call('updates.check', {}) })
  const download = useMutation({ mutationFn: () => call('updates.download', {}) })
  const error = appError(loaded.error ?? check.error ?? download.error)
  const status = loaded.data

  return (
    <div className="card" data-testid="updates">
      <h2>{t('updates.title')}</h2>
      {info.data && <p>{t('updates.version', { version: info.data.version })}</p>}
      {status && (
        <p aria-live="polite" data-testid="updates-status" data-state={status.state}>
          {status.state === 'failed' ? word(status.message) : describe(status, t)}
        </p>
      )}
      {status && status.state !== 'unsupported' && status.state !== 'off' && (
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={check.isPending || status.state === 'checking' || status.state === 'downloading'}
            onClick={() => check.mutate()}
            data-testid="updates-check"
          >
            {t('updates.check')}
          </button>
          {status.state === 'available' && (
            <button
              type="button"
              disabled={download.isPending}
              onClick={() => download.mutate()}
              data-testid="updates-download"
            >
              {t('updates.download', { version: status.version })}
            </button>
          )}
        </div>
      )}
      {error && <ErrorBanner error={error} />}
    </div>
  )
}

function describe(status: Exclude<UpdateStatus, { state: 'failed' }>, t: ReturnType<typeof useLanguage>['t']): string {
  switch (status.state) {
    case 'upToDate':
      return t('updates.upToDate', { time: formatDateTime(status.checkedAt, 'minute') })
    case 'available':
    case 'ready':
      return t(`updates.${status.state}`, { version: status.version })
    case 'downloading':
      return t('updates.downloading', { version: status.version, percent: status.percent })
    default:
      return t(`updates.${status.state}`)
  }
}
