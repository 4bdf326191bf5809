/**
 * The preview of a sync (issue #15): asked fresh each time the panel opens — never cached, never
 * refreshed by main's events while it is on screen, since what it shows is exactly what "Send" sends.
 * Also the shapes the panel shows it in: nights as ranges, items per hotel.
 */
import { queryOptions } from '@tanstack/react-query'
import type { PreviewItem, PreviewedItem, SyncPreview } from '../../../shared/contracts/calendar'
import type { CallInput } from '../../../shared/ipc'
import { call } from '../api'

/** What is previewed: everything pending (stop sales and reservations), or these stop sales. */
export type PreviewScope = 'all-pending' | { ids: readonly number[] }

export const previewKeys = {
  all: ['preview'] as const,
  /** `opening` tells one opening of the panel from the next: each gets its own look. */
  of: (scope: PreviewScope, opening: number) => [...previewKeys.all, scope, opening] as const,
}

export const previewQuery = (scope: PreviewScope, opening: number) =>
  queryOptions({
    queryKey: previewKeys.of(scope, opening),
    queryFn: () => call('sync.preview', scope === 'all-pending' ? {} : { ids: [...scope.ids] }),
    gcTime: 0,
  })

const versions = (items: readonly PreviewedItem[]): PreviewedItem[] =>
  items.map(({ id, updatedAt }) => ({ id, updatedAt }))

/** The send of exactly what the preview showed: each record with the version it had then. */
export const previewedInput = (p: SyncPreview): CallInput<'sync.sendPreviewed'> => ({
  stopSales: versions(p.items),
  reservations: versions(p.reservations),
})

/** How many records "Send" sends. */
export const previewedCount = (p: SyncPreview) => p.items.length + p.reservations.length

export interface NightRange {
  from: string
  to: string
}

const nextDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** Nights (YYYY-MM-DD, any order, repeats allowed) as runs of consecutive nights. */
export function nightRanges(nights: readonly string[]): NightRange[] {
  const ranges: NightRange[] = []
  for (const night of [...new Set(nights)].sort()) {
    const last = ranges.at(-1)
    if (last && nextDay(last.to) === night) last.to = night
    else ranges.push({ from: night, to: night })
  }
  return ranges
}

export interface HotelGroup {
  hotelId: number | null
  hotelName: string
  count: number
  /** YYYY-MM of the hotel's earliest night: where its calendar opens. */
  firstMonth: string
}

/** The hotels concerned, in the order they first appear, each with its count and first month. */
export function hotelsOf(items: readonly PreviewItem[]): HotelGroup[] {
  const groups = new Map<string, HotelGroup>()
  for (const item of items) {
    const key = item.hotelId === null ? `name:${item.hotelName}` : `id:${item.hotelId}`
    const month = item.firstNight.slice(0, 7)
    const group = groups.get(key)
    if (!group) groups.set(key, { hotelId: item.hotelId, hotelName: item.hotelName, count: 1, firstMonth: month })
    else {
      group.count++
      if (month < group.firstMonth) group.firstMonth = month
    }
  }
  return [...groups.values()]
}

/** The hotel's calendar page (issue #15 item 1), at the month given. */
export const calendarHref = (hotelId: number, month: string) =>
  `#/calendar?hotel=${hotelId}&month=${encodeURIComponent(month)}`
