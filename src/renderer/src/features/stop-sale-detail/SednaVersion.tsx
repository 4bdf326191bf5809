/**
 * Sedna's copy of a stop sale beside ours (#14): field by field as the app last read it, the fields that
 * differ marked (a highlight and the words "differs", not colour alone), who recorded it there and when;
 * that Sedna already held it when it was first to be sent (adopted); and, when Sedna's copy moved away
 * from ours, the two choices main offers — keep Sedna's version, or send ours again (a record deleted in
 * Sedna is created anew only after a confirmation whose safe answer has the focus). Sending goes through
 * the usual Sync, so its progress and summary show as for any other.
 */
import { useMutation } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import type { SednaVersion } from '../../../../shared/contracts/drift'
import type { StopSaleDetail } from '../../../../shared/detail'
import type { DriftFieldName } from '../../../../shared/sedna-records'
import { call } from '../../api'
import { appError } from '../../data/client'
import { formatDateTime, formatNight, kindText } from '../../format'
import type { TFunction } from '../../i18n'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { DetailSection } from '../../ui/DetailLayout'
import { Fact, None } from '../../ui/DetailParts'
import { ErrorBanner } from '../../ui/ErrorBanner'
import { useWords } from '../../ui/words'
import { allows } from '../status/actions'
import { runSync } from '../sync/store'

type Field = SednaVersion['fields'][number]

/** A compared value (language-free from main: dates, `close`/`open`, codes, `*` all, '' none, State) in words. */
function valueText(t: TFunction, field: DriftFieldName, value: string): string {
  switch (field) {
    case 'firstNight':
    case 'lastNight':
      return formatNight(value)
    case 'kind':
      return value === 'close' || value === 'open'
        ? kindText(value, { open: t('common.kindOpen'), close: t('common.kindClose') })
        : t('detail.sedna.stopType', { value })
    case 'rooms':
    case 'boards':
      if (value === '*') return field === 'rooms' ? t('common.allRooms') : t('common.allBoards')
      return value === '' ? t('detail.sedna.noneListed') : value.split(',').join(', ')
    case 'state':
      return value === '1' ? t('detail.sedna.stateActive') : t('detail.sedna.stateOther', { state: value })
  }
}

