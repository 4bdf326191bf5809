/**
 * Drift (issue #14 item 3): a stop sale sent from here whose copy in Sedna was changed or deleted there,
 * as the pulls of the mirror see it. Sedna's version beside ours, the person's two choices (accept
 * Sedna's version, send ours again), and `reconcile` (a full read of Sedna, then the comparison).
 */
import { z } from 'zod'
import { defineCall } from '../contract'
import { message, type Message } from '../messages'
import { driftFields } from '../sedna-records'
import { stopSaleSchema } from '../stop-sales'
import { positiveId } from './fields'

/** What "accept Sedna's version" made of a record: its history line, and the command line's answer. */
export function acceptedMessage(
  recId: number,
  v: {
    kind: string
    firstNight: string
    lastNight: string
    roomCodes: readonly string[]
    boardCodes: readonly string[]
    allRooms: boolean
    allBoards: boolean
  },
): Message {
  return message('drift.accepted', {
    recId,
    kind: v.kind,
    from: v.firstNight,
    to: v.lastNight,
    roomScope: v.allRooms ? 'all' : 'some',
    rooms: v.roomCodes.join(', '),
    boardScope: v.allBoards ? 'all' : 'some',
    boards: v.boardCodes.join(', '),
  })
}

/**
 * One compared field as display text, language-free: nights YYYY-MM-DD; kind `close`/`open` (another
 * StopType as its number); rooms and boards the codes, comma-separated, `*` for all of them, '' for none
 * listed; state Sedna's State (1 = in force).
 */
export const driftFieldSchema = z.object({
  field: z.enum(driftFields),
  ours: z.string(),
  sedna: z.string(),
})

/** A Sedna record the look before the first send found and adopted: who recorded it, and when. */
export const sednaFoundSchema = z.object({
  recId: positiveId,
  recordUser: z.string().nullable(),
  declareDate: z.string().nullable(),
  recordDate: z.string().nullable(),
  adoptedAt: z.string(),
})

/** Sedna's copy of a stop sale as the mirror last read it, field by field beside ours. */
export const sednaVersionSchema = z.object({
  recId: positiveId,
  /** When a pull last read it (the app's clock, ISO). */
  pulledAt: z.string(),
  /** When a full pull no longer found it (deleted in Sedna); null while it is there. */
  goneAt: z.string().nullable(),
  recordUser: z.string().nullable(),
  declareDate: z.string().nullable(),
  recordDate: z.string().nullable(),
  updateDate: z.string().nullable(),
  /**
   * Read before this record was last sent or adopted: it may not show what was sent (the next pull
   * will), so its differences are not flagged.
   */
  stale: z.boolean(),
  /** Every compared field: `sedna` null where Sedna's answer did not say. */
  fields: z.array(
    z.object({
      field: z.enum(driftFields),
      ours: z.string(),
      sedna: z.string().nullable(),
      differs: z.boolean(),
    }),
  ),
})
export type SednaVersion = z.infer<typeof sednaVersionSchema>

const changedInSedna = z.object({ id: positiveId, recId: positiveId, fields: z.array(driftFieldSchema) })
const missingInSedna = z.object({ id: positiveId, recId: positiveId })

export const reconcileResultSchema = z.object({
  profileId: positiveId,
  pullId: positiveId,
  /** Distinct records Sedna listed in the full pull. */
  pulled: z.number().int().nonnegative(),
  /** Stop sales of this account found already in Sedna before their first send (linked, nothing written). */
  adopted: z.number().int().nonnegative(),
  changedInSedna: z.array(changedInSedna),
  missingInSedna: z.array(missingInSedna),
})
export type ReconcileResult = z.infer<typeof reconcileResultSchema>

export const driftCalls = {
  'stopSales.acceptSedna': defineCall({
    summary:
      "Accept Sedna's version of a stop sale changed there: the record here follows it (nights, kind, rooms, boards) and is synced again; the history says what was taken",
    input: z.strictObject({ id: positiveId }),
    output: stopSaleSchema,
  }),
  'stopSales.sendOursAgain': defineCall({
    summary:
      'Send ours again: a stop sale changed in Sedna goes back to the queue for phase 2 on the same RecId; one deleted there is created anew, only with confirm: true. Sync (or the queue) then sends it',
    input: z.strictObject({ id: positiveId, confirm: z.boolean().optional() }),
    output: stopSaleSchema,
  }),
  'stopSales.reconcile': defineCall({
    summary:
      "A full read of Sedna's stop sales, then every stop sale sent from here compared with its copy there: what changed in Sedna and what is no longer there",
    input: z.strictObject({ profileId: positiveId.optional() }),
    output: reconcileResultSchema,
  }),
} as const
