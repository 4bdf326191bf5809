import { z } from 'zod'

export const hotelSuggestionSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  score: z.number(),
  exact: z.boolean(),
})

/** What both kinds of record may lack: a hotel, a room code at a hotel, a board code. */
export const commonUnresolvedSchemas = [
  z.object({ kind: z.literal('hotel'), name: z.string(), suggestions: z.array(hotelSuggestionSchema) }),
  z.object({ kind: z.literal('room'), code: z.string(), hotelId: z.number().int().positive() }),
  z.object({ kind: z.literal('board'), code: z.string() }),
] as const

/** What could not be turned into a Sedna id: exactly what a person has to map. */
export const unresolvedSchema = z.discriminatedUnion('kind', [
  ...commonUnresolvedSchemas,
  /** "All rooms" is to be sent explicitly but no room type of the hotel is known yet. */
  z.object({ kind: z.literal('hotel-rooms-unknown'), hotelId: z.number().int().positive() }),
  z.object({ kind: z.literal('boards-unknown') }),
])
export type Unresolved = z.infer<typeof unresolvedSchema>

export const resolutionSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    hotelId: z.number().int().positive(),
    roomTypeIds: z.array(z.number().int().positive()),
    boardIds: z.array(z.number().int().positive()),
    /** Sedna's own codes for those ids, for RoomRemark / BoardRemark. */
    roomRemarkCodes: z.array(z.string()),
    boardRemarkCodes: z.array(z.string()),
    /** True when the e-mail named no rooms (boards): every room (board) is stopped. */
    allRooms: z.boolean(),
    allBoards: z.boolean(),
  }),
  z.object({ ok: z.literal(false), unresolved: z.array(unresolvedSchema).min(1) }),
])
export type Resolution = z.infer<typeof resolutionSchema>
