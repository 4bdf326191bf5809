/**
 * Storing a mapping from a picker, and what it did. Main resolves the records waiting for it again
 * and says they changed (data/events.ts refetches them).
 */
import { useMutation } from '@tanstack/react-query'
import type { MappingResult } from '../../../../shared/mappings'
import { appError } from '../../data/client'

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

/** `save(run, what)` stores it and reports `onMapped`; `busy` and `error` for the picker. */
export function useMapping(onMapped: (m: Mapped) => void) {
  const mapping = useMutation({
    mutationFn: async (m: { run: () => Promise<MappingResult>; what: string }) => ({
      what: m.what,
      result: await m.run(),
    }),
    onSuccess: onMapped,
  })
  return {
    busy: mapping.isPending,
    error: appError(mapping.error),
    save: (run: () => Promise<MappingResult>, what: string) => mapping.mutate({ run, what }),
  }
}
