/**
 * The mirror (the app's copy of Sedna's stop sales): its status per account, as a query refreshed on
 * `mirror.changed` (events.ts), and the progress of a read that runs, from main's `mirror.progress`.
 */
import { queryOptions } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'
import type { EventPayload } from '../../../shared/ipc'
import { call, onEvent } from '../api'

export type MirrorProgress = EventPayload<'mirror.progress'>

export const mirrorKeys = {
  all: ['mirror'] as const,
  status: () => [...mirrorKeys.all, 'status'] as const,
}

export const mirrorQueries = {
  status: () => queryOptions({ queryKey: mirrorKeys.status(), queryFn: () => call('mirror.status', {}) }),
}

/** The read running now per account (a finished or failed one is dropped: the status says how it ended). */
let running: ReadonlyMap<number, MirrorProgress> = new Map()
const listeners = new Set<() => void>()
let off: (() => void) | undefined

function onProgress(progress: MirrorProgress) {
  const next = new Map(running)
  if (progress.state === 'running') next.set(progress.profileId, progress)
  else next.delete(progress.profileId)
  running = next
  for (const listener of listeners) listener()
}

// Main's events are listened to while something on screen shows them.
function subscribe(listener: () => void) {
  listeners.add(listener)
  off ??= onEvent('mirror.progress', onProgress)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      off?.()
      off = undefined
    }
  }
}

/** The progress of the read of this account that runs now, if any. */
export function useMirrorProgress(profileId: number | undefined): MirrorProgress | undefined {
  const all = useSyncExternalStore(subscribe, () => running)
  return profileId === undefined ? undefined : all.get(profileId)
}
