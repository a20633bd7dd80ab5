// Headless Chromium from Debian, driven by playwright-core (no browser download). CHROMIUM_PATH names
// another Chromium (default /usr/bin/chromium); tests skip with a clear message where it is absent.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { baseUrl } from './http.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core'); // loaded only when a browser test runs
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic'
    ]
  });
}

/** A page that records uncaught page errors, so a test can assert there were none. */
export async function newPage(browser: Browser, lang = 'zh-CN') {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: lang });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

export async function loginInBrowser(page: Page, username: string, password = 'demo2026') {
  await page.goto(baseUrl() + '/login');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form button')]);
}
