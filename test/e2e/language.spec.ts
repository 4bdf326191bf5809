/**
 * Journey 6 of the staff screen: the app speaks Turkish or English. The language follows the OS
 * (navigator.language), can be switched in the top bar, and is remembered; dates stay dd.MM.yyyy.
 */
import { sampleStopSale } from '../support/fixtures'
import { expect, test } from './fixtures'

test('switching to Türkçe translates the screen, is remembered, and switches back', async ({
  page,
  harness,
  consoleErrors,
}, testInfo) => {
  harness.context.services.stopSales.add([sampleStopSale()])
  await page.goto(harness.url)
  const row = page.getByTestId('stop-sale-row')
  await expect(row).toHaveCount(1)
  const language = page.getByTestId('language')
  const nav = page.getByRole('navigation', { name: 'Main' })
  const headers = page.getByTestId('stop-sales-table').locator('thead th')

  // The harness's Chromium runs in English.
  await expect(language).toHaveValue('en')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(row).toContainText('Pending')

  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Türkçe' })
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr')
  const trNav = page.getByRole('navigation', { name: 'Ana menü' })
  await expect(trNav.getByRole('link')).toHaveText([
    'Satış durdurmalar',
    'Takvim',
    'Rezervasyonlar',
    'Kuyruk',
    'İçe aktar',
    'Ayarlar',
  ])
  await expect(headers).toHaveText([
    'Seç',
    'Durum',
    'Otel',
    'İlk gece',
    'Son gece',
    'Gece sayısı',
    'Odalar',
    'Pansiyonlar',
    'Kapat / aç',
    'Sedna RecId',
    'İşlemler',
  ])
  await expect(row.locator('td').nth(1)).toHaveText('Bekliyor')
  await expect(row).toContainText('Satış durdurma (kapatma)')
  await expect(row.getByRole('button', { name: 'Senkronize et' })).toBeVisible()
  // Dates keep the Turkish agencies' format in both languages.
  await expect(row.locator('td').nth(3)).toHaveText('12.05.2025')
  await expect(row.locator('td').nth(4)).toHaveText('18.05.2025')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Satış durdurmalar')
  await page.screenshot({ path: testInfo.outputPath('language-tr.png'), fullPage: true })

  // Remembered across a reload.
  await page.reload()
  await expect(row).toHaveCount(1)
  await expect(language).toHaveValue('tr')
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr')
  await expect(row.locator('td').nth(1)).toHaveText('Bekliyor')
  await expect(trNav.getByRole('link', { name: 'Satış durdurmalar' })).toBeVisible()

  // And back.
  await page.getByRole('combobox', { name: 'Dil' }).selectOption({ label: 'English' })
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(nav.getByRole('link')).toHaveText([
    'Stop sales',
    'Calendar',
    'Reservations',
    'Queue',
    'Import',
    'Settings',
  ])
  await expect(headers.nth(3)).toHaveText('First night')
  await expect(row.locator('td').nth(1)).toHaveText('Pending')
  await expect(row.locator('td').nth(3)).toHaveText('12.05.2025')
  expect(consoleErrors).toEqual([])
})

test.describe('with a Turkish system language', () => {
  test.use({ locale: 'tr-TR' })

  test('the app starts in Turkish', async ({ page, harness }) => {
    harness.context.services.stopSales.add([sampleStopSale()])
    await page.goto(harness.url)
    await expect(page.getByTestId('language')).toHaveValue('tr')
    await expect(page.locator('html')).toHaveAttribute('lang', 'tr')
    await expect(page.getByRole('navigation', { name: 'Ana menü' }).getByRole('link')).toHaveText([
      'Satış durdurmalar',
      'Takvim',
      'Rezervasyonlar',
      'Kuyruk',
      'İçe aktar',
      'Ayarlar',
    ])
    await expect(page.getByTestId('stop-sale-row').locator('td').nth(1)).toHaveText('Bekliyor')
    await expect(page.getByTestId('stop-sale-row').locator('td').nth(3)).toHaveText('12.05.2025')
  })

  test('date filters are typed gg.aa.yyyy, not in the browser’s own format', async ({ page, harness }) => {
    harness.context.services.stopSales.add([
      sampleStopSale(),
      sampleStopSale({ firstNight: '2025-06-10', lastNight: '2025-06-12', sourceMessageId: '<haziran@e2e>' }),
    ])
    await page.goto(harness.url)
    const rows = page.getByTestId('stop-sale-row')
    await expect(rows).toHaveCount(2)
    const from = page.getByTestId('filter-from')
    await expect(from).toHaveAttribute('placeholder', 'gg.aa.yyyy')
    await from.fill('01.06.2025')
    await expect(rows).toHaveCount(1)
    await expect(rows.locator('td').nth(3)).toHaveText('10.06.2025')
    // Not a real day: no filter, and the field says so once left.
    await from.fill('31.02.2025')
    await expect(rows).toHaveCount(2)
    await from.blur()
    await expect(from).toHaveAttribute('aria-invalid', 'true')
    // Written loosely, read the Turkish way (day first), shown back in full.
    await page.getByTestId('filter-to').fill('1.6.25')
    await from.fill('')
    await expect(rows).toHaveCount(1)
    await expect(rows.locator('td').nth(3)).toHaveText('12.05.2025')
    await page.getByTestId('filter-to').blur()
    await expect(page.getByTestId('filter-to')).toHaveValue('01.06.2025')
    await page.getByRole('button', { name: 'Süzgeçleri temizle' }).click()
    await expect(page.getByTestId('filter-to')).toHaveValue('')
    await expect(rows).toHaveCount(2)
  })
})
