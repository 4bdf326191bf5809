/**
 * Storing a mapping from a picker, and what it did. Main resolves the records waiting for it again
 * and says they changed (data/events.ts refetches them).
 */
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { MappingResult } from '../../../../shared/mappings'
import { appError } from '../../data/client'
import { dismissSyncSummary } from '../sync/store'

/** What a picker reports after a mapping was stored: what was remembered, and what it did. */
export interface Mapped {
  /** For staff, e.g. `"Mandarin Resrt Side" is Mandarin Resort (hotel 18)`. */
  what: string
  result: MappingResult
}

/** The record whose detail the picker is on, and the account whose reference data it offers. */
export interface FixScope {
  kind: 'stopSale' | 'reservation'
  id: number
  profileId: number
}

/** The record a mapping is for: main stores it for the record's account, with the record's own name or code. */
export const mappingFor = (scope: FixScope) => ({ record: { kind: scope.kind, id: scope.id } })

/** A mapping to store: the call that stores it, and what it says for staff. */
export interface MappingToSave {
  run: () => Promise<MappingResult>
  what: string
}

/** `save({ run, what })` stores it and reports `onMapped`; `busy` and `error` for the picker. */
export function useMapping(onMapped: (m: Mapped) => void) {
  const mapping = useMutation({
    mutationFn: async (m: MappingToSave) => ({ what: m.what, result: await m.run() }),
    onSuccess: onMapped,
  })
  return { busy: mapping.isPending, error: appError(mapping.error), save: (m: MappingToSave) => mapping.mutate(m) }
}

/**
 * What a detail screen's pickers stored last, said until dismissed (or a Sync is pressed): a new
 * mapping replaces the last sync's result.
 */
export function useMapped() {
  const [mapped, setMapped] = useState<Mapped>()
  return {
    mapped,
    dismiss: () => setMapped(undefined),
    onMapped: (m: Mapped) => {
      setMapped(m)
      dismissSyncSummary()
    },
  }
}
