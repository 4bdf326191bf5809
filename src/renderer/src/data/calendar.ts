/**
 * A hotel's calendar (`calendar.get`), keyed by what it was asked for; main's `stopSales.changed`,
 * `mirror.changed`, `reference.changed` and `profiles.changed` make it out of date (events.ts).
 */
import { queryOptions } from '@tanstack/react-query'
import type { CallInput } from '../../../shared/ipc'
import { call } from '../api'

export type CalendarQuery = CallInput<'calendar.get'>

export const calendarKeys = {
  all: ['calendar'] as const,
  grid: (query: CalendarQuery) => [...calendarKeys.all, query] as const,
}

export const calendarQueries = {
  grid: (query: CalendarQuery) =>
    queryOptions({ queryKey: calendarKeys.grid(query), queryFn: () => call('calendar.get', query) }),
}
