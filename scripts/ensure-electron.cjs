#!/usr/bin/env node
/*
 * Before `npm start` / `npm run dev`: makes sure the Electron binary is there. Electron ≥ 42 no longer
 * downloads it at install, and electron-vite reads its path without fetching it ("Electron uninstall").
 * Runs Electron's own install script (node_modules/electron/install.js: the same download, checksums,
 * cache and ELECTRON_MIRROR) when the binary is missing. Where the download cannot happen, ONE line
 * says why and what to do, and the exit is non-zero — no stack trace.
 *
 * Plain CommonJS without dependencies: it runs before anything is built.
 */
'use strict'
const { spawnSync } = require('node:child_process')
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

const root = join(__dirname, '..')
/** The download's own deadline: a stalled network ends with the line below, not a hang. */
const DOWNLOAD_TIMEOUT_MS = Number(process.env.SEDNA_ELECTRON_TIMEOUT_MS || 15 * 60_000)

function say(line) {
  process.stderr.write(`${line}\n`)
}

/** The electron package's folder, or undefined when it is not installed at all. */
function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json', { paths: [root] }))
  } catch {
    return undefined
  }
}

/** As Electron's install.js decides it: dist/version is this version and the binary path.txt names exists. */
function installed(dir, version) {
  try {
    if (
      readFileSync(join(dir, 'dist', 'version'), 'utf8')
        .trim()
        .replace(/^v/, '') !== version
    )
      return false
    const binary = readFileSync(join(dir, 'path.txt'), 'utf8').trim()
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist')
    return binary !== '' && existsSync(join(dist, binary))
  } catch {
    return false
  }
}

/** The reason in a failed install's output: its first line that is not a stack frame (e.g. "TypeError: fetch failed"). */
function reasonOf(output) {
  const lines = String(output)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !/^[{}[\]]/.test(l))
  // "TypeError: fetch failed" says no more than "fetch failed" to the person reading it.
  return (lines[0] || 'no reason given').replace(/^[A-Za-z]*Error: /, '')
}

function main() {
  const dir = electronDir()
  if (!dir) {
    say('Sedna Stop Sales: the electron package is not installed — run `npm install` first.')
    return 1
  }
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  if (installed(dir, version)) return 0

  const mirror = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror
  say(`Sedna Stop Sales: downloading Electron ${version} (first start only)${mirror ? ` from ${mirror}` : ''}…`)
  const run = spawnSync(process.execPath, [join(dir, 'install.js')], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: DOWNLOAD_TIMEOUT_MS,
  })
  if (run.status === 0 && installed(dir, version)) return 0

  const why = run.error
    ? run.error.code === 'ETIMEDOUT'
      ? `no answer within ${DOWNLOAD_TIMEOUT_MS >= 60_000 ? `${Math.round(DOWNLOAD_TIMEOUT_MS / 60_000)} min` : `${Math.round(DOWNLOAD_TIMEOUT_MS / 1000)} s`}`
      : run.error.message
    : reasonOf(`${run.stderr}\n${run.stdout}`)
  say(
    `Sedna Stop Sales cannot start: the Electron ${version} binary is not installed and could not be downloaded ` +
      `(${why}). Connect this machine to the internet, or set ELECTRON_MIRROR to a mirror it can reach ` +
      '(e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start), then run `npm start` again.',
  )
  return 1
}

process.exitCode = main()
