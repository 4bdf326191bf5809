/** A request made to Sedna for a record, as its history shows it: the stored message as a code. */
import { asc, eq } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Message } from '../../shared/messages'
import type { Db } from '../db/database'
import type { MessageParams } from '../../shared/result'
import { storedMessage } from './stored-message'

interface StoredAttempt {
  message: string | null
  messageCode: string | null
  messageParams: MessageParams | null
}

export function attemptView<A extends StoredAttempt>(
  a: A,
): Omit<A, 'message' | 'messageCode' | 'messageParams'> & { message: Message | null } {
  const { message, messageCode, messageParams, ...rest } = a
  return { ...rest, message: storedMessage(messageCode, messageParams, message) }
}

/** The request as sent: the phase's last successful one, else its last one with a body. */
export function lastSent<A extends { phase: string; outcome: string; requestBody: string | null }>(
  attempts: readonly A[],
  phase: string,
): A | undefined {
  const withBody = attempts.filter((a) => a.phase === phase && a.requestBody !== null)
  return withBody.findLast((a) => a.outcome === 'ok') ?? withBody[withBody.length - 1]
}

/** The stored attempts of one record (`fk` = its id), oldest first, as rows of their table. */
export function storedAttempts<T extends SQLiteTable & { id: SQLiteColumn }>(
  db: Db,
  table: T,
  fk: SQLiteColumn,
  id: number,
): T['$inferSelect'][] {
  return db.select().from(table).where(eq(fk, id)).orderBy(asc(table.id)).all() as T['$inferSelect'][]
}
