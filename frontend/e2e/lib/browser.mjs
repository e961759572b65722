// Real Chromium through playwright-core; never downloads a browser.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FRONTEND_DIR } from './backend.mjs';

export const ARTIFACTS = path.join(FRONTEND_DIR, 'e2e', 'artifacts');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name.replace(/[^a-z0-9_-]+/gi, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => {});
  return file;
}

/** The screen sizes the new-flow tests run at: a desktop and a phone. */
export const VIEWPORTS = [
  ['desktop', { width: 1280, height: 860 }],
  ['phone', { width: 390, height: 780 }],
];

/** A screenshot for people to look at (what is on screen, dialogs and notices included): e2e/artifacts/screens/. */
export async function snap(page, name) {
  const dir = path.join(ARTIFACTS, 'screens');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^a-z0-9_-]+/gi, '_')}.png`);
  await page.waitForTimeout(300); // let an opening dialog or notice finish its animation
  await page.screenshot({ path: file });
  return file;
}

/** A browser context at `size` for the API at `url`, signed in with `token` (once: a later sign-in in the page sticks). */
export async function signedInContext(browser, url, size, token) {
  const context = await browser.newContext({ baseURL: url, viewport: size, deviceScaleFactor: 1, isMobile: size.width < 500, hasTouch: size.width < 500 });
  context.setDefaultTimeout(15000);
  if (token) {
    await context.addInitScript((t) => {
      if (!sessionStorage.getItem('e2e_signed_in')) {
        localStorage.setItem('worldsmith_token', t);
        sessionStorage.setItem('e2e_signed_in', '1');
      }
    }, token);
  }
  return context;
}
