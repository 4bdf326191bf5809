/** Input fields several contracts share. */
import { z } from 'zod'

export const idInput = z.strictObject({ id: z.number().int().positive() })
export const positiveId = z.number().int().positive()
/** A search box's text: trimmed; empty means "no filter". */
export const searchText = z.string().trim().max(200)
export const code = z.string().trim().min(1).max(50)
