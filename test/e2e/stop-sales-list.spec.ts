/**
 * The vertical slice, end to end: a stop sale written to SQLite shows up in the real renderer,
 * through the real services and the real contract, in a real Chromium.
 */
import Database from 'better-sqlite3'
import { databaseFileIn } from '../../src/main/paths'
import { sampleStopSale } from '../support/fixtures'
import { expect, test } from './fixtures'

test('an empty database shows the empty state', async ({ page, harness }, testInfo) => {
  await page.goto(harness.url)
  await expect(page.getByTestId('stop-sales-empty')).toContainText('No stop sales yet')
  await page.screenshot({ path: testInfo.outputPath('empty.png') })
})

test('a stop sale written to SQLite appears in the list', async ({ page, harness, consoleErrors }, testInfo) => {
  // Written by the test with its own connection, as another process (the CLI) would.
  const direct = new Database(databaseFileIn(harness.context.services.info.dataDir))
  direct
    .prepare(
      `insert into stop_sales (hotel_name, room_codes, board_codes, first_night, last_night, kind, status, sedna_rec_id)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run('İstanbul Boğaz Palace', '["DBL","TRP"]', '["AI"]', '2025-06-01', '2025-06-03', 'close', 'synced', 823259)
  direct.close()

  await page.goto(harness.url)
  const row = page.getByTestId('stop-sale-row')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('İstanbul Boğaz Palace')
  await expect(row).toContainText('01.06.2025')
  await expect(row).toContainText('03.06.2025')
  await expect(row.locator('td').nth(5)).toHaveText('3')
  await expect(row).toContainText('DBL, TRP')
  await expect(row).toContainText('AI')
  await expect(row).toContainText('Stop (close)')
  await expect(row).toContainText('Synced')
  await expect(row).toContainText('823259')
  await expect(page.getByTestId('count-synced')).toContainText('1')

  // Added through the service: main pushes stopSales.changed and the list refreshes by itself.
  harness.context.services.stopSales.add([sampleStopSale({ kind: 'open', roomCodes: [], boardCodes: [] })])
  await expect(row).toHaveCount(2)
  const opened = row.filter({ hasText: 'Çamyuva Güneş Otel' })
  await expect(opened).toContainText('Open')
  await expect(opened).toContainText('All rooms')
  await expect(opened).toContainText('Pending')
  await page.screenshot({ path: testInfo.outputPath('list.png'), fullPage: true })
  expect(consoleErrors).toEqual([])
})

test('when main cannot answer, the list shows an error and recovers on retry', async ({ page, harness }, testInfo) => {
  harness.context.services.stopSales.add([sampleStopSale()])
  await page.route('**/__harness/invoke/stopSales.list', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        ok: false,
        error: { kind: 'internal', message: 'The database is locked by another program.' },
      }),
    }),
  )
  await page.goto(harness.url)
  const error = page.getByTestId('stop-sales-error')
  await expect(error).toContainText('Stop sales could not be loaded')
  await expect(error).toContainText('The database is locked by another program.')
  await page.screenshot({ path: testInfo.outputPath('error.png') })

  await page.unroute('**/__harness/invoke/stopSales.list')
  await error.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByTestId('stop-sale-row')).toHaveCount(1)
})
