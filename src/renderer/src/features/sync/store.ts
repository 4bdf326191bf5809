/**
 * The sync as the whole window sees it: whether a sync this window asked for runs, its progress (from
 * main's `sync.progress`), and its summary or failure once it answered. It lives outside the pages, so
 * leaving a list for a record and coming back finds the summary still there.
 */
import { useSyncExternalStore } from 'react'
import type { CallInput, EventPayload } from '../../../../shared/ipc'
import type { AppError } from '../../../../shared/result'
import type { SyncSummary } from '../../../../shared/sync'
import { call, onEvent, toAppError } from '../../api'
import { queryClient } from '../../data/client'
import { reservationKeys } from '../../data/reservations'
import { stopSaleKeys } from '../../data/stop-sales'
import { syncKeys } from '../../data/sync'

export type SyncProgress = EventPayload<'sync.progress'>

export interface SyncState {
  running: boolean
  progress: SyncProgress | undefined
  summary: SyncSummary | undefined
  error: AppError | undefined
}

/** Stop sales by id, reservations by id, everything pending of both kinds, or exactly what a preview showed. */
export type SyncRequest =
  { ids: number[] } | { reservationIds: number[] } | 'all-pending' | { previewed: CallInput<'sync.sendPreviewed'> }

let state: SyncState = { running: false, progress: undefined, summary: undefined, error: undefined }
const listeners = new Set<() => void>()

function set(patch: Partial<SyncState>) {
  state = { ...state, ...patch }
  for (const listener of listeners) listener()
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** The sync's state, re-rendering when it changes. */
export const useSyncState = (): SyncState => useSyncExternalStore(subscribe, () => state)

/** Feeds the store from main's progress events (once, at start). */
export const connectSyncStore = () => onEvent('sync.progress', (progress) => set({ progress }))

/** Sends what is asked; the summary (or the failure) replaces the previous one. Answers the failure, if any. */
export async function runSync(request: SyncRequest): Promise<AppError | undefined> {
  set({ running: true, summary: undefined, error: undefined })
  let failure: AppError | undefined
  try {
    const summary =
      request === 'all-pending'
        ? await call('sync.allPending', {})
        : 'reservationIds' in request
          ? await call('sync.reservations', { ids: request.reservationIds })
          : 'previewed' in request
            ? await call('sync.sendPreviewed', request.previewed)
            : await call('sync.stopSales', request)
    set({ running: false, summary })
  } catch (err) {
    failure = toAppError(err)
    set({ running: false, error: failure })
  }
  // Main's events name what changed; this also covers a sync that changed nothing but its history.
  void queryClient.invalidateQueries({ queryKey: stopSaleKeys.details() })
  void queryClient.invalidateQueries({ queryKey: reservationKeys.details() })
  void queryClient.invalidateQueries({ queryKey: syncKeys.all })
  return failure
}

export const dismissSyncSummary = () => set({ summary: undefined })

/** The failure is said elsewhere (the preview says a refused send itself, with "Preview again"). */
export const dismissSyncError = () => set({ error: undefined })

/** Finish the items being sent and start no new ones. */
export const stopAfterCurrent = () => void call('sync.stopAfterCurrent', {}).catch(() => undefined)
