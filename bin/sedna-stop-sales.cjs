#!/usr/bin/env node
/*
 * `sedna-stop-sales` launcher. Plain CommonJS without dependencies, so any Node starts it.
 *
 * It runs the built command line (out/cli/index.js) in a child Node and passes arguments, stdin,
 * stdout, stderr, signals and the exit code through:
 * - on a Node older than 22 (better-sqlite3 crashes there), the child is the Node the project pins
 *   (the `node` package in node_modules); otherwise it is this same Node;
 * - it watches the child's exit. Node can deadlock inside process.exit() (a V8 background compile job
 *   waits for a garbage collection that shutdown never runs: nodejs/node#54918); a scheduled run must
 *   not hang on that. The command line says its exit code on fd 3 just before it exits; if the child
 *   has not ended EXIT_GRACE_MS later, it is killed and that code is returned.
 */
'use strict'
const { spawn } = require('node:child_process')
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

const MIN_MAJOR = 22
const EXIT_GRACE_MS = 5000
// Fewer V8 background compile jobs, fewer chances of that deadlock; a short run loses nothing by it.
const V8_FLAGS = ['--no-concurrent-sparkplug', '--no-concurrent-recompilation']
const root = join(__dirname, '..')
const cli = join(root, 'out', 'cli', 'index.js')

function fail(message) {
  process.stderr.write(`sedna-stop-sales: ${message}\n`)
  process.exit(2)
}

/** The pinned Node's executable: the `node` package's own bin entry (bin/node, or bin/node.exe on Windows). */
function pinnedNode() {
  try {
    const pkgFile = require.resolve('node/package.json', { paths: [root] })
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
    const rel = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin && pkg.bin.node
    const exe = rel && join(dirname(pkgFile), rel)
    return exe && existsSync(exe) ? exe : undefined
  } catch {
    return undefined
  }
}

if (!existsSync(cli)) fail(`the command line is not built yet (${cli} is missing): run "npm run build" first.`)
const node = Number(process.versions.node.split('.')[0]) >= MIN_MAJOR ? process.execPath : pinnedNode()
if (!node) {
  fail(
    `Node ${process.versions.node} is too old (better-sqlite3 needs Node ${MIN_MAJOR}+), and the project's pinned ` +
      'Node was not found in node_modules: run "npm install" in the project folder, or use Node 22 or newer.',
  )
}

const child = spawn(node, [...V8_FLAGS, cli, ...process.argv.slice(2)], {
  stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
  env: { ...process.env, SEDNA_CLI_EXIT_FD: '3' },
  windowsHide: true,
})

let reported
let killedHung = false
child.stdio[3].setEncoding('utf8')
child.stdio[3].on('data', (text) => {
  const code = Number.parseInt(text, 10)
  if (!Number.isInteger(code) || reported !== undefined) return
  reported = code
  setTimeout(() => {
    if (child.exitCode !== null || child.signalCode !== null) return
    killedHung = true
    process.stderr.write('sedna-stop-sales: Node hung while exiting after the command had finished; stopped it.\n')
    child.kill('SIGKILL')
  }, EXIT_GRACE_MS).unref()
})
child.stdio[3].on('error', () => {})

// Forward what a scheduler or a terminal sends; the command line decides how to stop.
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', ...(process.platform === 'win32' ? ['SIGBREAK'] : [])]
for (const signal of signals) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  })
}
child.on('error', (err) => fail(`cannot start ${node}: ${err.message}`))
child.on('exit', (code, signal) => {
  if (killedHung) process.exit(reported)
  if (signal) {
    // Die of the same signal, so the caller sees what the child saw.
    for (const s of signals) process.removeAllListeners(s)
    process.kill(process.pid, signal)
    setTimeout(() => process.exit(1), 1000).unref()
    return
  }
  process.exit(code === null ? 1 : code)
})
