import { z } from 'zod'
import { messageSchema } from './messages'
import { recordActionSchema } from './records'
import { stopSaleStatuses } from './stop-sale-basics'

export { nightCount, stopSaleStatuses } from './stop-sale-basics'
export const stopSaleStatusSchema = z.enum(stopSaleStatuses)
export type StopSaleStatus = z.infer<typeof stopSaleStatusSchema>

/** close = stop sale (Sedna StopType 0); open = sales released again (StopType 1). */
export const saleKindSchema = z.enum(['close', 'open'])
export type SaleKind = z.infer<typeof saleKindSchema>

/** A calendar date as Sedna and the importer use it: YYYY-MM-DD, a real day. */
export const isoDateSchema = z.iso.date()

export const stopSaleSchema = z.object({
  id: z.number().int().positive(),
  hotelName: z.string(),
  hotelId: z.number().int().positive().nullable(),
  roomCodes: z.array(z.string()),
  boardCodes: z.array(z.string()),
  marketIds: z.array(z.number().int().positive()),
  /** First and last night of the stop, both inclusive, as in Sedna's BeginDate/EndDate. */
  firstNight: isoDateSchema,
  lastNight: isoDateSchema,
  kind: saleKindSchema,
  reason: z.string().nullable(),
  sourceMessageId: z.string().nullable(),
  sourceReceivedAt: z.string().nullable(),
  sourceSubject: z.string().nullable(),
  status: stopSaleStatusSchema,
  sednaRecId: z.number().int().positive().nullable(),
  /** Why it is not (yet) in Sedna: the last failure or what it lacks, as a code with parameters. */
  lastError: messageSchema.nullable(),
  lastAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What a person may do with it now (sync, fix, tryNow). */
  actions: z.array(recordActionSchema),
  /**
   * Sedna already held it when it was about to be sent first (another desk, or a person in Sedna's
   * screens): its record was adopted and nothing written. Who recorded it there, and when it was adopted.
   */
  adopted: z.object({ recordUser: z.string().nullable(), adoptedAt: z.string() }).nullable(),
})
export type StopSale = z.infer<typeof stopSaleSchema>

/** Columns the stop-sales list can be sorted by (each has an index; createdAt is the insertion order, i.e. id). */
export const stopSaleSortColumns = [
  'status',
  'hotel',
  'firstNight',
  'lastNight',
  'nights',
  'kind',
  'recId',
  'lastAttemptAt',
  'createdAt',
] as const
export const stopSaleSortColumnSchema = z.enum(stopSaleSortColumns)
export type StopSaleSortColumn = z.infer<typeof stopSaleSortColumnSchema>
export const sortDirectionSchema = z.enum(['asc', 'desc'])
