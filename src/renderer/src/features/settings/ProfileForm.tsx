/**
 * A Sedna account's form: address, username, write-only password (kept in the system keychain),
 * operator code and the rest. A stored password belongs to the address and username it was typed for:
 * changing either says so before saving, and an http:// address needs an explicit confirmation.
 */
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { addressOrigin, isHttpAddress } from '../../../../shared/profile-address'
import type { AllMode, Profile, ProfileWarning } from '../../../../shared/profiles'
import { call } from '../../api'
import { appError } from '../../data/client'
import { useLanguage } from '../../i18n'
import { Field, SaveBar } from '../../ui/Field'

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

const formOf = (profile: Profile | undefined): FormState => ({
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

export function ProfileForm({ profile, onSaved }: { profile?: Profile; onSaved?: (p: Profile) => void }) {
  const { t } = useLanguage()
  const [form, setForm] = useState<FormState>(() => formOf(profile))
  const [allowHttp, setAllowHttp] = useState(false)
  // Edited since the last save: "Saved." no longer holds.
  const [dirty, setDirty] = useState(false)
  // A stored password belongs to the address (scheme, host, port) and username it was typed for.
  const rebinding =
    profile !== undefined &&
    (addressOrigin(form.baseUrl) !== addressOrigin(profile.baseUrl) || form.username.trim() !== profile.username)
  const needsHttpConsent =
    isHttpAddress(form.baseUrl) && (profile === undefined || rebinding || !isHttpAddress(profile.baseUrl))

  const save = useMutation({
    mutationFn: () =>
      call('profiles.save', {
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
      }),
    onSuccess: (result) => {
      setDirty(false)
      setForm((f) => ({ ...f, password: '' }))
      setAllowHttp(false)
      onSaved?.(result)
    },
  })
  const error = appError(save.error)
  // Said once by the save that caused it (a reload of the list no longer knows).
  const notes: ProfileWarning[] = save.data?.warnings.filter((w) => w.code === 'passwordForgotten') ?? []
  const fieldError = (path: string) => error?.issues?.find((i) => i.path === path)?.message
  const set = (key: keyof FormState) => (e: { target: { value: string } }) => {
    setDirty(true)
    setForm((f) => ({ ...f, [key]: e.target.value }))
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate()
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
                setDirty(true)
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
      <SaveBar error={error} pending={save.isPending} saved={save.isSuccess && !dirty} label={t('settings.save')} />
    </form>
  )
}
