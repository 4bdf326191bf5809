/** Sedna accounts (profiles) and their cached reference data. */
import { queryOptions } from '@tanstack/react-query'
import { call } from '../api'

export const profileKeys = {
  all: ['profiles'] as const,
  list: () => [...profileKeys.all, 'list'] as const,
}

export const profileQueries = {
  list: () => queryOptions({ queryKey: profileKeys.list(), queryFn: () => call('profiles.list', {}) }),
}

export const referenceKeys = {
  all: ['reference'] as const,
  ofProfile: (profileId: number) => [...referenceKeys.all, profileId] as const,
  status: (profileId: number) => [...referenceKeys.ofProfile(profileId), 'status'] as const,
  hotels: (profileId: number, query: string, limit: number) =>
    [...referenceKeys.ofProfile(profileId), 'hotels', query, limit] as const,
  roomTypes: (profileId: number, hotelId: number) =>
    [...referenceKeys.ofProfile(profileId), 'roomTypes', hotelId] as const,
  boards: (profileId: number) => [...referenceKeys.ofProfile(profileId), 'boards'] as const,
  countries: (profileId: number, query: string) => [...referenceKeys.ofProfile(profileId), 'countries', query] as const,
}

export const referenceQueries = {
  status: (profileId: number) =>
    queryOptions({
      queryKey: referenceKeys.status(profileId),
      queryFn: () => call('reference.status', { profileId }),
    }),
  hotels: (profileId: number, query: string, limit: number) =>
    queryOptions({
      queryKey: referenceKeys.hotels(profileId, query, limit),
      queryFn: () => call('reference.hotels', { profileId, ...(query ? { query } : {}), limit }),
    }),
  roomTypes: (profileId: number, hotelId: number) =>
    queryOptions({
      queryKey: referenceKeys.roomTypes(profileId, hotelId),
      queryFn: () => call('reference.roomTypes', { profileId, hotelId }),
    }),
  boards: (profileId: number) =>
    queryOptions({ queryKey: referenceKeys.boards(profileId), queryFn: () => call('reference.boards', { profileId }) }),
  countries: (profileId: number, query: string) =>
    queryOptions({
      queryKey: referenceKeys.countries(profileId, query),
      queryFn: () => call('reference.countries', { profileId, ...(query ? { query } : {}), limit: query ? 50 : 300 }),
    }),
}
