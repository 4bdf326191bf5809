/**
 * One-click sync in Chromium, against the simulator over real HTTP: one row, all pending with
 * progress and a summary, and the offline queue flushing by itself when Sedna comes back.
 */
import { join } from 'node:path'
import { startSimulator } from '../../src/main/sedna/simulator'
import { mandarin } from '../support/sync-app'
import { expect, test } from './fixtures'

const samples = join(import.meta.dirname, '../../../shared/samples/parsed')
test.use({ simOptions: { latencyMs: 150 } })

test('sync one row: it becomes synced with the RecId Sedna gave it', async ({ page, sedna }, testInfo) => {
  sedna.harness.context.services.stopSales.add([
    mandarin(),
    mandarin({ firstNight: '2026-03-01', lastNight: '2026-03-03' }),
  ])
  await page.goto(sedna.harness.url)
  const row = page.getByTestId('stop-sale-row').filter({ hasText: '25.01.2026' })
  await row.getByRole('button', { name: 'Sync' }).click()
  await expect(row).toHaveAttribute('data-status', 'synced')
  const [record] = sedna.sim.stopSales()
  expect(sedna.sim.stopSales()).toHaveLength(1)
  await expect(row.getByTestId('rec-id')).toHaveText(String(record!.RecId))
  await expect(page.getByTestId('sync-summary').locator('[data-count="synced"]')).toHaveText('Synced 1')
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'online')
  await page.screenshot({ path: testInfo.outputPath('sync-one.png'), fullPage: true })
})

test('keyboard: S sends the focused row, Space selects one for "Sync selected"', async ({ page, sedna }) => {
  sedna.harness.context.services.stopSales.add([
    mandarin(),
    mandarin({ firstNight: '2026-03-01', lastNight: '2026-03-03' }),
    mandarin({ firstNight: '2026-04-01', lastNight: '2026-04-03' }),
  ])
  await page.goto(sedna.harness.url)
  const rows = page.getByTestId('stop-sale-row')
  await rows.first().focus()
  await page.keyboard.press('s')
  await expect(rows.first()).toHaveAttribute('data-status', 'synced')
  await expect(rows.first()).toBeFocused()
  expect(sedna.sim.stopSales()).toHaveLength(1)

  await page.keyboard.press('ArrowDown')
  await page.keyboard.press(' ')
  await expect(rows.nth(1).getByRole('checkbox')).toBeChecked()
  await page.getByRole('button', { name: 'Sync selected (1)' }).click()
  await page.getByTestId('preview-send').click() // the preview first (#15): send what it shows
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'synced')
  await expect(rows.nth(2)).toHaveAttribute('data-status', 'pending')
  expect(sedna.sim.stopSales()).toHaveLength(2)
})

test('"Sync all pending" shows progress and a correct summary', async ({ page, sedna }, testInfo) => {
  await page.goto(`${sedna.harness.url}#/import`)
  await page.getByTestId('import-file').setInputFiles(join(samples, 'stop-sales.sample.json'))
  await page.getByRole('button', { name: 'Import 5 stop sales' }).click()
  await page.getByRole('link', { name: 'See the stop sales' }).click()
  await page.getByRole('button', { name: 'Sync all pending (5)' }).click()
  await page.getByTestId('preview-send').click() // the preview first (#15): send what it shows
  await expect(page.getByTestId('sync-progress')).toBeVisible()
  const summary = page.getByTestId('sync-summary')
  // Grand Palace's TRP and Antalya Beach's STDLV are unknown in the simulator: those need a mapping.
  await expect(summary.locator('[data-count="synced"]')).toHaveText('Synced 2')
  await expect(summary.locator('[data-count="needsAttention"]')).toHaveText('Needs attention 3')
  await expect(summary.getByTestId('sync-summary-item')).toHaveCount(3)
  await expect(summary).toContainText('room code "TRP" is unknown')
  expect(sedna.sim.stopSales()).toHaveLength(2)
  await page.screenshot({ path: testInfo.outputPath('sync-all.png'), fullPage: true })

  // The summary lives outside the page: after a stop sale's detail and the reservations, it is still there.
  await summary.getByTestId('sync-summary-item').first().getByRole('link').click()
  await expect(page.getByTestId('stop-sale-detail')).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reservations' }).click()
  await expect(summary.locator('[data-count="needsAttention"]')).toHaveText('Needs attention 3')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stop sales' }).click()
  await expect(summary.locator('[data-count="synced"]')).toHaveText('Synced 2')
  await summary.getByRole('button', { name: 'Close' }).click()
  await expect(summary).toHaveCount(0)
})

test('offline: rows wait as queued, then go out by themselves when Sedna is back', async ({
  page,
  sedna,
}, testInfo) => {
  sedna.harness.context.services.stopSales.add([
    mandarin(),
    mandarin({ firstNight: '2026-04-01', lastNight: '2026-04-02' }),
  ])
  const port = sedna.sim.port
  await sedna.sim.close()
  await page.goto(sedna.harness.url)
  await page.getByRole('button', { name: 'Sync all pending (2)' }).click()
  await page.getByTestId('preview-send').click() // the preview first (#15): send what it shows
  const summary = page.getByTestId('sync-summary')
  await expect(summary.locator('[data-count="queued"]')).toHaveText('Queued 2')
  await expect(summary).toContainText('sent automatically when Sedna answers again')
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'offline')
  await expect(page.getByTestId('connectivity')).toContainText('2 waiting')
  await page.screenshot({ path: testInfo.outputPath('sync-offline.png'), fullPage: true })

  sedna.sim = await startSimulator({ port })
  const rows = page.getByTestId('stop-sale-row')
  await expect(rows.and(page.locator('[data-status="synced"]'))).toHaveCount(2, { timeout: 15_000 })
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'online')
  expect(sedna.sim.stopSales()).toHaveLength(2)
})
