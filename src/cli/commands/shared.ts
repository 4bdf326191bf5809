/** What the stop-sale and reservation commands share: reading every page of a list, and an import's notes. */
import type { CliContext } from '../context'
import { plural } from '../output'

const PAGE = 500

interface ListPage<R> {
  rows: R[]
  total: number
  countsByStatus: Record<string, number>
}

/** Every page of a list call (`stopSales.list`, `reservations.list`), oldest first. */
export async function allPages<R>(
  call: (page: {
    sort: { column: 'createdAt'; direction: 'asc' }
    limit: number
    offset: number
  }) => Promise<ListPage<R>>,
): Promise<ListPage<R>> {
  const rows: R[] = []
  let total: number
  let countsByStatus: Record<string, number>
  for (;;) {
    const page = await call({ sort: { column: 'createdAt', direction: 'asc' }, limit: PAGE, offset: rows.length })
    total = page.total
    countsByStatus = page.countsByStatus
    rows.push(...page.rows)
    if (page.rows.length < PAGE || rows.length >= total) break
  }
  return { rows, total, countsByStatus }
}

/** A list's last line: how many (of the statuses asked for), and the counts of all by status. */
export function listFooter(
  total: number,
  noun: string,
  statuses: readonly string[],
  countsByStatus: Record<string, number>,
): string {
  const counts = Object.entries(countsByStatus)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ')
  return `${plural(total, noun)}${statuses.length ? ` (${statuses.join(', ')})` : ''}. All: ${counts || 'none'}.`
}

/** What an import's preview says besides the counts: the same file before, mappings not checked. */
export function importNotes(preview: {
  sameFileImported: { importId: number; at: string } | null
  resolutionChecked: boolean
}): string[] {
  const lines: string[] = []
  if (preview.sameFileImported) {
    lines.push(
      `The same file was imported before (import #${preview.sameFileImported.importId}, ${preview.sameFileImported.at}).`,
    )
  }
  if (!preview.resolutionChecked) lines.push('No Sedna account is set up, so mappings were not checked.')
  return lines
}

/**
 * A list row as the command line prints it (--json): the row as the list call answers it, its RecId
 * as `recId` and its last error worded in the run's language; what only the screens use (the actions
 * offered) left out.
 */
export function listed<
  R extends { sednaRecId: number | null; lastError: Parameters<CliContext['say']>[0]; actions: unknown },
>(cli: CliContext, row: R) {
  const { sednaRecId, lastError, actions: _actions, ...rest } = row
  return { ...rest, recId: sednaRecId, lastError: cli.say(lastError) || null }
}
