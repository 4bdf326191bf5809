/** The stop-sales list's filters and sort as the screen holds them, and what main is asked for. */
import { useMemo, useState } from 'react'
import type { StopSaleSortColumn, StopSaleStatus } from '../../../../shared/stop-sales'
import type { StopSaleListQuery } from '../../data/stop-sales'
import { useDebounced } from '../../ui/hooks'
import { filtersQuery, isFiltered, type ListFilters, type ListSort } from '../../ui/list-filters'

export type Sort = ListSort<StopSaleSortColumn>
export type Filters = ListFilters<StopSaleStatus, StopSaleSortColumn>

/**
 * Where the list was when the person left it (to open a stop sale, say): the filters, the scroll
 * position and the focused row, so that coming back finds it as it was. Screen state only — the rows
 * are fetched again.
 */
export let remembered: { filters: Filters; scrollTop: number; focusIndex: number; key: string } | undefined
export const remember = (r: typeof remembered) => (remembered = r)

/**
 * The filters as typed (`typed`, for the inputs) and as asked for (`filters`, `listQuery`): what is
 * typed settles for 250 ms first (not a query per key); a status chip or a sort goes at once.
 */
export function useStopSaleFilters() {
  const [typed, setTyped] = useState<Filters>(() => remembered?.filters ?? {})
  const settledText = useDebounced(JSON.stringify([typed.hotel, typed.text, typed.from, typed.to]), 250)
  // Compared by content, not identity: the same filters are the same query.
  const statusesKey = JSON.stringify(typed.statuses ?? null)
  const sortKey = JSON.stringify(typed.sort ?? null)
  const filters = useMemo<Filters>(() => {
    const [hotel, text, from, to] = JSON.parse(settledText) as Array<string | null>
    const statuses = JSON.parse(statusesKey) as StopSaleStatus[] | null
    const sort = JSON.parse(sortKey) as Sort | null
    return {
      ...(hotel ? { hotel } : {}),
      ...(text ? { text } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(statuses ? { statuses } : {}),
      ...(sort ? { sort } : {}),
    }
  }, [settledText, statusesKey, sortKey])
  const listQuery = useMemo<StopSaleListQuery>(() => filtersQuery(filters), [filters])
  return { typed, setTyped, filters, listQuery, filtered: isFiltered(typed) }
}
