/**
 * Settings: the Sedna accounts (one chosen at a time: its form, its connection, its reference data),
 * the app's own settings, the backups and the diagnostics for support. Refetched when main says profiles or settings changed.
 */
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { Profile } from '../../../../shared/profiles'
import { appError } from '../../data/client'
import { profileQueries } from '../../data/profiles'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useWords } from '../../ui/words'
import { AppSettingsSection } from './AppSettingsSection'
import { BackupsSection } from './BackupsSection'
import { DemoButton } from './DemoButton'
import { DiagnosticsSection } from './DiagnosticsSection'
import { UpdatesSection } from './UpdatesSection'
import { ProfileActions } from './ProfileActions'
import { ProfileForm } from './ProfileForm'
import { ReferencePanel } from './ReferencePanel'

export function SettingsPage() {
  const { t, word } = useWords()
  const list = useQuery(profileQueries.list())
  const [selected, setSelected] = useState<number | 'new' | undefined>(undefined)
  const error = appError(list.error)

  const data = list.data
  const profiles = data?.profiles ?? []
  const current =
    selected === 'new'
      ? undefined
      : (profiles.find((p) => p.id === selected) ?? profiles.find((p) => p.isActive) ?? profiles[0])
  const creating = selected === 'new' || (data !== undefined && profiles.length === 0)

  return (
    <section aria-labelledby="settings-title" className="settings">
      <header className="page-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </header>
      {error && <ErrorBanner error={error} onRetry={() => void list.refetch()} />}
      {data && !data.keychain.available && (
        <p className="banner banner-warn" role="alert" data-testid="keychain-unavailable">
          {word(data.keychain.message)}
        </p>
      )}
      <div className="settings-grid">
        <aside aria-label={t('settings.profiles')} className="profile-list">
          <h2>{t('settings.accounts')}</h2>
          <ul>
            {profiles.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`link ${!creating && current?.id === p.id ? 'selected' : ''}`}
                  onClick={() => setSelected(p.id)}
                  data-testid="profile-item"
                >
                  {p.name} {p.isActive && <span className="badge status-synced">{t('settings.active')}</span>}
                </button>
              </li>
            ))}
          </ul>
          <div className="stack">
            <button type="button" className="secondary" onClick={() => setSelected('new')}>
              {t('settings.newAccount')}
            </button>
            <DemoButton
              label={profiles.some((p) => p.kind === 'demo') ? t('settings.useDemo') : t('settings.tryDemo')}
              onCreated={(p) => setSelected(p.id)}
            />
          </div>
        </aside>
        <div className="profile-detail">
          {creating ? (
            <ProfileForm key="new" onSaved={(p) => setSelected(p.id)} />
          ) : current ? (
            <ProfileDetail key={current.id} profile={current} onDeleted={() => setSelected(undefined)} />
          ) : null}
        </div>
      </div>
      <div className="settings-app stack-lg">
        <AppSettingsSection />
        <UpdatesSection />
        <BackupsSection />
        <DiagnosticsSection />
      </div>
    </section>
  )
}

function ProfileDetail({ profile, onDeleted }: { profile: Profile; onDeleted: () => void }) {
  const { t } = useLanguage()
  return (
    <div className="stack-lg">
      {profile.kind === 'demo' ? (
        <div className="card">
          <h2>{profile.name}</h2>
          <p>{t('settings.demoText')}</p>
        </div>
      ) : (
        <ProfileForm profile={profile} />
      )}
      <ProfileActions profile={profile} onDeleted={onDeleted} />
      <ReferencePanel profile={profile} />
    </div>
  )
}
