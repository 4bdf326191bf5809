/**
 * Which of this app's migrations a database has. drizzle records each applied migration in
 * `__drizzle_migrations` with the journal's `when` as `created_at`, and applies the journal entries
 * newer than the newest row. So a database written by a newer app version (a row newer than every
 * entry here) would get nothing applied and open silently: this module is what notices.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'

export interface JournalEntry {
  idx: number
  when: number
  tag: string
}

export type SchemaState =
  /** No tables: a new database. */
  | { kind: 'empty' }
  /** Tables, but not this app's migrations (another program's file). */
  | { kind: 'foreign' }
  /** Migrations this version does not know, newer than all of its own. */
  | { kind: 'newer'; unknown: number }
  /** This app's database from an older version: these migrations are still to apply. */
  | { kind: 'older'; pending: JournalEntry[] }
  | { kind: 'current' }

export function readJournal(migrationsFolder: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[]
  }
  return [...journal.entries].sort((a, b) => a.when - b.when)
}

export function schemaState(sqlite: Database.Database, journal: readonly JournalEntry[]): SchemaState {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .pluck()
    .all() as string[]
  if (!tables.length) return { kind: 'empty' }
  if (!tables.includes('__drizzle_migrations')) return { kind: 'foreign' }
  const applied = (sqlite.prepare('select created_at from __drizzle_migrations').pluck().all() as unknown[])
    .map(Number)
    .sort((a, b) => a - b)
  if (!applied.length) return tables.length === 1 ? { kind: 'empty' } : { kind: 'foreign' }
  // Every database of this app starts with the same first migration.
  if (applied[0] !== journal[0]?.when) return { kind: 'foreign' }
  const newestKnown = journal.at(-1)!.when
  const unknown = applied.filter((when) => when > newestKnown).length
  if (unknown) return { kind: 'newer', unknown }
  const newestApplied = applied.at(-1)!
  const pending = journal.filter((e) => e.when > newestApplied)
  return pending.length ? { kind: 'older', pending } : { kind: 'current' }
}

/** "0007": the journal's number of a migration, as its file name starts. */
export const migrationNumber = (entry: JournalEntry) => String(entry.idx).padStart(4, '0')
