/**
 * The app's own settings (not per Sedna account): how Sedna is reached (proxy), how long a Sedna
 * "Retry-After" may hold an item back, and how long guests' personal data is kept after check-out.
 */
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import type { SettingsView } from '../../../../shared/settings'
import { call } from '../../api'
import { appQueries } from '../../data/app'
import { appError } from '../../data/client'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { Field } from '../../ui/Field'

type InvalidKey = 'proxyUrl' | 'retryAfterCapMinutes' | 'guestDataRetentionDays'

export function AppSettingsSection() {
  const { t } = useLanguage()
  const loaded = useQuery(appQueries.settings())
  const error = appError(loaded.error)
  return (
    <div className="card form" data-testid="app-settings">
      <h2>{t('appSettings.title')}</h2>
      {error && <ErrorBanner error={error} onRetry={() => void loaded.refetch()} />}
      {loaded.data && <AppSettingsForm key={JSON.stringify(loaded.data.settings)} view={loaded.data} />}
    </div>
  )
}

function AppSettingsForm({ view }: { view: SettingsView }) {
  const { t } = useLanguage()
  const [proxyUrl, setProxyUrl] = useState(view.settings.proxyUrl ?? '')
  const [retryCap, setRetryCap] = useState(String(view.settings.retryAfterCapMinutes))
  const [retention, setRetention] = useState(String(view.settings.guestDataRetentionDays))
  const save = useMutation({
    mutationFn: () =>
      call('settings.save', {
        proxyUrl: proxyUrl.trim(),
        retryAfterCapMinutes: Number(retryCap),
        guestDataRetentionDays: Number(retention),
      }),
  })
  const error = appError(save.error)
  const fieldError = (path: InvalidKey) =>
    error?.issues?.some((i) => i.path === path) ? t(`appSettings.invalid.${path}`) : undefined
  const env = view.environment
  const envProxy = [env.httpsProxy && `HTTPS_PROXY=${env.httpsProxy}`, env.httpProxy && `HTTP_PROXY=${env.httpProxy}`]
    .filter(Boolean)
    .join(', ')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate()
  }

  return (
    <form onSubmit={submit} noValidate>
      <h3>{t('appSettings.network')}</h3>
      <Field
        label={t('appSettings.proxy')}
        error={fieldError('proxyUrl')}
        hint={envProxy ? t('appSettings.proxyFromEnv', { proxies: envProxy }) : t('appSettings.proxyHint')}
      >
        <input
          value={proxyUrl}
          onChange={(e) => setProxyUrl(e.target.value)}
          placeholder="http://proxy.example.com:8080"
          inputMode="url"
          data-testid="proxy-url"
        />
      </Field>
      {env.noProxy && <p className="muted">{t('appSettings.noProxy', { hosts: env.noProxy })}</p>}
      <p className="muted">{t('appSettings.certificates')}</p>
      <Field
        label={t('appSettings.retryAfterCap')}
        error={fieldError('retryAfterCapMinutes')}
        hint={t('appSettings.retryAfterCapHint')}
      >
        <input
          value={retryCap}
          onChange={(e) => setRetryCap(e.target.value)}
          inputMode="numeric"
          data-testid="retry-after-cap"
        />
      </Field>
      <h3>{t('appSettings.data')}</h3>
      <Field
        label={t('appSettings.retention')}
        error={fieldError('guestDataRetentionDays')}
        hint={t('appSettings.retentionHint')}
      >
        <input
          value={retention}
          onChange={(e) => setRetention(e.target.value)}
          inputMode="numeric"
          data-testid="retention-days"
        />
      </Field>
      {error && !error.issues?.length && <ErrorBanner error={error} />}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('appSettings.save')}
        </button>
        {save.isSuccess && (
          <span className="ok-text" role="status">
            {t('settings.saved')}
          </span>
        )}
      </div>
    </form>
  )
}
