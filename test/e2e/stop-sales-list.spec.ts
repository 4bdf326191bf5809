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

test('filter by hotel (Turkish-insensitive), status and text; sort by a column; page', async ({
  page,
  harness,
}, testInfo) => {
  const add = harness.context.services.stopSales
  add.add([
    sampleStopSale({
      hotelName: 'İstanbul Boğaz Palace',
      firstNight: '2025-06-01',
      lastNight: '2025-06-03',
      roomCodes: ['SUI'],
    }),
    sampleStopSale({
      hotelName: 'Kemer Işıklar Resort',
      firstNight: '2025-07-01',
      lastNight: '2025-07-09',
      kind: 'open',
    }),
    sampleStopSale({ hotelName: 'Antalya Beach Otel', firstNight: '2025-05-01', lastNight: '2025-05-01' }),
  ])
  harness.context.database.sqlite
    .prepare("update stop_sales set status = 'synced', sedna_rec_id = 823999 where hotel_name like 'Kemer%'")
    .run()
  await page.goto(harness.url)
  const rows = page.getByTestId('stop-sale-row')
  await expect(rows).toHaveCount(3)

  await page.getByTestId('filter-hotel').fill('istanbul')
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText('İstanbul Boğaz Palace')
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(rows).toHaveCount(3)

  await page.getByTestId('count-synced').click()
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText('823999')
  await page.getByTestId('count-synced').click()

  await page.getByTestId('filter-text').fill('sui')
  await expect(rows).toHaveCount(1)
  await page.getByTestId('filter-text').fill('')
  await expect(rows).toHaveCount(3)

  await page.getByRole('button', { name: 'First night' }).click()
  await expect(rows.first()).toContainText('Antalya Beach Otel')
  await page.getByRole('button', { name: /First night/ }).click()
  await expect(rows.first()).toContainText('Kemer Işıklar Resort')
  await expect(page.getByRole('columnheader', { name: /First night/ })).toHaveAttribute('aria-sort', 'descending')
  await expect(page.getByTestId('page-info')).toHaveText('1–3 of 3')

  // Keyboard: focus a row, arrow down, Enter opens that stop sale.
  await rows.first().focus()
  await page.keyboard.press('ArrowDown')
  await expect(rows.nth(1)).toBeFocused()
  const id = await rows.nth(1).getAttribute('data-id')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/stop-sale/${id}$`))
  await page.screenshot({ path: testInfo.outputPath('filters.png'), fullPage: true })
})
