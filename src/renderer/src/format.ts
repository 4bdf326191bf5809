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

/** A moment (ISO time) in local time: dd.MM.yyyy HH:mm:ss (to the minute: dd.MM.yyyy HH:mm). */
export function formatDateTime(iso: string, to: 'second' | 'minute' = 'second'): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  const minute = `${p(d.getDate())}.${p(d.getMonth() + 1)}.${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`
  return to === 'minute' ? minute : `${minute}:${p(d.getSeconds())}`
}
