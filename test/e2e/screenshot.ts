/** A full-page picture of the app for the test's output folder. */
import type { Page, TestInfo } from '@playwright/test'

/**
 * The app scrolls inside its main area, so a full-page screenshot would stop at the window's edge:
 * the window grows to the content's height for the picture (same width, 1366), then shrinks back.
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const viewport = page.viewportSize()!
  const hidden = await page.evaluate(() => {
    const content = document.querySelector('.content')
    return content ? content.scrollHeight - content.clientHeight : 0
  })
  if (hidden > 0) await page.setViewportSize({ width: viewport.width, height: viewport.height + hidden })
  await page.screenshot({ path: testInfo.outputPath(name), fullPage: true })
  await page.setViewportSize(viewport)
}
