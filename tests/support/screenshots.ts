import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Saves the page at desktop and phone width into GATEHOUSE_SCREENSHOTS=<directory>, when it is set. */
export async function screenshotBothWidths(page: Page, name: string): Promise<void> {
  const directory = process.env.GATEHOUSE_SCREENSHOTS;
  if (!directory) return;
  mkdirSync(directory, { recursive: true });
  await page.screenshot({ path: path.join(directory, `${name}.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  try {
    await page.screenshot({ path: path.join(directory, `${name}-${PHONE.width}px.png`), fullPage: true });
  } finally {
    await page.setViewportSize(DESKTOP);
  }
}
