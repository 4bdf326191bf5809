/** `list [--status STATUS]…`: the stop-sales list, oldest first, every page. */
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { EXIT } from '../errors'
import { stopSaleStatusesOf as statusesOf } from '../validate'
import { codes, nights, table, type CommandResult } from '../output'
import { allPages, listed, listFooter } from './shared'

export async function listCommand(cli: CliContext, args: ParsedArgs): Promise<CommandResult> {
  const statuses = statusesOf(args)
  const { rows, total, countsByStatus } = await allPages((page) =>
    cli.call('stopSales.list', { ...(statuses.length ? { statuses } : {}), ...page }),
  )
  const items = rows.map((r) => listed(cli, r))
  const text = [
    items.length
      ? table(
          ['ID', 'STATUS', 'HOTEL', 'NIGHTS', 'ROOMS', 'BOARDS', 'KIND', 'RECID', 'LAST ERROR'],
          items.map((i) => [
            i.id,
            i.status,
            i.hotelName,
            nights(i.firstNight, i.lastNight),
            codes(i.roomCodes),
            codes(i.boardCodes),
            i.kind,
            i.recId,
            i.lastError,
          ]),
          120,
        )
      : 'No stop sales.',
    listFooter(total, 'stop sale', statuses, countsByStatus),
  ].join('\n')
  return { exitCode: EXIT.ok, json: { total, countsByStatus, stopSales: items }, text }
}
