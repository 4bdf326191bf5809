/**
 * Zod readers for Sedna's answers. No real response body has ever been captured (see
 * ../shared/sedna-api.md), so every reader is lenient: unknown fields pass, and the known variants
 * (RecId/HotelId/Id, Name/HotelName, bare array or {"Data": [...]}) are all accepted.
 */
import { z } from 'zod'

const id = z
  .union([z.number(), z.string().regex(/^\d+$/)])
  .transform(Number)
  .pipe(z.number().int().positive())
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined)

/** `{ ErrorType, Message, RecId }`: Sedna's answer to writes and to AgencyLogin. */
export const resultSchema = z.looseObject({
  ErrorType: z.number().int().nullish(),
  Message: z.string().nullish(),
  RecId: z.unknown().optional(),
})
export type SednaResult = z.infer<typeof resultSchema>

const first = (...values: unknown[]) => values.find((v) => v !== undefined && v !== null)

/** Reads the known field variants of one list item into one shape before validating it. */
const fields =
  (pick: (r: Record<string, unknown>) => Record<string, unknown>) =>
  (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value) ? pick(value as Record<string, unknown>) : value

export const hotelSchema = z.preprocess(
  fields((r) => ({
    id: first(r.RecId, r.HotelId, r.Id),
    name: first(r.Name, r.HotelName),
    code: r.Code,
    region: first(r.RegionName, r.Region),
  })),
  z.object({ id, name: z.string().min(1), code: optionalText, region: optionalText }),
)
export type SednaHotel = z.infer<typeof hotelSchema>

export const roomTypeSchema = z.preprocess(
  fields((r) => ({
    id: first(r.RoomTypeId, r.Id, r.RecId),
    code: r.Code,
    name: first(r.Name, r.RoomTypeName),
  })),
  z.object({ id, code: z.string().min(1), name: optionalText }),
)
export type SednaRoomType = z.infer<typeof roomTypeSchema>

export const hotelRoomTypeSchema = z.preprocess(
  fields((r) => ({
    hotelId: r.HotelId,
    id: first(r.RoomTypeId, r.RecId, r.Id),
    code: r.Code,
    name: first(r.Name, r.RoomTypeName),
  })),
  z.object({ hotelId: id, id, code: z.string().min(1), name: optionalText }),
)
export type SednaHotelRoomType = z.infer<typeof hotelRoomTypeSchema>

export const boardSchema = z.preprocess(
  fields((r) => ({ id: first(r.BoardId, r.Id, r.RecId), code: r.Code, name: r.Name })),
  z.object({ id, code: z.string().min(1), name: optionalText }),
)
export type SednaBoard = z.infer<typeof boardSchema>

export const operatorSchema = z.preprocess(
  fields((r) => ({ id: first(r.RecId, r.OperatorId, r.Id), code: r.Code, name: r.Name })),
  z.object({ id, code: optionalText, name: optionalText }),
)
export type SednaOperator = z.infer<typeof operatorSchema>

export const countrySchema = z.preprocess(
  fields((r) => ({
    id: first(r.RecId, r.NationalityId, r.CountryId, r.Id),
    name: first(r.Name, r.CountryName),
    code: r.Code,
  })),
  z.object({ id, name: z.string().min(1), code: optionalText }),
)
export type SednaCountry = z.infer<typeof countrySchema>

/** A stop sale as Sedna lists it back; kept whole (loose) so nothing it says is lost. */
export const stopSaleRecordSchema = z.looseObject({
  RecId: id,
  HotelId: id.optional(),
  BeginDate: z.string().optional(),
  EndDate: z.string().optional(),
  DeclareDate: z.string().nullish(),
  StopType: z.number().int().nullish(),
  RecordUser: z.string().nullish(),
  RoomRemark: z.string().nullish(),
  OperatorRemark: z.string().nullish(),
  BoardRemark: z.string().nullish(),
})
export type SednaStopSaleRecord = z.infer<typeof stopSaleRecordSchema>

export const looseItemSchema = z.looseObject({})

/** A list answer: a bare array or wrapped as {"Data": [...]} (either case of "Data"). */
export function listItems(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body
  if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>
    const data = o.Data ?? o.data
    if (Array.isArray(data)) return data
  }
  return undefined
}
