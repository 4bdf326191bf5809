import { z } from 'zod'
import { messageSchema } from './messages'
import { messageParamsSchema } from './result'

export const allModeSchema = z.enum(['explicit', 'empty'])
export type AllMode = z.infer<typeof allModeSchema>

/** One thing staff should know about a profile: a code (worded where shown), its parameters, and English. */
export const profileWarningSchema = z.object({
  code: z.enum(['http', 'noOperatorCode', 'noPassword', 'keychainUnknown', 'passwordForgotten']),
  params: messageParamsSchema.optional(),
  message: z.string(),
})
export type ProfileWarning = z.infer<typeof profileWarningSchema>

/** A Sedna connection profile as the renderer sees it: never the password, only whether one is stored. */
export const profileSchema = z.object({
  id: z.number().int().positive(),
  kind: z.enum(['sedna', 'demo']),
  name: z.string(),
  baseUrl: z.string(),
  username: z.string(),
  operatorId: z.number().int().positive().nullable(),
  operatorCode: z.string().nullable(),
  authorityId: z.number().int().positive(),
  recordUser: z.string(),
  allRooms: allModeSchema,
  allBoards: allModeSchema,
  isActive: z.boolean(),
  /** null when the keychain could not be asked. */
  hasPassword: z.boolean().nullable(),
  lastLoginAt: z.string().nullable(),
  /** Things staff should know about this profile (http://, missing operator code…): coded, worded by the screen. */
  warnings: z.array(profileWarningSchema),
})
export type Profile = z.infer<typeof profileSchema>

export { addressOrigin, isHttpAddress } from './profile-address'

const text = (max: number) => z.string().trim().min(1).max(max)

export const profileInputSchema = z.strictObject({
  /** Absent = create a new profile. */
  id: z.number().int().positive().optional(),
  name: text(100),
  baseUrl: text(500),
  username: text(100),
  operatorCode: z.string().trim().max(30).nullable().optional(),
  authorityId: z.number().int().positive().default(207),
  recordUser: text(50).default('Entegrasyon'),
  allRooms: allModeSchema.default('explicit'),
  allBoards: allModeSchema.default('explicit'),
  /**
   * Write-only: stored in the keychain, never returned. Absent = keep the stored one — unless the
   * address (scheme, host, port) or the username changes: a password is kept only for where it was typed.
   */
  password: z.string().min(1).max(200).optional(),
  /** Staff confirmed that an http:// address may carry the password unencrypted. */
  allowHttp: z.boolean().optional(),
})
export type ProfileInput = z.input<typeof profileInputSchema>

export const keychainStatusSchema = z.object({
  kind: z.enum(['keychain', 'memory']),
  available: z.boolean(),
  message: z.string().nullable(),
})

/** countries: Sedna's GetCountrys, what guests' nationalities resolve to (reservations). */
export const referenceKindSchema = z.enum(['hotels', 'roomTypes', 'boards', 'countries'])
export type ReferenceKind = z.infer<typeof referenceKindSchema>

export const referenceStatusSchema = z.object({
  profileId: z.number().int().positive(),
  ttlHours: z.number().positive(),
  kinds: z.array(
    z.object({
      kind: referenceKindSchema,
      count: z.number().int().nonnegative(),
      /** Items Sedna sent that could not be read (no id or name). */
      skipped: z.number().int().nonnegative(),
      refreshedAt: z.string().nullable(),
      stale: z.boolean(),
      /** Why the last refresh of this kind failed (its data was kept and is stale). */
      lastError: messageSchema.nullable(),
    }),
  ),
})
export type ReferenceStatus = z.infer<typeof referenceStatusSchema>

export const connectionTestSchema = z.object({
  operatorId: z.number().int().positive(),
  durationMs: z.number().int().nonnegative(),
  /** "Connected. Sedna says this account is operator 571 (was 500)." as a code (connection.*). */
  message: messageSchema,
})
