import { describe, expect, it } from 'vitest'
import * as names from '../../src/shared/channel-names'
import { calls, events } from '../../src/shared/ipc'

describe("the preload's zod-free list of channel names", () => {
  it('is exactly the contract’s calls and events', () => {
    expect([...names.callNames].sort()).toEqual(Object.keys(calls).sort())
    expect([...names.eventNames].sort()).toEqual(Object.keys(events).sort())
  })

  it('accepts the contract’s names and nothing else', () => {
    for (const name of Object.keys(calls)) expect(names.isCallName(name)).toBe(true)
    for (const name of Object.keys(events)) expect(names.isEventName(name)).toBe(true)
    for (const other of ['toString', '__proto__', 'constructor', 'stopSales.changed', 42, undefined])
      expect(names.isCallName(other)).toBe(false)
    expect(names.isEventName('stopSales.list')).toBe(false)
  })
})
