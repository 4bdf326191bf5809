/** What reading a stop-sale file tells about it, and the options and limits of reading. */
import type { ImportFormat } from './canonical'
import type { Delimiter } from '../../files/csv-layout'
import type { Encoding } from '../../files/decode'

export interface ReadOptions {
  /** Default: from the file name's extension (.json → json; .csv/.tsv/.txt → csv), else sniffed: first non-space character '[' or '{' → json, otherwise csv. */
  format?: ImportFormat
  /** Bytes per read (default 64 KiB). For tests; there is no reason to change it otherwise. */
  chunkSize?: number
}

export interface FileFacts {
  format: ImportFormat
  /** Final once the file was read to the end (a file that is plain ASCII for its first 256 KiB may turn out to be Windows-1254 later). */
  encoding: Encoding
  /** CSV only: the separator found in the header line (or a leading "sep=" line). */
  delimiter?: Delimiter
  /** The file started with a UTF-8 byte order mark. */
  bom: boolean
}

/** The largest single record (CSV row, JSON object) accepted; bigger ones are a broken file, not a stop sale. */
export const MAX_RECORD_BYTES = 1024 * 1024
