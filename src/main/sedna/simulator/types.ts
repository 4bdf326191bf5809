/**
 * Public types of the Sedna simulator. Master stop-sale fields keep Sedna's own (PascalCase) names so
 * a test can compare what the client sent with what the simulator stored without a mapping.
 */

export interface SimUser {
  username: string
  password: string
  operatorId: number
}

export interface SeedRoomType {
  id: number
  code: string
  name: string
}
export interface SeedHotel {
  id: number
  name: string
  code: string
  region: string
  /** GetHotelList?isActive=true leaves inactive hotels out. */
  active: boolean
  roomTypes: SeedRoomType[]
}
export interface SeedCoded {
  id: number
  code: string
  name: string
}
/** Reference data the simulator answers with; ids mirror the vendor samples. */
export interface SimSeed {
  operators: SeedCoded[]
  hotels: SeedHotel[]
  boards: SeedCoded[]
  markets: SeedCoded[]
  countries: SeedCoded[]
}

export interface SimulatorOptions {
  /** Default 0 = random; always binds 127.0.0.1. */
  port?: number
  /** Default: [{ username: 'demo', password: 'demo', operatorId: 571 }]. */
  users?: SimUser[]
  /**
   * Default: defaultSeed(). Used as given, not copied: a test may change its reference data while the
   * simulator runs (Sedna's lists changing between two calls of the app).
   */
  seed?: SimSeed
  /** Added to every request (benchmarks), default 0. */
  latencyMs?: number
  /** Response variants the client must tolerate; default bare / RecId / Name. */
  shapes?: {
    lists?: 'bare' | 'wrapped'
    hotelIdField?: 'RecId' | 'HotelId'
    hotelNameField?: 'Name' | 'HotelName'
    /**
     * Fields left out of every item of the look-up lists (GetStopSaleList, …WithUpdateDate,
     * GetReservations, GetReservationByVoucher; not reference data): real answers are unseen, so a
     * client must survive each one missing. Default: none.
     */
    omitFields?: OmittableField[]
  }
  /** First stop-sale RecId issued, default 823259 (the vendor's phase-2 sample id). */
  firstRecId?: number
  /** The simulator's clock (ms since epoch), default Date.now: lets a test create on one day and edit on another. */
  clock?: () => number
}

export type OmittableField = 'DeclareDate' | 'RecordUser' | 'SourceId' | 'RecId'

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'http-500' }
  | {
      kind: 'status'
      status: 401 | 408 | 429 | 502 | 503 | 504
      retryAfterSeconds?: number
      /** The Retry-After header exactly as given (an HTTP date, garbage…); wins over retryAfterSeconds. */
      retryAfter?: string
    }
  /**
   * Web API refuses the request with a 4xx and its JSON error body (400 with ModelState, 403, 404 with
   * MessageDetail, 409): nothing is applied, and sending it again changes nothing.
   */
  | { kind: 'refused'; status: 400 | 403 | 404 | 409; message?: string }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'truncated' }
  | { kind: 'non-json' }
  | { kind: 'error-type'; errorType?: number; message?: string }
  | { kind: 'drop-response' }
  /** The call is applied at once; its (real) answer is sent `ms` later — a reply lost in a slow network. */
  | { kind: 'late-answer'; ms: number }
  /** Web API's 404, quoting the request URI decoded (credentials in the query included), as an unknown route does. */
  | { kind: 'not-found' }
  /** The call is applied, then answered 200 with `bytes` bytes (a JSON list of filler records), streamed. */
  | { kind: 'huge'; bytes: number; contentLength?: boolean }
  /** The call is applied, then answered 200 with one space every `intervalMs`, never ending. */
  | { kind: 'drip'; intervalMs: number }

export interface FaultRule {
  /** Action path, case-insensitive, without base and 'api/': e.g. 'Contract/UpdateStopSale'. */
  path: string
  /** 1-based call numbers of that path (counted since start/reset) to hit; omitted = every call. */
  calls?: number[]
  fault: Fault
}

export interface SimStopSaleChildren {
  rooms: number[]
  operators: number[]
  boards: number[]
  markets: number[]
}

export interface SimStopSale {
  RecId: number
  HotelId: number
  BeginDate: string
  EndDate: string
  DeclareDate: string | null
  Active: number
  RecordUser: string | null
  RecordSource: number
  StopType: number
  Authority: number
  RoomRemark: string | null
  OperatorRemark: string | null
  BoardRemark: string | null
  State: number
  children: SimStopSaleChildren
  /** ISO timestamps: creation (phase 1) and last write. */
  createdAt: string
  updatedAt: string
}

