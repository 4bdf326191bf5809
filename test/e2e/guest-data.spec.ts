/**
 * A reservation whose guests' personal data was removed after check-out, in Chromium: the detail says
 * when (dd.MM.yyyy, in English and Turkish), the guests keep their titles and nationalities only, and
 * the list shows no lead guest — while the reservation itself (voucher, RecId) is all there.
 */
import { expect, test } from './fixtures'

test('the detail says when the personal data was removed; names, birth dates and passports are gone', async ({
  page,
  sedna,
  consoleErrors,
}) => {
  const ctx = sedna.harness.context
  const call = async (channel: string, input: unknown): Promise<any> => {
    const r = await ctx.dispatch(channel, input)
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`)
    return r.value
  }
  const record = {
    voucher_no: 'GDPR-1',
    hotel_name: 'Mandarin Resort',
    check_in: '2026-04-01',
    check_out: '2026-04-08',
    room_type: 'STDSV',
    board_type: 'AI',
    adults: 1,
    guests: [
      {
        title: 'Mr',
        first_name: 'Oleksandr',
        last_name: 'Kovalenko',
        birth_date: '1980-03-02',
        passport_no: 'FU022013',
        nationality: 'UA',
      },
    ],
  }
  const preview = await call('reservationImport.preview', {
    fileName: 'r.json',
    contentBase64: Buffer.from(JSON.stringify([record])).toString('base64'),
  })
  const [id] = (await call('reservationImport.commit', { importId: preview.importId })).ids
  await call('sync.reservations', { ids: [id] })
  // Removed on 1 November 2026 (local noon, so the day is the same in every time zone the test runs in).
  const removedAt = new Date(2026, 10, 1, 12, 0, 0)
  expect((await ctx.guestData.purge(removedAt)).reservations).toBe(1)

  await page.goto(`${sedna.harness.url}#/reservation/${id}`)
  const detail = page.getByTestId('reservation-detail')
  await expect(detail.getByRole('heading', { level: 1 })).toContainText('GDPR-1')
  await expect(page.getByTestId('reservation-rec-id')).toHaveText(/^\d+$/)
  await expect(page.getByTestId('reservation-guest-data-purged')).toHaveText(
    'Personal data removed on 01.11.2026: the guests’ names, birth dates and passport numbers are deleted a set number of days after check-out.',
  )
  const guest = page.getByTestId('reservation-guest')
  await expect(guest).toHaveCount(1)
  await expect(guest).toContainText('Mr')
  await expect(guest).toContainText('UA')
  await expect(detail).not.toContainText(/KOVALENKO|Kovalenko|OLEKSANDR|FU022013|1980|02\.03\.1980/)

  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Türkçe' })
  await expect(page.getByTestId('reservation-guest-data-purged')).toHaveText(
    'Kişisel veriler 01.11.2026 tarihinde silindi: misafirlerin adları, doğum tarihleri ve pasaport numaraları çıkıştan belirli bir gün sonra silinir.',
  )
  await page.getByRole('combobox', { name: 'Dil' }).selectOption({ label: 'English' })

  await page.goto(`${sedna.harness.url}#/reservations`)
  const row = page.getByTestId('reservation-row').filter({ hasText: 'GDPR-1' })
  await expect(row).toHaveAttribute('data-status', 'synced')
  await expect(row.locator('td.guest')).toHaveText('—')
  expect(consoleErrors).toEqual([])
})
