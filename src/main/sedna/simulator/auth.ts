/**
 * Sessions as ASP.NET hands them out (GUESS, sedna-api.md §2): AgencyLogin sets an
 * `ASP.NET_SessionId` cookie that later calls replay; InsertReservation instead carries
 * username/password in its own query string.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { SimUser } from './types'

export const SESSION_COOKIE = 'ASP.NET_SessionId'

export class Sessions {
  private readonly byId = new Map<string, number>()

  constructor(private readonly users: readonly SimUser[]) {}

  userFor(username: string | null, password: string | null): SimUser | undefined {
    if (username === null || password === null) return undefined
    return this.users.find((u) => u.username === username && u.password === password)
  }

  /** A new session for the operator; returns the Set-Cookie header value. */
  open(operatorId: number): string {
    // ASP.NET session ids are 24 lowercase base-32 characters.
    const id = [...randomBytes(24)].map((b) => 'abcdefghijklmnopqrstuvwxyz012345'[b % 32]).join('')
    this.byId.set(id, operatorId)
    return `${SESSION_COOKIE}=${id}; path=/; HttpOnly`
  }

  /** The operator id of the request's session cookie, or null when absent, unknown or expired. */
  operatorOf(headers: IncomingHttpHeaders): number | null {
    for (const part of (headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=')
      if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue
      const operatorId = this.byId.get(part.slice(eq + 1).trim())
      if (operatorId !== undefined) return operatorId
    }
    return null
  }

  expireAll(): void {
    this.byId.clear()
  }
}
