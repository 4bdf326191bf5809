/** What one item's turn through the outbox came to, for either kind (stop sale or reservation). */
import type { Message } from '../../shared/messages'

export type ItemOutcome =
  | { kind: 'synced'; recId: number }
  | { kind: 'cancelled' }
  | { kind: 'retry'; offline: boolean; message: Message }
  | { kind: 'attention'; credentials: boolean; message: Message }
  | { kind: 'review'; message: Message }
  | { kind: 'failed'; message: Message }
  | { kind: 'lost-claim' }

/** Test hook: named points of the state machines (the crash tests kill the process there). */
export type CheckpointName =
  | 'before-phase1'
  | 'phase1-answered'
  | 'recid-stored'
  | 'phase2-sent'
  | 'phase2-answered'
  | 'reservation-before-send'
  | 'reservation-send-answered'
  | 'reservation-recid-stored'
