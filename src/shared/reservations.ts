/**
 * Reservations (Juniper booking e-mails and vouchers, parsed) on their way to Sedna's InsertReservation:
 * the records, what they resolve to, their import and their detail, as the IPC contract carries them.
 * (Sync summaries and the cancel answer are in sync.ts, which imports from here.)
 */
import { z } from 'zod'
import { messageSchema } from './messages'
import { attemptSchema, importRefSchema, recordAccountSchema, recordActionSchema, sendingFields } from './records'
import { reservationSortColumns, reservationStatuses, sednaTitles } from './reservation-basics'
import { commonUnresolvedSchemas } from './resolution'
import { importPreviewBaseSchema, importResultSchema, importRowBaseSchema, importRowStateSchema } from './imports'

export { reservationSortColumns, reservationStatuses, sednaTitles, stayNights } from './reservation-basics'

export const reservationStatusSchema = z.enum(reservationStatuses)
export type ReservationStatus = z.infer<typeof reservationStatusSchema>
export const reservationSortColumnSchema = z.enum(reservationSortColumns)
export type ReservationSortColumn = z.infer<typeof reservationSortColumnSchema>
export const sednaTitleSchema = z.enum(sednaTitles)

const isoDate = z.iso.date()
const id = z.number().int().positive()

/** One guest as imported: names as received (sent upper-cased), the title as Sedna spells it. */
const nameText = z.string()
const givenOrNot = z.string().nullable()

export const reservationGuestSchema = z.object({
  /** Sedna's title (Mr, Mrs, Chd, Inf, Grp), decided at import from the title given or the age. */
  title: sednaTitleSchema,
  /** The title exactly as the file gave it (null when it gave none). */
  titleAsReceived: givenOrNot,
  firstName: nameText,
  lastName: nameText,
  birthDate: isoDate.nullable(),
  passportNo: givenOrNot,
  /** Nationality as received (a code like "UA" or a name like "Ukrayna"); resolved to a Sedna country id. */
  nationality: givenOrNot,
})
export type ReservationGuest = z.infer<typeof reservationGuestSchema>

/** What could not be turned into a Sedna id: exactly what a person has to map. */
export const reservationUnresolvedSchema = z.discriminatedUnion('kind', [
  ...commonUnresolvedSchemas,
  /** A guest's nationality as received that matches no country in Sedna's list (GetCountrys). */
  z.object({ kind: z.literal('nationality'), value: z.string() }),
  /** Nationalities are given but no country is cached yet (refresh the reference data). */
  z.object({ kind: z.literal('countries-unknown') }),
])
export type ReservationUnresolved = z.infer<typeof reservationUnresolvedSchema>

export const reservationResolutionSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    hotelId: id,
    roomTypeId: id,
    boardId: id,
    /** Sedna's own codes for those ids (for display). */
    roomCode: z.string(),
    boardCode: z.string(),
    /** Every distinct nationality of the guests as received → Sedna's country (id and name). */
    nationalities: z.array(z.object({ value: z.string(), countryId: id, name: z.string() })),
  }),
  z.object({ ok: z.literal(false), unresolved: z.array(reservationUnresolvedSchema).min(1) }),
])
export type ReservationResolution = z.infer<typeof reservationResolutionSchema>

