/**
 * Reservations in Chromium, against the simulator over real HTTP (issue #8's journey): import the
 * parser's sample reservation, see it need a hotel, pick the hotel in its detail, sync it, see its
 * RecId, cancel it after a confirmation. Then: "Sync all pending" covering both kinds with a summary
 * that counts each, and a guest nationality fixed in place.
 */
import { join } from 'node:path'
import { mandarin } from '../support/sync-app'
import { expect, test } from './fixtures'
import { screenshot } from './screenshot'

const samples = join(import.meta.dirname, '../../../shared/samples/parsed')

test('the sample reservation: imported, hotel fixed in place, synced with its RecId, then cancelled', async ({
  page,
  sedna,
  consoleErrors,
}, testInfo) => {
  // Import → the reservations tab → the parser's sample file.
  await page.goto(sedna.harness.url)
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Import' }).click()
  await page.getByRole('link', { name: 'Parsed reservations' }).click()
  await expect(page).toHaveURL(/#\/import-reservations$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import reservations')
  await page.getByTestId('reservation-import-file').setInputFiles(join(samples, 'reservation-row.sample.json'))

  const counts = page.getByTestId('reservation-import-counts')
  await expect(counts.locator('[data-count="rows"]')).toHaveText('1')
  await expect(counts.locator('[data-count="willImport"]')).toHaveText('1')
  await expect(counts.locator('[data-count="invalid"]')).toHaveText('0')
  await expect(counts.locator('[data-count="needsAttention"]')).toHaveText('1')
  const previewRow = page.getByTestId('reservation-import-row')
  await expect(previewRow).toHaveCount(1)
  await expect(previewRow).toHaveAttribute('data-state', 'new')
  await expect(previewRow).toContainText('JUN2024001')
  await expect(previewRow).toContainText('Grand Paradise Resort')
  await expect(previewRow).toContainText('15.01.2025')
  await expect(previewRow).toContainText('22.01.2025')
  await expect(previewRow).toContainText('Mrs JOHN TEST, Mrs JANE TEST')
  await expect(previewRow).toContainText('hotel "Grand Paradise Resort" is not known in Sedna')
  await screenshot(page, testInfo, 'reservation-import-preview.png')
  await page.getByRole('button', { name: 'Import 1 reservation' }).click()
  await expect(page.getByTestId('reservation-import-result')).toContainText(
    'Imported 1 reservation from reservation-row.sample.json.',
  )
  await page.getByRole('link', { name: 'See the reservations' }).click()

  // The list: pending until a Sync finds the hotel unknown, then needs attention with the reason.
  await expect(page).toHaveURL(/#\/reservations$/)
  await expect(nav.getByRole('link', { name: 'Reservations' })).toHaveAttribute('aria-current', 'page')
  const row = page.getByTestId('reservation-row').filter({ hasText: 'JUN2024001' })
  await expect(row).toHaveAttribute('data-status', 'pending')
  await expect(row).toContainText('15.01.2025')
  await expect(row).toContainText('DBL · AI')
  await row.getByRole('button', { name: 'Sync voucher JUN2024001' }).click()
  await expect(row).toHaveAttribute('data-status', 'needs_attention')
  await expect(row.getByTestId('reservation-error')).toContainText('Grand Paradise Resort')
  const summary = page.getByTestId('sync-summary')
  await expect(summary.locator('[data-count="needsAttention"]')).toHaveText('Needs attention 1')
  await expect(summary.getByTestId('sync-summary-kinds').locator('[data-kind="reservations"]')).toContainText(
    '0 synced · 0 failed · 1 needs attention',
  )
  await expect(summary.getByTestId('sync-summary-item')).toContainText('Reservation JUN2024001')
  expect(sedna.sim.reservations()).toHaveLength(0)
  await screenshot(page, testInfo, 'reservations-needs-attention.png')

  // The keyboard opens it: Enter on the focused row.
  await row.focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/reservation\/\d+$/)
  const detail = page.getByTestId('reservation-detail')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reservation JUN2024001: Grand Paradise Resort')
  const status = page.getByTestId('reservation-status')
  await expect(status).toHaveAttribute('data-status', 'needs_attention')
  await expect(page.getByTestId('reservation-unresolved').locator('li')).toHaveText([
    'Hotel “Grand Paradise Resort” is not known in Sedna (closest: Grand Palace Hotel).',
  ])
  await expect(page.getByTestId('reservation-guest')).toHaveCount(2)
  await expect(page.getByTestId('reservation-cancel')).toBeVisible() // never sent: it could be dropped here

  // Fix in place: the closest match is the one.
  const picker = page.getByTestId('hotel-picker')
  await expect(picker.getByRole('heading')).toHaveText('Which Sedna hotel is “Grand Paradise Resort”?')
  await expect(picker).toContainText('later reservations and stop sales from “Grand Paradise Resort” go to this hotel')
  const suggestions = picker.getByRole('group', { name: 'Closest matches' })
  await expect(suggestions.getByRole('radio').first()).toHaveAccessibleName(/^Grand Palace Hotel\b.*id 1187/)
  await screenshot(page, testInfo, 'reservation-fix-hotel.png')
  await suggestions.getByRole('radio').first().check()
  await picker.getByRole('button', { name: 'Use Grand Palace Hotel' }).click()
  await expect(page.getByTestId('reservation-mapped')).toContainText(
    'Remembered: “Grand Paradise Resort” is Grand Palace Hotel (hotel 1187). Nothing else is missing: this reservation can be sent.',
  )
  await expect(status).toHaveAttribute('data-status', 'pending')
  await expect(page.getByTestId('reservation-fix-in-place')).toHaveCount(0)
  await expect(page.getByTestId('reservation-resolution')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('reservation-resolved-hotel-id')).toHaveText('1187')
  // Parked before any login, so Sedna's operator id (part of the body) is not known yet: it says so.
  await expect(page.getByTestId('reservation-payload')).toContainText(
    'The operator id of "Acente" is learned at the first login',
  )

  // Sync: synced, with the RecId Sedna gave it, and the request as sent (password as ***).
  await page.getByTestId('reservation-sync').click()
  await expect(status).toHaveAttribute('data-status', 'synced')
  expect(sedna.sim.reservations()).toHaveLength(1)
  const recId = sedna.sim.reservations()[0]!.RecId
  await expect(page.getByTestId('reservation-rec-id')).toHaveText(String(recId))
  await expect(page.getByTestId('reservation-sync-result')).toContainText(
    `Synced: Sedna stored the reservation as RecId ${recId}.`,
  )
  await expect(page.getByTestId('reservation-sync')).toHaveCount(0)
  const payload = page.getByTestId('reservation-payload')
  await expect(payload).toHaveAttribute('data-source', 'sent')
  await expect(page.getByTestId('reservation-payload-url')).toContainText('InsertReservation?')
  await expect(page.getByTestId('reservation-payload-url')).toContainText('password=***')
  await expect(payload).toContainText('"HotelId": 1187')
  await expect(detail).not.toContainText('password=demo')
  await expect(page.getByTestId('reservation-attempt').and(page.locator('[data-phase="send"]'))).toHaveCount(1)
  await screenshot(page, testInfo, 'reservation-synced.png')

  // Cancel asks first; the safe answer has the focus, and Escape keeps it.
  const cancel = page.getByTestId('reservation-cancel')
  await cancel.click()
  const dialog = page.getByRole('dialog', { name: 'Cancel reservation JUN2024001?' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(`The reservation is cancelled in Sedna (RecId ${recId}, Grand Paradise Resort).`)
  await expect(dialog.getByRole('button', { name: 'No, keep it' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(status).toHaveAttribute('data-status', 'synced')
  expect(sedna.sim.reservations()[0]).toMatchObject({ status: 'active' })

  await cancel.click()
  await screenshot(page, testInfo, 'reservation-cancel-confirm.png')
  await dialog.getByRole('button', { name: 'Yes, cancel it in Sedna' }).click()
  await expect(page.getByTestId('reservation-cancel-result')).toContainText(`Cancelled in Sedna (RecId ${recId}`)
  await expect(status).toHaveAttribute('data-status', 'cancelled')
  expect(sedna.sim.reservations()[0]).toMatchObject({ status: 'cancelled' })
  await expect(page.getByTestId('reservation-cancel')).toHaveCount(0)
  await expect(page.getByTestId('reservation-cancelled-at')).toHaveText(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/)
  // Its history has the cancel request.
  const cancelAttempt = page.getByTestId('reservation-attempt').and(page.locator('[data-phase="cancel"]'))
  await expect(cancelAttempt).toHaveCount(1)
  await expect(cancelAttempt).toHaveAttribute('data-outcome', 'ok')
  await expect(page.getByTestId('reservation-rec-id')).toHaveText(String(recId))
  await screenshot(page, testInfo, 'reservation-cancelled.png')

  // Back in the list: cancelled, RecId kept; focus returns to the row that was opened.
  await page.getByRole('link', { name: '← Back to the reservations' }).click()
  await expect(row).toHaveAttribute('data-status', 'cancelled')
  await expect(row.getByTestId('reservation-rec-id')).toHaveText(String(recId))
  await expect(row).toBeFocused()
  await expect(page.getByTestId('reservation-count-cancelled')).toContainText('1')
  expect(consoleErrors).toEqual([])
})

test('"Sync all pending" sends both kinds and counts each; a nationality is fixed in place', async ({
  page,
  sedna,
  consoleErrors,
}, testInfo) => {
  sedna.harness.context.services.stopSales.add([mandarin()])
  const guest = (first: string, nationality: string) => ({
    title: 'Mr',
    first_name: first,
    last_name: 'Kovalenko',
    birth_date: '1980-03-02',
    passport_no: null,
    nationality,
  })
  const records = [
    {
      voucher_no: 'JUN2026100',
      hotel_name: 'Mandarin Resort',
      check_in: '2026-07-10',
      check_out: '2026-07-17',
      room_type: 'STDSV',
      board_type: 'AI',
      adults: 2,
      children: 0,
      guests: [guest('Oleksandr', 'UA'), guest('Taras', 'UA')],
      source_email_id: 501,
    },
    {
      voucher_no: 'JUN2026101',
      hotel_name: 'Mandarin Resort',
      check_in: '2026-08-01',
      check_out: '2026-08-05',
      room_type: 'STDSV',
      board_type: 'AI',
      adults: 1,
      children: 0,
      guests: [guest('Petro', 'Ukraine')],
      source_email_id: 502,
    },
  ]
  await page.goto(`${sedna.harness.url}#/import-reservations`)
  await page.getByTestId('reservation-import-file').setInputFiles({
    name: 'vouchers.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(records)),
  })
  await expect(page.getByTestId('reservation-import-counts').locator('[data-count="willImport"]')).toHaveText('2')
  await page.getByRole('button', { name: 'Import 2 reservations' }).click()
  await page.getByRole('link', { name: 'See the reservations' }).click()

  const rows = page.getByTestId('reservation-row')
  await expect(rows).toHaveCount(2)
  // Arrow keys move between rows.
  await rows.first().focus()
  await page.keyboard.press('ArrowDown')
  await expect(rows.nth(1)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(rows.first()).toBeFocused()

  await page.getByTestId('reservations-sync-all').click()
  await page.getByTestId('preview-send').click() // the preview first (#15): send what it shows
  const summary = page.getByTestId('sync-summary')
  await expect(summary.locator('[data-count="synced"]')).toHaveText('Synced 2')
  const kinds = summary.getByTestId('sync-summary-kinds')
  await expect(kinds.locator('[data-kind="stopSales"] dt')).toHaveText('Stop sales')
  await expect(kinds.locator('[data-kind="stopSales"] dd')).toHaveText('1 synced · 0 failed')
  await expect(kinds.locator('[data-kind="reservations"] dt')).toHaveText('Reservations')
  await expect(kinds.locator('[data-kind="reservations"] dd')).toHaveText('1 synced · 0 failed · 1 needs attention')
  await expect(kinds.locator('[data-kind="errors"] dd')).toHaveText('1')
  await expect(summary.getByTestId('sync-summary-item')).toHaveText([
    /^Reservation JUN2026101 \(#\d+\) Needs attention: .*Ukraine/,
  ])
  expect(sedna.sim.stopSales()).toHaveLength(1)
  expect(sedna.sim.reservations().map((r) => r.element.Voucher)).toEqual(['JUN2026100'])
  const parked = rows.filter({ hasText: 'JUN2026101' })
  await expect(parked).toHaveAttribute('data-status', 'needs_attention')
  await screenshot(page, testInfo, 'reservations-sync-all.png')

  await parked.getByRole('link', { name: 'JUN2026101' }).click()
  const picker = page.getByTestId('nationality-picker')
  await expect(picker.getByRole('heading')).toHaveText('Which country is the nationality “Ukraine”?')
  await picker.getByRole('searchbox', { name: 'Search countries' }).fill('ukr')
  const select = picker.getByRole('combobox', { name: 'Sedna country for “Ukraine”' })
  await expect(select.locator('option')).toHaveText(['Choose…', 'UKRAYNA (UA) — id 79'])
  await select.selectOption({ label: 'UKRAYNA (UA) — id 79' })
  await picker.getByRole('button', { name: 'Remember this choice' }).click()
  await expect(page.getByTestId('reservation-mapped')).toContainText(
    'Remembered: nationality “Ukraine” is UKRAYNA (UA) — id 79.',
  )
  const status = page.getByTestId('reservation-status')
  await expect(status).toHaveAttribute('data-status', 'pending')
  await page.getByTestId('reservation-sync').click()
  await expect(status).toHaveAttribute('data-status', 'synced')
  expect(sedna.sim.reservations()).toHaveLength(2)
  const sent = sedna.sim.reservations()[1]!
  expect(sent.element).toMatchObject({ Voucher: 'JUN2026101' })
  await expect(page.getByTestId('reservation-rec-id')).toHaveText(String(sent.RecId))
  await expect(page.getByTestId('reservation-guest')).toContainText('Ukraine → UKRAYNA')
  await screenshot(page, testInfo, 'reservation-nationality-fixed.png')
  expect(consoleErrors).toEqual([])
})

test.describe('in Turkish', () => {
  test.use({ locale: 'tr-TR' })

  test('the reservations list and its detail speak Turkish, dates stay dd.MM.yyyy', async ({
    page,
    sedna,
  }, testInfo) => {
    await page.goto(`${sedna.harness.url}#/import-reservations`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rezervasyonları içe aktar')
    await page.getByTestId('reservation-import-file').setInputFiles(join(samples, 'reservation-row.sample.json'))
    await page.getByRole('button', { name: '1 rezervasyonu içe aktar' }).click()
    await page.getByRole('link', { name: 'Rezervasyonları gör' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rezervasyonlar')
    const row = page.getByTestId('reservation-row')
    await expect(row.locator('td').nth(1)).toHaveText('Bekliyor')
    await expect(row.locator('td').nth(4)).toHaveText('15.01.2025')
    await expect(page.getByTestId('reservations-table').locator('thead th').nth(4)).toHaveText('Giriş')
    await screenshot(page, testInfo, 'reservations-tr.png')
    await row.getByRole('link', { name: 'JUN2024001' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('JUN2024001 rezervasyonu: Grand Paradise Resort')
    await expect(page.getByTestId('reservation-detail')).toContainText('15.01.2025 – 22.01.2025 (7 gece)')
    await page.getByTestId('reservation-cancel').click()
    await expect(page.getByRole('dialog', { name: 'JUN2024001 rezervasyonu iptal edilsin mi?' })).toContainText(
      'Bu rezervasyon Sedna’ya hiç gönderilmedi.',
    )
    await page.getByRole('button', { name: 'Evet, iptal et' }).click()
    await expect(page.getByTestId('reservation-status')).toHaveAttribute('data-status', 'cancelled')
    await expect(page.getByTestId('reservation-status')).toHaveText('İptal edildi')
    expect(sedna.sim.requests().filter((r) => /Reservation/i.test(r.path))).toHaveLength(0)
  })
})
