/**
 * Issue #13's acceptance journey: in Turkish, through an import with invalid rows, a sync that parks
 * some stop sales, one of their details, a failed connection test, the queue and a waiting record's
 * detail — and on none of those screens an English original of what main said (english-originals.ts).
 */
import { startSimulator } from '../../src/main/sedna/simulator'
import { wordMessage } from '../../src/shared/messages/word'
import { mandarin } from '../support/sync-app'
import { watchEnglishOriginals } from './english-originals'
import { expect, test } from './fixtures'
import { screenshot } from './screenshot'

test.use({ locale: 'tr-TR' })

const csv = [
  'hotel_name;date_from;date_to;room_types;board_types',
  'Mandarin Resort;25.01.2026;27.01.2026;STDSV;AI',
  'Mandarin Resrt Side;01.02.2026;03.02.2026;STDSV;AI',
  'Mandarin Resort;10.02.2026;12.02.2026;FAMILY;AI',
  'Kemer Işıklar Resort;31.02.2026;05.03.2026;DBL;AI',
  ';12.05.2026;18.05.2026;DBL;AI',
].join('\n')

test('in Turkish, no screen shows main’s messages in English', async ({ page, sedna }, testInfo) => {
  test.setTimeout(90_000)
  const english = watchEnglishOriginals(page)
  const nav = page.getByRole('navigation', { name: 'Ana menü' })
  const noEnglishOn = async (screen: string) => {
    await screenshot(page, testInfo, `tr-${screen.replace(/\W+/g, '-')}.png`)
    expect(await english.check(), `English on the screen: ${screen}`).toEqual([])
  }

  // An import with invalid rows: each one says why, in Turkish.
  await page.goto(`${sedna.harness.url}#/import`)
  await expect(page.getByTestId('language')).toHaveValue('tr')
  await page.getByTestId('import-file').setInputFiles({
    name: 'sabah.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  })
  const counts = page.getByTestId('import-counts')
  await expect(counts.locator('[data-count="invalid"]')).toHaveText('2')
  await expect(counts.locator('[data-count="willImport"]')).toHaveText('3')
  await page.getByRole('tab', { name: 'Geçersiz' }).click()
  await expect(page.getByTestId('import-row')).toHaveCount(2)
  await expect(page.getByTestId('import-row').first()).toContainText('31.02.2026')
  await noEnglishOn('import preview, invalid rows')
  await page.getByRole('tab', { name: 'Tüm satırlar' }).click()
  await noEnglishOn('import preview, all rows')
  await page.getByRole('button', { name: '3 satış durdurmayı içe aktar' }).click()
  await expect(page.getByTestId('import-result')).toBeVisible()
  await noEnglishOn('import result')

  // A sync that parks two of them (an unknown hotel, an unknown room code).
  await page.getByRole('link', { name: 'Satış durdurmaları gör' }).click()
  await page.getByRole('button', { name: /^Bekleyenlerin hepsini senkronize et/ }).click()
  await page.getByTestId('preview-send').click() // the preview first (#15): send what it shows
  const summary = page.getByTestId('sync-summary')
  await expect(summary.locator('[data-count="synced"]')).toContainText('1')
  await expect(summary.locator('[data-count="needsAttention"]')).toContainText('2')
  await expect(summary.getByTestId('sync-summary-item')).toHaveCount(2)
  await noEnglishOn('stop sales after the sync')

  // A parked one's detail; back in the list the summary is still there.
  await page.getByRole('link', { name: 'Mandarin Resrt Side' }).click()
  await expect(page.getByTestId('fix-in-place')).toBeVisible()
  await expect(page.getByTestId('attempt')).toHaveCount(1)
  await noEnglishOn('detail of a parked stop sale')
  await page.getByRole('link', { name: '← Satış durdurmalara dön' }).first().click()
  await expect(summary).toBeVisible()

  // Sedna goes away: testing the connection fails, in Turkish.
  const port = sedna.sim.port
  await sedna.sim.close()
  await nav.getByRole('link', { name: 'Ayarlar' }).click()
  await page.getByRole('button', { name: 'Bağlantıyı sına' }).click()
  await expect(page.getByTestId('connection-result').getByRole('alert')).toBeVisible()
  await noEnglishOn('settings, failed connection test')

  // A stop sale sent meanwhile waits in the queue: why, and what went wrong, in Turkish.
  const [waiting] = sedna.harness.context.services.stopSales.add([
    mandarin({ firstNight: '2026-05-01', lastNight: '2026-05-02' }),
  ])
  await nav.getByRole('link', { name: 'Satış durdurmalar' }).click()
  const row = page.locator(`[data-testid="stop-sale-row"][data-id="${waiting}"]`)
  await row.getByRole('button', { name: 'Senkronize et' }).click()
  await expect(row).toHaveAttribute('data-status', 'queued')
  await noEnglishOn('stop sales with one queued')
  await nav.getByRole('link', { name: 'Kuyruk' }).click()
  const item = page.getByTestId('queue-item')
  await expect(item).toHaveCount(1)
  await noEnglishOn('queue')
  await item.getByRole('link').click()
  await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'queued')
  await noEnglishOn('detail of a waiting stop sale')

  // What was checked: main did send coded messages, and the screens showed them in Turkish.
  const seen = english.seen()
  expect(seen.map((m) => m.code)).toEqual(
    expect.arrayContaining(['resolution.needsMapping', 'queue.why.waitingForSedna']),
  )
  const why = seen.find((m) => m.code === 'queue.why.waitingForSedna')!
  await nav.getByRole('link', { name: 'Kuyruk' }).click()
  await expect(page.getByTestId('queue-why')).toContainText(wordMessage(why, 'tr'))

  sedna.sim = await startSimulator({ port })
})
