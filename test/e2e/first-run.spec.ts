/** Journey 1: first run → demo server → import the sample JSON → preview → commit → rows pending. */
import { join } from 'node:path'
import { expect, test } from './fixtures'

const samples = join(import.meta.dirname, '../../../shared/samples/parsed')

test('first run: try the demo server, import the sample, see the rows pending', async ({ page, harness }, testInfo) => {
  await page.goto(harness.url)
  const welcome = page.getByTestId('first-run')
  await expect(welcome).toContainText('connect the app to Sedna')
  await page.screenshot({ path: testInfo.outputPath('first-run.png'), fullPage: true })
  await welcome.getByRole('button', { name: 'Try the demo server' }).click()
  await expect(welcome).toHaveCount(0)
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'online')

  await page.getByRole('link', { name: 'Import' }).click()
  await page.getByTestId('import-file').setInputFiles(join(samples, 'stop-sales.sample.json'))
  await expect(page.getByTestId('import-counts').locator('[data-count="willImport"]')).toHaveText('5')
  // With the demo server's reference data the preview already knows what will need a mapping.
  await expect(page.getByTestId('import-counts').locator('[data-count="needsAttention"]')).toHaveText('3')
  await page.getByRole('button', { name: 'Import 5 stop sales' }).click()
  await page.getByRole('link', { name: 'See the stop sales' }).click()
  await expect(page.getByTestId('stop-sale-row').and(page.locator('[data-status="pending"]'))).toHaveCount(5)
  await page.screenshot({ path: testInfo.outputPath('first-run-imported.png'), fullPage: true })
})
