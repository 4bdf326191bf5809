import { useEffect, useState, type FormEvent } from 'react'
import type { CallOutput } from '../../../shared/ipc'
import {
  addressOrigin,
  isHttpAddress,
  type AllMode,
  type Profile,
  type ProfileWarning,
  type ReferenceStatus,
} from '../../../shared/profiles'
import type { AppError } from '../../../shared/result'
import { call, onEvent, toAppError } from '../api'
import { useLanguage, type TFunction } from '../i18n'
import { useLoad } from '../use-call'
import { AppSettingsSection } from './AppSettingsSection'
import { BackupsSection } from './BackupsSection'
import { ErrorBanner } from './ErrorBanner'

export function SettingsPage() {
  const { t } = useLanguage()
  const [list, reload] = useLoad(() => call('profiles.list', {}), [])
  const [selected, setSelected] = useState<number | 'new' | undefined>(undefined)
  useEffect(() => onEvent('profiles.changed', reload), [reload])

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
      {list.state === 'error' && <ErrorBanner error={list.error} onRetry={reload} />}
      {data && !data.keychain.available && (
        <p className="banner banner-warn" role="alert" data-testid="keychain-unavailable">
          {data.keychain.message}
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
        <BackupsSection />
      </div>
    </section>
  )
}

/** Creates (or re-activates) the demo profile on the built-in Sedna simulator. */
export function DemoButton(props: {
  label: string
  busyLabel?: string
  onCreated?: (p: Profile) => void | Promise<void>
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError>()
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          setError(undefined)
          try {
            await props.onCreated?.(await call('profiles.createDemo', {}))
          } catch (err) {
            setError(toAppError(err))
          } finally {
            setBusy(false)
          }
        }}
      >
        {busy && props.busyLabel ? props.busyLabel : props.label}
      </button>
      {error && <ErrorBanner error={error} />}
    </>
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

interface FormState {
  name: string
  baseUrl: string
  username: string
  password: string
  operatorCode: string
  authorityId: string
  recordUser: string
  allRooms: AllMode
  allBoards: AllMode
}

function ProfileForm({ profile, onSaved }: { profile?: Profile; onSaved?: (p: Profile) => void }) {
  const [form, setForm] = useState<FormState>({
    name: profile?.name ?? '',
    baseUrl: profile?.baseUrl ?? '',
    username: profile?.username ?? '',
    password: '',
    operatorCode: profile?.operatorCode ?? '',
    authorityId: String(profile?.authorityId ?? 207),
    recordUser: profile?.recordUser ?? 'Entegrasyon',
    allRooms: profile?.allRooms ?? 'explicit',
    allBoards: profile?.allBoards ?? 'explicit',
  })
  const { t } = useLanguage()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<AppError>()
  const [saved, setSaved] = useState(false)
  const [allowHttp, setAllowHttp] = useState(false)
  // Said once by the save that caused it (a reload of the list no longer knows).
  const [notes, setNotes] = useState<ProfileWarning[]>([])
  const set = (key: keyof FormState) => (e: { target: { value: string } }) => {
    setSaved(false)
    setForm((f) => ({ ...f, [key]: e.target.value }))
  }
  const fieldError = (path: string) => error?.issues?.find((i) => i.path === path)?.message
  // A stored password belongs to the address (scheme, host, port) and username it was typed for.
  const rebinding =
    profile !== undefined &&
    (addressOrigin(form.baseUrl) !== addressOrigin(profile.baseUrl) || form.username.trim() !== profile.username)
  const needsHttpConsent =
    isHttpAddress(form.baseUrl) && (profile === undefined || rebinding || !isHttpAddress(profile.baseUrl))

  async function submit(e: FormEvent) {
    e.preventDefault()
    setSaving(true)
    setError(undefined)
    try {
      const result = await call('profiles.save', {
        ...(profile ? { id: profile.id } : {}),
        name: form.name,
        baseUrl: form.baseUrl,
        username: form.username,
        operatorCode: form.operatorCode || null,
        authorityId: Number(form.authorityId),
        recordUser: form.recordUser,
        allRooms: form.allRooms,
        allBoards: form.allBoards,
        ...(form.password ? { password: form.password } : {}),
        ...(needsHttpConsent && allowHttp ? { allowHttp: true } : {}),
      })
      setForm((f) => ({ ...f, password: '' }))
      setAllowHttp(false)
      setNotes(result.warnings.filter((w) => w.code === 'passwordForgotten'))
      setSaved(true)
      onSaved?.(result)
    } catch (err) {
      setError(toAppError(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="profile-form-title" noValidate>
      <h2 id="profile-form-title">{profile ? profile.name : t('settings.newAccount')}</h2>
      {[...notes, ...(profile?.warnings ?? []).filter((w) => !needsHttpConsent || w.code !== 'http')].map((w) => (
        <p key={w.code} className="banner banner-warn" data-testid="profile-warning" data-code={w.code}>
          {t(`settings.warnings.${w.code}`, w.params ?? {})}
        </p>
      ))}
      <Field label={t('settings.name')} error={fieldError('name')}>
        <input value={form.name} onChange={set('name')} placeholder={t('settings.namePlaceholder')} required />
      </Field>
      <Field label={t('settings.address')} error={fieldError('baseUrl')} hint={t('settings.addressHint')}>
        <input
          value={form.baseUrl}
          onChange={set('baseUrl')}
          placeholder="http://test.kodsedna.com/SednaAgencyb2bApi"
          inputMode="url"
          required
        />
      </Field>
      <Field label={t('settings.username')} error={fieldError('username')}>
        <input value={form.username} onChange={set('username')} autoComplete="off" required />
      </Field>
      <Field
        label={t('settings.password')}
        error={fieldError('password')}
        hint={
          rebinding && profile?.hasPassword
            ? t('settings.passwordRebind')
            : profile?.hasPassword
              ? t('settings.passwordStored')
              : t('settings.passwordNew')
        }
      >
        <input
          type="password"
          value={form.password}
          onChange={set('password')}
          autoComplete="new-password"
          placeholder={profile?.hasPassword && !rebinding ? t('settings.passwordPlaceholder') : ''}
          data-testid="password"
        />
      </Field>
      {needsHttpConsent && (
        <div className="banner banner-warn" data-testid="http-warning">
          <p>{t('settings.httpWarning')}</p>
          <label className="consent">
            <input
              type="checkbox"
              checked={allowHttp}
              onChange={(e) => {
                setSaved(false)
                setAllowHttp(e.target.checked)
              }}
              data-testid="allow-http"
            />{' '}
            {t('settings.httpConsent')}
          </label>
          {fieldError('allowHttp') && !allowHttp && (
            <span className="field-error" role="alert">
              {t('settings.httpConsentRequired')}
            </span>
          )}
        </div>
      )}
      <div className="row">
        <Field
          label={t('settings.operatorCode')}
          error={fieldError('operatorCode')}
          hint={t('settings.operatorCodeHint')}
        >
          <input value={form.operatorCode} onChange={set('operatorCode')} />
        </Field>
        <Field label={t('settings.authorityId')} error={fieldError('authorityId')}>
          <input value={form.authorityId} onChange={set('authorityId')} inputMode="numeric" />
        </Field>
        <Field label={t('settings.recordUser')} error={fieldError('recordUser')}>
          <input value={form.recordUser} onChange={set('recordUser')} />
        </Field>
      </div>
      <div className="row">
        <Field label={t('settings.noRooms')} hint={t('settings.noRoomsHint')}>
          <select value={form.allRooms} onChange={set('allRooms')}>
            <option value="explicit">{t('settings.roomsExplicit')}</option>
            <option value="empty">{t('settings.roomsEmpty')}</option>
          </select>
        </Field>
        <Field label={t('settings.noBoards')}>
          <select value={form.allBoards} onChange={set('allBoards')}>
            <option value="explicit">{t('settings.boardsExplicit')}</option>
            <option value="empty">{t('settings.boardsEmpty')}</option>
          </select>
        </Field>
      </div>
      {error && !error.issues?.length && <ErrorBanner error={error} />}
      <div className="actions">
        <button type="submit" disabled={saving}>
          {saving ? t('common.saving') : t('settings.save')}
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

function ProfileActions({ profile, onDeleted }: { profile: Profile; onDeleted: () => void }) {
  const [test, setTest] = useState<{ busy: boolean; result?: CallOutput<'profiles.testConnection'>; error?: AppError }>(
    {
      busy: false,
    },
  )
  const { t } = useLanguage()
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<AppError>()

  async function run(action: () => Promise<unknown>) {
    setError(undefined)
    try {
      await action()
    } catch (err) {
      setError(toAppError(err))
    }
  }

  return (
    <div className="card">
      <h2>{t('settings.connection')}</h2>
      <dl className="facts">
        <dt>{t('settings.operatorId')}</dt>
        <dd data-testid="operator-id">{profile.operatorId ?? t('settings.operatorIdUnknown')}</dd>
        <dt>{t('settings.lastLogin')}</dt>
        <dd>{profile.lastLoginAt ? formatDateTime(profile.lastLoginAt) : t('common.never')}</dd>
      </dl>
      <div className="actions">
        <button
          type="button"
          disabled={test.busy}
          onClick={async () => {
            setTest({ busy: true })
            try {
              setTest({ busy: false, result: await call('profiles.testConnection', { id: profile.id }) })
            } catch (err) {
              setTest({ busy: false, error: toAppError(err) })
            }
          }}
        >
          {test.busy ? t('settings.testing') : t('settings.testConnection')}
        </button>
        {!profile.isActive && (
          <button
            type="button"
            className="secondary"
            onClick={() => run(() => call('profiles.activate', { id: profile.id }))}
          >
            {t('settings.useForSending')}
          </button>
        )}
        {confirming ? (
          <>
            <button
              type="button"
              className="danger"
              onClick={() => run(async () => (await call('profiles.delete', { id: profile.id }), onDeleted()))}
            >
              {t('settings.confirmDelete', { name: profile.name })}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            {t('settings.delete')}
          </button>
        )}
      </div>
      <div aria-live="polite" data-testid="connection-result">
        {test.result && (
          <p className="banner banner-ok">
            {test.result.message} ({test.result.durationMs} ms)
          </p>
        )}
        {test.error && <ErrorBanner error={test.error} />}
      </div>
      {error && <ErrorBanner error={error} />}
    </div>
  )
}

type ReferenceKind = ReferenceStatus['kinds'][number]['kind']

function ReferencePanel({ profile }: { profile: Profile }) {
  const [status, reload] = useLoad(() => call('reference.status', { profileId: profile.id }), [profile.id])
  const { t } = useLanguage()
  const [refreshing, setRefreshing] = useState(false)
  const [error, setError] = useState<AppError>()
  useEffect(() => onEvent('reference.changed', (e) => e.profileId === profile.id && reload()), [profile.id, reload])

  return (
    <div className="card">
      <h2>{t('settings.reference')}</h2>
      <p className="muted">{t('settings.referenceText', { hours: status.data?.ttlHours ?? 24 })}</p>
      {status.data && (
        <table className="grid compact" data-testid="reference-status">
          <thead>
            <tr>
              <th scope="col">{t('settings.colData')}</th>
              <th scope="col" className="num">
                {t('settings.colCount')}
              </th>
              <th scope="col">{t('settings.colFetched')}</th>
              <th scope="col">{t('settings.colState')}</th>
            </tr>
          </thead>
          <tbody>
            {status.data.kinds.map((k) => (
              <tr key={k.kind} data-kind={k.kind}>
                <td>{t(`settings.kinds.${k.kind satisfies ReferenceKind}`)}</td>
                <td className="num">{k.count}</td>
                <td>
                  {k.refreshedAt ? `${formatDateTime(k.refreshedAt)} (${age(k.refreshedAt, t)})` : t('common.never')}
                </td>
                <td>
                  {k.stale ? (
                    <span className="badge status-needs_attention" title={k.lastError ?? undefined}>
                      {t('settings.outOfDate', { error: k.lastError })}
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
      {status.state === 'error' && <ErrorBanner error={status.error} onRetry={reload} />}
      <div className="actions">
        <button
          type="button"
          disabled={refreshing}
          onClick={async () => {
            setRefreshing(true)
            setError(undefined)
            try {
              await call('reference.refresh', { profileId: profile.id })
              reload()
            } catch (err) {
              setError(toAppError(err))
            } finally {
              setRefreshing(false)
            }
          }}
        >
          {refreshing ? t('settings.refreshing') : t('settings.refresh')}
        </button>
      </div>
      {error && <ErrorBanner error={error} />}
    </div>
  )
}

export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string
  hint?: string
  error?: string | undefined
  children: React.ReactNode
}) {
  return (
    <label className={`field ${error ? 'invalid' : ''}`}>
      <span className="label">{label}</span>
      {children}
      {error ? <span className="field-error">{error}</span> : hint ? <span className="hint">{hint}</span> : null}
    </label>
  )
}

function formatDateTime(iso: string): string {
  const d = new Date(iso)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`
}

function age(iso: string, t: TFunction): string {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60_000))
  if (minutes < 1) return t('settings.justNow')
  if (minutes < 60) return t('settings.minAgo', { n: minutes })
  const hours = Math.round(minutes / 60)
  return hours < 48 ? t('settings.hoursAgo', { n: hours }) : t('settings.daysAgo', { n: Math.round(hours / 24) })
}
