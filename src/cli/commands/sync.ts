/**
 * `sync ID… | sync --all`, `queue`, `queue --flush`, `reservations sync`, `reservations cancel`: the
 * outbox's send-and-wait service (services.outbox) and its queue view, worded for a terminal or a
 * scheduler's log. Nothing here reads the database or the engine: it formats what the services answer.
 */
import type { SettledSummary } from '../../main/outbox/settle'
import type { QueueList } from '../../shared/queue'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { CliError, EXIT, type ExitCode } from '../errors'
import { nights, table, type CliIo, type CommandResult } from '../output'
import { positiveId, reservationIds, stopSaleIds, waitMs } from '../validate'
import { cliWords } from '../words'
import { syncDryRun } from './sync-dry-run'

export interface RunControl {
  /** True once SIGINT/SIGTERM asked the command to stop after the items in flight. */
  stopped(): boolean
}

/** Shows the sync's progress on an interactive stderr; scheduled runs get only the summary. */
function progress(cli: CliContext, io: CliIo, json: boolean): () => void {
  if (json || !io.stderr.isTTY) return () => {}
  let shown = false
  const off = cli.app.events.subscribe((name, payload) => {
    if (name !== 'sync.progress') return
    const p = payload as { done: number; total: number; synced: number }
    io.stderr.write(`\r${cliWords(cli.lang).sending(p.done, p.total, p.synced)}`)
    shown = true
  })
  return () => {
    off()
    if (shown) io.stderr.write('\n')
  }
}

/** 3 when something stays queued (the next run sends it), else 1 when something needs a person, else 0. */
export function syncExitCode(
  s: Pick<SettledSummary, 'queued' | 'failed' | 'needsAttention' | 'needsReview'>,
): ExitCode {
  if (s.queued > 0) return EXIT.unreachable
  if (s.failed + s.needsAttention + s.needsReview > 0) return EXIT.attention
  return EXIT.ok
}

/** The summary for --json: every message worded in the run's language, its code beside it. */
function summaryJson(cli: CliContext, s: SettledSummary) {
  const w = cliWords(cli.lang)
  const item = <R extends { message: Parameters<CliContext['say']>[0]; lastError: Parameters<CliContext['say']>[0] }>(
    r: R,
  ) => ({
    ...r,
    message: cli.say(r.message) || null,
    code: r.message?.code ?? null,
    lastError: cli.say(r.lastError) || null,
  })
  return {
    ...s,
    results: s.results.map(item),
    reservationResults: s.reservationResults.map(item),
    errors: s.errors.map((e) => w.problem(e.kind, e.id, e.label, cli.say(e.message))),
  }
}

function summaryText(cli: CliContext, s: SettledSummary, empty: string): string {
  const w = cliWords(cli.lang)
  const stops = s.results.length
  const res = s.reservationResults.length
  if (!stops && !res) return empty
  const lines = [`${w.counts(s)} (${w.sedna(s.connectivity)}).`]
  if (stops && res) lines.push(w.perKind(w.counts(s.stopSales), w.counts(s.reservations)))
  const why = (r: { message: Parameters<CliContext['say']>[0]; lastError: Parameters<CliContext['say']>[0] }) =>
    [cli.say(r.message), cli.say(r.lastError)].filter(Boolean).join(' — ')
  if (stops) {
    lines.push(
      table(
        ['ID', 'STATUS', 'RECID', 'MESSAGE'],
        s.results.map((r) => [r.id, r.status, r.recId, why(r)]),
        160,
      ),
    )
  }
  if (res) {
    if (stops) lines.push(w.reservationsHeading)
    lines.push(
      table(
        ['ID', 'VOUCHER', 'STATUS', 'RECID', 'MESSAGE'],
        s.reservationResults.map((r) => [r.id, r.voucherNo, r.status, r.recId, why(r)]),
        160,
      ),
    )
  }
  if (s.queued) {
    const what = [
      s.stopSales.queued ? w.stopSales(s.stopSales.queued) : '',
      s.reservations.queued ? w.reservations(s.reservations.queued) : '',
    ]
      .filter(Boolean)
      .join(w.and)
    lines.push(w.staysQueued(what, s.queued))
  }
  return lines.join('\n')
}

