import type { SednaBridge } from '../../shared/ipc'

declare global {
  interface Window {
    /** Set by the preload script (in Electron) or by the test harness (in a browser). */
    sedna?: SednaBridge
  }
}
