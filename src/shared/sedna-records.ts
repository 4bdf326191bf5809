/**
 * What the app knows of Sedna's own copy of a record (issue #14), free of zod so the renderer can use
 * the types: the record a look found and adopted, and the fields in which Sedna's copy differs from ours.
 */

/** A Sedna record the look found and adopted instead of sending: who recorded it, and when. */
export interface SednaFound {
  recId: number
  recordUser: string | null
  declareDate: string | null
  /** Sedna's record or update date when its list carries one. */
  recordDate: string | null
  /** When this app adopted it (ISO). */
  adoptedAt: string
}

/** The fields of a stop sale a pull compares with Sedna's copy. */
export const driftFields = ['firstNight', 'lastNight', 'kind', 'rooms', 'boards', 'state'] as const
export type DriftFieldName = (typeof driftFields)[number]

/** One field in which Sedna's copy differs: ours and Sedna's, as display text (codes, dates). */
export interface DriftField {
  field: DriftFieldName
  ours: string
  sedna: string
}
