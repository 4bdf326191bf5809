/** Stop sales: the list, one record with its requests, and importing parsed stop-sale files. */
import { z } from 'zod'
import { defineCall } from '../contract'
import { idInput, listInput } from './fields'
import { stopSaleSchema, stopSaleSortColumnSchema, stopSaleStatusSchema, stopSaleStatuses } from '../stop-sales'
import { stopSaleDetailSchema } from '../detail'
import { importPreviewSchema, importResultSchema, importRowSchema, importRowStateSchema } from '../imports'
import { syncAttemptSchema } from '../sync'

export const stopSaleCalls = {
  'stopSales.list': defineCall({
    summary:
      'A page of stop sales (filtered, sorted and paged by SQLite; newest first by default), the filtered total and counts per status over all rows',
    // text: hotel name, a room or board code, the reason, or the RecId; from/to: nights overlapping the range.
    input: listInput(stopSaleStatusSchema, stopSaleStatuses.length, stopSaleSortColumnSchema),
    output: z.object({
      rows: z.array(stopSaleSchema),
      total: z.number().int().nonnegative(),
      countsByStatus: z.record(stopSaleStatusSchema, z.number().int().nonnegative()),
    }),
  }),
  'stopSales.get': defineCall({
    summary: 'One stop sale by id',
    input: idInput,
    output: stopSaleSchema,
  }),
  'stopSales.detail': defineCall({
    summary:
      'One stop sale as imported, what it resolves to in Sedna, the exact bodies of both phases, and every request made for it',
    input: idInput,
    output: stopSaleDetailSchema,
  }),
  'stopSales.attempts': defineCall({
    summary: 'Every request made to Sedna for one stop sale, oldest first (credentials redacted)',
    input: idInput,
    output: z.array(syncAttemptSchema),
  }),
  'import.preview': defineCall({
    summary: 'Read a parsed stop-sales file (JSON or CSV) and say, row by row, what importing it would do',
    input: z.union([
      z.strictObject({ path: z.string().min(1).max(4096) }),
      z.strictObject({
        fileName: z.string().min(1).max(255),
        // Base64 of the file, for pages that cannot hand over a path (a dropped file in a browser).
        contentBase64: z.string().max(300 * 2 ** 20),
      }),
    ]),
    output: importPreviewSchema,
  }),
  'import.rows': defineCall({
    summary: "A page of a preview's rows with their verdicts and reasons",
    input: z.strictObject({
      importId: z.number().int().positive(),
      states: z.array(importRowStateSchema).max(3).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ rows: z.array(importRowSchema), total: z.number().int().nonnegative() }),
  }),
  'import.commit': defineCall({
    summary: 'Import the valid, new rows of a preview in one transaction',
    input: z.strictObject({ importId: z.number().int().positive() }),
    output: importResultSchema,
  }),
  'import.discard': defineCall({
    summary: 'Drop a preview without importing anything',
    input: z.strictObject({ importId: z.number().int().positive() }),
    output: z.object({ discarded: z.literal(true) }),
  }),
} as const
