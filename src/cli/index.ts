/**
 * Entry of the command line (built into out/cli/index.js; started by bin/sedna-stop-sales.cjs).
 * SIGINT/SIGTERM once: finish the stop sales and reservations in flight, print the summary, exit. Twice: exit now —
 * safe at any point, the sync state machine is built to survive being killed. A repeat within half
 * a second is the same Ctrl+C arriving twice (from the terminal and forwarded by the launcher).
 * stdin, stdout and stderr are the launcher's own (inherited).
 */
import { writeSync } from 'node:fs'
import { runCli } from './main'

/**
 * Tells the launcher the exit code first (fd SEDNA_CLI_EXIT_FD): if Node then hangs inside
 * process.exit() — nodejs/node#54918 — the launcher ends the process and still returns this code.
 */
function exit(code: number): never {
  const fd = Number(process.env.SEDNA_CLI_EXIT_FD)
  if (Number.isInteger(fd) && fd > 2) {
    try {
      writeSync(fd, `${code}\n`)
    } catch {
      // not started by the launcher after all
    }
  }
  // Test hook: block the main thread for good, as that deadlock does (no JS, no signal handler runs).
  if (process.env.SEDNA_CLI_TEST_HANG_ON_EXIT === '1') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
  process.exit(code)
}

let stopped = false
let firstAt = 0
// Only sync, queue --flush, reservations sync|cancel and sim stop gracefully; any other command just ends (SQLite stays whole).
let graceful = false
let release: () => void = () => {}
const stopRequested = new Promise<void>((resolve) => (release = resolve))
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!graceful) exit(signal === 'SIGINT' ? 130 : 143)
    if (stopped) {
      if (Date.now() - firstAt > 500) exit(signal === 'SIGINT' ? 130 : 143)
      return
    }
    stopped = true
    firstAt = Date.now()
    release()
  })
}

// A reader that went away (`… | head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err
  })
}

const code = await runCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() },
  { stopRequested, stopped: () => stopped, stopGracefully: () => void (graceful = true) },
)
exit(code)
