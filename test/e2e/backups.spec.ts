/**
 * Settings → Backups in Chromium through the harness, against the real services and SQLite: the daily
 * backup made at start, "Back up now", a damaged backup refused with its reason, and a restore behind
 * a confirmation whose safe answer has the focus — after which the page reloads with the restored data.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { listBackups } from '../../src/main/db/backup'
import { damageTablePage } from '../support/damage'
import { sampleStopSale } from '../support/fixtures'
import { expect, test } from './fixtures'

test('back up now, refuse a damaged backup, restore one after confirming', async ({ page, harness }) => {
  const dir = join(harness.context.services.info.dataDir, 'backups')
  // The harness starts the app context as the app does: the daily backup is made at once.
  await expect.poll(() => listBackups(dir).map((b) => b.kind)).toEqual(['daily'])
  const add = (hotelName: string) =>
    harness.context.services.stopSales.add([sampleStopSale({ hotelName, sourceMessageId: `<${hotelName}@e2e>` })])
  add('Çamyuva Güneş Otel')

  await page.goto(`${harness.url}#/settings`)
  const section = page.getByTestId('backups')
  await expect(section.getByRole('heading', { name: 'Backups' })).toBeVisible()
  await expect(section.getByTestId('backups-list').locator('tbody tr')).toHaveCount(1)
  await section.getByRole('button', { name: 'Back up now' }).click()
  await expect(section.getByTestId('backup-made')).toContainText(
    /Backed up: sedna-stop-sales_.*_manual\.sqlite \(\d+ KB\)/,
  )
  const rows = section.getByTestId('backups-list').locator('tbody tr')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0)).toContainText('By hand')
  await expect(rows.nth(1)).toContainText('Daily')
  const [manual, daily] = listBackups(dir)
  add('Kemer Işıklar Resort')

  // A damaged backup: refused with its reason, nothing changed.
  damageTablePage(daily!.file)
  await rows.nth(1).getByRole('button', { name: 'Restore…' }).click()
  await page.getByTestId('restore-confirm').click()
  await expect(section.getByRole('alert')).toContainText(`${daily!.file} is damaged (SQLite found:`)
  await expect(section.getByRole('alert')).toContainText('Nothing was restored and nothing was changed.')
  expect(harness.context.database.sqlite.prepare('select count(*) from stop_sales').pluck().get()).toBe(2)

  // The confirmation: the safe answer has the focus; Escape keeps everything.
  await rows.nth(0).getByRole('button', { name: 'Restore…' }).click()
  const dialog = page.getByTestId('restore-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('heading')).toHaveText(/^Restore the backup of \d\d\.\d\d\.\d{4} \d\d:\d\d\?$/)
  await expect(dialog).toContainText('check those in Sedna before sending them again')
  await expect(dialog.getByRole('button', { name: 'Keep the current data' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  expect(listBackups(dir)).toHaveLength(2)

  await rows.nth(0).getByRole('button', { name: 'Restore…' }).click()
  await dialog.getByRole('button', { name: 'Replace the data with this backup' }).click()
  // main pushes data.restored: the page reloads and says what happened once.
  const note = page.getByTestId('backups-restored')
  await expect(note).toContainText(`The data was restored from ${manual!.name}.`)
  const before = listBackups(dir).find((b) => b.kind === 'before-restore')!
  await expect(note).toContainText(`The data as it was before is in the backup ${before.name}.`)
  await expect(page.getByTestId('backups-list').locator('tbody tr').first()).toContainText('Before a restore')
  expect(existsSync(before.file)).toBe(true)

  await page.goto(`${harness.url}#/stop-sales`)
  await expect(page.getByRole('link', { name: 'Çamyuva Güneş Otel' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Kemer Işıklar Resort' })).toHaveCount(0)
})
