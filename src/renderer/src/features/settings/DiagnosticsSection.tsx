/**
 * Settings → Support (#16): "Export diagnostics…" writes the zip for whoever supports the staff. Main
 * shows the save dialog and writes the file (the page never chooses a path to write); the page says
 * where it went and how big it is. Offered where main has a save dialog (app.info's canSaveFiles).
 */
import { useMutation, useQuery } from '@tanstack/react-query'
import { call } from '../../api'
import { appQueries } from '../../data/app'
import { appError } from '../../data/client'
import { useLanguage } from '../../i18n'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { formatSize } from './BackupsSection'

export function DiagnosticsSection() {
  const { t, language } = useLanguage()
  const canSave = useQuery(appQueries.info()).data?.canSaveFiles ?? false
  const save = useMutation({ mutationFn: () => call('diagnostics.save', {}) })
  const error = appError(save.error)
  // null: the dialog was cancelled, and nothing was written.
  const saved = save.data ?? undefined

  return (
    <div className="card" data-testid="diagnostics">
      <h2>{t('diagnostics.title')}</h2>
      <p className="muted">{t('diagnostics.text')}</p>
      {canSave && (
        <div className="actions">
          <button
            type="button"
            className="secondary"
            disabled={save.isPending}
            onClick={() => save.mutate()}
            data-testid="diagnostics-export"
          >
            {save.isPending ? t('diagnostics.exporting') : t('diagnostics.export')}
          </button>
          {saved && (
            <span className="ok-text" role="status" data-testid="diagnostics-saved">
              {t('diagnostics.saved', { file: saved.file, size: formatSize(saved.bytes, language) })}
            </span>
          )}
        </div>
      )}
      {error && <ErrorBanner error={error} />}
    </div>
  )
}
