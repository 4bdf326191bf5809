/** dd.MM.yyyy, as Turkish agencies write dates. Input is an ISO calendar date (YYYY-MM-DD). */
export function formatNight(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso
}
