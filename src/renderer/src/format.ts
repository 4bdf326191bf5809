/** dd.MM.yyyy, as Turkish agencies write dates. Input is an ISO calendar date (YYYY-MM-DD). */
export function formatNight(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso
}

/** Room or board codes for a table cell; an empty list means every room (board). */
export const codesText = (codes: readonly string[], all: string) => (codes.length ? codes.join(', ') : all)

/** The kind of a record, with the language's labels (e.g. `t('common.kindOpen')`). */
export const kindText = (kind: 'close' | 'open', labels: { open: string; close: string }) =>
  kind === 'open' ? labels.open : labels.close
