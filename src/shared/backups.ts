import { z } from 'zod'

/**
 * Backups of the database: what the Settings screen lists and the calls that make and restore them.
 * A backup's file name says when and why it was made, e.g.
 * `sedna-stop-sales_2025-06-01T08-00-00-000Z_before-migration-0007.sqlite` (UTC; before applying 0007).
 */
export const backupKinds = ['daily', 'manual', 'before-migration', 'before-restore'] as const
export type BackupKind = (typeof backupKinds)[number]

export const BACKUP_NAME_PATTERN =
  /^sedna-stop-sales_(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z_(daily|manual|before-restore|before-migration-(\d{4}))\.sqlite$/

export const backupSchema = z.object({
  /** The file name inside the backups folder. */
  name: z.string(),
  /** Its full path. */
  file: z.string(),
  createdAt: z.string(),
  kind: z.enum(backupKinds),
  /** The kind, with the migration number for `before-migration-NNNN`. */
  reason: z.string(),
  bytes: z.number().int().nonnegative(),
})
export type Backup = z.output<typeof backupSchema>

export const backupListSchema = z.object({
  dir: z.string(),
  /** How many of each group are kept: daily and manual together, before-migration and before-restore together. */
  keep: z.number().int().positive(),
  /** Newest first. */
  backups: z.array(backupSchema),
})
export type BackupList = z.output<typeof backupListSchema>

const confirm = z.literal(true)

/** A backup from the list (by its name in the backups folder), or a database file the person chose. */
export const restoreInputSchema = z.union([
  z.strictObject({ name: z.string().regex(BACKUP_NAME_PATTERN, 'Not the name of a backup'), confirm }),
  z.strictObject({ path: z.string().min(1).max(4096), confirm }),
])

export const restoreResultSchema = z.object({
  /** The file the data now comes from. */
  restoredFrom: z.string(),
  /** The data as it was before the restore, unless there was none. */
  backupOfCurrent: backupSchema.nullable(),
  /** A damaged database is kept as it was, byte for byte, under this name (it cannot be a backup). */
  damagedCopy: z.string().nullable(),
  /** The file came from an older version and was brought up to this one. */
  migrated: z.boolean(),
})
export type RestoreResult = z.output<typeof restoreResultSchema>
