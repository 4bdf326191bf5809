/**
 * The app's own settings (not per Sedna account): how Sedna is reached (proxy), how long a Sedna
 * "Retry-After" may hold an item back, how often Sedna's stop sales are read back into the app, and how
 * long guests' personal data is kept after check-out; what closing the window does while items wait,
 * starting at login, and the folder updates come from (#16).
 */
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState, type ChangeEvent, type FormEvent } from 'react'
import type { CloseAction, SettingsView } from '../../../../shared/settings'
import { call } from '../../api'
import { appQueries } from '../../data/app'
import { appError } from '../../data/client'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { Field, SaveBar } from '../../ui/Field'

/** In the order offered (shared/settings.ts holds the schema: zod stays out of the renderer). */
const closeActions: readonly CloseAction[] = ['ask', 'background', 'quit']

type Key = 'proxyUrl' | 'retryAfterCapMinutes' | 'guestDataRetentionDays' | 'pullIntervalMinutes' | 'updateUrl'

/** The settings typed as whole numbers: where their words are (`appSettings.<words>`, `<words>Hint`), their test ids. */
const numbers = {
  retryAfterCapMinutes: { words: 'retryAfterCap', testId: 'retry-after-cap' },
  guestDataRetentionDays: { words: 'retention', testId: 'retention-days' },
  pullIntervalMinutes: { words: 'pullInterval', testId: 'pull-interval' },
} as const

export function AppSettingsSection() {
  const { t } = useLanguage()
  const loaded = useQuery(appQueries.settings())
  const error = appError(loaded.error)
  // Here, not in the form: the saved settings come back changed and the form starts afresh with them.
  const [saved, setSaved] = useState(false)
  return (
    <div className="card form" data-testid="app-settings">
      <h2>{t('appSettings.title')}</h2>
      {error && <ErrorBanner error={error} onRetry={() => void loaded.refetch()} />}
      {loaded.data && (
        <AppSettingsForm
          key={JSON.stringify(loaded.data.settings)}
          view={loaded.data}
          saved={saved}
          onSaved={setSaved}
        />
      )}
    </div>
  )
}

function AppSettingsForm({
  view,
  saved,
  onSaved,
}: {
  view: SettingsView
  saved: boolean
  onSaved: (saved: boolean) => void
}) {
  const { t } = useLanguage()
  const [form, setForm] = useState<Record<Key, string>>({
    proxyUrl: view.settings.proxyUrl ?? '',
    retryAfterCapMinutes: String(view.settings.retryAfterCapMinutes),
    guestDataRetentionDays: String(view.settings.guestDataRetentionDays),
    pullIntervalMinutes: String(view.settings.pullIntervalMinutes),
    updateUrl: view.settings.updateUrl ?? '',
  })
  const [closeAction, setCloseAction] = useState<CloseAction>(view.settings.closeAction)
  const [startAtLogin, setStartAtLogin] = useState(view.settings.startAtLogin)
  const save = useMutation({
    mutationFn: () =>
      call('settings.save', {
        proxyUrl: form.proxyUrl.trim(),
        retryAfterCapMinutes: Number(form.retryAfterCapMinutes),
        guestDataRetentionDays: Number(form.guestDataRetentionDays),
        // Empty is not 0 (off): it is refused and said so.
        pullIntervalMinutes: form.pullIntervalMinutes.trim() ? Number(form.pullIntervalMinutes) : NaN,
        closeAction,
        startAtLogin,
        updateUrl: form.updateUrl.trim(),
      }),
    onSuccess: () => onSaved(true),
  })
  const error = appError(save.error)
  const fieldError = (key: Key) =>
    error?.issues?.some((i) => i.path === key) ? t(`appSettings.invalid.${key}`) : undefined
  const input = (key: Key) => ({
    value: form[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      onSaved(false)
      setForm((f) => ({ ...f, [key]: e.target.value }))
    },
  })
  const numberField = (key: keyof typeof numbers) => (
    <Field
      label={t(`appSettings.${numbers[key].words}`)}
      error={fieldError(key)}
      hint={t(`appSettings.${numbers[key].words}Hint`)}
    >
      <input {...input(key)} inputMode="numeric" data-testid={numbers[key].testId} />
    </Field>
  )
  const addressField = (
    key: 'proxyUrl' | 'updateUrl',
    label: string,
    hint: string,
    placeholder: string,
    testId: string,
  ) => (
    <Field label={label} error={fieldError(key)} hint={hint}>
      <input {...input(key)} placeholder={placeholder} inputMode="url" data-testid={testId} />
    </Field>
  )
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
      {addressField(
        'proxyUrl',
        t('appSettings.proxy'),
        envProxy ? t('appSettings.proxyFromEnv', { proxies: envProxy }) : t('appSettings.proxyHint'),
        'http://proxy.example.com:8080',
        'proxy-url',
      )}
      {env.noProxy && <p className="muted">{t('appSettings.noProxy', { hosts: env.noProxy })}</p>}
      <p className="muted">{t('appSettings.certificates')}</p>
      {numberField('retryAfterCapMinutes')}
      <h3>{t('appSettings.mirror')}</h3>
      {numberField('pullIntervalMinutes')}
      <h3>{t('appSettings.background')}</h3>
      <Field label={t('appSettings.closeAction')} hint={t('appSettings.closeActionHint')}>
        <select
          value={closeAction}
          onChange={(e) => (onSaved(false), setCloseAction(e.target.value as CloseAction))}
          data-testid="close-action"
        >
          {closeActions.map((a) => (
            <option key={a} value={a}>
              {t(`appSettings.closeActions.${a}`)}
            </option>
          ))}
        </select>
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={startAtLogin}
          onChange={(e) => (onSaved(false), setStartAtLogin(e.target.checked))}
          data-testid="start-at-login"
        />{' '}
        {t('appSettings.startAtLogin')}
      </label>
      <h3>{t('appSettings.updates')}</h3>
      {addressField(
        'updateUrl',
        t('appSettings.updateUrl'),
        t('appSettings.updateUrlHint'),
        'https://updates.example.com/sedna/',
        'update-url',
      )}
      <h3>{t('appSettings.data')}</h3>
      {numberField('guestDataRetentionDays')}
      <SaveBar error={error} pending={save.isPending} saved={saved} label={t('appSettings.save')} />
    </form>
  )
}
