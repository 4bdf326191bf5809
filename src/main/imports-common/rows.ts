/** A row's verdict as both kinds of import answer it: where it is in the file, its state, why, and its notes. */
import type { Message } from '../../shared/messages'
import type { ImportRowNote } from '../../shared/imports'
import { rowNote, type TextNote } from '../files/clean-text'

export interface RowVerdict {
  row: number
  line: number | null
  state: 'new' | 'duplicate' | 'invalid'
  reason: Message[]
  attention: Message[]
  notes: ImportRowNote[]
}

/** `notes`: the row's TextNotes, as stored (JSON text) or as read back. */
export function rowVerdict(
  at: { row: number; line: number | null; state: RowVerdict['state'] },
  reason: Message[],
  attention: Message[],
  notes: string | readonly TextNote[] | null | undefined,
): RowVerdict {
  const list = typeof notes === 'string' ? (JSON.parse(notes) as TextNote[]) : (notes ?? [])
  return { row: at.row, line: at.line, state: at.state, reason, attention, notes: list.map(rowNote) }
}
