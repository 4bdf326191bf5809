/**
 * One turn's shared moves, for every kind: each write's local mark committed before its request; every
 * exchange stored as an attempt (the logins first, then each call, the last one with the turn's
 * outcome); a failed write sorted into "Sedna did nothing" (its mark cleared: no look next time) and
 * "it may have landed" (looked for before anything is sent again). No request ever happens inside a
 * transaction.
 */
import { message, type Message } from '../../shared/messages'
import type { ProfileRow } from '../db/schema'
import type { CallOptions, SednaClient, SednaExchange } from '../sedna/client'
import { isRefusal, outcomeUnknown } from './classify'
import type {
  AnyResolution,
  OutboxJob,
  OutboxKind,
  OutboxRow,
  ParkStatus,
  RecordedAttempt,
  Turn,
  WriteStep,
} from './kind'
import { failureMessage } from './messages'
import type { CheckpointName, ItemOutcome } from './outcome'

/** A transition did not hold: another worker took the row (its lease ran out). The turn stops there. */
export class LostClaim extends Error {
  constructor() {
    super('the claim on this row was lost')
  }
}

/** How the turn's last write failed, for the runner's error handler. */
export interface FailedWrite {
  /** It may have been applied (no answer, 5xx, unreadable): looked for before it is sent again. */
  unknown: boolean
  /** Sedna answered that it did not do it (ErrorType != 0). */
  refusal: boolean
  /** The write creates the record (its outcome matters for "exactly once"). */
  creates: boolean
}

export class ItemTurn<Row extends OutboxRow, Res extends AnyResolution> implements Turn<Row, Res> {
  recId: number | null
  failedWrite: FailedWrite | undefined
  /** Requests counted for the row so far, this turn's writes included (the backoff's exponent). */
  attempts: number

  constructor(
    private readonly kind: OutboxKind<Row, Res>,
    private readonly job: OutboxJob<Row, Res>,
    readonly row: Row,
    readonly profile: ProfileRow,
    readonly client: SednaClient,
    readonly operatorId: number,
    readonly resolution: Extract<Res, { ok: true }> | undefined,
    private readonly hook: ((name: CheckpointName, id: number) => void) | undefined,
  ) {
    this.recId = row.sednaRecId
    this.attempts = row.attempts
  }

  checkpoint(name: CheckpointName): void {
    this.hook?.(name, this.row.id)
  }

  hold(held: boolean): void {
    if (!held) throw new LostClaim()
  }

  recIdsInUse(): Set<number> {
    return this.kind.queue.recIdsInUse(this.profile.id, this.row.id)
  }

  park(status: ParkStatus, reason: Message, credentials = false): ItemOutcome {
    return parkRow(this.kind, this.row.id, status, reason, credentials)
  }

  async write<T>(step: WriteStep<T>): Promise<T> {
    this.hold(step.start())
    this.attempts++
    if (step.points?.started) this.checkpoint(step.points.started)
    const calls = this.exchanges()
    let result: T
    try {
      const sending = step.request(calls.options)
      if (step.points?.sent) this.checkpoint(step.points.sent)
      result = await sending
    } catch (err) {
      const failed: FailedWrite = {
        unknown: outcomeUnknown(err),
        refusal: isRefusal(err),
        creates: step.clearWhenNotApplied !== undefined,
      }
      this.failedWrite = failed
      this.record(calls.list, step.phase, failed.unknown ? 'unknown' : 'failed', failureMessage(err))
      // Sedna never saw it, or answered that it did nothing: no need to look before the next try —
      // unless a refusal is to be looked into first (an earlier try may be why Sedna refused).
      const looksFirst = failed.refusal && this.job.lookAfterRefusal === true
      if (!failed.unknown && !looksFirst && step.clearWhenNotApplied) this.hold(step.clearWhenNotApplied())
      throw err
    }
    if (step.points?.answered) this.checkpoint(step.points.answered)
    this.record(calls.list, step.phase, 'ok', step.done(result))
    return result
  }

  async look<A>(
    read: (options: CallOptions) => Promise<A>,
    note: (answer: A) => Message,
    parked: (answer: A) => boolean = () => false,
    quiet: (answer: A) => boolean = () => false,
  ): Promise<A> {
    const calls = this.exchanges()
    try {
      const answer = await read(calls.options)
      // An answer worth no line of its own, served by another turn's request: nothing to record.
      if (calls.list.length === 0 && quiet(answer)) return answer
      this.record(calls.list, 'lookup', parked(answer) ? 'parked' : 'ok', note(answer))
      return answer
    } catch (err) {
      this.record(calls.list, 'lookup', 'failed', failureMessage(err))
      throw err
    }
  }

  /** Collects one call's exchanges (its re-login included). */
  private exchanges() {
    const list: SednaExchange[] = []
    return { list, options: { onExchange: (x: SednaExchange) => void list.push(x) } satisfies CallOptions }
  }

  /**
   * Stores a call's exchanges as attempts (URL and bodies already redacted by the client): the logins
   * first, then each request, the last one with the turn's outcome and message.
   */
  private record(exchanges: SednaExchange[], phase: string, outcome: RecordedAttempt['outcome'], said: Message) {
    const id = this.row.id
    const url = (x: SednaExchange) => (this.kind.attemptsKeepUrl ? { url: `${x.method} ${x.url}` } : {})
    const isLogin = (x: SednaExchange) => /AgencyLogin/i.test(x.action)
    for (const x of exchanges.filter(isLogin)) {
      this.kind.recordAttempt(id, {
        phase: 'login',
        outcome: x.error ? 'failed' : 'ok',
        httpStatus: x.status,
        message: exchangeMessage(x),
        durationMs: x.durationMs,
        ...url(x),
      })
    }
    const calls = exchanges.filter((x) => !isLogin(x))
    if (calls.length === 0) return this.kind.recordAttempt(id, { phase, outcome, message: said })
    const last = calls[calls.length - 1]
    for (const x of calls) {
      this.kind.recordAttempt(id, {
        phase,
        outcome: x === last ? outcome : x.error ? 'failed' : 'ok',
        httpStatus: x.status,
        message: x === last ? said : exchangeMessage(x),
        durationMs: x.durationMs,
        ...url(x),
        requestBody: x.requestBody,
        responseBody: x.responseBody,
      })
    }
  }
}

/** Parks a row for a person; the outcome says whether the transition held. */
export function parkRow<Row extends OutboxRow, Res extends AnyResolution>(
  kind: OutboxKind<Row, Res>,
  id: number,
  status: ParkStatus,
  reason: Message,
  credentials = false,
  resolution?: Res,
): ItemOutcome {
  if (!kind.queue.park(id, status, reason, resolution)) return { kind: 'lost-claim' }
  if (status === 'needs_attention') return { kind: 'attention', credentials, message: reason }
  if (status === 'needs_review') return { kind: 'review', message: reason }
  return { kind: 'failed', message: reason }
}

/** An exchange's failure as a message (its code when the client gave it one). */
function exchangeMessage(x: SednaExchange): Message | undefined {
  if (!x.error) return undefined
  const coded = x.error.coded
  return coded
    ? ({ code: coded.code, params: coded.params } as Message)
    : message('record.stored', { text: x.error.message })
}
