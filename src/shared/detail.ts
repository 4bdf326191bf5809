import { z } from 'zod'
import { driftFieldSchema, sednaFoundSchema, sednaVersionSchema } from './contracts/drift'
import { messageSchema } from './messages'
import { importRefSchema, recordAccountSchema, sendingFields } from './records'
import { resolutionSchema } from './resolution'
import { stopSaleSchema } from './stop-sales'
import { syncAttemptSchema } from './sync'

/** The stop sale as imported and as the sync engine keeps it: every stored field a person may ask about. */
export const stopSaleRecordSchema = stopSaleSchema.extend({
  ...sendingFields,
  /** Nights covered, both ends inclusive. */
  nights: z.number().int().positive(),
  sourceEmailId: z.string().nullable(),
  /** Exactly the DeclareDate sent in phase 1; null before phase 1. */
  declareDate: z.string().nullable(),
  phase1SentAt: z.string().nullable(),
  /** Found already in Sedna by the look before its first send and adopted: who recorded it there, and when. */
  sednaFound: sednaFoundSchema.nullable(),
  /** changed_in_sedna: the fields in which Sedna's copy differs, as the last pull saw them. */
  drift: z.array(driftFieldSchema),
})
export type StopSaleRecord = z.infer<typeof stopSaleRecordSchema>

/** What the record resolves to in Sedna's ids, and where that answer comes from. */
export const detailResolutionSchema = z.object({
  /**
   * stored: what the sync engine stored (sent with phase 1, or why it was parked);
   * resolved-now: nothing stored yet, resolved just now against the reference cache (not stored);
   * unavailable: nothing stored and no Sedna account to resolve with.
   */
  source: z.enum(['stored', 'resolved-now', 'unavailable']),
  /** The account whose reference data it was resolved with. */
  profileId: z.number().int().positive().nullable(),
  resolution: resolutionSchema.nullable(),
  /** For staff: what is missing, or why there is no resolution. */
  message: messageSchema.nullable(),
})
export type DetailResolution = z.infer<typeof detailResolutionSchema>

export const syncPhaseSchema = z.enum(['phase1', 'phase2'])

/** The body of one phase of Sedna's two-phase save (UpdateStopSale). */
export const phasePayloadSchema = z.object({
  phase: syncPhaseSchema,
  /**
   * sent: exactly the request body stored with the attempt (credentials redacted);
   * preview: built now with the payload builder from the record, its resolution and its account;
   * unavailable: cannot be built yet (see message).
   */
  source: z.enum(['sent', 'preview', 'unavailable']),
  /** The JSON text of the body (as sent, byte for byte, when source is 'sent'). */
  body: z.string().nullable(),
  /** The attempt the body was taken from (source 'sent'). */
  attemptId: z.number().int().positive().nullable(),
  sentAt: z.string().nullable(),
  outcome: z.string().nullable(),
  /**
   * Phase 2 previewed before Sedna assigned the RecId: RecId and every StopSaleId read
   * "<RecId from phase 1>" instead of a number.
   */
  recIdPending: z.boolean(),
  /** Why it cannot be built yet (unavailable), or what to know about the preview. */
  message: messageSchema.nullable(),
})
export type PhasePayload = z.infer<typeof phasePayloadSchema>

/** Everything the detail screen shows about one stop sale. */
export const stopSaleDetailSchema = z.object({
  record: stopSaleRecordSchema,
  /** The account a fix applies to (and the next Sync uses). */
  account: recordAccountSchema,
  import: importRefSchema.nullable(),
  resolution: detailResolutionSchema,
  payloads: z.object({ phase1: phasePayloadSchema, phase2: phasePayloadSchema }),
  /** Every request made to Sedna for it, oldest first (as stopSales.attempts). */
  attempts: z.array(syncAttemptSchema),
  /** Sedna's copy of it as the mirror last read it, beside ours; null before any pull read its RecId. */
  sednaVersion: sednaVersionSchema.nullable(),
})
export type StopSaleDetail = z.infer<typeof stopSaleDetailSchema>

/** Placeholder for the RecId in a phase-2 preview made before phase 1 was answered. */
export const REC_ID_PLACEHOLDER = '<RecId from phase 1>'
