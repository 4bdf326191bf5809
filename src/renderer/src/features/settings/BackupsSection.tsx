/**
 * Settings → Backups: the backups in the data folder's backups/ (when, why, size), "Back up now", and
 * "Restore…" (a listed backup, or in the app window a database file) behind a confirmation whose safe
 * answer has the focus. After a restore main pushes `data.restored` and the window reloads
 * (data/events.ts), so every screen shows the restored data; what happened is said here once.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { Backup, BackupKind } from '../../../../shared/backups'
import { call } from '../../api'
import { appKeys, appQueries } from '../../data/app'
import { appError } from '../../data/client'
import { forgetRestoreNote, restoreNote } from '../../data/restore-note'
import { formatDateTime } from '../../format'
import { useLanguage, type Language } from '../../i18n'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { GridHead } from '../../ui/GridHead'

type Target = { kind: 'listed'; backup: Backup } | { kind: 'file'; path: string; name: string }

export function formatSize(bytes: number, language: Language): string {
  const number = (n: number, digits: number) =>
    n.toLocaleString(language === 'tr' ? 'tr-TR' : 'en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
  if (bytes < 1024 ** 2) return `${number(Math.max(1, Math.round(bytes / 1024)), 0)} KB`
  return `${number(bytes / 1024 ** 2, 1)} MB`
}

export function BackupsSection() {
  const { t, language } = useLanguage()
  const client = useQueryClient()
  const list = useQuery(appQueries.backups())
  const [target, setTarget] = useState<Target>()
  const [restored] = useState(restoreNote)
  useEffect(forgetRestoreNote, [])
  const fileInput = useRef<HTMLInputElement>(null)
  // Only the app window can hand main a chosen file's path.
  const canChooseFile = typeof window.sedna?.pathForFile === 'function'
  const create = useMutation({
    mutationFn: () => call('backups.create', {}),
    onSuccess: () => client.invalidateQueries({ queryKey: appKeys.backups }),
  })
  // The window reloads when main says the data was restored; a refusal closes the dialog and says why.
  const restore = useMutation({
    mutationFn: (chosen: Target) =>
      call(
        'backups.restore',
        chosen.kind === 'listed' ? { name: chosen.backup.name, confirm: true } : { path: chosen.path, confirm: true },
      ),
    onError: () => setTarget(undefined),
  })
  const busy = create.isPending || restore.isPending
  const loadError = appError(list.error)
  const error = appError(create.error ?? restore.error)

  const backups = list.data?.backups ?? []
  return (
    <div className="card" data-testid="backups">
      <h2>{t('backups.title')}</h2>
      {restored && (
        <p className="banner banner-ok" role="status" data-testid="backups-restored">
          {restored.backupOfCurrent
            ? t('backups.restored', { from: restored.from, before: restored.backupOfCurrent })
            : t('backups.restoredNoBefore', { from: restored.from })}
        </p>
      )}
      {list.data && <p className="muted">{t('backups.text', { keep: list.data.keep, dir: list.data.dir })}</p>}
      {loadError && <ErrorBanner error={loadError} onRetry={() => void list.refetch()} />}
      {list.data && !backups.length && <p data-testid="backups-none">{t('backups.none')}</p>}
      {backups.length > 0 && (
        <table className="grid compact" data-testid="backups-list">
          <GridHead
            columns={[
              t('backups.colTime'),
              t('backups.colKind'),
              { label: t('backups.colSize'), num: true },
              { label: t('backups.restore'), hidden: true },
            ]}
          />
          <tbody>
            {backups.map((b) => (
              <tr key={b.name} data-name={b.name} data-kind={b.kind} title={b.file}>
                <td>{formatDateTime(b.createdAt, 'minute')}</td>
                <td>{t(`backups.kinds.${b.kind satisfies BackupKind}`)}</td>
                <td className="num">{formatSize(b.bytes, language)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    aria-haspopup="dialog"
                    onClick={() => setTarget({ kind: 'listed', backup: b })}
                  >
                    {t('backups.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => create.mutate()} data-testid="backup-now">
          {create.isPending ? t('backups.backingUp') : t('backups.backUpNow')}
        </button>
        {canChooseFile && (
          <>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              aria-haspopup="dialog"
              onClick={() => fileInput.current?.click()}
            >
              {t('backups.restoreFile')}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".sqlite,.db,.sqlite3"
              hidden
              onChange={(e) => {
                const file = e.target.files?.[0]
                const path = file ? window.sedna?.pathForFile?.(file) : undefined
                e.target.value = ''
                if (file && path) setTarget({ kind: 'file', path, name: file.name })
              }}
            />
          </>
        )}
        {create.data && (
          <span className="ok-text" role="status" data-testid="backup-made">
            {t('backups.madeNow', { name: create.data.name, size: formatSize(create.data.bytes, language) })}
          </span>
        )}
      </div>
      {error && <ErrorBanner error={error} />}
      {target && (
        <RestoreDialog
          target={target}
          busy={restore.isPending}
          onConfirm={() => restore.mutate(target)}
          onClose={() => setTarget(undefined)}
        />
      )}
    </div>
  )
}

/** What is lost, and that the current data is kept. */
function RestoreDialog(props: { target: Target; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  const { t } = useLanguage()
  const { target } = props
  const time = target.kind === 'listed' ? formatDateTime(target.backup.createdAt, 'minute') : ''
  return (
    <ConfirmDialog
      titleId="restore-dialog-title"
      testId="restore-dialog"
      title={
        target.kind === 'listed'
          ? t('backups.confirm.title', { time })
          : t('backups.confirm.fileTitle', { name: target.name })
      }
      text={target.kind === 'listed' ? t('backups.confirm.text', { time }) : t('backups.confirm.fileText')}
      confirmLabel={props.busy ? t('backups.confirm.restoring') : t('backups.confirm.restore')}
      confirmTestId="restore-confirm"
      keepLabel={t('backups.confirm.keep')}
      busy={props.busy}
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    >
      <p className="hint">{target.kind === 'listed' ? target.backup.file : target.path}</p>
    </ConfirmDialog>
  )
}
