/** A Sedna account's connection: its operator id, Test connection, make it the one used, delete it. */
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { Profile } from '../../../../shared/profiles'
import { call } from '../../api'
import { appError } from '../../data/client'
import { formatDateTime } from '../../format'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useWords } from '../../ui/words'

export function ProfileActions({ profile, onDeleted }: { profile: Profile; onDeleted: () => void }) {
  const { t, word } = useWords()
  const [confirming, setConfirming] = useState(false)
  const test = useMutation({ mutationFn: () => call('profiles.testConnection', { id: profile.id }) })
  const activate = useMutation({ mutationFn: () => call('profiles.activate', { id: profile.id }) })
  const remove = useMutation({ mutationFn: () => call('profiles.delete', { id: profile.id }), onSuccess: onDeleted })
  const testError = appError(test.error)
  const error = appError(activate.error ?? remove.error)

  return (
    <div className="card">
      <h2>{t('settings.connection')}</h2>
      <dl className="facts">
        <dt>{t('settings.operatorId')}</dt>
        <dd data-testid="operator-id">{profile.operatorId ?? t('settings.operatorIdUnknown')}</dd>
        <dt>{t('settings.lastLogin')}</dt>
        <dd>{profile.lastLoginAt ? formatDateTime(profile.lastLoginAt, 'minute') : t('common.never')}</dd>
      </dl>
      <div className="actions">
        <button type="button" disabled={test.isPending} onClick={() => test.mutate()}>
          {test.isPending ? t('settings.testing') : t('settings.testConnection')}
        </button>
        {!profile.isActive && (
          <button type="button" className="secondary" onClick={() => activate.mutate()}>
            {t('settings.useForSending')}
          </button>
        )}
        {confirming ? (
          <>
            <button type="button" className="danger" onClick={() => remove.mutate()}>
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
        {test.data && !test.isPending && (
          <p className="banner banner-ok">
            {word(test.data.message)} ({test.data.durationMs} ms)
          </p>
        )}
        {testError && <ErrorBanner error={testError} />}
      </div>
      {error && <ErrorBanner error={error} />}
    </div>
  )
}
