/**
 * A sync run in its own process, for the crash test. With CRASH_AT=<checkpoint> and CRASH_HIT=<n>
 * it kills itself with SIGKILL the n-th time the engine reaches that point — no cleanup, no
 * flushing, exactly like a power cut or a killed app.
 */
import { openAppContext } from '../../src/main/app-context'
import { createMemoryStore } from '../../src/main/credentials'
import { createMemoryLogger } from '../../src/main/log'
import type { CheckpointName } from '../../src/main/outbox/outcome'

const { DATA_DIR, MIGRATIONS, PROFILE_ID, SEDNA_URL, SEDNA_USERNAME, SEDNA_PASSWORD, CRASH_AT, CRASH_HIT } = process.env
let hits = 0
const ctx = await openAppContext({
  dataDir: DATA_DIR!,
  migrationsFolder: MIGRATIONS!,
  version: 'crash-child',
  logger: createMemoryLogger(),
  credentials: createMemoryStore([
    [{ profileId: Number(PROFILE_ID), baseUrl: SEDNA_URL!, username: SEDNA_USERNAME! }, SEDNA_PASSWORD!],
  ]),
  sync: {
    concurrency: 3,
    checkpoint: (name: CheckpointName) => {
      if (name === CRASH_AT && ++hits === Number(CRASH_HIT)) process.kill(process.pid, 'SIGKILL')
    },
  },
})
const summary = await ctx.services.sync.syncAllPending()
// Items left mid-way by a killed run are not "pending": make sure they are all sent too (both kinds).
ctx.sync.engine.allDueNow()
ctx.sync.engine.wake()
await ctx.sync.engine.whenIdle()
console.log(
  JSON.stringify({
    synced: summary.synced,
    statuses: ctx.database.sqlite.prepare('select status from stop_sales').pluck().all(),
  }),
)
await ctx.close()
