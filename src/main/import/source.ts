/**
 * Where an import's bytes come from (a path, or contents handed over by a browser page), with the
 * file's hash and facts, and the reader's records. File-level problems become errors staff can act on.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { AppFailure } from '../errors'
import { ImportFileError, type ImportFormat, type RowResult } from './canonical'
import {
  describeBytes,
  describeFile,
  readStopSaleBytesBatches,
  readStopSaleFileBatches,
  type FileFacts,
} from './read-file'

export type ImportSource = { path: string } | { fileName: string; bytes: Uint8Array }

export interface OpenedSource {
  fileName: string
  /** sha256 of the bytes. */
  hash: string
  format: ImportFormat
  /** e.g. "UTF-8 with BOM, ';'" — final once rows() has been read to the end. */
  encoding(): string
  /** The file's records, in batches (see readStopSaleFileBatches). */
  rows(): AsyncGenerator<RowResult[], void, undefined>
}

export async function openImportSource(source: ImportSource): Promise<OpenedSource> {
  const fileName = 'path' in source ? basename(source.path) : source.fileName
  try {
    let facts = 'path' in source ? await describeFile(source.path) : await describeBytes(source.bytes, source.fileName)
    const hash =
      'path' in source ? await hashFile(source.path) : createHash('sha256').update(source.bytes).digest('hex')
    return {
      fileName,
      hash,
      format: facts.format,
      encoding: () => describeFacts(facts),
      async *rows() {
        const reader =
          'path' in source
            ? readStopSaleFileBatches(source.path)
            : readStopSaleBytesBatches(source.bytes, source.fileName)
        try {
          for (;;) {
            const next = await reader.next()
            if (next.done) {
              facts = next.value
              return
            }
            yield next.value
          }
        } catch (err) {
          throw staffError(err, fileName)
        }
      },
    }
  } catch (err) {
    throw staffError(err, fileName)
  }
}

function describeFacts(f: FileFacts): string {
  const encoding = f.encoding === 'windows-1254' ? 'Windows-1254 (Turkish)' : f.bom ? 'UTF-8 with BOM' : 'UTF-8'
  const delimiter = f.delimiter === '\t' ? 'tab' : f.delimiter ? `"${f.delimiter}"` : undefined
  return delimiter ? `${encoding}, ${delimiter}-separated` : encoding
}

/** A problem reading an import file, in words for staff (also the reservation import's). */
export function staffError(err: unknown, fileName: string): unknown {
  if (err instanceof AppFailure) return err
  if (err instanceof ImportFileError) return new AppFailure('validation', err.message)
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ENOENT')
    return new AppFailure('not-found', `The file ${fileName} was not found. It may have been moved or deleted.`)
  if (code === 'EACCES' || code === 'EPERM')
    return new AppFailure('validation', `The file ${fileName} cannot be read (no permission).`)
  if (code === 'EISDIR') return new AppFailure('validation', `${fileName} is a folder, not a file.`)
  return err
}

/** sha256 of a file, streamed. */
function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject)
  })
}
