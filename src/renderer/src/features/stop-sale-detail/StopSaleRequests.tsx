/** What is (or would be) sent for a stop sale: both phases' bodies, and every request made for it. */
import type { PhasePayload, StopSaleDetail } from '../../../../shared/detail'
import { useLanguage } from '../../i18n'
import { DetailSection } from '../../ui/DetailLayout'
import { AttemptsTable, PayloadBlock } from '../../ui/Payloads'

function PayloadView({ payload, title }: { payload: PhasePayload; title: string }) {
  const { t } = useLanguage()
  return (
    <PayloadBlock
      titleId={`payload-${payload.phase}-title`}
      testId={`payload-${payload.phase}`}
      title={title}
      payload={payload}
      sentText={(time) => (time ? t('detail.exactlySentAt', { time }) : t('detail.exactlySent'))}
      previewText={t('detail.previewHint')}
      bodyLabel={(source) => t('detail.bodyLabel', { title, source })}
    />
  )
}

export function StopSaleRequests({ detail: d }: { detail: StopSaleDetail }) {
  const { t } = useLanguage()
  return (
    <>
      <DetailSection titleId="payloads-title" title={t('detail.whatIsSent')} hint={t('detail.whatIsSentHint')}>
        <div className="payloads">
          <PayloadView payload={d.payloads.phase1} title={t('detail.phase1Title')} />
          <PayloadView payload={d.payloads.phase2} title={t('detail.phase2Title')} />
        </div>
      </DetailSection>
      <DetailSection titleId="attempts-title" title={t('detail.attemptHistory')}>
        <AttemptsTable
          attempts={d.attempts}
          phases={{
            phase1: t('detail.phases.phase1'),
            phase2: t('detail.phases.phase2'),
            drift: t('detail.sedna.historyPhase'),
          }}
          emptyText={t('detail.noAttempts')}
          testId="attempts-table"
          rowTestId="attempt"
        />
      </DetailSection>
    </>
  )
}
