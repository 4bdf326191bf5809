/**
 * See it before and after (issue #15): a hotel's calendar of what is closed — Sedna's records from the
 * mirror and this desk's own, sent or waiting, decided night by night by the net-state rule
 * (shared/net-state.ts) — and the preview of what a sync will do before anything is sent.
 */
import { z } from 'zod'
import { defineCall } from '../contract'
import { messageSchema } from '../messages'
import { stopSaleStatusSchema } from '../stop-sales'
import { syncSummarySchema } from '../sync'
import { positiveId } from './fields'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const count = z.number().int().nonnegative()

/** At most this many nights in one calendar answer (a year and a month: the command line's widest). */
export const CALENDAR_MAX_NIGHTS = 400

/** closed / open as Sedna holds it; closing / opening: the last word is this desk's, waiting to be sent. */
export const nightStateSchema = z.enum(['closed', 'open', 'closing', 'opening'])

/** One notice behind the calendar: a Sedna record (from the mirror) or one of ours not in Sedna yet. */
export const calendarNoticeSchema = z.object({
  /** "sedna:<RecId>" or "local:<id>": unique in the answer, and how the rule breaks ties. */
  key: z.string(),
  source: z.enum(['sedna', 'local']),
  /** Our stop sale (a local notice, or a Sedna record sent or adopted from here); null: only Sedna's. */
  stopSaleId: positiveId.nullable(),
  recId: positiveId.nullable(),
  kind: z.enum(['close', 'open']),
  firstNight: day,
  lastNight: day,
  /** Room type ids, null for all rooms; codes beside them for display ('*' when all). */
  roomTypeIds: z.array(z.number().int()).nullable(),
  roomCodes: z.array(z.string()),
  boardIds: z.array(z.number().int()).nullable(),
  boardCodes: z.array(z.string()),
  /** YYYY-MM-DDTHH:mm:ss ('' when neither Sedna nor the e-mail told). */
  declaredAt: z.string(),
  /** Sedna's RecordUser; for a local notice the account's record user. */
  recordUser: z.string().nullable(),
  /** Our record's status when there is one of ours. */
  status: stopSaleStatusSchema.nullable(),
  /** Sedna's copy of one of ours was changed there (drift): cells it decides are marked. */
  changedInSedna: z.boolean(),
})
export type CalendarNotice = z.infer<typeof calendarNoticeSchema>

export const calendarRowSchema = z.object({
  /** null: the "all rooms" row (what notices naming every room say). */
  roomTypeId: z.number().int().nullable(),
  code: z.string(),
  name: z.string().nullable(),
  states: z.array(nightStateSchema),
  /** Per night: the index in `notices` of the notice that decided it, -1 for none (open). */
  winners: z.array(z.number().int()),
})
export type CalendarRow = z.infer<typeof calendarRowSchema>

export const calendarSchema = z.object({
  profileId: positiveId,
  hotel: z.object({ id: positiveId, name: z.string() }),
  /** YYYY-MM-DD, ascending, every night of [from, to]. */
  nights: z.array(day),
  /** The board the states are for (null: every board counts), and the boards to filter by. */
  board: positiveId.nullable(),
  boards: z.array(z.object({ id: positiveId, code: z.string(), name: z.string().nullable() })),
  rows: z.array(calendarRowSchema),
  /** Every notice touching the hotel in [from, to] (for the board asked), in declaration order. */
  notices: z.array(calendarNoticeSchema),
  /**
   * Our records waiting to be sent that name this hotel but cannot be placed (a room or board code the
   * reference cache does not know): not in the grid, listed with why, so nobody thinks the nights are open.
   */
  unplaced: z.array(z.object({ stopSaleId: positiveId, reason: messageSchema })),
  /** When the mirror was last read (null: never): how old "closed in Sedna" is. */
  mirrorPulledAt: z.string().nullable(),
})
export type Calendar = z.infer<typeof calendarSchema>

/** One stop sale of a preview, as it was when previewed: what the send will check is unchanged. */
export const previewedItemSchema = z.object({ id: positiveId, updatedAt: z.string() })
export type PreviewedItem = z.infer<typeof previewedItemSchema>

export const previewActionSchema = z.enum([
  /** Not in Sedna: phase 1 then phase 2. */
  'create',
  /** The same stop is in Sedna already (the look before the first send would adopt it): nothing written. */
  'adopt',
  /** Has its RecId already: phase 2 goes again on it. */
  'update',
  /** Cannot be sent as it is (unresolved, or the look cannot tell): a person acts first. */
  'blocked',
])

export const previewItemSchema = previewedItemSchema.extend({
  action: previewActionSchema,
  hotelId: positiveId.nullable(),
  hotelName: z.string(),
  kind: z.enum(['close', 'open']),
  firstNight: day,
  lastNight: day,
  /** adopt: the Sedna record adopted; update: ours. */
  recId: positiveId.nullable(),
  /** Sedna records of another scope sharing nights, rooms and boards with this one: which, and the nights. */
  overlap: z.array(z.object({ recId: positiveId, nights: z.array(day) })),
  /** An open-sale: the nights closed in Sedna now that it opens. */
  reopen: z.array(day),
  /** blocked: why. */
  reason: messageSchema.nullable(),
})
export type PreviewItem = z.infer<typeof previewItemSchema>

export const syncPreviewSchema = z.object({
  profileId: positiveId,
  previewedAt: z.string(),
  /** False when Sedna could not be read for some hotel: the mirror alone answered for it. */
  fresh: z.boolean(),
  /** Why not fresh (Sedna unreachable…), for the panel; null when fresh. */
  notice: messageSchema.nullable(),
  /** When the mirror was last read (what answered where no fresh look was made). */
  mirrorPulledAt: z.string().nullable(),
  items: z.array(previewItemSchema),
  create: count,
  adopt: count,
  update: count,
  blocked: count,
  overlap: z.array(z.object({ id: positiveId, recIds: z.array(positiveId), nights: z.array(day) })),
  reopen: z.array(z.object({ id: positiveId, nights: z.array(day) })),
  /** "All pending" also sends these reservations (none for a selection). */
  reservations: z.array(previewedItemSchema),
})
export type SyncPreview = z.infer<typeof syncPreviewSchema>

export const calendarCalls = {
  'calendar.get': defineCall({
    summary:
      "A hotel's nights × room types: closed or open in Sedna, closing or opening here (waiting to be sent), each decided by the notice declared last, with every notice behind it",
    input: z
      .strictObject({
        hotelId: positiveId,
        from: day,
        to: day,
        /** Only notices covering this board count; absent: every notice. */
        board: positiveId.optional(),
        /** The active account unless one is named. */
        profileId: positiveId.optional(),
      })
      .refine((q) => q.from <= q.to, { message: '"from" must not be after "to"', path: ['to'] }),
    output: calendarSchema,
  }),
  'sync.preview': defineCall({
    summary:
      'What a sync of these stop sales (or of everything pending) would do, nothing sent: create, adopt, update, overlap, reopen — from the mirror and a fresh look in Sedna for the hotels concerned',
    input: z.strictObject({ ids: z.array(positiveId).min(1).max(10_000).optional() }),
    output: syncPreviewSchema,
  }),
  'sync.sendPreviewed': defineCall({
    summary:
      'Send exactly what a preview showed: refused, nothing sent, when any of those records changed since (preview again)',
    input: z.strictObject({
      stopSales: z.array(previewedItemSchema).max(10_000),
      reservations: z.array(previewedItemSchema).max(10_000).default([]),
    }),
    output: syncSummarySchema,
  }),
} as const
