/**
 * When the app pulls by itself: shortly after start, then every `intervalMinutes` (the setting, read each
 * time; 0 = off). A changed setting takes effect at once. One tick at a time; timers never keep the
 * process alive.
 */

export interface PullSchedule {
  start(): void
  stop(): void
}

export function createPullSchedule(opts: {
  intervalMinutes: () => number
  onSettingsChange: (listener: () => void) => () => void
  firstDelayMs: number
  tick: () => Promise<void>
}): PullSchedule {
  let timer: NodeJS.Timeout | undefined
  let started = false
  let ticking = false
  let interval = 0
  let unsubscribe: (() => void) | undefined

  function plan(delayMs: number) {
    clearTimeout(timer)
    timer = undefined
    if (!started || delayMs <= 0) return
    timer = setTimeout(() => void tick(), delayMs)
    timer.unref()
  }

  async function tick() {
    timer = undefined
    ticking = true
    try {
      await opts.tick()
    } finally {
      ticking = false
      interval = opts.intervalMinutes()
      plan(interval * 60_000)
    }
  }

  return {
    start() {
      if (started) return
      started = true
      interval = opts.intervalMinutes()
      unsubscribe = opts.onSettingsChange(() => {
        const next = opts.intervalMinutes()
        if (next === interval) return
        interval = next
        // A tick in progress plans the next one itself when it ends.
        if (!ticking) plan(next * 60_000)
      })
      if (interval > 0) plan(opts.firstDelayMs)
    },
    stop() {
      started = false
      plan(0)
      unsubscribe?.()
      unsubscribe = undefined
    },
  }
}
