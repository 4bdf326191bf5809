/** What both kinds of import answer: a preview of a file, its rows' verdicts, then a commit or a discard. */

/** Where an import's bytes come from: a path main opens itself, or contents a browser page handed over. */
export type ImportSource = { path: string } | { fileName: string; bytes: Uint8Array }

export interface ImportServiceOf<Preview, Row extends { state: string }, Result> {
  preview(source: ImportSource): Promise<Preview>
  rows(
    importId: number,
    q: { states?: Row['state'][] | undefined; offset: number; limit: number },
  ): { rows: Row[]; total: number }
  commit(importId: number): Result
  discard(importId: number): void
}
