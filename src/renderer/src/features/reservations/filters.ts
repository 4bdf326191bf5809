/** The reservations list's filters, sort and page as the screen holds them, and what main is asked for. */
import { useCallback, useState } from 'react'
import type { ReservationStatusName } from '../../../../shared/reservation-basics'
import type { ReservationSortColumn } from '../../../../shared/reservations'
import type { ReservationListQuery } from '../../data/reservations'
import { useDebounced } from '../../ui/hooks'
import { filtersQuery, isFiltered, type ListFilters, type ListSort } from '../../ui/list-filters'

export type Sort = ListSort<ReservationSortColumn>
export type Filters = ListFilters<ReservationStatusName, ReservationSortColumn>
/** Rows per page. */
export const PAGE = 100

/** Where the list was when the person opened a reservation, so that coming back finds it as it was. */
export let remembered: { filters: Filters; offset: number; focusId: number | undefined } | undefined

const toListQuery = (f: Filters, offset: number): ReservationListQuery => ({ limit: PAGE, offset, ...filtersQuery(f) })

/** The filters as typed and, settled for 250 ms, as asked for; a change goes back to the first page. */
export function useReservationFilters() {
  const [typed, setTyped] = useState<Filters>(() => remembered?.filters ?? {})
  const [offset, setOffset] = useState(() => remembered?.offset ?? 0)
  const settled = useDebounced(typed, 250)
  remembered = { filters: typed, offset, focusId: remembered?.focusId }
  const change = useCallback((f: (q: Filters) => Filters) => {
    setTyped(f)
    setOffset(0)
  }, [])
  return { typed, change, offset, setOffset, listQuery: toListQuery(settled, offset), filtered: isFiltered(typed) }
}
