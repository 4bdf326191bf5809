import { z } from 'zod'

/** What closing the window does while items wait to be sent (background/decide.ts). */
export const closeActions = ['ask', 'background', 'quit'] as const
export type CloseAction = (typeof closeActions)[number]

/**
 * The app's own settings (not per Sedna account). Defaults are part of the schema, so a value never
 * saved reads as its default.
 */
export const appSettingsSchema = z.object({
  /** The longest wait a Sedna `Retry-After` may impose before the next try (default one hour). */
  retryAfterCapMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /**
   * A proxy for every request to Sedna (http://host:port), for offices that must use one. Null: the
   * HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment variables decide, as for other programs.
   */
  proxyUrl: z.string().nullable().default(null),
  /** Guests' names, birth dates and passport numbers are removed this many days after check-out. */
  guestDataRetentionDays: z.number().int().min(1).max(3650).default(180),
  /** How often the app reads what changed in Sedna into its mirror while it runs, in minutes; 0 = never. */
  pullIntervalMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(10),
  /** Closing the window while items wait to be sent: ask, keep sending in the background, or quit (#16). */
  closeAction: z.enum(closeActions).default('ask'),
  /** Start the app at login, in the background (tray only), so that what waits is sent (#16). */
  startAtLogin: z.boolean().default(false),
  /** The HTTP(S) folder the agency publishes new versions in (latest.yml and the installers); null: none (#16). */
  updateUrl: z.string().nullable().default(null),
})
export type AppSettings = z.output<typeof appSettingsSchema>

export const DEFAULT_SETTINGS: AppSettings = appSettingsSchema.parse({})

/** An http(s) address with a host that also passes `more` (the URL parsed), up to 500 characters. */
const webAddress = (more: (u: URL) => boolean, message: string) =>
  z
    .string()
    .trim()
    .max(500)
    .refine(
      (v) => {
        try {
          const u = new URL(v)
          return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && more(u)
        } catch {
          return false
        }
      },
      { message },
    )

const proxyUrlSchema = webAddress((u) => u.pathname === '/', 'Enter the proxy like http://proxy.example.com:8080')

/**
 * The update folder: http(s), a host, no user name or password (it is stored in the database and shown),
 * no query or fragment. Always ends in "/" so that the files in it are found beside each other.
 */
export const updateUrlSchema = webAddress(
  (u) => u.username === '' && u.password === '' && u.search === '' && u.hash === '',
  'Enter the update folder like https://updates.example.com/sedna/ (no user name or password)',
).transform((v) => (v.endsWith('/') ? v : `${v}/`))

/** What Settings may change: any subset; a proxy of "" or null means none. */
export const appSettingsInputSchema = z.strictObject({
  retryAfterCapMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  proxyUrl: z.union([z.literal('').transform(() => null), z.null(), proxyUrlSchema]).optional(),
  guestDataRetentionDays: z.number().int().min(1).max(3650).optional(),
  pullIntervalMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  closeAction: z.enum(closeActions).optional(),
  startAtLogin: z.boolean().optional(),
  updateUrl: z.union([z.literal('').transform(() => null), z.null(), updateUrlSchema]).optional(),
})
export type AppSettingsInput = z.input<typeof appSettingsInputSchema>

/** The settings and what the environment adds to them (shown next to the proxy setting). */
export const settingsViewSchema = z.object({
  settings: appSettingsSchema,
  environment: z.object({
    /** The proxy variables the app was started with, credentials in them redacted. */
    httpsProxy: z.string().nullable(),
    httpProxy: z.string().nullable(),
    noProxy: z.string().nullable(),
  }),
})
export type SettingsView = z.output<typeof settingsViewSchema>
