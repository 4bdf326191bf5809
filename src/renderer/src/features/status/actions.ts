/**
 * What staff may do with a record — send it (Sync), fix it in place, cancel it, try it now. Main
 * decides (shared/record-actions.ts) and sends the answer with every list row and detail (`actions`);
 * the screens show only the buttons it names.
 */
import type { RecordAction } from '../../../../shared/record-actions'

export const allows = (record: { actions: readonly RecordAction[] }, action: RecordAction): boolean =>
  record.actions.includes(action)