/** A reservation as the list shows it. */
export const reservationSchema = z.object({
  id,
  status: reservationStatusSchema,
  voucherNo: z.string(),
  hotelName: z.string(),
  hotelId: id.nullable(),
  checkIn: isoDate,
  checkOut: isoDate,
  nights: z.number().int().positive(),
  roomCode: z.string(),
  boardCode: z.string(),
  adults: z.number().int().nonnegative(),
  children: z.number().int().nonnegative(),
  /** adults + children */
  pax: z.number().int().nonnegative(),
  guestCount: z.number().int().nonnegative(),
  /** "LASTNAME FIRSTNAME"-style name of the first guest, for the list. */
  leadGuest: z.string().nullable(),
  totalPrice: z.number().nullable(),
  currency: z.string().nullable(),
  sourceEmailId: z.string().nullable(),
  /** The app's own id for it in Sedna (InsertReservation SourceId; the handle for cancelling). */
  sourceId: z.string(),
  sednaRecId: id.nullable(),
  /** Why it is not (yet) in Sedna: the last failure or what it lacks, as a code with parameters. */
  lastError: messageSchema.nullable(),
  lastAttemptAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  /** When the guests' names, birth dates and passport numbers were removed (retention after check-out). */
  guestDataPurgedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What a person may do with it now (sync, fix, cancel, tryNow). */
  actions: z.array(recordActionSchema),
})
export type Reservation = z.infer<typeof reservationSchema>

export const reservationListOutputSchema = z.object({
  rows: z.array(reservationSchema),
  total: z.number().int().nonnegative(),
  countsByStatus: z.record(reservationStatusSchema, z.number().int().nonnegative()),
})

/** Every stored field a person may ask about. */
export const reservationRecordSchema = reservationSchema.extend({
  ...sendingFields,
  guests: z.array(reservationGuestSchema),
  saleDate: isoDate.nullable(),
  /** The OperatorId it was sent with (the same is used to cancel it). */
  operatorId: id.nullable(),
  sendStartedAt: z.string().nullable(),
  cancelRequestedAt: z.string().nullable(),
})
export type ReservationRecord = z.infer<typeof reservationRecordSchema>

/**
 * One request made to Sedna for a reservation (bodies and URL redacted before they were stored); its phase
 * is send (InsertReservation), lookup (GetReservations / GetReservationByVoucher), cancel, login or resolve.
 */
export const reservationAttemptSchema = attemptSchema.extend({
  /** Method and URL as sent, credentials redacted (InsertReservation carries them in the query). */
  url: z.string().nullable(),
})
export type ReservationAttempt = z.infer<typeof reservationAttemptSchema>

/** The InsertReservation request: as sent (stored with the attempt), or as it would be sent now. */
export const reservationPayloadSchema = z.object({
  source: z.enum(['sent', 'preview', 'unavailable']),
  /** e.g. "POST …/api/Integratiion/InsertReservation?username=demo&password=***&voucherNo=JUN2024001" */
  url: z.string().nullable(),
  /** The JSON array body (one element per room), byte for byte as sent when source is 'sent'. */
  body: z.string().nullable(),
  attemptId: id.nullable(),
  sentAt: z.string().nullable(),
  outcome: z.string().nullable(),
  /** Why it cannot be built yet (unavailable). */
  message: messageSchema.nullable(),
})
export type ReservationPayload = z.infer<typeof reservationPayloadSchema>

// ---- Sedna's version (#14: Sedna is the record the desks share) ---------------------------------

/** What is compared between ours and a reservation Sedna lists for the same voucher ('state': it is cancelled). */
export const sednaReservationFields = ['hotel', 'checkIn', 'checkOut', 'room', 'board', 'pax', 'state'] as const
const intOrNull = z.number().int().nullable()

/**
 * A reservation as Sedna listed it for this voucher and operator (GetReservations or GetReservationByVoucher;
 * its fields are GUESSES, read leniently: null = not listed).
 */
export const sednaReservationSchema = z.object({
  recId: id.nullable(),
  voucherNo: z.string().nullable(),
  sourceId: z.string().nullable(),
  hotelId: intOrNull,
  hotelName: z.string().nullable(),
  checkIn: z.string().nullable(),
  checkOut: z.string().nullable(),
  roomTypeId: intOrNull,
  boardId: intOrNull,
  adults: intOrNull,
  children: intOrNull,
  /** Its state as Sedna said it (e.g. "Active", "Cancelled"). */
  state: z.string().nullable(),
  cancelled: z.boolean(),
  /** Who entered it in Sedna's own screens (null when it came through the API). */
  recordUser: z.string().nullable(),
  /** Where it differs from ours. Hotel and dates must be listed to be the same; room, board and pax are compared when listed. */
  differs: z.array(z.enum(sednaReservationFields)),
  /** Already the Sedna reservation of another reservation of this app. */
  linked: z.boolean(),
})
export type SednaReservation = z.infer<typeof sednaReservationSchema>

