/**
 * Always visible: how old the app's copy of Sedna's stop sales is ("Sedna read 4 min ago"), how far a
 * read that runs has got, whether the last read failed (the age stays: what was read before is kept,
 * offline too), and a button to read now. The active account's; nothing without an account.
 */
import { useMutation, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { call } from '../../api'
import { appError } from '../../data/client'
import { mirrorQueries, useMirrorProgress } from '../../data/mirror'
import { formatDateTime } from '../../format'
import type { TFunction } from '../../i18n'
import { useWords } from '../../ui/words'

/** The time now, moving on every `ms` (the age shown grows while nothing else changes). */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}

/** "Sedna read 4 min ago" (as the settings' reference data says its age: minutes, then hours, then days). */
export function ageText(t: TFunction, finishedAt: string | undefined, now: number): string {
  if (!finishedAt) return t('mirror.never')
  const minutes = Math.max(0, Math.floor((now - Date.parse(finishedAt)) / 60_000))
  if (minutes < 1) return t('mirror.justNow')
  if (minutes < 120) return t('mirror.minutes', { count: minutes })
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return t('mirror.hours', { count: hours })
  return t('mirror.days', { count: Math.floor(hours / 24) })
}

export function MirrorIndicator() {
  const { t, word, wordError } = useWords()
  const status = useQuery(mirrorQueries.status())
  const account = status.data?.accounts.find((a) => a.active)
  const progress = useMirrorProgress(account?.profileId)
  const now = useNow(30_000)
  const pull = useMutation({ mutationFn: () => call('mirror.pull', {}) })
  const { reset } = pull
  // A read that ended well since the last press: its failure is old news.
  const lastPullId = account?.lastPull?.id
  useEffect(() => reset(), [lastPullId, reset])

  if (!account) return null
  const { lastPull, lastFailure } = account
  const reading = progress !== undefined || account.running !== null || pull.isPending
  // A failure before the read could start (no account, closing) is only in the answer to the press.
  const pressFailure = appError(pull.error)
  const failure = lastFailure ? word(lastFailure.error) : pressFailure ? wordError(pressFailure) : null
  const age = ageText(t, lastPull?.finishedAt, now)
  const ageTitle = lastPull
    ? t('mirror.title', { at: formatDateTime(lastPull.finishedAt, 'minute'), records: account.records })
    : t('mirror.titleNever')

  return (
    // Said politely when it changes (no status or alert role: those stay the pages' own).
    <span
      className="mirror"
      aria-live="polite"
      data-testid="mirror"
      data-state={reading ? 'reading' : failure ? 'failed' : 'idle'}
    >
      {reading ? (
        <span
          className="mirror-reading"
          title={progress ? t('mirror.readingTitle', { received: progress.received }) : undefined}
          data-testid="mirror-progress"
        >
          {progress && progress.total > 0
            ? t('mirror.reading', { done: progress.done, total: progress.total })
            : t('mirror.readingStarted')}
        </span>
      ) : (
        <span className="mirror-age" title={ageTitle} data-testid="mirror-age" data-at={lastPull?.finishedAt ?? ''}>
          {age}
        </span>
      )}
      {failure && !reading && (
        <span className="mirror-failed" title={failure} data-testid="mirror-failed">
          <span aria-hidden="true">⚠ </span>
          <span className="mirror-failed-text">{t('mirror.failed')}</span>
          <span className="sr-only">: {failure}</span>
        </span>
      )}
      <button
        type="button"
        className="mirror-pull"
        disabled={reading}
        title={t('mirror.readNowTitle')}
        onClick={() => pull.mutate()}
        data-testid="mirror-pull"
      >
        {t('mirror.readNow')}
      </button>
    </span>
  )
}
