/**
 * The data folder holds guests' names and passport numbers, so on Linux and macOS only its owner may
 * read it: folders 0700, files 0600, also when an older version left them 0755/0644. Windows keeps
 * per-user ACLs on %APPDATA% and ignores these modes, so nothing is done there.
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs'

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600
const posix = process.platform !== 'win32'

/** Creates the folder (and missing parents) owner-only, and tightens it if it already existed. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  tighten(dir, PRIVATE_DIR_MODE)
}

/** Creates an empty owner-only file if there is none, else tightens the existing one (never opening it). */
export function ensurePrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    if (statSync(file).isFile()) tighten(file, PRIVATE_FILE_MODE)
  }
}

/** Removes the permission bits beyond `mode`; a missing file, or one someone else owns, is left alone. */
export function tighten(path: string, mode: number): void {
  if (!posix) return
  try {
    const current = statSync(path).mode & 0o777
    if ((current & ~mode) !== 0) chmodSync(path, current & mode)
  } catch {
    // ENOENT: nothing to tighten; EPERM: not ours to change (a shared folder chosen with --data-dir).
  }
}
