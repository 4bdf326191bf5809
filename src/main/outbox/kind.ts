/**
 * What a kind of record (stop sales, reservations) plugs into the outbox: its queue, and for each turn
 * only what differs — how a row resolves to Sedna ids, how to look for it in Sedna, how to send it, how
 * it reads in the queue and the summary. The shared steps (claim, account and client, the frozen
 * resolution, the look before re-sending, attempts, classification, backoff, park, fail) are the
 * runner's (runner.ts), written once. Model: Signal-Desktop's JobQueue — per-type send functions and one
 * shared error handler.
 */
import type { Message, MessageParams } from '../../shared/messages'
import type { ReservationQueueFields, StopSaleQueueFields } from '../../shared/queue'
import type { ProfileRow } from '../db/schema'
import type { CallOptions, SednaClient } from '../sedna/client'
import type { AttemptFields } from './leased-queue'
import type { CheckpointName, ItemOutcome } from './outcome'
import type { ReservationUnresolved } from '../../shared/reservations'
import type { Unresolved } from '../../shared/resolution'

export type ItemKind = 'stopSale' | 'reservation'

/** What a row resolves to: Sedna ids, or exactly what a person has to map. */
export type AnyResolution = { ok: true } | { ok: false; unresolved: readonly (Unresolved | ReservationUnresolved)[] }

/** The queue columns every kind's rows have (the leased queue's). */
export interface OutboxRow {
  id: number
  status: string
  profileId: number | null
  sednaRecId: number | null
  attempts: number
  claimedBy: string | null
  leaseUntil: string | null
  nextAttemptAt: string | null
  lastAttemptAt: string | null
  waitingForNetwork: boolean
  lastError: string | null
  lastErrorCode: string | null
  lastErrorParams: MessageParams | null
}

export type ParkStatus = 'needs_attention' | 'needs_review' | 'failed'

/** An attempt as the runner records it (the kind's queue adds its own columns, e.g. the URL). */
export type RecordedAttempt = AttemptFields & { phase: string; url?: string | undefined }

/** What the runner and the views ask of a kind's queue (LeasedQueue gives most of it). */
export interface OutboxQueue<Row extends OutboxRow, Res> {
  readonly worker: string
  claim(limit: number): Row[]
  get(id: number): Row | undefined
  nextDue(): { dueNow: number; nextAt: string | null }
  networkBack(): number
  allDueNow(): number
  dueNow(ids: readonly number[]): number[]
  waiting(): number
  waitingIds(): number[]
  waitingKeys(limit: number): { id: number; nextAttemptAt: string | null }[]
  rowsByIds(ids: readonly number[]): Row[]
  parkedCounts(): { needsAttention: number; needsReview: number; failed: number }
  isWaiting(status: string): boolean
  /** Marks rows to be sent now; 'all-pending': every pending one. Answers the ids accepted. */
  enqueue(ids: readonly number[] | 'all-pending'): number[]
  recIdsInUse(profileId: number, exceptId: number): Set<number>
  retryLater(id: number, delayMs: number, message: Message, waitingForNetwork: boolean): boolean
  park(id: number, status: ParkStatus, message: Message, resolution?: Res): boolean
}

/**
 * Why the runner looks in Sedna: 'first-send' — before a record is ever sent, since another desk of the
 * agency (or a person in Sedna's screens) may have entered it already; 'outcome-unknown' — an earlier
 * send of ours may have landed without its RecId stored.
 */
export type LookReason = 'first-send' | 'outcome-unknown'

/**
 * What a look in Sedna found. `found.note`: what the attempt records (default: "found, adopted");
 * `absent.note`: what it saw nonetheless (e.g. an overlapping record), recorded with the send.
 */
export type LookUpAnswer =
  | { outcome: 'found'; recId: number; note?: Message }
  | { outcome: 'absent'; note?: Message }
  | { outcome: 'undecidable'; evidence: Message }

/** One write to Sedna within a turn (turn.write): committed first, attempts recorded, failures sorted. */
export interface WriteStep<T> {
  phase: string
  /** The local write committed before the request (the attempt counted); false: the claim is gone. */
  start(): boolean
  request(options: CallOptions): Promise<T>
  /** Named crash points: just started, the request out, its answer in. */
  points?: { started?: CheckpointName; sent?: CheckpointName; answered?: CheckpointName }
  /** The attempt's message when it went through. */
  done(result: T): Message
  /**
   * This write creates the record: when it fails having done nothing (Sedna never saw it, or said so),
   * the "may have gone out" mark is cleared, so the next try sends without looking first.
   */
  clearWhenNotApplied?(): boolean
}

