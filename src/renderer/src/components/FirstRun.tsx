import { useEffect, useState } from 'react'
import type { AppError } from '../../../shared/result'
import { call, onEvent, toAppError } from '../api'
import { useLanguage } from '../i18n'
import { ErrorBanner } from './SettingsPage'

/** Shown until a Sedna account exists: connect one, or try everything against the built-in demo server. */
export function FirstRun() {
  const { t } = useLanguage()
  const [needed, setNeeded] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError>()
  useEffect(() => {
    const check = () =>
      call('profiles.list', {}).then(
        (l) => setNeeded(l.profiles.length === 0),
        () => setNeeded(false),
      )
    void check()
    return onEvent('profiles.changed', () => void check())
  }, [])
  if (!needed) return null
  return (
    <div className="card first-run" data-testid="first-run">
      <h2>{t('firstRun.title')}</h2>
      <p>{t('firstRun.text')}</p>
      <div className="actions">
        <a className="button" href="#/settings">
          {t('firstRun.connect')}
        </a>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={async () => {
            setBusy(true)
            setError(undefined)
            try {
              const demo = await call('profiles.createDemo', {})
              await call('reference.refresh', { profileId: demo.id })
            } catch (err) {
              setError(toAppError(err))
            } finally {
              setBusy(false)
            }
          }}
        >
          {busy ? t('firstRun.starting') : t('firstRun.tryDemo')}
        </button>
      </div>
      {error && <ErrorBanner error={error} />}
    </div>
  )
}