/** What the look before the first send found (stored as reservations.sedna_found). */
export const sednaReservationFoundSchema = z.object({
  seenAt: z.string(),
  /** adopted: the same booking, its RecId taken (nothing booked); review: a person compares and decides. */
  outcome: z.enum(['adopted', 'review']),
  reservations: z.array(sednaReservationSchema),
  /**
   * A person chose "send ours anyway" then: the next look ignores the versions above as they were seen
   * (it never parks again for them), but still notices one that appeared or changed since.
   */
  sendAnywayAt: z.string().nullable(),
})
export type SednaReservationFound = z.infer<typeof sednaReservationFoundSchema>

/** Ours, as compared with Sedna's: the ids it is (or would be) sent with. */
export const ourReservationSchema = z.object({
  voucherNo: z.string(),
  sourceId: z.string(),
  hotelId: id.nullable(),
  hotelName: z.string(),
  checkIn: isoDate,
  checkOut: isoDate,
  roomTypeId: id.nullable(),
  roomCode: z.string(),
  boardId: id.nullable(),
  boardCode: z.string(),
  adults: z.number().int().nonnegative(),
  children: z.number().int().nonnegative(),
  status: reservationStatusSchema,
  recId: id.nullable(),
})

export const reservationDetailSchema = z.object({
  record: reservationRecordSchema,
  /**
   * Ours beside Sedna's (null: the look before the first send found nothing). `canSendAnyway`: the look
   * parked it for a person, who may send ours anyway (Sync) or cancel it here.
   */
  sednaVersion: z
    .object({
      ours: ourReservationSchema,
      found: sednaReservationFoundSchema.nullable(),
      canSendAnyway: z.boolean(),
    })
    .nullable(),
  /** The account a fix applies to (and the next Sync uses). */
  account: recordAccountSchema,
  import: importRefSchema.nullable(),
  resolution: z.object({
    /** stored: sent with (or parked with); resolved-now: resolved for display, not stored; unavailable: no account. */
    source: z.enum(['stored', 'resolved-now', 'unavailable']),
    profileId: id.nullable(),
    resolution: reservationResolutionSchema.nullable(),
    message: messageSchema.nullable(),
  }),
  payload: reservationPayloadSchema,
  attempts: z.array(reservationAttemptSchema),
})
export type ReservationDetail = z.infer<typeof reservationDetailSchema>

// ---- import ------------------------------------------------------------------------------------

export const reservationImportRowStateSchema = importRowStateSchema

export const reservationImportPreviewSchema = importPreviewBaseSchema
export type ReservationImportPreview = z.infer<typeof reservationImportPreviewSchema>

export const reservationImportRowSchema = importRowBaseSchema.extend({
  voucherNo: z.string().nullable(),
  hotelName: z.string().nullable(),
  checkIn: z.string().nullable(),
  checkOut: z.string().nullable(),
  roomCode: z.string().nullable(),
  boardCode: z.string().nullable(),
  adults: z.number().int().nullable(),
  children: z.number().int().nullable(),
  guests: z.array(reservationGuestSchema),
})
export type ReservationImportRow = z.infer<typeof reservationImportRowSchema>

export const reservationImportResultSchema = importResultSchema.extend({
  /** Ids of the reservations created (in file order). */
  ids: z.array(id),
})
export type ReservationImportResult = z.infer<typeof reservationImportResultSchema>

/** A country (nationality) in a profile's cached reference data, for a picker. */
export const countryOptionSchema = z.object({
  id,
  name: z.string(),
  code: z.string().nullable(),
  /** The query matched the code or the folded name exactly. */
  exact: z.boolean(),
})
export type CountryOption = z.infer<typeof countryOptionSchema>
