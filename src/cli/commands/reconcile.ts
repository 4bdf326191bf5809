/**
 * `reconcile`: a full read of Sedna's stop sales into the mirror (as `pull --full`), then every stop sale
 * sent from here with the active account compared with its copy there. Prints
 * `{ pulled, adopted, changedInSedna: [{ id, recId, fields }], missingInSedna: [{ id, recId }] }` and
 * exits 4 when something changed in Sedna or is no longer there, so a scheduled run can notice.
 * `--accept ID`: the stop sale follows Sedna's version; `--resend ID [--confirm]`: ours is sent again
 * (phase 2 on the same RecId; a record deleted in Sedna is created anew only with --confirm), waited for
 * as `sync ID` waits.
 */
import { acceptedMessage, type ReconcileResult } from '../../shared/contracts/drift'
import { message } from '../../shared/messages'
import type { StopSale } from '../../shared/stop-sales'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { CliError, EXIT } from '../errors'
import { table, type CliIo, type CommandResult } from '../output'
import { positiveId } from '../validate'
import { listed } from './shared'
import { syncCommand, type RunControl } from './sync'

/** Something changed in Sedna or is no longer there: a person should look (`reconcile` only). */
export const EXIT_DRIFTED = 4

/** How a compared value reads in a terminal ('*' every room or board, '' none listed). */
const shown = (value: string) => (value === '*' ? 'all' : value === '' ? 'none' : value)

function reconcileText(cli: CliContext, r: ReconcileResult): string {
  const lines = [cli.say(message('drift.reconciledRead', { pulled: r.pulled }))]
  if (!r.changedInSedna.length && !r.missingInSedna.length) lines.push(cli.say(message('drift.reconciledNone')))
  if (r.changedInSedna.length) {
    lines.push(cli.say(message('drift.reconciledChanged', { count: r.changedInSedna.length })))
    lines.push(
      table(
        ['ID', 'RECID', 'FIELD', 'OURS', 'SEDNA'],
        r.changedInSedna.flatMap((c) => c.fields.map((f) => [c.id, c.recId, f.field, shown(f.ours), shown(f.sedna)])),
        80,
      ),
    )
  }
  if (r.missingInSedna.length) {
    lines.push(cli.say(message('drift.reconciledMissing', { count: r.missingInSedna.length })))
    lines.push(
      table(
        ['ID', 'RECID'],
        r.missingInSedna.map((m) => [m.id, m.recId]),
      ),
    )
  }
  if (r.adopted) lines.push(cli.say(message('drift.reconciledAdopted', { count: r.adopted })))
  return lines.join('\n')
}

function acceptedText(cli: CliContext, s: StopSale): string {
  const all = { allRooms: s.roomCodes.length === 0, allBoards: s.boardCodes.length === 0 }
  return `#${s.id}: ${cli.say(acceptedMessage(s.sednaRecId ?? 0, { ...s, ...all }))}`
}

export async function reconcileCommand(
  cli: CliContext,
  args: ParsedArgs,
  io: CliIo,
  control: RunControl,
): Promise<CommandResult> {
  const o = args.options
  const accept = typeof o.accept === 'string' ? positiveId(o.accept, '--accept') : undefined
  const resend = typeof o.resend === 'string' ? positiveId(o.resend, '--resend') : undefined
  if (accept !== undefined && resend !== undefined) throw CliError.usage('give --accept or --resend, not both.')
  if (o.confirm === true && resend === undefined) throw CliError.usage('--confirm goes with --resend.')
  if (o.wait !== undefined && resend === undefined) throw CliError.usage('--wait goes with --resend.')
  const profile = cli.activeProfile()

  if (accept !== undefined) {
    const s = await cli.call('stopSales.acceptSedna', { id: accept })
    return { exitCode: EXIT.ok, json: listed(cli, s), text: acceptedText(cli, s) }
  }
  if (resend !== undefined) {
    await cli.call('stopSales.sendOursAgain', { id: resend, ...(o.confirm === true ? { confirm: true } : {}) })
    // Sent and waited for exactly as `sync ID` does: the same summary, the same exit codes.
    const sync: ParsedArgs = {
      ...args,
      positionals: [String(resend)],
      options: o.wait === undefined ? {} : { wait: o.wait },
    }
    return syncCommand(cli, sync, io, control)
  }

  const r = await cli.call('stopSales.reconcile', { profileId: profile.id })
  const { pulled, adopted, changedInSedna, missingInSedna } = r
  return {
    exitCode: changedInSedna.length || missingInSedna.length ? EXIT_DRIFTED : EXIT.ok,
    json: { pulled, adopted, changedInSedna, missingInSedna },
    text: reconcileText(cli, r),
  }
}
