import { useQuery } from '@tanstack/react-query'
import { call } from '../../api'
import { profileQueries } from '../../data/profiles'
import { useLanguage } from '../../i18n'
import { DemoButton } from './DemoButton'

/** Shown until a Sedna account exists: connect one, or try everything against the built-in demo server. */
export function FirstRun() {
  const { t } = useLanguage()
  const profiles = useQuery(profileQueries.list())
  if (!profiles.data || profiles.data.profiles.length > 0) return null
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
