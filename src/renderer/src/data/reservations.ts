/** Reservations: query keys and options (list pages, detail). */
import { queryOptions } from '@tanstack/react-query'
import type { CallInput } from '../../../shared/ipc'
import { call } from '../api'

export type ReservationListQuery = CallInput<'reservations.list'>

export const reservationKeys = {
  all: ['reservations'] as const,
  lists: () => [...reservationKeys.all, 'list'] as const,
  list: (query: ReservationListQuery) => [...reservationKeys.lists(), query] as const,
  details: () => [...reservationKeys.all, 'detail'] as const,
  detail: (id: number) => [...reservationKeys.details(), id] as const,
}

export const reservationQueries = {
  list: (query: ReservationListQuery) =>
    queryOptions({ queryKey: reservationKeys.list(query), queryFn: () => call('reservations.list', query) }),
  detail: (id: number) =>
    queryOptions({ queryKey: reservationKeys.detail(id), queryFn: () => call('reservations.detail', { id }) }),
}
