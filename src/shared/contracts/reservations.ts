/** Reservations: the list, one record with its requests, cancelling, and importing parsed reservation files. */
import { z } from 'zod'
import { defineCall } from '../contract'
import { idInput, listInput, positiveId } from './fields'
import {
  reservationAttemptSchema,
  reservationDetailSchema,
  reservationImportPreviewSchema,
  reservationImportResultSchema,
  reservationImportRowSchema,
  reservationImportRowStateSchema,
  reservationListOutputSchema,
  reservationSchema,
  reservationSortColumnSchema,
  reservationStatusSchema,
  reservationStatuses,
} from '../reservations'
import { reservationCancelResultSchema } from '../sync'

export const reservationCalls = {
  'reservations.list': defineCall({
    summary:
      'A page of reservations (filtered, sorted and paged by SQLite; newest first by default), the filtered total and counts per status over all rows',
    // text: voucher, a guest's name, the hotel, the room/board code, the SourceId or the RecId; from/to: a night of the stay in the range.
    input: listInput(reservationStatusSchema, reservationStatuses.length, reservationSortColumnSchema),
    output: reservationListOutputSchema,
  }),
  'reservations.get': defineCall({
    summary: 'One reservation by id',
    input: idInput,
    output: reservationSchema,
  }),
  'reservations.detail': defineCall({
    summary:
      'One reservation as imported (guests included), what it resolves to in Sedna, the InsertReservation request (as sent, or as it would be sent now; credentials redacted) and every request made for it',
    input: idInput,
    output: reservationDetailSchema,
  }),
  'reservations.attempts': defineCall({
    summary: 'Every request made to Sedna for one reservation, oldest first (URL and bodies redacted)',
    input: idInput,
    output: z.array(reservationAttemptSchema),
  }),
  'reservations.cancel': defineCall({
    summary:
      'Cancel a reservation in Sedna (CancelReservationBySourcId with its SourceId) after staff confirmed; one never sent is cancelled here only. Answers when done, or queued when Sedna is unreachable',
    input: z.strictObject({ id: positiveId, confirm: z.literal(true) }),
    output: reservationCancelResultSchema,
  }),
  'reservations.sendAnyway': defineCall({
    summary:
      "Send ours anyway: a reservation the look before its first send parked beside Sedna's version goes back to pending (the next Sync books it), after staff confirmed; the versions compared are not asked about again",
    input: z.strictObject({ id: positiveId, confirm: z.literal(true) }),
    output: reservationSchema,
  }),
  'reservationImport.preview': defineCall({
    summary: 'Read a parsed-reservations file (JSON or CSV) and say, row by row, what importing it would do',
    input: z.union([
      z.strictObject({ path: z.string().min(1).max(4096) }),
      z.strictObject({
        fileName: z.string().min(1).max(255),
        // Base64 of the file, for pages that cannot hand over a path (a dropped file in a browser).
        contentBase64: z.string().max(30 * 2 ** 20),
      }),
    ]),
    output: reservationImportPreviewSchema,
  }),
  'reservationImport.rows': defineCall({
    summary: "A page of a reservation import preview's rows with their verdicts and reasons",
    input: z.strictObject({
      importId: positiveId,
      states: z.array(reservationImportRowStateSchema).max(3).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ rows: z.array(reservationImportRowSchema), total: z.number().int().nonnegative() }),
  }),
  'reservationImport.commit': defineCall({
    summary: 'Import the valid, new reservations of a preview in one transaction',
    input: z.strictObject({ importId: positiveId }),
    output: reservationImportResultSchema,
  }),
  'reservationImport.discard': defineCall({
    summary: 'Drop a reservation import preview without importing anything',
    input: z.strictObject({ importId: positiveId }),
    output: z.object({ discarded: z.literal(true) }),
  }),
} as const
