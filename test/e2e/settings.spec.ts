/**
 * Settings, end to end in Chromium: create a Sedna account, test the connection, refresh the
 * reference data, see a wrong password explained, and switch to the built-in demo server.
 * The Sedna here is the simulator over real HTTP; the password must never come back to the page.
 */
import type { Page } from '@playwright/test'
import { startSimulator, type Simulator } from '../../src/main/sedna/simulator'
import type { Harness } from '../harness/server'
import { expect, test } from './fixtures'

const PASSWORD = 'Gizli-Şifre-77'
let sim: Simulator

test.beforeEach(async () => {
  sim = await startSimulator({ users: [{ username: 'acente', password: PASSWORD, operatorId: 571 }] })
})
test.afterEach(async () => {
  await sim.close()
})

async function openSettings(page: Page, harness: Harness): Promise<string[]> {
  const answers: string[] = []
  page.on('response', async (res) => {
    if (res.url().includes('/__harness/invoke/')) answers.push(await res.text())
  })
  await page.goto(`${harness.url}#/settings`)
  return answers
}

test('create a Sedna account, test it, refresh reference data', async ({ page, harness }, testInfo) => {
  const answers = await openSettings(page, harness)
  await expect(page.getByRole('heading', { name: 'New Sedna account' })).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill('7 Star')
  await page.getByLabel('Sedna address').fill(`${sim.url}/api`)
  await page.getByLabel('Username', { exact: true }).fill('acente')
  await page.getByTestId('password').fill(PASSWORD)
  await page.getByLabel('Operator code').fill('7star')
  // http:// needs an explicit confirmation: refused until the box in the warning is ticked.
  await expect(page.getByTestId('http-warning')).toContainText('travels unencrypted')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByTestId('http-warning')).toContainText('Tick the box')
  await expect(page.getByTestId('profile-item')).toHaveCount(0)
  await page.getByTestId('allow-http').check()
  await page.getByRole('button', { name: 'Save', exact: true }).click()

  await expect(page.getByTestId('profile-item')).toHaveText(/7 Star\s*Active/)
  await expect(page.getByLabel('Sedna address')).toHaveValue(sim.url)
  await expect(page.getByLabel('Operator code')).toHaveValue('7STAR')
  await expect(page.getByTestId('password')).toHaveValue('')
  await expect(page.getByText('A password is stored in the system keychain')).toBeVisible()
  await expect(page.getByTestId('profile-warning')).toContainText('http://')

  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('connection-result')).toContainText('Sedna says this account is operator 571')
  await expect(page.getByTestId('operator-id')).toHaveText('571')

  await page.getByRole('button', { name: 'Refresh reference data' }).click()
  const hotels = page.getByTestId('reference-status').locator('tr[data-kind="hotels"]')
  await expect(hotels).toContainText('7')
  await expect(hotels).toContainText('Up to date')
  await page.screenshot({ path: testInfo.outputPath('settings.png'), fullPage: true })

  // A wrong password is explained in words staff can act on.
  await page.getByTestId('password').fill('yanlış-şifre')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status')).toHaveText('Saved.')
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('connection-result')).toContainText('rejected the username or password')
  await page.screenshot({ path: testInfo.outputPath('settings-wrong-password.png'), fullPage: true })

  expect(answers.length).toBeGreaterThan(5)
  for (const a of answers) expect(a).not.toContain(PASSWORD)
})

test('a changed address forgets the stored password: nothing is sent to the new one', async ({ page, harness }) => {
  const other = await startSimulator({ users: [{ username: 'acente', password: PASSWORD, operatorId: 571 }] })
  try {
    await openSettings(page, harness)
    await page.getByLabel('Name', { exact: true }).fill('7 Star')
    await page.getByLabel('Sedna address').fill(sim.url)
    await page.getByLabel('Username', { exact: true }).fill('acente')
    await page.getByTestId('password').fill(PASSWORD)
    await page.getByLabel('Operator code').fill('7STAR')
    await page.getByTestId('allow-http').check()
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByTestId('profile-item')).toHaveText(/7 Star\s*Active/)

    await page.getByLabel('Sedna address').fill(other.url)
    await expect(page.getByText('the stored password belongs to the old one')).toBeVisible()
    await page.getByTestId('allow-http').check()
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.locator('[data-testid=profile-warning][data-code=passwordForgotten]')).toBeVisible()
    await page.getByRole('button', { name: 'Test connection' }).click()
    await expect(page.getByTestId('connection-result')).toContainText('No Sedna password is stored for acente')
    expect(other.requests()).toEqual([])
  } finally {
    await other.close()
  }
})

test('an address that is not a web address is refused in place', async ({ page, harness }) => {
  await openSettings(page, harness)
  await page.getByLabel('Name', { exact: true }).fill('X')
  await page.getByLabel('Sedna address').fill('kodsedna')
  await page.getByLabel('Username', { exact: true }).fill('acente')
  await page.getByTestId('password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('is not a web address')).toBeVisible()
  await expect(page.getByTestId('profile-item')).toHaveCount(0)
})

test('try the built-in demo server without an account', async ({ page, harness }) => {
  await openSettings(page, harness)
  await page.getByRole('button', { name: 'Try the built-in demo server' }).click()
  await expect(page.getByTestId('profile-item')).toHaveText(/Demo.*Active/)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('connection-result')).toContainText('operator 571')
  await page.getByRole('button', { name: 'Refresh reference data' }).click()
  await expect(page.getByTestId('reference-status').locator('tr[data-kind="boards"]')).toContainText('Up to date')
})

test('running in the background: what closing the window does, and starting with the computer (#16)', async ({
  page,
  harness,
}) => {
  await page.goto(`${harness.url}#/settings`)
  const closeAction = page.getByTestId('close-action')
  const startAtLogin = page.getByTestId('start-at-login')
  await expect(closeAction).toHaveValue('ask')
  await expect(closeAction.locator('option')).toHaveText(['Ask each time', 'Keep sending in the background', 'Quit'])
  await expect(startAtLogin).not.toBeChecked()

  await closeAction.selectOption({ label: 'Keep sending in the background' })
  await startAtLogin.check()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved.')
  // Main holds them now: the close hook and the login item read them there.
  expect(harness.context.services.settings.get()).toMatchObject({ closeAction: 'background', startAtLogin: true })
  await page.reload()
  await expect(page.getByTestId('close-action')).toHaveValue('background')
  await expect(page.getByTestId('start-at-login')).toBeChecked()
})
