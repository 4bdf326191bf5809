/**
 * The import screen end to end in Chromium: choose a file, see the preview with counts and per-row
 * reasons, import, see the result and the stop sales; importing the same file again adds nothing.
 */
import { join } from 'node:path'
import { expect, test } from './fixtures'

const samples = join(import.meta.dirname, '../../../shared/samples/parsed')

test('import the sample JSON: preview, commit, result, then the same file again adds nothing', async ({
  page,
  harness,
}, testInfo) => {
  await page.goto(`${harness.url}#/import`)
  await page.getByTestId('import-file').setInputFiles(join(samples, 'stop-sales.sample.json'))

  const counts = page.getByTestId('import-counts')
  await expect(counts.locator('[data-count="rows"]')).toHaveText('4')
  await expect(counts.locator('[data-count="stopSales"]')).toHaveText('5')
  await expect(counts.locator('[data-count="willImport"]')).toHaveText('5')
  await expect(counts.locator('[data-count="invalid"]')).toHaveText('0')
  const antalya = page.getByTestId('import-row').filter({ hasText: 'Antalya Beach Otel' })
  await expect(antalya).toHaveCount(2)
  await expect(antalya.first()).toContainText('15.06.2025')
  await expect(antalya.first()).toContainText('20.06.2025')
  await expect(antalya.first().locator('td').nth(5)).toHaveText('6')
  await page.screenshot({ path: testInfo.outputPath('import-preview.png'), fullPage: true })

  await page.getByRole('button', { name: 'Import 5 stop sales' }).click()
  await expect(page.getByTestId('import-result')).toContainText('Imported 5 stop sales from stop-sales.sample.json')
  await page.getByRole('link', { name: 'See the stop sales' }).click()
  await expect(page.getByTestId('stop-sale-row')).toHaveCount(5)
  await expect(page.getByTestId('count-pending')).toContainText('5')

  await page.goto(`${harness.url}#/import`)
  await page.getByTestId('import-file').setInputFiles(join(samples, 'stop-sales.sample.json'))
  await expect(page.getByTestId('same-file')).toBeVisible()
  await expect(counts.locator('[data-count="willImport"]')).toHaveText('0')
  await expect(counts.locator('[data-count="duplicates"]')).toHaveText('5')
  await expect(page.getByRole('button', { name: /Import 0 stop sales/ })).toBeDisabled()
})

test('invalid rows are shown with their line and reason and left out', async ({ page, harness }, testInfo) => {
  await page.goto(`${harness.url}#/import`)
  await page.getByTestId('import-file').setInputFiles({
    name: 'sabah.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'hotel_name;date_from;date_to;room_types\nÇamyuva Güneş Otel;12.05.2025;18.05.2025;DBL,SGL\nKemer Işıklar Resort;31.02.2025;05.03.2025;\n',
    ),
  })
  await expect(page.getByTestId('import-counts').locator('[data-count="invalid"]')).toHaveText('1')
  await page.getByRole('tab', { name: 'Invalid' }).click()
  const bad = page.getByTestId('import-row')
  await expect(bad).toHaveCount(1)
  await expect(bad).toContainText('line 3')
  await expect(bad).toContainText('31.02.2025')
  await expect(bad).toContainText('not a real date')
  await page.screenshot({ path: testInfo.outputPath('import-invalid.png'), fullPage: true })
  await page.getByRole('button', { name: 'Import 1 stop sale' }).click()
  await expect(page.getByTestId('import-result')).toContainText('1 invalid row(s) left out')
})