/** `reservations sync`'s --json: the reservations' counts at the top, their results (as the README documents). */
function reservationsJson(cli: CliContext, s: SettledSummary) {
  const all = summaryJson(cli, s)
  return {
    ...s.reservations,
    connectivity: s.connectivity,
    handledHere: s.handledHere,
    results: all.reservationResults,
    errors: all.errors,
  }
}

async function sendAndReport(
  cli: CliContext,
  args: ParsedArgs,
  io: CliIo,
  control: RunControl,
  send: (wait: { maxWaitMs: number; stopped: () => boolean }) => Promise<SettledSummary>,
  empty: string,
  json: (cli: CliContext, s: SettledSummary) => unknown = summaryJson,
): Promise<CommandResult> {
  const maxWaitMs = waitMs(args)
  cli.activeProfile()
  const done = progress(cli, io, args.json)
  try {
    const s = await send({ maxWaitMs, stopped: control.stopped })
    return { exitCode: syncExitCode(s), json: json(cli, s), text: summaryText(cli, s, empty) }
  } finally {
    done()
  }
}

/** Bad usage for ids that name no record (nothing is sent). */
function refuseUnknown(cli: CliContext, selection: { stopSales: number[]; reservations: number[] }) {
  const unknown = cli.app.services.outbox.unknownIds(selection)
  const missing = [
    ...unknown.stopSales.map((id) => `stop sale #${id}`),
    ...unknown.reservations.map((id) => `reservation #${id}`),
  ]
  if (missing.length) throw CliError.usage(`no ${missing.join(', ')}.`)
}

export function syncCommand(cli: CliContext, args: ParsedArgs, io: CliIo, control: RunControl) {
  // Only what a sync would do: nothing is sent (sync-dry-run.ts).
  if (args.options['dry-run'] === true) return syncDryRun(cli, args)
  const outbox = cli.app.services.outbox
  const w = cliWords(cli.lang)
  if (args.options.all === true) {
    return sendAndReport(cli, args, io, control, (wait) => outbox.sendAll(wait), w.nothingToSend)
  }
  const selection = { stopSales: stopSaleIds(args.positionals), reservations: [] }
  refuseUnknown(cli, selection)
  return sendAndReport(cli, args, io, control, (wait) => outbox.send(selection, wait), w.nothingToSend)
}

export function reservationsSync(cli: CliContext, args: ParsedArgs, io: CliIo, control: RunControl) {
  const outbox = cli.app.services.outbox
  const w = cliWords(cli.lang)
  if (args.options.all === true) {
    return sendAndReport(
      cli,
      args,
      io,
      control,
      (wait) => outbox.sendAllReservations(wait),
      w.nothingReservationsToSend,
      reservationsJson,
    )
  }
  const selection = { stopSales: [], reservations: reservationIds(args.positionals) }
  refuseUnknown(cli, selection)
  return sendAndReport(
    cli,
    args,
    io,
    control,
    (wait) => outbox.send(selection, wait),
    w.nothingReservationsToSend,
    reservationsJson,
  )
}

export async function queueCommand(cli: CliContext, args: ParsedArgs, io: CliIo, control: RunControl) {
  if (args.options.flush === true) {
    const w = cliWords(cli.lang)
    return sendAndReport(cli, args, io, control, (wait) => cli.app.services.outbox.flush(wait), w.queueEmpty)
  }
  return showQueue(cli)
}

/** Every waiting item, both kinds, from the queue view (pages of 500). */
async function wholeQueue(cli: CliContext): Promise<QueueList> {
  const first = await cli.call('queue.list', { limit: 500, offset: 0 })
  const items = [...first.items]
  while (items.length < first.total) {
    const page = await cli.call('queue.list', { limit: 500, offset: items.length })
    if (!page.items.length) break
    items.push(...page.items)
  }
  return { ...first, items }
}