/** The comparison table: one row per field, Sedna's cell marked where it differs. */
function Comparison({ version }: { version: SednaVersion }) {
  const { t } = useWords()
  const theirs = (f: Field): ReactNode =>
    f.sedna === null ? (
      <span title={t('detail.sedna.notTold')}>
        <None />
      </span>
    ) : (
      valueText(t, f.field, f.sedna)
    )
  return (
    <table className="grid compact" data-testid="sedna-version">
      <thead>
        <tr>
          <th scope="col">{t('detail.sedna.field')}</th>
          <th scope="col">{t('detail.sedna.ours')}</th>
          <th scope="col">{t('detail.sedna.theirs', { recId: version.recId })}</th>
        </tr>
      </thead>
      <tbody>
        {version.fields.map((f) => (
          <tr key={f.field} data-field={f.field} data-differs={f.differs || undefined}>
            <th scope="row">{t(`detail.sedna.fields.${f.field}`)}</th>
            <td>{valueText(t, f.field, f.ours)}</td>
            <td>
              {f.differs ? (
                <mark>
                  {theirs(f)} <span className="sr-only">{t('detail.sedna.differs')}</span>
                </mark>
              ) : (
                theirs(f)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** What the section says first: adopted, changed, deleted, the same, read too early, or not read yet. */
function Intro({ detail: d }: { detail: StopSaleDetail }) {
  const { t } = useWords()
  const r = d.record
  const v = d.sednaVersion
  const found = r.sednaFound
  const lines: ReactNode[] = []
  if (found) {
    lines.push(
      t('detail.sedna.adopted', {
        user: found.recordUser ?? t('detail.sedna.someone'),
        recId: found.recId,
        declared: found.declareDate ?? '—',
      }),
    )
  }
  if (r.status === 'changed_in_sedna') lines.push(t('detail.sedna.changed'))
  else if (r.status === 'missing_in_sedna') {
    const recId = r.sednaRecId ?? v?.recId ?? '—'
    lines.push(
      v?.goneAt
        ? t('detail.sedna.missingSince', { recId, time: formatDateTime(v.goneAt, 'minute') })
        : t('detail.sedna.missing', { recId }),
    )
  } else if (!v) lines.push(t('detail.sedna.notRead'))
  else if (v.stale) lines.push(t('detail.sedna.stale'))
  else if (!v.fields.some((f) => f.differs)) lines.push(t('detail.sedna.same'))
  return (
    <>
      {lines.map((line, i) => (
        <p key={i} data-testid={i === 0 && found ? 'sedna-adopted' : 'sedna-intro'}>
          {line}
        </p>
      ))}
    </>
  )
}

/** Who recorded Sedna's copy, its DeclareDate and last change there, and when the app read it. */
function VersionFacts({ version: v }: { version: SednaVersion }) {
  const { t } = useWords()
  const updated = v.updateDate ?? v.recordDate
  return (
    <dl className="facts" data-testid="sedna-version-facts">
      <Fact label={t('detail.sedna.recordUser')}>{v.recordUser ?? <None />}</Fact>
      <Fact label={t('detail.sedna.declareDate')}>{v.declareDate ? <code>{v.declareDate}</code> : <None />}</Fact>
      <Fact label={t('detail.sedna.updated')}>{updated ? <code>{updated}</code> : <None />}</Fact>
      <Fact label={t('detail.sedna.readAt')}>{formatDateTime(v.pulledAt)}</Fact>
      {v.goneAt && <Fact label={t('detail.sedna.goneAt')}>{formatDateTime(v.goneAt)}</Fact>}
    </dl>
  )
}

/** Keep Sedna's version, or send ours again (a deleted one after a confirmation). */
function Choices({ detail: d, busy }: { detail: StopSaleDetail; busy: boolean }) {
  const { t } = useWords()
  const r = d.record
  const [confirming, setConfirming] = useState(false)
  const accept = useMutation({ mutationFn: () => call('stopSales.acceptSedna', { id: r.id }) })
  const resend = useMutation({
    mutationFn: (confirm: boolean) => call('stopSales.sendOursAgain', { id: r.id, ...(confirm ? { confirm } : {}) }),
    onSuccess: () => void runSync({ ids: [r.id] }),
    onSettled: () => setConfirming(false),
  })
  const failure = appError(accept.error) ?? appError(resend.error)
  const missing = r.status === 'missing_in_sedna'
  const pending = accept.isPending || resend.isPending
  if (!allows(r, 'acceptSedna') && !allows(r, 'sendOursAgain')) return failure ? <ErrorBanner error={failure} /> : null
  return (
    <>
      {failure && <ErrorBanner error={failure} />}
      <div className="actions">
        {allows(r, 'acceptSedna') && (
          <button
            type="button"
            disabled={busy || pending}
            title={t('detail.sedna.acceptHint')}
            data-testid="sedna-accept"
            onClick={() => {
              resend.reset()
              accept.mutate()
            }}
          >
            {accept.isPending ? t('detail.sedna.accepting') : t('detail.sedna.accept')}
          </button>
        )}
        {allows(r, 'sendOursAgain') && (
          <button
            type="button"
            disabled={busy || pending}
            title={missing ? undefined : t('detail.sedna.sendAgainHint')}
            data-testid="sedna-send-again"
            aria-haspopup={missing ? 'dialog' : undefined}
            onClick={() => {
              accept.reset()
              resend.reset()
              if (missing) setConfirming(true)
              else resend.mutate(false)
            }}
          >
            {missing ? t('detail.sedna.sendAgainMissing') : t('detail.sedna.sendAgain')}
          </button>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          titleId="send-again-dialog-title"
          testId="send-again-dialog"
          title={t('detail.sedna.confirmTitle', { id: r.id })}
          text={t('detail.sedna.confirmText', { recId: r.sednaRecId ?? '—' })}
          confirmLabel={t('detail.sedna.confirm')}
          confirmTestId="send-again-confirm"
          keepLabel={t('detail.sedna.keep')}
          busy={resend.isPending}
          onConfirm={() => resend.mutate(true)}
          onClose={() => setConfirming(false)}
        />
      )}
    </>
  )
}

/** The section, for a stop sale that is (or was) in Sedna; nothing for one never sent. */
export function StopSaleSednaVersion({ detail: d, busy }: { detail: StopSaleDetail; busy: boolean }) {
  const { t } = useWords()
  const r = d.record
  const drifted = r.status === 'changed_in_sedna' || r.status === 'missing_in_sedna'
  if (!d.sednaVersion && !r.sednaFound && !drifted && r.status !== 'synced') return null
  return (
    <DetailSection titleId="sedna-version-title" title={t('detail.sedna.title')} hint={t('detail.sedna.hint')}>
      <Intro detail={d} />
      {d.sednaVersion && !d.sednaVersion.goneAt && <Comparison version={d.sednaVersion} />}
      {d.sednaVersion && <VersionFacts version={d.sednaVersion} />}
      <Choices detail={d} busy={busy} />
    </DetailSection>
  )
}
