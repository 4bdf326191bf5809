/**
 * The app's own settings (not per Sedna account): how Sedna is reached (proxy), how long a Sedna
 * "Retry-After" may hold an item back, and how long guests' personal data is kept after check-out.
 */
import { useEffect, useState, type FormEvent } from 'react'
import type { AppError } from '../../../shared/result'
import type { SettingsView } from '../../../shared/settings'
import { call, onEvent, toAppError } from '../api'
import { useLanguage } from '../i18n'
import { useLoad } from '../use-call'
import { ErrorBanner } from './ErrorBanner'
import { Field } from './SettingsPage'

export function AppSettingsSection() {
  const { t } = useLanguage()
  const [loaded, reload] = useLoad(() => call('settings.get', {}), [])
  useEffect(() => onEvent('settings.changed', reload), [reload])
  return (
    <div className="card form" data-testid="app-settings">
      <h2>{t('appSettings.title')}</h2>
      {loaded.state === 'error' && <ErrorBanner error={loaded.error} onRetry={reload} />}
      {loaded.data && <AppSettingsForm key={JSON.stringify(loaded.data.settings)} view={loaded.data} />}
    </div>
  )
}

function AppSettingsForm({ view }: { view: SettingsView }) {
  const { t } = useLanguage()
  const [proxyUrl, setProxyUrl] = useState(view.settings.proxyUrl ?? '')
  const [retryCap, setRetryCap] = useState(String(view.settings.retryAfterCapMinutes))
  const [retention, setRetention] = useState(String(view.settings.guestDataRetentionDays))
  const [error, setError] = useState<AppError>()
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState(false)
  const fieldError = (path: string) =>
    error?.issues?.some((i) => i.path === path) ? t(`appSettings.invalid.${path as InvalidKey}`) : undefined
  const env = view.environment
  const envProxy = [env.httpsProxy && `HTTPS_PROXY=${env.httpsProxy}`, env.httpProxy && `HTTP_PROXY=${env.httpProxy}`]
    .filter(Boolean)
    .join(', ')

  async function submit(e: FormEvent) {
    e.preventDefault()
    setSaving(true)
    setSaved(false)
    setError(undefined)
    try {
      await call('settings.save', {
        proxyUrl: proxyUrl.trim(),
        retryAfterCapMinutes: Number(retryCap),
        guestDataRetentionDays: Number(retention),
      })
      setSaved(true)
    } catch (err) {
      setError(toAppError(err))
    } finally {
      setSaving(false)
    }
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
        <button type="submit" disabled={saving}>
          {saving ? t('common.saving') : t('appSettings.save')}
        </button>
        {saved && (
          <span className="ok-text" role="status">
            {t('settings.saved')}
          </span>
        )}
      </div>
    </form>
  )
}

type InvalidKey = 'proxyUrl' | 'retryAfterCapMinutes' | 'guestDataRetentionDays'
