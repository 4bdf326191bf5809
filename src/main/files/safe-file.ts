/**
 * Opens an import file (stop sales or reservations) so that no path can stall the app: whatever main
 * is handed — the open dialog's answer, a dropped file's path, the command line's argument — may name a
 * folder, a device (/dev/zero never ends), a named pipe (opening one waits for a writer), a socket, or a
 * file another program is still writing.
 *
 * - Opened read-only and non-blocking (a FIFO opens at once instead of waiting), without becoming the
 *   process's controlling terminal (a tty).
 * - Checked on the HANDLE (fstat), not the path: what is read is what was checked, even if the path is
 *   swapped meanwhile. A regular file only (a symlink counts as what it points to).
 * - A size cap, checked before reading anything.
 * - A read cap: only the bytes the file had when it was opened are read, so a growing file cannot make
 *   the read go on; `checkUnchanged` then tells whether it changed while being read.
 * - Every error is an ImportFileError with a code, naming the file (by its name), never its content.
 */
import { constants, type Stats } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import { ImportFileError, staffError } from './file-error'

/** Stop-sale files: 100,000 rows of the parser's JSON are about 24 MiB; this leaves room for ten times that. */
export const MAX_STOP_SALE_FILE_BYTES = 256 * 2 ** 20

// O_NONBLOCK and O_NOCTTY do not exist on Windows, where neither FIFOs nor ttys can be opened this way.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0)
const DEFAULT_CHUNK = 64 * 1024

export interface ImportFile {
  /** The file's name without its folder (for messages and the import's record). */
  readonly name: string
  /** Its size when opened: no more than this is ever read. */
  readonly size: number
  /** The bytes from the start, in chunks of up to `chunkSize`; each call reads again from the start. */
  chunks(chunkSize?: number): AsyncGenerator<Uint8Array, void, undefined>
  /** All of it (for small files). */
  readAll(): Promise<Buffer>
  /** Rejects (files.changed) when the file's size or modification time is not what it was when opened. */
  checkUnchanged(): Promise<void>
  /** Safe to call more than once. */
  close(): Promise<void>
}

/** Opens `path` for an import with at most `maxBytes`; rejects with a coded ImportFileError. */
export async function openImportFile(path: string, maxBytes: number): Promise<ImportFile> {
  const name = basename(path)
  let handle: FileHandle
  try {
    handle = await open(path, OPEN_FLAGS)
  } catch (e) {
    throw fileError(name, e)
  }
  let opened: Stats
  try {
    opened = await handle.stat()
    refuseUnlessRegular(name, opened)
    if (opened.size > maxBytes) throw tooLarge(name, opened.size, maxBytes)
  } catch (e) {
    await handle.close().catch(() => {})
    throw e instanceof ImportFileError ? e : fileError(name, e)
  }
  const size = opened.size
  let closed: Promise<void> | undefined

  async function read(into: Buffer, position: number): Promise<number> {
    try {
      return (await handle.read(into, 0, into.length, position)).bytesRead
    } catch (e) {
      throw fileError(name, e)
    }
  }

  return {
    name,
    size,
    async *chunks(chunkSize = DEFAULT_CHUNK) {
      for (let position = 0; position < size;) {
        const buffer = Buffer.allocUnsafe(Math.min(chunkSize, size - position))
        const n = await read(buffer, position)
        if (n === 0) return // it shrank: checkUnchanged says so
        position += n
        yield n === buffer.length ? buffer : buffer.subarray(0, n)
      }
    },
    async readAll() {
      const buffer = Buffer.allocUnsafe(size)
      let filled = 0
      while (filled < size) {
        const n = await read(buffer.subarray(filled), filled)
        if (n === 0) break
        filled += n
      }
      return filled === size ? buffer : buffer.subarray(0, filled)
    },
    async checkUnchanged() {
      let now: Stats
      try {
        now = await handle.stat()
      } catch (e) {
        throw fileError(name, e)
      }
      if (now.size !== opened.size || now.mtimeMs !== opened.mtimeMs) {
        throw new ImportFileError(
          'files.changed',
          `The file "${name}" changed while it was being read (another program is still writing it). Wait until it is complete and import it again.`,
          { file: name },
        )
      }
    },
    close: () => (closed ??= handle.close().catch(() => {})),
  }
}

/** A small import file read whole, opened as every import file is; its problems in words for staff. */
export async function readImportBytes(
  path: string,
  maxBytes: number,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const fileName = basename(path)
  try {
    const file = await openImportFile(path, maxBytes)
    try {
      const bytes = await file.readAll()
      await file.checkUnchanged()
      return { fileName, bytes }
    } finally {
      await file.close()
    }
  } catch (err) {
    throw staffError(err, fileName)
  }
}

function refuseUnlessRegular(name: string, st: Stats): void {
  if (st.isFile()) return
  const params = { file: name }
  if (st.isDirectory())
    throw new ImportFileError('files.folder', `"${name}" is a folder, not a file. Choose a file in it.`, params)
  if (st.isFIFO()) {
    throw new ImportFileError(
      'files.pipe',
      `"${name}" is a pipe, not a file: only a saved JSON or CSV file can be imported.`,
      params,
    )
  }
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    throw new ImportFileError(
      'files.device',
      `"${name}" is a device, not a file: only a saved JSON or CSV file can be imported.`,
      params,
    )
  }
  if (st.isSocket()) {
    throw new ImportFileError(
      'files.socket',
      `"${name}" is a socket, not a file: only a saved JSON or CSV file can be imported.`,
      params,
    )
  }
  throw new ImportFileError(
    'files.notRegular',
    `"${name}" is not a regular file: only a saved JSON or CSV file can be imported.`,
    params,
  )
}

const mib = (bytes: number) => Math.ceil(bytes / 2 ** 20)

function tooLarge(name: string, size: number, max: number): ImportFileError {
  return new ImportFileError(
    'files.tooLarge',
    `The file "${name}" is ${mib(size)} MiB; at most ${mib(max)} MiB can be imported at once. Check that it is the right file, or split it.`,
    { file: name, size: mib(size), max: mib(max) },
  )
}

/** An error from opening or reading, in words for staff (by its code: the OS's text may hold the path). */
function fileError(name: string, e: unknown): ImportFileError {
  if (e instanceof ImportFileError) return e
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  const params = { file: name }
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new ImportFileError(
        'files.notFound',
        `The file "${name}" does not exist (it may have been moved, renamed or deleted).`,
        params,
        { cause: e, kind: 'not-found' },
      )
    case 'EISDIR':
      return new ImportFileError('files.folder', `"${name}" is a folder, not a file. Choose a file in it.`, params, {
        cause: e,
      })
    case 'ENXIO': // what opening a socket answers
      return new ImportFileError(
        'files.notRegular',
        `"${name}" is not a regular file: only a saved JSON or CSV file can be imported.`,
        params,
        { cause: e },
      )
    case 'EACCES':
    case 'EPERM':
      return new ImportFileError(
        'files.noPermission',
        `The file "${name}" cannot be opened: permission denied.`,
        params,
        {
          cause: e,
        },
      )
    case 'EBUSY':
      return new ImportFileError(
        'files.busy',
        `The file "${name}" is in use by another program; close it (in Excel, for example) and try again.`,
        params,
        { cause: e },
      )
    default:
      return new ImportFileError(
        'files.unreadable',
        `The file "${name}" cannot be read (${code ?? 'unknown error'}).`,
        { file: name, reason: code ?? 'unknown error' },
        { cause: e },
      )
  }
}
