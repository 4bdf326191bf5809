/**
 * The one item runner: every kind's turn takes the same steps, written once here.
 *   1. the account it goes with (the one it was sent with, else the active one), and whether it fits;
 *   2. its Sedna ids — frozen as stored once a request may have gone out, so a repeat sends the same;
 *   3. the client and the operator id (Sedna's answer at login is the truth: stored when it differs);
 *   4. a look in Sedna first — before a first send (another desk may have sent it: Sedna is the record
 *      the desks share) and when an earlier send may have landed without its RecId stored
 *      (found → adopted, absent → sent, undecidable → a person decides);
 *   5. the kind's send, its writes through the turn (marks committed first, attempts recorded);
 *   6. one error handler for all: classify, back off (Retry-After capped), park, fail.
 * A kind supplies only what differs (kind.ts). A bug or the database failing is not the item's fault:
 * it is thrown on to the engine, which gives the item back for a later try (retried, never lost).
 */
import { message, type Message } from '../../shared/messages'
import type { ProfileRow } from '../db/schema'
import { AppFailure } from '../errors'
import { unresolvedMessage } from '../reference/unresolved'
import type { SednaClient } from '../sedna/client'
import { SednaError } from '../sedna/failures'
import { retryDelay, type BackoffPolicy } from './backoff'
import { classify } from './classify'
import type { SyncWorker } from './engine'
import type { AnyResolution, LookReason, LookUpAnswer, OutboxJob, OutboxKind, OutboxRow, ParkStatus } from './kind'
import { withFailure } from './messages'
import type { CheckpointName, ItemOutcome } from './outcome'
import { ItemTurn, LostClaim, parkRow } from './turn'

/** What the runner needs from the app: accounts, clients, the retry policy, the crash-test hook. */
export interface RunnerDeps {
  /** A record's account: its own once it was sent (undefined when deleted), else the active one (records/account.ts). */
  account(profileId: number | null): ProfileRow | undefined
  client(profile: ProfileRow): Promise<SednaClient>
  rememberOperatorId(profileId: number, operatorId: number): void
  backoff?: BackoffPolicy | undefined
  /** The longest wait a Sedna Retry-After may impose, read when a retry is planned (the app setting). */
  retryAfterCapMs?: (() => number) | undefined
  /** Test hook: named points of a turn (the crash tests kill the process there). */
  checkpoint?: ((name: CheckpointName, id: number) => void) | undefined
}

const lost: ItemOutcome = { kind: 'lost-claim' }

