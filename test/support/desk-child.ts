/**
 * A desk of the agency in its own process (two-desks.test.ts): its own data folder and app, the
 * simulator's account. Commands arrive on stdin as JSON lines; each is answered by one JSON line on
 * stdout, so the test can make two desks press "Sync all pending" at the same moment, round after round.
 *   {"cmd":"import","path":…} · {"cmd":"importReservations","path":…} · {"cmd":"sync"} · {"cmd":"rows"}
 */
import { createInterface } from 'node:readline'
import { openAppContext } from '../../src/main/app-context'
import { createMemoryStore } from '../../src/main/credentials'
import { createMemoryLogger } from '../../src/main/log'
import { addSimAccount } from './account'
import { invoke } from './context'

const { DATA_DIR, MIGRATIONS, SEDNA_URL } = process.env
const ctx = await openAppContext({
  dataDir: DATA_DIR!,
  migrationsFolder: MIGRATIONS!,
  version: 'desk-child',
  logger: createMemoryLogger(),
  credentials: createMemoryStore(),
  sync: { backoff: { baseMs: 200, capMs: 200 }, probeIntervalMs: 200 },
})
await addSimAccount(ctx, SEDNA_URL!)

async function answer(line: string): Promise<unknown> {
  const command = JSON.parse(line) as { cmd: string; path?: string }
  switch (command.cmd) {
    case 'import': {
      const preview = await invoke(ctx, 'import.preview', { path: command.path! })
      return invoke(ctx, 'import.commit', { importId: preview.importId })
    }
    case 'importReservations': {
      const preview = await invoke(ctx, 'reservationImport.preview', { path: command.path! })
      return invoke(ctx, 'reservationImport.commit', { importId: preview.importId })
    }
    case 'sync':
      return invoke(ctx, 'sync.allPending', {})
    case 'rows':
      return {
        stopSales: ctx.database.sqlite.prepare('select id, status, sedna_rec_id as recId from stop_sales').all(),
        reservations: ctx.database.sqlite.prepare('select id, status, sedna_rec_id as recId from reservations').all(),
      }
    default:
      throw new Error(`unknown command ${command.cmd}`)
  }
}

process.stdout.write(`${JSON.stringify({ ready: true })}\n`)
for await (const line of createInterface({ input: process.stdin })) {
  try {
    process.stdout.write(`${JSON.stringify({ ok: true, value: await answer(line) })}\n`)
  } catch (err) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String(err) })}\n`)
  }
}
await ctx.close()
