import { z } from 'zod'

const id = z.number().int().positive()

/** A hotel in a profile's cached reference data, for a picker; ranked when a query was given. */
export const hotelOptionSchema = z.object({
  id,
  name: z.string(),
  code: z.string().nullable(),
  region: z.string().nullable(),
  /** 0..1 similarity to the query (1 = the same name once folded); null without a query. */
  score: z.number().nullable(),
  exact: z.boolean(),
})
export type HotelOption = z.infer<typeof hotelOptionSchema>

export const roomTypeOptionSchema = z.object({
  id,
  code: z.string(),
  name: z.string().nullable(),
  /** The hotel whose list it is from; 0 = the operator-wide list (used when the hotel's own list is empty). */
  hotelId: z.number().int().nonnegative(),
})
export type RoomTypeOption = z.infer<typeof roomTypeOptionSchema>

export const boardOptionSchema = z.object({ id, code: z.string(), name: z.string().nullable() })
export type BoardOption = z.infer<typeof boardOptionSchema>

/** What a mapping did to the stop sales waiting for it (status needs_attention, unresolved). */
export const mappingResultSchema = z.object({
  /** They resolve now: back to pending (resolution cleared), so one Sync sends them. */
  released: z.array(id),
  /** They needed this mapping but still miss another one: their list of what is missing was updated. */
  stillNeedsAttention: z.array(id),
  /** The same for reservations (their ids are a separate series); present only when any was concerned. */
  reservations: z.object({ released: z.array(id), stillNeedsAttention: z.array(id) }).optional(),
})
export type MappingResult = z.infer<typeof mappingResultSchema>
