/**
 * The stop-sales list as the table scrolls through it: pages of rows fetched from main on demand,
 * kept in a small cache that belongs to one query (filters + sort). Main filters, sorts, counts and
 * pages; the renderer keeps only the pages around what is on screen, never a copy of the database.
 *
 * - A new query fetches its first page; the previous query's rows stay on screen until it arrives,
 *   then everything is replaced at once (one render, no flash of empty rows).
 * - The table says which pages it shows (`show`); missing ones are fetched, the others are forgotten
 *   once there are more than a few.
 * - `refresh` (main said stop sales changed): every page but those on screen is dropped, and those are
 *   fetched again. Refreshes never overlap: one that arrives while another runs is done right after it.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CallInput } from '../../shared/ipc'
import type { AppError } from '../../shared/result'
import type { StopSale, StopSaleStatus } from '../../shared/stop-sales'
import { call, onEvent, toAppError } from './api'

export type ListQuery = Omit<CallInput<'stopSales.list'>, 'limit' | 'offset'>

/** Rows per call: a page is what a few screens show, and one call's answer stays small. */
export const PAGE_SIZE = 100
/** Pages kept beyond those on screen (so scrolling back a little needs no call). */
const KEEP_PAGES = 8

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
  /** The last call's failure (cleared by the next success). */
  error: AppError | undefined
  /** The row at an index, when its page is here. */
  rowAt(index: number): StopSale | undefined
  /** The table shows these pages: fetch what is missing. */
  show(pages: readonly number[]): void
  /** Main said stop sales changed: fetch the pages on screen again, forget the rest. */
  refresh(): void
}

/**
 * The home screen's first page, asked for before React first renders (`main.tsx`), so that the call
 * and the first render overlap. Taken once, by the first fetch of the same query, and only while it
 * cannot be out of date: within a few seconds, and before main says stop sales changed.
 */
let early: { key: string; at: number; answer: ReturnType<typeof listPage> } | undefined
const EARLY_MS = 5_000
const listPage = (query: ListQuery, page: number) =>
  call('stopSales.list', { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
export function prefetchFirstPage(query: ListQuery = {}): void {
  const answer = listPage(query, 0)
  answer.catch(() => undefined) // a failure is seen (and shown) by the fetch that takes it
  early = { key: JSON.stringify(query), at: performance.now(), answer }
  const off = onEvent('stopSales.changed', () => {
    early = undefined
    off()
  })
}
function takeEarly(key: string, page: number) {
  const fresh = early && page === 0 && early.key === key && performance.now() - early.at < EARLY_MS
  const found = fresh ? early!.answer : undefined
  early = undefined
  return found
}

export function useListWindow(query: ListQuery): ListWindowState {
  const key = JSON.stringify(query)
  const [data, setData] = useState<ListWindow>()
  const [error, setError] = useState<AppError>()
  const live = useRef({
    key,
    query,
    /** Pages on screen. */
    shown: [0] as readonly number[],
    /** Per page: the sequence number of the newest call asked and of the answer stored. */
    asked: new Map<number, number>(),
    stored: new Map<number, number>(),
    /** Sequence of the answer whose total and counts are shown. */
    metaSeq: 0,
    /** The query of the rows on screen (the previous one until the new query's first answer). */
    shownKey: '',
    seq: 0,
    /** Answers to calls asked before this sequence number (before the last change) are stale. */
    validFrom: 0,
    refreshing: false,
    again: false,
  })
  const s = live.current

  const fetchPage = useCallback(
    async (page: number): Promise<void> => {
      const { key: forKey, query: forQuery } = s
      const seq = ++s.seq
      s.asked.set(page, seq)
      try {
        const answer = await (takeEarly(forKey, page) ?? listPage(forQuery, page))
        // A newer query, an answer asked before the last change, or a newer answer for this page:
        // this one is worthless.
        if (forKey !== s.key || seq < s.validFrom || (s.stored.get(page) ?? 0) > seq) return
        s.stored.set(page, seq)
        s.shownKey = forKey
        const newest = seq > s.metaSeq
        if (newest) s.metaSeq = seq
        setError(undefined)
        setData((prev) => {
          const same = prev?.key === forKey
          const pages = new Map(same ? prev.pages : [])
          pages.set(page, answer.rows)
          return {
            key: forKey,
            total: newest || !same ? answer.total : prev.total,
            countsByStatus: newest || !same ? answer.countsByStatus : prev.countsByStatus,
            pages,
          }
        })
      } catch (err) {
        if (forKey === s.key) setError(toAppError(err))
        if (s.asked.get(page) === seq) s.asked.delete(page)
      }
    },
    [s],
  )

  // A new query: forget the old one's calls and ask for its first page (the old rows stay until then).
  useEffect(() => {
    s.key = key
    s.query = query
    s.asked.clear()
    s.stored.clear()
    s.metaSeq = 0
    s.shown = [0]
    void fetchPage(0)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, fetchPage])

  const show = useCallback(
    (pages: readonly number[]) => {
      // Still the previous query's rows on screen: its places mean nothing for the new one.
      if (s.shownKey !== s.key) return
      s.shown = pages
      for (const p of pages) if (!s.asked.has(p)) void fetchPage(p)
      // Forget pages far from the screen (their rows may have moved by the time they are seen again).
      setData((prev) => {
        if (!prev || prev.key !== s.key || prev.pages.size <= pages.length + KEEP_PAGES) return prev
        const centre = pages.length ? pages[0]! : 0
        const keep = [...prev.pages.keys()].sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre))
        const next = new Map<number, readonly StopSale[]>()
        for (const p of keep.slice(0, pages.length + KEEP_PAGES)) next.set(p, prev.pages.get(p)!)
        for (const p of prev.pages.keys()) if (!next.has(p)) (s.asked.delete(p), s.stored.delete(p))
        return { ...prev, pages: next }
      })
    },
    [s, fetchPage],
  )

  const refresh = useCallback(() => {
    if (s.refreshing) {
      s.again = true
      return
    }
    s.refreshing = true
    s.validFrom = s.seq + 1
    const pages = s.shown.length ? s.shown : [0]
    // Rows may have moved between pages: only those on screen are kept (until their new answer).
    setData((prev) => {
      if (!prev || prev.key !== s.key) return prev
      const next = new Map<number, readonly StopSale[]>()
      for (const p of pages) if (prev.pages.has(p)) next.set(p, prev.pages.get(p)!)
      return { ...prev, pages: next }
    })
    s.asked.clear()
    void Promise.all(pages.map((p) => fetchPage(p))).finally(() => {
      s.refreshing = false
      if (s.again) {
        s.again = false
        refresh()
      }
    })
  }, [s, fetchPage])

  const rowAt = useCallback(
    (index: number) => data?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [data],
  )

  return { data, error, rowAt, show, refresh }
}
