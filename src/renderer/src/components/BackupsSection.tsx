/**
 * Settings → Backups: the backups in the data folder's backups/ (when, why, size), "Back up now", and
 * "Restore…" (a listed backup, or in the app window a database file) behind a confirmation whose safe
 * answer has the focus. After a restore main pushes `data.restored` and the page reloads, so every
 * screen shows the restored data; what happened is said once after the reload.
 */
import { useEffect, useRef, useState } from 'react'
import type { Backup, BackupKind, RestoreResult } from '../../../shared/backups'
import type { EventPayload } from '../../../shared/ipc'
import type { AppError } from '../../../shared/result'
import { call, onEvent, toAppError } from '../api'
import { useLanguage, type Language } from '../i18n'
import { useLoad } from '../use-call'
import { ErrorBanner } from './ErrorBanner'

/** What the reload says once: the restore's event, kept over the reload in this tab. */
const RESTORED_NOTE = 'sedna.backups.restored'

type Target = { kind: 'listed'; backup: Backup } | { kind: 'file'; path: string; name: string }

export function BackupsSection() {
  const { t, language } = useLanguage()
  const [list, reload] = useLoad(() => call('backups.list', {}), [])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError>()
  const [made, setMade] = useState<Backup>()
  const [target, setTarget] = useState<Target>()
  const [restored] = useState(takeRestoredNote)
  const fileInput = useRef<HTMLInputElement>(null)
  // Only the app window can hand main a chosen file's path.
  const canChooseFile = typeof window.sedna?.pathForFile === 'function'

  useEffect(
    () =>
      onEvent('data.restored', (payload) => {
        sessionStorage.setItem(RESTORED_NOTE, JSON.stringify(payload))
        window.location.reload()
      }),
    [],
  )

  async function backUpNow() {
    setBusy(true)
    setError(undefined)
    setMade(undefined)
    try {
      setMade(await call('backups.create', {}))
      reload()
    } catch (err) {
      setError(toAppError(err))
    } finally {
      setBusy(false)
    }
  }

  async function restore(chosen: Target): Promise<RestoreResult | undefined> {
    setBusy(true)
    setError(undefined)
    try {
      // The page reloads when main says the data was restored.
      return await call(
        'backups.restore',
        chosen.kind === 'listed' ? { name: chosen.backup.name, confirm: true } : { path: chosen.path, confirm: true },
      )
    } catch (err) {
      setTarget(undefined)
      setError(toAppError(err))
      return undefined
    } finally {
      setBusy(false)
    }
  }

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
      {list.state === 'error' && <ErrorBanner error={list.error} onRetry={reload} />}
      {list.data && !backups.length && <p data-testid="backups-none">{t('backups.none')}</p>}
      {backups.length > 0 && (
        <table className="grid compact" data-testid="backups-list">
          <thead>
            <tr>
              <th scope="col">{t('backups.colTime')}</th>
              <th scope="col">{t('backups.colKind')}</th>
              <th scope="col" className="num">
                {t('backups.colSize')}
              </th>
              <th scope="col">
                <span className="sr-only">{t('backups.restore')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name} data-name={b.name} data-kind={b.kind} title={b.file}>
                <td>{formatDateTime(b.createdAt)}</td>
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
        <button type="button" disabled={busy} onClick={() => void backUpNow()} data-testid="backup-now">
          {busy && !target ? t('backups.backingUp') : t('backups.backUpNow')}
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
        {made && (
          <span className="ok-text" role="status" data-testid="backup-made">
            {t('backups.madeNow', { name: made.name, size: formatSize(made.bytes, language) })}
          </span>
        )}
      </div>
      {error && <ErrorBanner error={error} />}
      {target && (
        <ConfirmRestore
          target={target}
          busy={busy}
          onConfirm={() => void restore(target)}
          onClose={() => setTarget(undefined)}
        />
      )}
    </div>
  )
}

/** A confirmation before the data is replaced: what is lost, and that the current data is kept. */
function ConfirmRestore({
  target,
  busy,
  onConfirm,
  onClose,
}: {
  target: Target
  busy: boolean
  onConfirm: () => void
  onClose: () => void
}) {
  const { t } = useLanguage()
  const dialog = useRef<HTMLDialogElement>(null)
  const keep = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
    // The safe choice has the focus: Enter alone never replaces the data.
    keep.current?.focus()
    return () => d?.close()
  }, [])
  const time = target.kind === 'listed' ? formatDateTime(target.backup.createdAt) : ''
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="restore-dialog-title"
      aria-describedby="restore-dialog-text"
      data-testid="restore-dialog"
      onCancel={(e) => {
        e.preventDefault()
        if (!busy) onClose()
      }}
    >
      <h2 id="restore-dialog-title">
        {target.kind === 'listed'
          ? t('backups.confirm.title', { time })
          : t('backups.confirm.fileTitle', { name: target.name })}
      </h2>
      <p id="restore-dialog-text">
        {target.kind === 'listed' ? t('backups.confirm.text', { time }) : t('backups.confirm.fileText')}
      </p>
      <p className="hint">{target.kind === 'listed' ? target.backup.file : target.path}</p>
      <div className="actions">
        <button type="button" className="danger" onClick={onConfirm} disabled={busy} data-testid="restore-confirm">
          {busy ? t('backups.confirm.restoring') : t('backups.confirm.restore')}
        </button>
        <button type="button" className="secondary" ref={keep} onClick={onClose} disabled={busy}>
          {t('backups.confirm.keep')}
        </button>
      </div>
    </dialog>
  )
}

function takeRestoredNote(): EventPayload<'data.restored'> | undefined {
  const raw = sessionStorage.getItem(RESTORED_NOTE)
  if (!raw) return undefined
  sessionStorage.removeItem(RESTORED_NOTE)
  try {
    return JSON.parse(raw) as EventPayload<'data.restored'>
  } catch {
    return undefined
  }
}

function formatDateTime(iso: string): string {
  const d = new Date(iso)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`
}

function formatSize(bytes: number, language: Language): string {
  const number = (n: number, digits: number) =>
    n.toLocaleString(language === 'tr' ? 'tr-TR' : 'en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
  if (bytes < 1024 ** 2) return `${number(Math.max(1, Math.round(bytes / 1024)), 0)} KB`
  return `${number(bytes / 1024 ** 2, 1)} MB`
}
