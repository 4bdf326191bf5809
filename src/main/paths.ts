/**
 * Where the app keeps its data, without importing Electron, so that the app, the command line and
 * the tests agree. Override order: `--data-dir DIR` flag, then SEDNA_DATA_DIR, then the platform's
 * per-user folder (the same one Electron's `app.getPath('userData')` returns).
 */
import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'

export const APP_NAME = 'Sedna Stop Sales'
export const DATABASE_FILE_NAME = 'sedna-stop-sales.sqlite'

export function dataDirOverride(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--data-dir' && argv[i + 1]) return resolve(argv[i + 1]!)
    if (arg.startsWith('--data-dir=')) return resolve(arg.slice('--data-dir='.length))
  }
  const fromEnv = env.SEDNA_DATA_DIR?.trim()
  return fromEnv ? resolve(fromEnv) : undefined
}

export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  const config = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config')
  return join(config, APP_NAME)
}

export function resolveDataDir(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
  fallback: () => string = () => defaultUserDataDir(),
): string {
  return dataDirOverride(argv, env) ?? fallback()
}

export const databaseFileIn = (dataDir: string) => join(dataDir, DATABASE_FILE_NAME)
