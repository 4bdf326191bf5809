/**
 * The stop-sales list as the table scrolls through it: one query per page of rows (data/stop-sales.ts),
 * asked for as the table shows it. Main filters, sorts, counts and pages; the renderer keeps only the
 * pages around what is on screen, never a copy of the database.
 *
 * - A new query asks for its first page; the previous query's rows stay on screen until it arrives,
 *   then everything is replaced at once (one render, no flash of empty rows).
 * - The table says which pages it shows (`show`); those are the queries observed, the others are
 *   dropped a little later.
 * - When main says stop sales changed, the pages on screen are fetched again and the others dropped
 *   (data/events.ts); the rows on screen stay until their new answer.
 */
import { useQueries, useQueryClient, type QueryObserverResult } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'
import type { CallOutput } from '../../../../shared/ipc'
import type { AppError } from '../../../../shared/result'
import type { StopSale, StopSaleStatus } from '../../../../shared/stop-sales'
import { appError } from '../../data/client'
import { PAGE_SIZE, stopSaleKeys, stopSaleQueries, type StopSaleListQuery } from '../../data/stop-sales'

type Page = CallOutput<'stopSales.list'>

export interface ListWindow {
  /** The query these rows answer (JSON). */
  readonly key: string
  readonly total: number
  readonly countsByStatus: Readonly<Record<StopSaleStatus, number>>
  readonly pages: ReadonlyMap<number, readonly StopSale[]>
}

export interface ListWindowState {
  /** Undefined until the first answer. */
  data: ListWindow | undefined
  /** A page's failure (cleared by its next success). */
  error: AppError | undefined
  /** The row at an index, when its page is here. */
  rowAt(index: number): StopSale | undefined
  /** The table shows these pages: ask for them. */
  show(pages: readonly number[]): void
  /** Ask main again for the pages on screen (after a failure). */
  refresh(): void
}

interface Combined {
  window: ListWindow | undefined
  error: AppError | undefined
}

export function useListWindow(query: StopSaleListQuery): ListWindowState {
  const client = useQueryClient()
  const key = JSON.stringify(query)
  const [shown, setShown] = useState<{ key: string; pages: readonly number[] }>({ key, pages: [0] })
  const pages = shown.key === key ? shown.pages : [0]
  const pagesKey = pages.join(',')

  // The pages' answers as one window: total and counts from the newest answer.
  const combine = useCallback(
    (results: Array<QueryObserverResult<Page>>): Combined => {
      const numbers = pagesKey.split(',').map(Number)
      const rows = new Map<number, readonly StopSale[]>()
      let newest: { at: number; page: Page } | undefined
      let error: AppError | undefined
      results.forEach((r, i) => {
        if (r.data) {
          rows.set(numbers[i]!, r.data.rows)
          if (!newest || r.dataUpdatedAt > newest.at) newest = { at: r.dataUpdatedAt, page: r.data }
        }
        error ??= appError(r.error)
      })
      const window = newest && {
        key,
        total: newest.page.total,
        countsByStatus: newest.page.countsByStatus as Record<StopSaleStatus, number>,
        pages: rows,
      }
      return { window, error }
    },
    [key, pagesKey],
  )
  const { window, error } = useQueries({ queries: pages.map((p) => stopSaleQueries.page(query, p)), combine })

  // Until the new query's first answer, the last one's rows stay on screen.
  const last = useRef<ListWindow | undefined>(undefined)
  if (window) last.current = window
  const data = window ?? last.current

  const show = useCallback(
    (wanted: readonly number[]) => {
      // Still the previous query's rows on screen: its places mean nothing for the new one.
      if (last.current?.key !== key) return
      setShown((s) => (s.key === key && s.pages.join(',') === wanted.join(',') ? s : { key, pages: wanted }))
    },
    [key],
  )

  const refresh = useCallback(
    () => void client.refetchQueries({ queryKey: stopSaleKeys.pages(), type: 'active' }),
    [client],
  )

  const rowAt = useCallback(
    (index: number) => data?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [data],
  )

  return { data, error, rowAt, show, refresh }
}
