/**
 * The filters both lists (stop sales, reservations) hold — statuses, hotel, night range, free text,
 * sort — what main is asked for from them, and what the list's controls do to them.
 */
import { useMemo } from 'react'
import type { FilterFields } from './ListControls'

export type ListSort<C extends string> = { column: C; direction: 'asc' | 'desc' }

export interface ListFilters<S extends string, C extends string> extends FilterFields {
  statuses?: S[]
  sort?: ListSort<C>
}

/** What main is asked for: the filters that are set (a "to" before "from" is left out until it is not). */
export const filtersQuery = <S extends string, C extends string>(f: ListFilters<S, C>) => ({
  ...(f.statuses?.length ? { statuses: f.statuses } : {}),
  ...(f.hotel?.trim() ? { hotel: f.hotel } : {}),
  ...(f.text?.trim() ? { text: f.text } : {}),
  ...(f.from ? { from: f.from } : {}),
  ...(f.to && (!f.from || f.to >= f.from) ? { to: f.to } : {}),
  ...(f.sort ? { sort: f.sort } : {}),
})

/** Whether any filter is set (the sort is not a filter). */
export const isFiltered = (f: ListFilters<string, string>) =>
  Boolean(f.statuses?.length || f.hotel || f.text || f.from || f.to)

/** The list of statuses with that one added, or taken out when it was there. */
function toggled<S>(statuses: readonly S[] | undefined, status: S): S[] {
  const current = new Set(statuses ?? [])
  if (current.has(status)) current.delete(status)
  else current.add(status)
  return [...current]
}

/**
 * What the list's controls do to the filters `change` holds: a status chip pressed, a column heading
 * pressed (ascending; pressed again, descending), a filter typed, Clear filters (the sort stays).
 */
export function useFilterActions<S extends string, C extends string>(
  change: (update: (f: ListFilters<S, C>) => ListFilters<S, C>) => void,
) {
  return useMemo(
    () => ({
      toggleStatus: (status: S) => change((q) => ({ ...q, statuses: toggled(q.statuses, status) })),
      sortBy: (column: C) =>
        change((q) => ({
          ...q,
          sort: { column, direction: q.sort?.column === column && q.sort.direction === 'asc' ? 'desc' : 'asc' },
        })),
      patch: (patch: FilterFields) => change((q) => ({ ...q, ...patch })),
      clear: () => change((q) => (q.sort ? { sort: q.sort } : {})),
    }),
    [change],
  )
}
