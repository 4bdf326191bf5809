/** What is (or would be) sent for a stop sale: both phases' bodies, and every request made for it. */
import type { PhasePayload, StopSaleDetail } from '../../../../shared/detail'
import { formatDateTime } from '../../format'
import type { TFunction } from '../../i18n'
import { AttemptsTable, outcomeLabels, PayloadBlock } from '../../ui/Payloads'
import { useWords } from '../../ui/words'

function PayloadView({ payload, title }: { payload: PhasePayload; title: string }) {
  const { t, word } = useWords()
  const outcomes = outcomeLabels(t)
  return (
    <PayloadBlock
      titleId={`payload-${payload.phase}-title`}
      testId={`payload-${payload.phase}`}
      title={title}
      source={payload.source}
      hint={
        <>
          {payload.source === 'sent' && (
            <>
              {payload.sentAt
                ? t('detail.exactlySentAt', { time: formatDateTime(payload.sentAt) })
                : t('detail.exactlySent')}
              {payload.outcome ? t('detail.outcome', { outcome: outcomes[payload.outcome] ?? payload.outcome }) : ''}.
            </>
          )}
          {payload.source === 'preview' && t('detail.previewHint')}
          {word(payload.message)}
        </>
      }
      body={payload.body}
      bodyLabel={(source) => t('detail.bodyLabel', { title, source })}
    />
  )
}

const phaseLabels = (t: TFunction): Record<string, string> => ({
  phase1: t('detail.phases.phase1'),
  phase2: t('detail.phases.phase2'),
  lookup: t('detail.phases.lookup'),
  login: t('detail.phases.login'),
  resolve: t('detail.phases.resolve'),
})

export function StopSaleRequests({ detail: d }: { detail: StopSaleDetail }) {
  const { t } = useWords()
  return (
    <>
      <section className="card detail-section" aria-labelledby="payloads-title">
        <h2 id="payloads-title">{t('detail.whatIsSent')}</h2>
        <p className="hint">{t('detail.whatIsSentHint')}</p>
        <div className="payloads">
          <PayloadView payload={d.payloads.phase1} title={t('detail.phase1Title')} />
          <PayloadView payload={d.payloads.phase2} title={t('detail.phase2Title')} />
        </div>
      </section>
      <section className="card detail-section" aria-labelledby="attempts-title">
        <h2 id="attempts-title">{t('detail.attemptHistory')}</h2>
        <AttemptsTable
          attempts={d.attempts}
          phases={phaseLabels(t)}
          emptyText={t('detail.noAttempts')}
          testId="attempts-table"
          rowTestId="attempt"
        />
      </section>
    </>
  )
}
