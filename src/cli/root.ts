/** Where the app's files are, from the command line's point of view (light: no app modules). */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/**
 * The project folder: the one holding `drizzle/` and package.json, found upwards from this file
 * (out/cli/index.js when built, src/cli/ when run with tsx).
 */
export function projectRoot(from: string = import.meta.dirname): string {
  let dir = resolve(from)
  for (;;) {
    if (existsSync(join(dir, 'drizzle', 'meta', '_journal.json')) && existsSync(join(dir, 'package.json'))) return dir
    const up = dirname(dir)
    if (up === dir) throw new Error(`cannot find the app's drizzle/ migrations folder above ${from}`)
    dir = up
  }
}

export function appVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
