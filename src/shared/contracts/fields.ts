/** Input fields several contracts share. */
import { z } from 'zod'
import { isoDateSchema, sortDirectionSchema } from '../stop-sales'

export const idInput = z.strictObject({ id: z.number().int().positive() })
export const positiveId = z.number().int().positive()
/** A search box's text: trimmed; empty means "no filter". */
export const searchText = z.string().trim().max(200)
export const code = z.string().trim().min(1).max(50)

/**
 * A list page's input (stop sales, reservations): statuses, hotel (Turkish-insensitive, anywhere in the
 * name), a night range [from, to] (either end open), free text (every word must match), sort (default
 * createdAt desc, ties by id) and paging. What the text and the range match is each list's own.
 */
export function listInput<S extends z.ZodType, C extends z.ZodType>(statuses: S, maxStatuses: number, columns: C) {
  return z
    .strictObject({
      statuses: z.array(statuses).max(maxStatuses).optional(),
      hotel: searchText.optional(),
      from: isoDateSchema.optional(),
      to: isoDateSchema.optional(),
      text: searchText.optional(),
      sort: z.strictObject({ column: columns, direction: sortDirectionSchema }).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    })
    .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
      message: '"from" must not be after "to"',
      path: ['to'],
    })
}
