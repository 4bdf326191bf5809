/**
 * Where an import's bytes come from (a path, or contents handed over by a browser page), with the
 * file's hash and facts, and the reader's records. A path is opened once, safely (safe-file.ts), and
 * everything — the facts, the hash, the records — is read from that one handle. File-level problems
 * become errors staff can act on.
 */
import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import type { ImportFormat, RowResult } from './canonical'
import type { ImportSource } from '../../imports-common/service'
import { encodingLabel, staffError } from '../../files/file-error'
import {
  describeBytes,
  describeImportFile,
  readImportFileBatches,
  readStopSaleBytesBatches,
  type FileFacts,
} from './read-file'
import { MAX_STOP_SALE_FILE_BYTES, openImportFile } from '../../files/safe-file'

export type { ImportSource }

export interface OpenedSource {
  fileName: string
  /** sha256 of the bytes. */
  hash: string
  format: ImportFormat
  /** e.g. "UTF-8 with BOM, ';'" — final once rows() has been read to the end. */
  encoding(): string
  /** The file's records, in batches (see readStopSaleFileBatches). */
  rows(): AsyncGenerator<RowResult[], void, undefined>
  /** Releases the file (whether or not rows() was read). Safe to call more than once. */
  close(): Promise<void>
}

export async function openImportSource(source: ImportSource): Promise<OpenedSource> {
  if ('path' in source) return openFileSource(source.path)
  const { fileName, bytes } = source
  try {
    let facts = await describeBytes(bytes, fileName)
    return {
      fileName,
      hash: createHash('sha256').update(bytes).digest('hex'),
      format: facts.format,
      encoding: () => describeFacts(facts),
      rows: () => records(readStopSaleBytesBatches(bytes, fileName), fileName, (f) => (facts = f)),
      close: async () => {},
    }
  } catch (err) {
    throw staffError(err, fileName)
  }
}

async function openFileSource(path: string): Promise<OpenedSource> {
  const fileName = basename(path)
  const file = await openImportFile(path, MAX_STOP_SALE_FILE_BYTES).catch((err: unknown) => {
    throw staffError(err, fileName)
  })
  try {
    let facts = await describeImportFile(file)
    const hash = createHash('sha256')
    for await (const chunk of file.chunks()) hash.update(chunk)
    // Changed since it was opened: say so now, before its rows are read (they are checked again at the end).
    await file.checkUnchanged()
    return {
      fileName,
      hash: hash.digest('hex'),
      format: facts.format,
      encoding: () => describeFacts(facts),
      rows: () => records(readImportFileBatches(file), fileName, (f) => (facts = f)),
      close: () => file.close(),
    }
  } catch (err) {
    // A file that changed while it was read says so, rather than what the change broke.
    const changed = await file.checkUnchanged().then(
      () => err,
      (e: unknown) => e,
    )
    await file.close()
    throw staffError(changed, fileName)
  }
}

/** The reader's batches, its final facts kept, its errors in words for staff. */
async function* records(
  reader: AsyncGenerator<RowResult[], FileFacts, undefined>,
  fileName: string,
  done: (facts: FileFacts) => void,
): AsyncGenerator<RowResult[], void, undefined> {
  try {
    for (;;) {
      const next = await reader.next()
      if (next.done) {
        done(next.value)
        return
      }
      yield next.value
    }
  } catch (err) {
    throw staffError(err, fileName)
  } finally {
    await reader.return(undefined as never)
  }
}

function describeFacts(f: FileFacts): string {
  return encodingLabel(f.encoding, f.bom, f.delimiter)
}
