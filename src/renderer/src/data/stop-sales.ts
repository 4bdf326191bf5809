/** Stop sales: query keys and options (list pages, detail). */
import { queryOptions } from '@tanstack/react-query'
import type { CallInput } from '../../../shared/ipc'
import { call } from '../api'
import { PAGE_SIZE } from './page-size'

/** The list's filters and sort (the page is part of the key, not of the query). */
export type StopSaleListQuery = Omit<CallInput<'stopSales.list'>, 'limit' | 'offset'>

export { PAGE_SIZE }

export const stopSaleKeys = {
  all: ['stopSales'] as const,
  pages: () => [...stopSaleKeys.all, 'page'] as const,
  page: (query: StopSaleListQuery, page: number) => [...stopSaleKeys.pages(), query, page] as const,
  details: () => [...stopSaleKeys.all, 'detail'] as const,
  detail: (id: number) => [...stopSaleKeys.details(), id] as const,
}

export const stopSaleQueries = {
  page: (query: StopSaleListQuery, page: number) =>
    queryOptions({
      queryKey: stopSaleKeys.page(query, page),
      queryFn: () => call('stopSales.list', { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
      // Pages scrolled away are dropped soon: their rows may have moved by the time they are seen again.
      gcTime: 20_000,
    }),
  detail: (id: number) =>
    queryOptions({ queryKey: stopSaleKeys.detail(id), queryFn: () => call('stopSales.detail', { id }) }),
}
