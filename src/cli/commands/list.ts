/** `list [--status STATUS]…`: the stop-sales list, oldest first, every page. */
import type { StopSale } from '../../shared/stop-sales'
import type { ParsedArgs } from '../args'
import type { CliContext } from '../context'
import { EXIT } from '../errors'
import { stopSaleStatusesOf as statusesOf } from '../validate'
import { codes, nights, plural, table, type CommandResult } from '../output'

const PAGE = 500

export async function listCommand(cli: CliContext, args: ParsedArgs): Promise<CommandResult> {
  const statuses = statusesOf(args)
  const rows: StopSale[] = []
  let total = 0
  let countsByStatus: Record<string, number> = {}
  for (;;) {
    const page = await cli.call('stopSales.list', {
      ...(statuses.length ? { statuses } : {}),
      sort: { column: 'createdAt', direction: 'asc' },
      limit: PAGE,
      offset: rows.length,
    })
    total = page.total
    countsByStatus = page.countsByStatus
    rows.push(...page.rows)
    if (page.rows.length < PAGE || rows.length >= total) break
  }
  const items = rows.map((r) => ({
    id: r.id,
    status: r.status,
    hotelName: r.hotelName,
    hotelId: r.hotelId,
    firstNight: r.firstNight,
    lastNight: r.lastNight,
    roomCodes: r.roomCodes,
    boardCodes: r.boardCodes,
    kind: r.kind,
    recId: r.sednaRecId,
    lastError: r.lastError,
    lastAttemptAt: r.lastAttemptAt,
  }))
  const counts = Object.entries(countsByStatus)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ')
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
    `${plural(total, 'stop sale')}${statuses.length ? ` (${statuses.join(', ')})` : ''}. All: ${counts || 'none'}.`,
  ].join('\n')
  return { exitCode: EXIT.ok, json: { total, countsByStatus, stopSales: items }, text }
}
