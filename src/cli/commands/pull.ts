/**
 * `pull [--full]`: read Sedna's stop sales into the mirror now (what changed since the last pull, or with
 * --full every record of the window, noticing deletions) and print the counts. Progress goes to stderr
 * (not with --json). A pull that fails keeps what the mirror held: exit 3 when Sedna is unreachable, 1
 * otherwise (the message says why).
 */
import type { PullProgress, PullResult } from '../../shared/contracts/mirror'
import { message } from '../../shared/messages'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { EXIT } from '../errors'
import type { CliIo, CommandResult } from '../output'

/** Multi-request pulls say how far they are: a line each, or one line rewritten at a terminal. */
function progress(cli: CliContext, io: CliIo, json: boolean): () => void {
  if (json) return () => {}
  let shown = false
  const off = cli.app.events.subscribe((name, payload) => {
    if (name !== 'mirror.progress') return
    const p = payload as PullProgress
    if (p.state !== 'running' || p.monthsTotal === 0 || p.done === 0) return
    const line = cli.say(message('mirror.progress', { done: p.monthsDone, total: p.monthsTotal, received: p.received }))
    io.stderr.write(io.stderr.isTTY ? `\r${line}   ` : `${line}\n`)
    shown = true
  })
  return () => {
    off()
    if (shown && io.stderr.isTTY) io.stderr.write('\n')
  }
}

function summary(cli: CliContext, r: PullResult): string {
  const seconds = (r.tookMs / 1000).toFixed(1)
  const counts = { received: r.received, changed: r.changed, records: r.records, seconds }
  const lines = [
    cli.say(
      r.kind === 'full'
        ? message('mirror.pulledFull', { ...counts, from: r.windowFrom, to: r.windowTo, gone: r.gone })
        : message('mirror.pulledChanges', { ...counts, since: r.sinceDay ?? '' }),
    ),
  ]
  if (r.skipped) {
    lines.push(cli.say(message('mirror.skipped', { count: r.skipped })))
    if (r.kind === 'full') lines.push(cli.say(message('mirror.goneNotChecked')))
  }
  return lines.join('\n')
}

export async function pullCommand(cli: CliContext, args: ParsedArgs, io: CliIo): Promise<CommandResult> {
  const profile = cli.activeProfile()
  const done = progress(cli, io, args.json)
  let result: PullResult
  try {
    result = await cli.call('mirror.pull', {
      profileId: profile.id,
      ...(args.options.full === true ? { full: true } : {}),
    })
  } finally {
    done()
  }
  const { kind, received, changed, gone, records, highWater, tookMs } = result
  return {
    exitCode: EXIT.ok,
    json: {
      kind,
      received,
      changed,
      gone,
      records,
      highWater,
      tookMs,
      skipped: result.skipped,
      goneChecked: result.goneChecked,
      windowFrom: result.windowFrom,
      windowTo: result.windowTo,
      sinceDay: result.sinceDay,
      requests: result.requests,
      profileId: result.profileId,
    },
    text: summary(cli, result),
  }
}
