/**
 * How long a claim on an item lasts: longer than the longest turn the item can take talking to Sedna,
 * derived from the client's deadlines, so that no other process takes an item while a call of its turn
 * may still be out.
 */
import { DEFAULT_LIMITS } from '../sedna/client'

/**
 * The most requests one item's turn can make, by kind (each bounded by its deadline in the client).
 * Every authenticated call is at most: a login (the session was dropped), the request, a re-login
 * after a 401, the request again.
 * - a stop sale: a login for the operator id, then the look-up (one list call), phase 1 and phase 2;
 * - a reservation: a login, the look-up (GetReservations, then GetReservationByVoucher when that is
 *   missing), InsertReservation (its own query credentials: no login), and the look-up again after a
 *   refusal;
 * - a cancel: the cancel call, then the look-up.
 * A new call in a turn must be counted here (sedna-network.test.ts runs the worst turns and checks).
 */
export const TURN_REQUESTS = {
  stopSale: { logins: 1 + 3 * 2, writes: 2 * 2, lists: 1 * 2 },
  reservation: { logins: 1 + 4 * 2, writes: 1, lists: 4 * 2 },
  cancel: { logins: 3 * 2, writes: 1 * 2, lists: 2 * 2 },
} as const

/** A login and InsertReservation first read the password from the keychain, which answers within 5 s (credentials.ts). */
export const KEYCHAIN_READ_MS = 5_000

/** The longest one turn can take talking to Sedna, from the client's default deadlines. */
export const LONGEST_TURN_MS = Math.max(
  ...Object.values(TURN_REQUESTS).map(
    (t) =>
      (t.logins + t.writes) * (DEFAULT_LIMITS.write.deadlineMs + KEYCHAIN_READ_MS) +
      t.lists * DEFAULT_LIMITS.list.deadlineMs,
  ),
)

/**
 * A claim outlives the longest turn (about 27 min; 2 min more for the turn's own SQLite writes, each
 * within the 5 s busy timeout): no other process can take an item while a call of its turn may still
 * be out. A crashed owner's claims are free at once anyway (the pid check), so a long lease costs
 * nothing in the usual case.
 */
export const LEASE_MS = LONGEST_TURN_MS + 2 * 60_000
