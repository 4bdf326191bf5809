/**
 * One look in Sedna serves every stop sale of a hotel waiting to go: the hotel's records over the
 * nights they cover are read once and kept for a few seconds (`freshMs`), so the look before every first
 * send costs about one request per hotel and run instead of one per stop sale (#14: ≤ 2.1 requests per
 * stop sale). Concurrent asks for the same hotel share one request. Kept short on purpose: the look is
 * only as good as it is fresh — another desk's send after it is not in it.
 */
import type { ListResult } from '../sedna/client'
import type { SednaStopSaleRecord } from '../sedna/responses'

interface Entry {
  from: string
  to: string
  at: number
  records: Promise<ListResult<SednaStopSaleRecord>>
}

export class HotelLooks {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly freshMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Sedna's records of `hotelId` for the account over at least [want.from, want.to]: a fresh read that
   * covers them, else a new read over `span()` (every waiting stop sale's nights at this hotel).
   */
  async records(
    profileId: number,
    hotelId: number,
    want: { from: string; to: string },
    span: () => { from: string; to: string },
    read: (from: string, to: string) => Promise<ListResult<SednaStopSaleRecord>>,
  ): Promise<ListResult<SednaStopSaleRecord>> {
    const key = `${profileId}:${hotelId}`
    const now = this.now()
    const held = this.entries.get(key)
    if (held && now - held.at < this.freshMs && held.from <= want.from && held.to >= want.to) return held.records
    const wide = span()
    const from = wide.from < want.from ? wide.from : want.from
    const to = wide.to > want.to ? wide.to : want.to
    const entry: Entry = { from, to, at: now, records: read(from, to) }
    this.entries.set(key, entry)
    // A failed read is not kept: the next ask reads again.
    entry.records.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key)
    })
    return entry.records
  }
}
