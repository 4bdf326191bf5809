import { describe, expect, it } from 'vitest'
import { calls } from '../../src/shared/ipc'
import { nightCount } from '../../src/shared/stop-sales'

describe('stop sale basics', () => {
  it('counts nights with both ends inclusive, across month and DST changes', () => {
    expect(nightCount('2025-06-01', '2025-06-01')).toBe(1)
    expect(nightCount('2025-05-12', '2025-05-18')).toBe(7)
    expect(nightCount('2025-03-28', '2025-04-02')).toBe(6)
    expect(nightCount('2025-10-24', '2025-10-28')).toBe(5)
  })

  it('list input fills defaults and rejects unknown statuses', () => {
    expect(calls['stopSales.list'].input.parse({})).toEqual({ limit: 100, offset: 0 })
    expect(calls['stopSales.list'].input.safeParse({ statuses: ['lost'] }).success).toBe(false)
  })
})
