/**
 * Opens the same app context the desktop app opens — database (migrated from the same `drizzle/`
 * folder), services, sync engine, the log in <data>/logs/app.log — for one command-line run.
 */
import { join, resolve } from 'node:path'
import { openAppContext, type AppContext } from '../main/app-context'
import type { CallInput, CallName, CallOutput } from '../shared/ipc'
import type { Message } from '../shared/messages'
import { wordMessage, type MessageLanguage } from '../shared/messages/word'
import { dataDirOverride, defaultUserDataDir } from '../main/paths'
import { createCliCredentials, type CliCredentials } from './credentials'
import { CliError } from './errors'
import { PROGRAM } from './args'
import { appVersion, projectRoot } from './root'

/** --data-dir, then SEDNA_DATA_DIR, then the app's own per-user folder (as the app resolves it). */
export function cliDataDir(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  if (flag !== undefined) return resolve(cwd, flag)
  return dataDirOverride([], env) ?? defaultUserDataDir(process.platform, env)
}

export interface CliContext {
  readonly app: AppContext
  readonly credentials: CliCredentials
  readonly dataDir: string
  /** Calls a contract channel through the app's dispatcher: same validation, same error shapes. */
  call<N extends CallName>(channel: N, input: CallInput<N>): Promise<CallOutput<N>>
  /** The active Sedna account, or bad usage saying how to set one up. */
  activeProfile(): { id: number; name: string }
  /** The language messages are worded in (--lang, else the terminal's locale). */
  readonly lang: MessageLanguage
  /** A message from main in that language ('' for none). */
  say(message: Message | { code: string; params?: Message['params'] } | null | undefined): string
  close(): Promise<void>
}

export async function openCliContext(opts: {
  dataDir: string
  env: NodeJS.ProcessEnv
  command: string
  lang: MessageLanguage
}): Promise<CliContext> {
  const root = projectRoot()
  const credentials = createCliCredentials({ env: opts.env })
  let app: AppContext
  try {
    app = await openAppContext({
      dataDir: opts.dataDir,
      migrationsFolder: join(root, 'drizzle'),
      version: appVersion(root),
      runtime: `command line (Node ${process.versions.node})`,
      credentials,
    })
  } catch (err) {
    // DatabaseStartupError: its message says which file and what to do (restore the newest backup…).
    const code = (err as { code?: unknown }).code
    const startupCode = typeof code === 'string' && code.startsWith('db.') ? code : undefined
    throw new CliError('unavailable', err instanceof Error ? err.message : String(err), 1, undefined, startupCode)
  }
  app.logger.info('command line', { command: opts.command, pid: process.pid })
  let closed: Promise<void> | undefined
  return {
    app,
    credentials,
    dataDir: opts.dataDir,
    lang: opts.lang,
    say: (m) => (m ? wordMessage(m, opts.lang) : ''),
    async call(channel, input) {
      const result = await app.dispatch(channel, input)
      if (!result.ok) {
        // Worded in the run's language when main gave a code it has words for (the English message otherwise).
        const e = result.error
        const worded = e.code
          ? wordMessage({ code: e.code, ...(e.params ? { params: e.params } : {}) }, opts.lang)
          : undefined
        throw CliError.fromAppError(worded && worded !== e.code ? { ...e, message: worded } : e)
      }
      return result.value as CallOutput<typeof channel>
    },
    activeProfile() {
      const profile = app.services.profiles.active()
      if (!profile) {
        throw CliError.usage(
          `no Sedna account is set up in ${opts.dataDir}: run "${PROGRAM} profile set --url URL --username NAME" first.`,
        )
      }
      return profile
    },
    close: () => (closed ??= app.close()),
  }
}
