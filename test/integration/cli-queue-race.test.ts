/**
 * The app and the command line share one SQLite file. Marking stop sales and reservations for sending
 * (each queue's enqueue, behind "Sync", `sync ID…`, `sync --all` and `reservations sync`) must not fail
 * while another process writes: a deferred transaction that has read cannot wait for the write lock —
 * SQLite answers SQLITE_BUSY at once, busy timeout or not — so enqueue takes the lock up front
 * (IMMEDIATE), as claim does.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/database'
import { ReservationQueue } from '../../src/main/reservations/queue'
import { SyncQueue } from '../../src/main/stop-sales/queue'
import { migrationsFolder, projectRoot } from '../harness/server'
import { tempDataDir } from '../support/fixtures'

it('enqueue (stop sales and reservations) never fails while another process writes to the same file', async () => {
  const data = tempDataDir('sedna-queue-race-')
  const file = join(data.dir, 'sedna-stop-sales.sqlite')
  const database = await openDatabase(file, { migrationsFolder })
  try {
    const stopSaleQueue = new SyncQueue(database.db)
    const reservationQueue = new ReservationQueue(database.db, stopSaleQueue.worker)
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'test/support/cli-writer.ts')], {
      cwd: projectRoot,
      env: { ...process.env, DB_FILE: file, MIGRATIONS: migrationsFolder, WRITE_MS: '2500' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d
        if (out.includes('ready')) resolve()
      })
      child.on('exit', () => reject(new Error(`writer exited early: ${out}`)))
    })
    // One queue after the other, each hammered on its own for 750 ms while the writer runs. Measured
    // with each enqueue deferred: taking turns call by call hid the race (0–1 failures in 1.5 s), and so
    // did running the reservations second (1 failure); in this order each fails 480–1,210 times.
    const queues = { stopSales: stopSaleQueue, reservations: reservationQueue }
    const errors = { stopSales: [] as string[], reservations: [] as string[] }
    const accepted = { stopSales: 0, reservations: 0 }
    for (const kind of ['reservations', 'stopSales'] as const) {
      const until = Date.now() + 750
      while (Date.now() < until) {
        try {
          accepted[kind] += queues[kind].enqueue('all-pending').length
        } catch (err) {
          errors[kind].push((err as { code?: string }).code ?? String(err))
        }
      }
    }
    expect(await exited).toBe(0)
    const inserted = JSON.parse(out.trim().split('\n').at(-1)!) as { stopSales: number; reservations: number }
    console.log(
      `queue race: writer inserted ${inserted.stopSales} stop sales and ${inserted.reservations} reservations; ` +
        `enqueue accepted ${accepted.stopSales} and ${accepted.reservations}; ` +
        `failed ${errors.stopSales.length} and ${errors.reservations.length} times`,
    )
    for (const kind of ['stopSales', 'reservations'] as const) {
      expect(inserted[kind]).toBeGreaterThan(0)
      expect(accepted[kind], kind).toBeGreaterThan(0)
      expect(
        errors[kind].length,
        `${kind}: enqueue failed ${errors[kind].length} times: ${[...new Set(errors[kind])].join(', ')}`,
      ).toBe(0)
    }
  } finally {
    database.close()
    data.cleanup()
  }
})