async function showQueue(cli: CliContext): Promise<CommandResult> {
  const w = cliWords(cli.lang)
  const q = await wholeQueue(cli)
  const stops = q.items.filter((i) => i.kind === 'stopSale')
  const res = q.items.filter((i) => i.kind === 'reservation')
  const why = (i: (typeof q.items)[number]) => [cli.say(i.why), cli.say(i.lastError)].filter(Boolean).join(' — ')
  const what = [stops.length ? w.stopSales(stops.length) : '', res.length ? w.reservations(res.length) : '']
    .filter(Boolean)
    .join(w.and)
  const lines = [q.items.length ? w.waiting(what, q.nextAttemptAt) : w.nothingWaits]
  if (stops.length) {
    lines.push(
      table(
        ['ID', 'STATUS', 'HOTEL', 'NIGHTS', 'TRIES', 'WHY'],
        stops.map((i) => [i.id, i.status, i.hotelName, nights(i.firstNight, i.lastNight), i.attempts, why(i)]),
        160,
      ),
    )
  }
  if (res.length) {
    if (stops.length) lines.push(w.reservationsHeading)
    lines.push(
      table(
        ['ID', 'VOUCHER', 'STATUS', 'HOTEL', 'STAY', 'TRIES', 'WHY'],
        res.map((i) => [i.id, i.voucherNo, i.status, i.hotelName, `${i.checkIn}..${i.checkOut}`, i.attempts, why(i)]),
        160,
      ),
    )
  }
  const needsPerson = (p: { needsAttention: number; needsReview: number; failed: number }) =>
    p.needsAttention + p.needsReview + p.failed > 0
  if (needsPerson(q.parked.stopSales)) lines.push(w.parked('stopSales', q.parked.stopSales))
  if (needsPerson(q.parked.reservations)) lines.push(w.parked('reservations', q.parked.reservations))
  const worded = (i: (typeof q.items)[number]) => ({
    ...i,
    why: cli.say(i.why),
    whyCode: i.why.code,
    lastError: cli.say(i.lastError) || null,
  })
  const sum = (k: 'needsAttention' | 'needsReview' | 'failed') => q.parked.stopSales[k] + q.parked.reservations[k]
  return {
    exitCode: EXIT.ok,
    json: {
      waiting: q.total,
      waitingStopSales: q.waitingStopSales,
      waitingReservations: q.waitingReservations,
      nextAttemptAt: q.nextAttemptAt,
      items: stops.map(worded),
      reservations: res.map(worded),
      parked: { needsAttention: sum('needsAttention'), needsReview: sum('needsReview'), failed: sum('failed') },
      parkedByKind: q.parked,
    },
    text: lines.join('\n'),
  }
}

export async function reservationsCancel(
  cli: CliContext,
  args: ParsedArgs,
  _io: CliIo,
  control: RunControl,
): Promise<CommandResult> {
  const id = positiveId(args.positionals[0]!, 'a reservation id')
  if (args.options.yes !== true) {
    throw CliError.usage(
      `cancelling reservation #${id} in Sedna cannot be undone: add --yes to confirm (nothing was changed).`,
    )
  }
  const w = cliWords(cli.lang)
  const before = await cli.call('reservations.get', { id })
  const result = await cli.app.services.outbox.cancel(id, { maxWaitMs: waitMs(args), stopped: control.stopped })
  const text = [cli.say(result.message), cli.say(result.lastError)].filter(Boolean).join(' — ')
  const exitCode =
    result.status === 'cancelled' ? EXIT.ok : result.status === 'cancelling' ? EXIT.unreachable : EXIT.attention
  const lines = [w.reservationLine(id, before.voucherNo, result.status, text)]
  if (result.status === 'cancelling') lines.push(w.cancelStaysQueued)
  return {
    exitCode,
    json: {
      id,
      voucherNo: before.voucherNo,
      status: result.status,
      recId: result.recId,
      sourceId: before.sourceId,
      message: text,
      code: result.message.code,
      connectivity: result.connectivity,
    },
    text: lines.join('\n'),
  }
}
