import { useEffect, useState } from 'react'
import { call, onEvent } from '../api'
import { useLanguage } from '../i18n'
import { DemoButton } from './SettingsPage'

/** Shown until a Sedna account exists: connect one, or try everything against the built-in demo server. */
export function FirstRun() {
  const { t } = useLanguage()
  const [needed, setNeeded] = useState(false)
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
        <DemoButton
          label={t('firstRun.tryDemo')}
          busyLabel={t('firstRun.starting')}
          onCreated={async (demo) => {
            await call('reference.refresh', { profileId: demo.id })
          }}
        />
      </div>
    </div>
  )
}
