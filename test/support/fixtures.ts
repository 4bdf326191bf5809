import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NewStopSale } from '../../src/main/stop-sales/service'

/** A fresh, empty data folder; removed by the returned cleanup. */
export function tempDataDir(prefix = 'sedna-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export function sampleStopSale(overrides: Partial<NewStopSale> = {}): NewStopSale {
  return {
    hotelName: 'Çamyuva Güneş Otel',
    roomCodes: ['DBL', 'SGL'],
    boardCodes: ['AI'],
    marketIds: [],
    firstNight: '2025-05-12',
    lastNight: '2025-05-18',
    kind: 'close',
    reason: 'Doluluk',
    sourceMessageId: '<a1@otel.example>',
    sourceReceivedAt: '2025-05-02T10:00:00+03:00',
    ...overrides,
  }
}
