/**
 * The renderer's data layer: TanStack Query over the bridge. Main says when data changes (events.ts
 * invalidates the matching queries), so nothing is ever stale by age, refetched on focus or polled;
 * a failure is shown at once (no silent retries). The bridge is IPC, not the network: queries never
 * wait for `navigator.onLine`.
 */
import { notifyManager, QueryClient } from '@tanstack/react-query'
import type { AppError } from '../../../shared/result'
import { toAppError } from '../api'

// An answer reaches the screen in the same task (TanStack's default waits for a setTimeout: one more
// task per answer, which a busy window makes long).
notifyManager.setScheduler(queueMicrotask)

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Infinity,
      gcTime: 5 * 60_000,
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      networkMode: 'always',
    },
    mutations: { retry: false, networkMode: 'always' },
  },
})

/** A query's or mutation's failure as the AppError the screens word. */
export const appError = (error: unknown): AppError | undefined =>
  error === null || error === undefined ? undefined : toAppError(error)
