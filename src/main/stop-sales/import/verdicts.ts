/**
 * The verdict of each record of a stop-sale file — will import, duplicate (of a stored stop sale, or of
 * an earlier row of the file), invalid — and, when a Sedna account is set up, whether it will need a
 * mapping. Records are judged in batches: one look-up of the batch's keys among the stored stop sales
 * and the file's earlier rows, then one transaction staging them (TEMP only: the database stays free).
 */
import type Database from 'better-sqlite3'
import { message, type Message } from '../../../shared/messages'
import { wordMessage } from '../../../shared/messages/word'
import type { ProfileRow } from '../../db/schema'
import type { Db } from '../../db/database'
import { memoByText } from '../../files/memo'
import { unresolvedMessage } from '../../reference/unresolved'
import { hotelKeyOf } from '../hotel-keys'
import { resolveStopSale } from '../resolve'
import type { CanonicalStopSale, RowResult } from './canonical'
import { dedupeKey, duplicateOf, type Declaration } from './dedupe'
import { FILE_ROW_IDS, type Stage, type StagedAttention } from './stage'

const RESOLVE_MEMO_LIMIT = 10_000

/** One record of the file waiting for its verdict; `notes`: its TextNotes as JSON, or null. */
type Pending =
  | { row: number; line: number | null; ok: false; reasons: string; notes: string | null }
  | {
      row: number
      line: number | null
      ok: true
      s: CanonicalStopSale
      key: string
      hotelKey: string
      notes: string | null
    }

export interface Counts {
  rows: number
  stopSales: number
  newCount: number
  duplicates: number
  invalid: number
  needsAttention: number
}

export interface Verdicts {
  readonly counts: Counts
  /** Records whose text had control characters removed (not stored: the preview's answer only). */
  readonly textCleaned: number
  /** Takes a batch of the reader's records; judges and stages whenever a batch is full. */
  add(records: readonly RowResult[]): void
  /** Judges and stages what is still waiting. */
  flush(): void
}

/** Why a row is a duplicate: of a stored stop sale, or of an earlier row of this file. */
export function duplicateReason(d: Declaration): Message {
  return d.id < FILE_ROW_IDS ? message('import.duplicateOf', { id: d.id }) : message('import.sameAsEarlierRow')
}

export function createVerdicts(deps: {
  db: Db
  sqlite: Database.Database
  stage: Stage
  profile: ProfileRow | undefined
  batchSize: number
  /** Past this many distinct keys in the file, the stage gets an index instead of the in-memory map. */
  fileKeysLimit: number
  onFlush(counts: Counts): void
}): Verdicts {
  const { db, stage, profile } = deps
  const storedByKeys = deps.sqlite.prepare<[string], Declaration & { key: string }>(
    `select id, kind, source_message_id as messageId, source_received_at as receivedAt, dedupe_key as key
       from stop_sales where dedupe_key in (select value from json_each(?))`,
  )
  const memo = new Map<string, StagedAttention | null>()
  const attentionFor = (s: CanonicalStopSale): StagedAttention | null => {
    if (!profile) return null
    const k = JSON.stringify([s.hotelName, s.hotelId, s.roomCodes, s.boardCodes])
    let v = memo.get(k)
    if (v === undefined) {
      const r = resolveStopSale(db, profile, s)
      const m = r.ok ? null : unresolvedMessage(r.unresolved)
      v = m && { text: wordMessage(m), code: m.code, params: m.params ? JSON.stringify(m.params) : null }
      if (memo.size >= RESOLVE_MEMO_LIMIT) memo.clear()
      memo.set(k, v)
    }
    return v
  }
  // Names repeat (a season's rows come from a few hundred hotels): fold each once.
  const hotelKeyFor = memoByText(hotelKeyOf)

  const counts: Counts = { rows: 0, stopSales: 0, newCount: 0, duplicates: 0, invalid: 0, needsAttention: 0 }
  let textCleaned = 0
  let seq = 0
  let pending: Pending[] = []
  // This file's will-import rows by key (their stage seqs), so that a repeated key finds its earlier
  // rows without an index on the stage. Past fileKeysLimit keys the stage is indexed instead.
  const fileKeys = new Map<string, number[]>()
  let keysIndexed = false
  const lookup = (
    stmt: Database.Statement<[string], Declaration & { key: string }>,
    args: (string | number)[],
    into: Map<string, Declaration[]>,
  ) => {
    if (!args.length) return
    for (const { key, ...declaration } of stmt.all(JSON.stringify(args))) {
      const list = into.get(key)
      if (list) list.push(declaration)
      else into.set(key, [declaration])
    }
  }

  const judgeAndStage = deps.sqlite.transaction((batch: Pending[]) => {
    const keys = [...new Set(batch.flatMap((p) => (p.ok ? [p.key] : [])))]
    const known = new Map<string, Declaration[]>()
    lookup(storedByKeys, keys, known)
    if (keysIndexed) lookup(stage.byKeys, keys, known)
    else
      lookup(
        stage.bySeqs,
        keys.flatMap((k) => fileKeys.get(k) ?? []),
        known,
      )
    for (const p of batch) {
      seq++
      if (!p.ok) {
        stage.put(seq, p, 'invalid', p.reasons, null, null)
        continue
      }
      const { s, key } = p
      const list = known.get(key) ?? []
      const dup = duplicateOf(s, list)
      const attention = dup ? null : attentionFor(s)
      if (dup) counts.duplicates++
      else {
        counts.newCount++
        if (attention) counts.needsAttention++
        list.push({ id: FILE_ROW_IDS + seq, kind: s.kind, messageId: s.messageId, receivedAt: s.receivedAt })
        known.set(key, list)
        if (!keysIndexed) {
          const seqs = fileKeys.get(key)
          if (seqs) seqs.push(seq)
          else fileKeys.set(key, [seq])
        }
      }
      stage.put(seq, p, dup ? 'duplicate' : 'new', dup ? JSON.stringify([duplicateReason(dup)]) : null, attention, {
        dedupeKey: key,
        hotelName: s.hotelName,
        hotelId: s.hotelId,
        roomCodes: JSON.stringify(s.roomCodes),
        boardCodes: JSON.stringify(s.boardCodes),
        marketIds: JSON.stringify(s.marketIds),
        firstNight: s.firstNight,
        lastNight: s.lastNight,
        kind: s.kind,
        reason: s.reason,
        messageId: s.messageId,
        receivedAt: s.receivedAt,
        subject: s.subject,
        emailId: s.emailId,
        hotelKey: p.hotelKey,
      })
    }
    if (!keysIndexed && fileKeys.size >= deps.fileKeysLimit) {
      stage.indexKeys()
      keysIndexed = true
      fileKeys.clear()
    }
  })

  function flush() {
    if (!pending.length) return
    judgeAndStage(pending)
    pending = []
    deps.onFlush(counts)
  }

  return {
    counts,
    get textCleaned() {
      return textCleaned
    },
    add(records) {
      for (const r of records) {
        counts.rows++
        const notes = r.notes ? JSON.stringify(r.notes) : null
        if (notes) textCleaned++
        if (!r.ok) {
          counts.invalid++
          pending.push({ row: r.row, line: r.line, ok: false, reasons: JSON.stringify(r.errors), notes })
        } else {
          for (const s of r.stopSales) {
            counts.stopSales++
            const hotelKey = hotelKeyFor(s.hotelName)
            pending.push({ row: r.row, line: r.line, ok: true, s, key: dedupeKey(s, hotelKey), hotelKey, notes })
          }
        }
        if (pending.length >= deps.batchSize) flush()
      }
    },
    flush,
  }
}