/** Runs one claimed row of `kind` as far as it can go now. */
export function createItemRunner<Row extends OutboxRow, Res extends AnyResolution>(
  kind: OutboxKind<Row, Res>,
  deps: RunnerDeps,
): (row: Row) => Promise<ItemOutcome> {
  const park = (id: number, status: ParkStatus, reason: Message, credentials = false, resolution?: Res) =>
    parkRow(kind, id, status, reason, credentials, resolution)

  return async function runItem(row: Row): Promise<ItemOutcome> {
    const done = kind.alreadyDone?.(row)
    if (done) return done
    const job = kind.job(row)
    let turn: ItemTurn<Row, Res> | undefined
    try {
      // 1. The account. A record that went out with an account (its RecId, or a send that may have
      //    landed) goes with that one only: when it was deleted, a person decides — never another account.
      const wentOut = row.sednaRecId !== null || job.mayHaveGoneOut(row)
      const onlyItsOwn = job.account === 'sent-with' || wentOut
      const profile = row.profileId === null && onlyItsOwn ? undefined : deps.account(row.profileId)
      if (!profile) {
        const why =
          job.withoutAccount ?? message(row.profileId !== null || wentOut ? 'park.accountDeleted' : 'park.noAccount')
        return park(row.id, 'needs_attention', why)
      }
      const unfit = job.unfit?.(profile, row)
      if (unfit) return park(row.id, 'needs_attention', unfit)

      // 2. Its Sedna ids: once a request may have gone out, the body must stay what was sent.
      let resolution: Extract<Res, { ok: true }> | undefined
      if (job.resolve) {
        const stored = job.storedResolution?.(row) ?? null
        const resolved = job.mayHaveGoneOut(row) && stored?.ok ? stored : job.resolve(profile, row)
        if (!resolved.ok) {
          const reason = unresolvedMessage(resolved.unresolved)
          kind.recordAttempt(row.id, { phase: 'resolve', outcome: 'parked', message: reason })
          return park(row.id, 'needs_attention', reason, false, resolved)
        }
        resolution = resolved as Extract<Res, { ok: true }>
      }

      // 3. The client and the operator id.
      const client = await deps.client(profile)
      const sentWith = job.mayHaveGoneOut(row) ? (job.operatorIdSent?.(row) ?? null) : null
      const operatorId = sentWith ?? client.operatorId ?? profile.operatorId ?? (await client.login())
      // Sedna's answer is the truth: the operator id this client learned at its login is stored when it
      // differs from the account's (both kinds alike). One kept as sent is never stored: it is not news.
      if (client.operatorId !== undefined && client.operatorId !== profile.operatorId) {
        deps.rememberOperatorId(profile.id, client.operatorId)
      }
      turn = new ItemTurn(kind, job, row, profile, client, operatorId, resolution, deps.checkpoint)

      // 4. Look before a first send, and before sending again when an earlier send may have landed.
      const why = job.outcomeUnknown(row)
        ? 'outcome-unknown'
        : job.lookFirst && !job.mayHaveGoneOut(row) && 'first-send'
      if (job.lookUp && why) {
        const looked = await lookAndSettle(job, turn, why)
        if (looked !== 'go-on') return looked
      }

      // 5. The kind's send.
      return await job.send(turn)
    } catch (err) {
      return await failed(err, row, job, turn)
    }
  }

  /** The one error handler: a refusal looked into once, then classify, back off, park or fail. */
  async function failed(
    err: unknown,
    row: Row,
    job: OutboxJob<Row, Res>,
    turn: ItemTurn<Row, Res> | undefined,
  ): Promise<ItemOutcome> {
    if (err instanceof LostClaim) return lost
    // Not Sedna's answer nor the app's known failure: a bug or the database. The engine gives it back.
    if (!(err instanceof SednaError) && !(err instanceof AppFailure)) throw err
    const write = turn?.failedWrite
    if (turn && write?.refusal && write.creates && job.lookAfterRefusal && job.lookUp) {
      // Sedna refused the record — perhaps because an earlier try did land: look once before failing.
      turn.failedWrite = undefined
      try {
        const looked = await lookAndSettle(job, turn, 'outcome-unknown')
        if (looked !== 'go-on') return looked
      } catch (lookErr) {
        return failed(lookErr, row, job, turn)
      }
    }
    const decision = classify(err)
    if (decision.action === 'retry') {
      // A record that may have landed is looked for before it is sent again: say so with the failure.
      const reason =
        write?.unknown && write.creates ? withFailure('outbox.willLook', decision.message) : decision.message
      const delay = retryDelay(turn?.attempts ?? row.attempts, decision.retryAfterMs, {
        backoff: deps.backoff,
        retryAfterCapMs: deps.retryAfterCapMs?.(),
      })
      if (!kind.queue.retryLater(row.id, delay, reason, decision.offline)) return lost
      return { kind: 'retry', offline: decision.offline, message: reason }
    }
    if (decision.action === 'attention') return park(row.id, 'needs_attention', decision.message, decision.credentials)
    return job.refused ? job.refused(row.id, decision.message) : park(row.id, 'failed', decision.message)
  }

  /** Looks for the record in Sedna and acts on the answer; 'go-on': send (from where it stands). */
  async function lookAndSettle(
    job: OutboxJob<Row, Res>,
    turn: ItemTurn<Row, Res>,
    why: LookReason,
  ): Promise<ItemOutcome | 'go-on'> {
    const answer = await turn.look<LookUpAnswer>(
      (options) => job.lookUp!(turn, options, why),
      (a) =>
        a.outcome === 'found'
          ? (a.note ?? message('outbox.attempt.found', { recId: a.recId }))
          : a.outcome === 'absent'
            ? (a.note ?? message('outbox.attempt.absent'))
            : a.evidence,
      (a) => a.outcome === 'undecidable',
      // "Not there" before a first send, from a read another turn made: no line (each one is a commit).
      (a) => why === 'first-send' && a.outcome === 'absent' && !a.note,
    )
    if (answer.outcome === 'undecidable') return turn.park('needs_review', answer.evidence)
    if (answer.outcome === 'found') return job.adopt!(turn, answer.recId, why)
    // Nothing went out before a first send: there is no "may have gone out" mark to clear.
    if (why === 'outcome-unknown') turn.hold(job.clearSent!(turn))
    return 'go-on'
  }
}

/** A kind as the engine sees it: claim one due row at a time and run it through the runner. */
export function outboxWorker<Row extends OutboxRow, Res extends AnyResolution>(
  kind: OutboxKind<Row, Res>,
  deps: RunnerDeps,
): SyncWorker {
  const run = createItemRunner(kind, deps)
  const { queue } = kind
  return {
    kind: kind.kind,
    claim() {
      const [row] = queue.claim(1)
      if (!row) return undefined
      return {
        id: row.id,
        run: () => run(row),
        crashed: (why) => void queue.retryLater(row.id, 60_000, why, false),
      }
    },
    nextDue: () => queue.nextDue(),
    networkBack: () => queue.networkBack(),
    allDueNow: () => queue.allDueNow(),
  }
}
