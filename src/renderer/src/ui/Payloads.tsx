/**
 * What a detail screen shows of the requests made to Sedna: one request body as it is (or would be)
 * sent, and the attempt history with each request's bodies behind a disclosure.
 */
import type { ReactNode } from 'react'
import { formatDateTime } from '../format'
import type { TFunction } from '../i18n'
import { None } from './DetailParts'
import { GridHead } from './GridHead'
import { useWords, type Coded } from './words'

/** The JSON text pretty-printed for reading (the stored text itself stays byte for byte in main). */
export function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

const outcomeLabels = (t: TFunction): Record<string, string> => ({
  ok: t('detail.outcomes.ok'),
  failed: t('detail.outcomes.failed'),
  unknown: t('detail.outcomes.unknown'),
  parked: t('detail.outcomes.parked'),
})

/** A request body as a detail has it: as sent (when, how it went), a preview, or why there is none. */
interface Payload {
  source: 'sent' | 'preview' | 'unavailable'
  body: string | null
  sentAt: string | null
  outcome: string | null
  message: Coded | null
}

/** One request body as it is (or would be) sent, with where it comes from (sent / preview / …). */
export function PayloadBlock({
  titleId,
  testId,
  title,
  payload,
  sentText,
  previewText,
  url,
  bodyLabel,
}: {
  titleId: string
  testId: string
  title: ReactNode
  payload: Payload
  /** "Exactly the body sent" (at `time`, when known). */
  sentText: (time: string | undefined) => string
  previewText: string
  url?: ReactNode
  /** Given the label of the source. */
  bodyLabel: (sourceLabel: string) => string
}) {
  const { t, word } = useWords()
  const { source, body } = payload
  const sourceLabel = t(`detail.payload.${source}`)
  const outcome = payload.outcome && (outcomeLabels(t)[payload.outcome] ?? payload.outcome)
  return (
    <section className="payload" aria-labelledby={titleId} data-testid={testId} data-source={source}>
      <h3 id={titleId}>
        {title}{' '}
        <span className={`badge payload-${source}`} data-testid="payload-label">
          {sourceLabel}
        </span>
      </h3>
      <p className="hint">
        {source === 'sent' && (
          <>
            {sentText(payload.sentAt ? formatDateTime(payload.sentAt) : undefined)}
            {outcome ? t('detail.outcome', { outcome }) : ''}.
          </>
        )}
        {source === 'preview' && previewText}
        {word(payload.message)}
      </p>
      {url}
      {body !== null && (
        <pre className="json" tabIndex={0} aria-label={bodyLabel(sourceLabel)}>
          {pretty(body)}
        </pre>
      )}
    </section>
  )
}

export interface AttemptRow {
  id: number
  phase: string
  outcome: string
  startedAt: string
  httpStatus: number | null
  sednaErrorType: number | string | null
  /** What happened, coded where main codes it (else as main wrote it). */
  message: Coded | string | null
  durationMs: number | null
  requestBody: string | null
  responseBody: string | null
  /** Only where the request's address is recorded (reservations). */
  url?: string | null
}

/** Every request made for a record: one row each, its bodies behind a disclosure. */
export function AttemptsTable({
  attempts,
  phases,
  emptyText,
  testId,
  rowTestId,
}: {
  attempts: readonly AttemptRow[]
  /** This kind's own phases (both have lookup, login and resolve). */
  phases: Record<string, string>
  emptyText: string
  testId: string
  rowTestId: string
}) {
  const { t, word } = useWords()
  const outcomes = outcomeLabels(t)
  const phaseLabels: Record<string, string> = {
    ...phases,
    lookup: t('detail.phases.lookup'),
    login: t('detail.phases.login'),
    resolve: t('detail.phases.resolve'),
  }
  if (attempts.length === 0) return <p className="muted">{emptyText}</p>
  return (
    <table className="grid compact attempts" data-testid={testId}>
      <GridHead
        columns={[
          t('detail.colTime'),
          t('detail.colPhase'),
          t('detail.colOutcome'),
          { label: 'HTTP', num: true },
          { label: 'Sedna ErrorType', num: true },
          t('detail.colMessage'),
          { label: t('detail.colDuration'), num: true },
        ]}
      />
      {attempts.map((a) => {
        const url = a.url ?? null
        const phase = phaseLabels[a.phase] ?? a.phase
        return (
          <tbody key={a.id} data-testid={rowTestId} data-phase={a.phase} data-outcome={a.outcome}>
            <tr>
              <td>{formatDateTime(a.startedAt)}</td>
              <td>{phase}</td>
              <td>
                <span className={`outcome outcome-${a.outcome}`}>{outcomes[a.outcome] ?? a.outcome}</span>
              </td>
              <td className="num">{a.httpStatus ?? '—'}</td>
              <td className="num">{a.sednaErrorType ?? '—'}</td>
              <td className="message">{word(a.message) ?? <None />}</td>
              <td className="num">{a.durationMs !== null ? `${a.durationMs} ms` : '—'}</td>
            </tr>
            {(url !== null || a.requestBody !== null || a.responseBody !== null) && (
              <tr className="attempt-bodies">
                <td colSpan={7}>
                  <details>
                    <summary>{t('detail.attemptBodies', { phase, time: formatDateTime(a.startedAt) })}</summary>
                    {url !== null && (
                      <p>
                        <code className="wrap">{url}</code>
                      </p>
                    )}
                    <div className="bodies">
                      <div>
                        <h4>{t('detail.requestBody')}</h4>
                        {a.requestBody !== null ? <pre className="json">{pretty(a.requestBody)}</pre> : <None />}
                      </div>
                      <div>
                        <h4>{t('detail.responseBody')}</h4>
                        {a.responseBody !== null ? <pre className="json">{pretty(a.responseBody)}</pre> : <None />}
                      </div>
                    </div>
                  </details>
                </td>
              </tr>
            )}
          </tbody>
        )
      })}
    </table>
  )
}