/** What the runner hands a kind's steps: the account, the client, the resolution, and the shared moves. */
export interface Turn<Row extends OutboxRow, Res extends AnyResolution> {
  readonly row: Row
  readonly profile: ProfileRow
  readonly client: SednaClient
  /** The operator id it goes out with (kept as sent once it may have gone out). */
  readonly operatorId: number
  /** Its Sedna ids (kept as sent once it may have gone out); undefined for a job that resolves nothing. */
  readonly resolution: Extract<Res, { ok: true }> | undefined
  /** The record's id in Sedna as far as this turn knows (adopted after a look, or stored). */
  recId: number | null
  checkpoint(name: CheckpointName): void
  /** A transition must hold (the claim is still ours), or the turn ends here and changes nothing more. */
  hold(held: boolean): void
  /** RecIds other rows of this account hold (never adopt one twice). */
  recIdsInUse(): Set<number>
  write<T>(step: WriteStep<T>): Promise<T>
  /**
   * A read in Sedna, recorded as a 'lookup' attempt with `note` of its answer — unless `quiet` says the
   * answer needs no line and the read made no request of its own (another turn's shared read served it).
   */
  look<A>(
    read: (options: CallOptions) => Promise<A>,
    note: (answer: A) => Message,
    parked?: (answer: A) => boolean,
    quiet?: (answer: A) => boolean,
  ): Promise<A>
  /** Parks the row for a person. */
  park(status: ParkStatus, message: Message, credentials?: boolean): ItemOutcome
}

/** What one turn does with a row: its send, or (a reservation) its cancel. */
export interface OutboxJob<Row extends OutboxRow, Res extends AnyResolution> {
  /**
   * Which account sends it: 'sent-with' — only the one it was sent with (a cancel);
   * 'sent-with-or-active' — that one, else the active account (a first send).
   */
  account: 'sent-with' | 'sent-with-or-active'
  /** Why it is parked when that account is gone (default: deleted, or none set up). */
  withoutAccount?: Message
  /** Why it cannot go with this account (e.g. no operator code): parked as needs attention. */
  unfit?(profile: ProfileRow, row: Row): Message | undefined
  /** Its Sedna ids now; absent when the job resolves nothing (a cancel). */
  resolve?(profile: ProfileRow, row: Row): Res
  /** The resolution stored with the row (used instead of resolving once it may have gone out). */
  storedResolution?(row: Row): Res | null
  /** A request of this job may have reached Sedna: the resolution and operator id are kept as sent. */
  mayHaveGoneOut(row: Row): boolean
  /** The operator id it was sent with (kept once it may have gone out). */
  operatorIdSent?(row: Row): number | null
  /** An earlier send may have landed but no RecId is stored: look in Sedna before sending again. */
  outcomeUnknown(row: Row): boolean
  /** Look in Sedna before the very first send too (#14: Sedna is the record the desks share). */
  lookFirst?: boolean
  /** Looks for it in Sedna (the runner records the attempt and acts on the answer). */
  lookUp?(turn: Turn<Row, Res>, options: CallOptions, why: LookReason): Promise<LookUpAnswer>
  /** Found in Sedna: take its RecId. 'go-on': the send continues from there (e.g. phase 2). */
  adopt?(turn: Turn<Row, Res>, recId: number, why: LookReason): ItemOutcome | 'go-on'
  /** The look found nothing: clear the "may have gone out" mark (false: the claim is gone). */
  clearSent?(turn: Turn<Row, Res>): boolean
  /** After Sedna refused the send, look once: a refusal may mean an earlier try did land. */
  lookAfterRefusal?: boolean
  send(turn: Turn<Row, Res>): Promise<ItemOutcome>
  /** A failure no retry can fix (the default parks it as failed): e.g. a refused cancel stays synced. */
  refused?(id: number, message: Message): ItemOutcome
}

/** How a row reads in the queue view, the sync summary and the command line. */
export interface ItemDescription {
  /** Its name in a line such as "Stop sale #12 (Mandarin Resort)": the hotel, or the voucher. */
  label: string
  /** What its next request does. */
  action: 'send' | 'cancel'
  /** The queue item's fields that only this kind has. */
  queueFields: StopSaleQueueFields | ReservationQueueFields
  /** The summary result's fields that only this kind has (a reservation's voucher). */
  resultFields: { voucherNo?: string }
}

export interface OutboxKind<Row extends OutboxRow = OutboxRow, Res extends AnyResolution = AnyResolution> {
  readonly kind: ItemKind
  readonly queue: OutboxQueue<Row, Res>
  /** Records its attempts (the queue's recordAttempt, typed for the runner). */
  recordAttempt(id: number, attempt: RecordedAttempt): void
  /** Whether the row's attempts keep each request's URL (reservations: the query carries the voucher). */
  readonly attemptsKeepUrl: boolean
  /** The row needs no request at all (already in Sedna, nothing asked of it): that outcome, its transition made. */
  alreadyDone?(row: Row): ItemOutcome | undefined
  /** What this row's turn does. */
  job(row: Row): OutboxJob<Row, Res>
  describe(row: Row): ItemDescription
}
