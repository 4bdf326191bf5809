/**
 * Opens the harness by hand, to look at the renderer in any browser against a real database:
 *   npm run harness [-- --data-dir DIR]
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dataDirOverride } from '../../src/main/paths'
import { startHarness } from './server'

const dataDir = dataDirOverride(process.argv.slice(2), process.env) ?? mkdtempSync(join(tmpdir(), 'sedna-harness-'))
const harness = await startHarness({ dataDir })
console.log(`data folder: ${dataDir}\nopen:        ${harness.url}\n(Ctrl+C to stop)`)
process.on('SIGINT', () => void harness.close().then(() => process.exit(0)))
