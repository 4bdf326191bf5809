/**
 * The home screen's first page, asked for before the app's bundle is even read: index.html runs this
 * small script first, so main answers while the browser parses and starts React. main.tsx takes the
 * answer — unless main said stop sales changed in between, then it asks again.
 */
import type { CallOutput } from '../../shared/ipc'
import type { Result } from '../../shared/result'
import { PAGE_SIZE } from './data/page-size'

export interface EarlyFirstPage {
  answer: Promise<Result<CallOutput<'stopSales.list'>>>
  /** Main said stop sales changed after it was asked: the answer may be out of date. */
  stale: boolean
}

declare global {
  interface Window {
    sednaFirstPage?: EarlyFirstPage
  }
}

const bridge = window.sedna
if (bridge && /^(#\/?(stop-sales)?)?$/.test(window.location.hash)) {
  const early: EarlyFirstPage = {
    answer: bridge.invoke('stopSales.list', { offset: 0, limit: PAGE_SIZE }),
    stale: false,
  }
  early.answer.catch(() => undefined) // a failure is seen (and shown) by the query that takes it
  const off = bridge.on('stopSales.changed', () => {
    early.stale = true
    off()
  })
  window.sednaFirstPage = early
}
