/**
 * Import files in Chromium against the harness: "Choose a file…" asks main for its open dialog when
 * main has one (the harness is given a chooser standing in for Electron's), and main opens and checks
 * what was chosen: a device or a pipe is refused in the staff's words; a file whose text held control
 * characters previews with a note on the row. Without a chooser, the page's own file input is used.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startHarness } from '../harness/server'
import { tempDataDir } from '../support/fixtures'
import { expect, test } from './fixtures'

test('Choose a file uses main’s dialog: a device or pipe is refused in words, control characters are noted', async ({
  page,
  consoleErrors,
}, testInfo) => {
  const data = tempDataDir()
  const files = tempDataDir('sedna-e2e-files-')
  const asked: string[] = []
  let answer: string | null = '/dev/zero'
  const harness = await startHarness({
    dataDir: data.dir,
    options: { chooseImportFile: async (kind) => (asked.push(kind), answer) },
  })
  try {
    await page.goto(`${harness.url}#/import`)
    const choose = page.getByTestId('import-file-choose')
    const banner = page.getByRole('alert')

    await choose.click()
    await expect(banner).toHaveAttribute('data-error-code', 'files.device')
    await expect(banner).toHaveText('zero is a device, not a file: only a saved JSON or CSV file can be imported.')

    // Cancelled: nothing happens.
    answer = null
    await choose.click()
    await expect.poll(() => asked.length).toBe(2)
    await expect(page.getByTestId('import-preview')).toHaveCount(0)

    answer = join(files.dir, 'kirli.csv')
    writeFileSync(
      answer,
      'hotel_name;date_from;date_to;room_types\nAntalya\u0000 Beach\u001b[2J Otel\u009b\u202e;15.06.2026;16.06.2026;DBL\n',
    )
    await choose.click()
    const row = page.getByTestId('import-row')
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('Antalya Beach[2J Otel')
    await expect(row.getByTestId('import-row-note')).toHaveText('4 control characters removed from the hotel name.')
    await expect(page.getByTestId('text-cleaned')).toContainText('1 row had control characters')
    await page.screenshot({ path: testInfo.outputPath('import-cleaned.png'), fullPage: true })

    await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Türkçe' })
    await expect(row.getByTestId('import-row-note')).toHaveText('4 kontrol karakteri çıkarıldı (otel adı alanından).')
    await page.getByRole('button', { name: 'Vazgeç' }).click()

    // The reservations tab asks for its own kind; a named pipe answers at once, in Turkish.
    const pipe = join(files.dir, 'rezervasyonlar.json')
    execFileSync('mkfifo', [pipe])
    answer = pipe
    await page.goto(`${harness.url}#/import-reservations`)
    await page.getByTestId('reservation-import-file-choose').click()
    await expect(banner).toHaveAttribute('data-error-code', 'files.pipe')
    await expect(banner).toHaveText(
      'rezervasyonlar.json bir dosya değil, bir kanal (pipe): yalnızca kaydedilmiş bir JSON ya da CSV dosyası içe aktarılabilir.',
    )
    expect(asked).toEqual(['stopSales', 'stopSales', 'stopSales', 'reservations'])
    expect(consoleErrors).toEqual([])
  } finally {
    await harness.close()
    data.cleanup()
    files.cleanup()
  }
})

test('without main’s dialog (a browser page), Choose a file opens the page’s own file input', async ({
  page,
  harness,
}) => {
  await page.goto(`${harness.url}#/import`)
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('import-file-choose').click()
  await (
    await chooser
  ).setFiles({
    name: 'tarayici.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('hotel_name;date_from;date_to\nTemiz Otel;15.06.2026;16.06.2026\n'),
  })
  await expect(page.getByTestId('import-counts').locator('[data-count="willImport"]')).toHaveText('1')
  await expect(page.getByTestId('import-row-note')).toHaveCount(0)
})
