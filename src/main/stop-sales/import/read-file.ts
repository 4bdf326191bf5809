/**
 * Streaming reader for "parsed stop sales" files: JSON from the e-mail parser, or CSV that staff
 * fixed in Excel. One RowResult per record, holding no more than a chunk of the file (plus one
 * record) in memory.
 *
 * Usage (the generator's return value is the file's facts):
 *
 *   const rows = readStopSaleFile(path)
 *   for (let r = await rows.next(); ; r = await rows.next()) {
 *     if (r.done) { facts = r.value; break }
 *     stage(r.value)
 *   }
 *
 * A rejection (always ImportFileError) is about the file as a whole and may come after some rows
 * were yielded — a truncated JSON file, a CSV quote that is never closed, a file that switches
 * encodings — so treat the whole file as failed and drop what was staged from it.
 */
import { extname } from 'node:path'
import type { ImportFormat, RowResult } from './canonical'
import { scanHeader } from '../../files/csv-layout'
import { isValidUtf8, openTextStream, type TextStream } from '../../files/decode'
import { ImportFileError } from '../../files/file-error'
import { MAX_STOP_SALE_FILE_BYTES, openImportFile, type ImportFile } from '../../files/safe-file'
import { readCsv } from './read-csv'
import { readJson } from './read-json'
import { MAX_RECORD_BYTES, type FileFacts, type ReadOptions } from './file-facts'

export type { FileFacts, ReadOptions }
export { MAX_RECORD_BYTES }

const DEFAULT_CHUNK = 64 * 1024

/**
 * Streams the file's records, one RowResult per record, never holding more than a chunk of the
 * file in memory. Its return value is the FileFacts. Rejects with ImportFileError only for
 * file-level problems (unreadable, empty, not JSON/CSV, JSON root neither an array nor
 * { "stopSales": [...] }, CSV header without a hotel column or without any date column, ...).
 */
export function readStopSaleFile(
  path: string,
  opts: ReadOptions = {},
): AsyncGenerator<RowResult, FileFacts, undefined> {
  return oneByOne(readStopSaleFileBatches(path, opts))
}

/** Same, from bytes in memory (the renderer may hand over dropped file contents). */
export function readStopSaleBytes(
  bytes: Uint8Array,
  fileName: string,
  opts: ReadOptions = {},
): AsyncGenerator<RowResult, FileFacts, undefined> {
  return oneByOne(readStopSaleBytesBatches(bytes, fileName, opts))
}

/**
 * The same records in batches (those completed by one chunk of the file): what the importer reads,
 * since a step of an async generator per record costs more than the record's own checks. The file is
 * opened as every import file is (safe-file.ts: a regular file, size and read caps) and closed at the end.
 */
export async function* readStopSaleFileBatches(
  path: string,
  opts: ReadOptions = {},
): AsyncGenerator<RowResult[], FileFacts, undefined> {
  const file = await openImportFile(path, MAX_STOP_SALE_FILE_BYTES)
  try {
    return yield* readImportFileBatches(file, opts)
  } finally {
    await file.close()
  }
}

/**
 * Records of a file opened with openImportFile (the caller closes it). Reads only the bytes it had when
 * opened, and rejects (files.changed) when it changed meanwhile — also instead of the problem a change
 * caused (a file rewritten while read may look cut off).
 */
export async function* readImportFileBatches(
  file: ImportFile,
  opts: ReadOptions = {},
): AsyncGenerator<RowResult[], FileFacts, undefined> {
  let facts: FileFacts
  try {
    facts = yield* readFrom(() => file.chunks(opts.chunkSize ?? DEFAULT_CHUNK), file.name, opts, undefined)
  } catch (e) {
    await file.checkUnchanged()
    throw e
  }
  await file.checkUnchanged()
  return facts
}

export function readStopSaleBytesBatches(
  bytes: Uint8Array,
  fileName: string,
  opts: ReadOptions = {},
): AsyncGenerator<RowResult[], FileFacts, undefined> {
  // In memory the whole input can be checked, so the encoding is never a guess.
  return readFrom(
    () => byteChunks(bytes, opts.chunkSize ?? DEFAULT_CHUNK),
    fileName,
    opts,
    () => isValidUtf8(bytes),
  )
}

async function* oneByOne<T, R>(batches: AsyncGenerator<T[], R, undefined>): AsyncGenerator<T, R, undefined> {
  try {
    for (;;) {
      const next = await batches.next()
      if (next.done) return next.value
      yield* next.value
    }
  } finally {
    await batches.return(undefined as R)
  }
}

/**
 * The facts of a file from its first 256 KiB, without reading records: format, encoding (a guess
 * only for a file that is plain ASCII for 256 KiB and changes later — the generator's return value
 * is final), delimiter, BOM. Rejects with ImportFileError when the file cannot be read or is empty.
 */
export async function describeFile(path: string, opts: ReadOptions = {}): Promise<FileFacts> {
  const file = await openImportFile(path, MAX_STOP_SALE_FILE_BYTES)
  try {
    return await describeImportFile(file, opts)
  } finally {
    await file.close()
  }
}

/** describeFile for a file opened with openImportFile (the caller closes it). */
export async function describeImportFile(file: ImportFile, opts: ReadOptions = {}): Promise<FileFacts> {
  return describe(await openTextStream(file.chunks(opts.chunkSize ?? DEFAULT_CHUNK)), file.name, opts)
}

/** describeFile for bytes in memory. */
export async function describeBytes(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<FileFacts> {
  const chunks = byteChunks(bytes, opts.chunkSize ?? DEFAULT_CHUNK)
  return describe(await openTextStream(chunks, { utf8: isValidUtf8(bytes) }), fileName, opts)
}

async function describe(stream: TextStream, fileName: string, opts: ReadOptions): Promise<FileFacts> {
  try {
    if (stream.whole && stream.head.trim() === '') throw emptyFile(fileName)
    const format = formatOf(fileName, stream.head, opts.format)
    const facts: FileFacts = { format, encoding: stream.facts.encoding, bom: stream.facts.bom }
    if (format === 'csv') {
      const layout = scanHeader(stream.head, true)
      if (layout) facts.delimiter = layout.delimiter
    }
    return facts
  } finally {
    await stream.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Sources

async function* byteChunks(bytes: Uint8Array, chunkSize: number): AsyncGenerator<Uint8Array, void, undefined> {
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize)
}

const emptyFile = (fileName: string) =>
  new ImportFileError('importFile.empty', `The file "${fileName}" is empty.`, { file: fileName })

function formatOf(fileName: string, head: string, given: ImportFormat | undefined): ImportFormat {
  if (given) return given
  const ext = extname(fileName).toLowerCase()
  if (ext === '.json') return 'json'
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv'
  const first = head.trimStart()[0]
  return first === '[' || first === '{' ? 'json' : 'csv'
}

async function* readFrom(
  open: () => AsyncIterable<Uint8Array>,
  fileName: string,
  opts: ReadOptions,
  utf8: (() => boolean) | undefined,
): AsyncGenerator<RowResult[], FileFacts, undefined> {
  const stream = await openTextStream(open(), { utf8: utf8?.() })
  try {
    if (stream.whole && stream.head.trim() === '') throw emptyFile(fileName)
    const facts: FileFacts = {
      format: formatOf(fileName, stream.head, opts.format),
      encoding: stream.facts.encoding,
      bom: stream.facts.bom,
    }
    if (facts.format === 'json') yield* readJson(stream.text)
    else yield* readCsv(stream.text, facts)
    facts.encoding = stream.facts.encoding
    return facts
  } finally {
    await stream.text.return()
    await stream.close()
  }
}
