/**
 * The app's own settings (network, retention) in `app_settings`, one JSON value per key. Read on every
 * use — the table is tiny, and the command line or another window may have changed it — and checked
 * against the shared schema, so a missing or unreadable value is its default.
 */
import { eq, sql } from 'drizzle-orm'
import { appSettingsSchema, DEFAULT_SETTINGS, type AppSettings, type SettingsView } from '../../shared/settings'
import type { Db } from '../db/database'
import { appSettings } from '../db/schema'
import type { EventBus } from '../events'
import { redactUrl } from '../sedna/redact'

export interface SettingsService {
  get(): AppSettings
  view(): SettingsView
  /** Saves the given keys (already checked against appSettingsInputSchema). */
  save(input: { [K in keyof AppSettings]?: AppSettings[K] | undefined }): SettingsView
  /** Called after every save with the new settings. */
  onChange(listener: (settings: AppSettings) => void): () => void
}

export function createSettingsService(deps: { db: Db; events: EventBus; env?: NodeJS.ProcessEnv }): SettingsService {
  const { db, events } = deps
  const env = deps.env ?? process.env
  const listeners = new Set<(s: AppSettings) => void>()

  function get(): AppSettings {
    const stored: Record<string, unknown> = {}
    for (const row of db.select().from(appSettings).all()) stored[row.key] = row.value
    const settings = { ...DEFAULT_SETTINGS }
    // Key by key: one unreadable value falls back to its default without losing the others.
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof AppSettings)[]) {
      if (!(key in stored)) continue
      const one = appSettingsSchema.shape[key].safeParse(stored[key])
      if (one.success) (settings as Record<string, unknown>)[key] = one.data
    }
    return settings
  }

  const envValue = (...names: string[]) => {
    for (const n of names) {
      const v = env[n]?.trim()
      if (v) return v
    }
    return null
  }
  const shownProxy = (v: string | null) => (v === null ? null : redactUrl(v))

  function view(): SettingsView {
    const settings = get()
    return {
      // A proxy's own password (http://user:password@proxy) is not shown; saving the shown form keeps it.
      settings: { ...settings, proxyUrl: shownProxy(settings.proxyUrl) },
      environment: {
        httpsProxy: shownProxy(envValue('HTTPS_PROXY', 'https_proxy')),
        httpProxy: shownProxy(envValue('HTTP_PROXY', 'http_proxy')),
        noProxy: envValue('NO_PROXY', 'no_proxy'),
      },
    }
  }

  return {
    get,
    view,
    save(input) {
      const current = get()
      const given = { ...input }
      if (given.proxyUrl != null && current.proxyUrl !== null && given.proxyUrl === shownProxy(current.proxyUrl)) {
        delete given.proxyUrl // the redacted form the screen was given: unchanged
      }
      const entries = Object.entries(given).filter(([k, v]) => k in DEFAULT_SETTINGS && v !== undefined)
      if (entries.length) {
        db.transaction((tx) => {
          for (const [key, value] of entries) {
            // null is the default of the settings that may be null (the proxy): no row.
            if (value === null) {
              tx.delete(appSettings).where(eq(appSettings.key, key)).run()
              continue
            }
            tx.insert(appSettings)
              .values({ key, value })
              .onConflictDoUpdate({
                target: appSettings.key,
                set: { value, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` },
              })
              .run()
          }
        })
        const settings = get()
        for (const l of listeners) l(settings)
        events.emit('settings.changed', {})
      }
      return view()
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