export interface SimReservation {
  RecId: number
  /** The `voucherNo` query parameter of the InsertReservation call. */
  voucher: string
  /** The element's SourceId (null when the element had none: then no de-duplication). */
  SourceId: string | null
  OperatorId: number
  status: 'active' | 'cancelled'
  /** The array element exactly as sent (then as edited in Sedna's screens). */
  element: Record<string, unknown>
  /** Who entered it by hand in Sedna's screens; null for InsertReservation. */
  RecordUser: string | null
  createdAt: string
  /** Last change: insert, cancel or an edit in Sedna's screens. */
  updatedAt: string
  cancelledAt: string | null
}

export interface SimRequest {
  method: string
  /** URL path as received (no query). */
  path: string
  query: Record<string, string>
  body: string
  /** Status sent; 0 when no response reached the client (reset, hang, drop-response). */
  status: number
  /** Arrival time, ms since epoch. */
  at: number
  /** When the whole answer was handed to the socket (ms since epoch); absent when none was sent. */
  answeredAt?: number
}

export interface Simulator {
  /** Base URL WITHOUT trailing /api, e.g. http://127.0.0.1:PORT/SednaAgencyb2bApi */
  readonly url: string
  readonly port: number
  addFault(rule: FaultRule): void
  clearFaults(): void
  /** Every issued session cookie becomes invalid (tests the 401 → re-login path). */
  expireSessions(): void
  /** Deep copies, with children. */
  stopSales(): SimStopSale[]
  reservations(): SimReservation[]
  requests(): SimRequest[]
  /** Test-only: what people do in Sedna's own screens, beside the API. */
  readonly ui: SednaUi
  /** Clears records, sessions, faults, request log and call counters; keeps seed and users. */
  reset(): void
  /** Also ends hanging connections. */
  close(): Promise<void>
}

/** Master fields and children a person can change on a stop sale in Sedna's screens. */
export interface SimStopSaleEdit {
  HotelId?: number
  /** `YYYY-MM-DD` or `YYYY-MM-DDT00:00:00`, as the API takes them. */
  BeginDate?: string
  EndDate?: string
  DeclareDate?: string | null
  Active?: number
  StopType?: number
  Authority?: number
  State?: number
  /** Given: kept as given. Not given while that child list changes: rebuilt from the codes (GUESS). */
  RoomRemark?: string | null
  OperatorRemark?: string | null
  BoardRemark?: string | null
  /** Each list given replaces that list; an empty list means "all", as on the API. */
  children?: Partial<SimStopSaleChildren>
}

/** A stop sale typed in by hand: hotel and nights required, the rest defaults as the API's samples. */
export interface SimStopSaleEntry extends SimStopSaleEdit {
  HotelId: number
  BeginDate: string
  EndDate: string
}

/** Element fields a person can change on a reservation in Sedna's screens. */
export interface SimReservationEdit {
  HotelId?: number
  /** `YYYY-MM-DD`, as InsertReservation takes them. */
  CheckinDate?: string
  CheckOutDate?: string
  RoomTypeId?: number
  BoardId?: number
  Adult?: number
  Child?: number
}

/** A reservation typed in by hand: the element as InsertReservation would carry it. */
export interface SimReservationEntry {
  voucher: string
  /** Must carry OperatorId and HotelId; SourceId only if the person typed one (usually none). */
  element: Record<string, unknown>
}

/**
 * Sedna's own screens, for tests: other people of the same account change the shared record behind
 * the app's back. Every change moves the record's update date to the clock's now, strictly later than
 * before; the creation date stays. Unknown ids and invalid references throw (a test's mistake).
 * Each method returns a deep copy of the record as it now is.
 */
export interface SednaUi {
  editStopSale(recId: number, changes: SimStopSaleEdit): SimStopSale
  /** Gone from every list (a hard delete; a soft one is `editStopSale(id, { State: 0 })`). */
  deleteStopSale(recId: number): void
  /** Entered by `user` (its RecordUser), RecId from the API's sequence. */
  enterStopSale(user: string, entry: SimStopSaleEntry): SimStopSale
  editReservation(recId: number, changes: SimReservationEdit): SimReservation
  /** Cancelled in the screens: the same state as CancelReservationBySourcId leaves. */
  cancelReservation(recId: number): SimReservation
  deleteReservation(recId: number): void
  enterReservation(user: string, entry: SimReservationEntry): SimReservation
}
