// Renders Gatehouse's icons from SVG with headless Chromium (npm run icons):
//   build/icon.png            1024 px app icon, from build/icon.svg; electron-builder makes the
//                             .icns, .ico and Linux sizes from it
//   electron/icons/app.png    256 px window icon (Linux shows it where no .desktop file is installed)
//   electron/icons/tray-<state>.png and tray-<state>@2x.png   16 and 32 px tray icons, for the
//                             server running (open gate, green), stopped (gate closed, grey) and
//                             in error (red, with an exclamation mark)
// The tray glyph is drawn on a 16-pixel grid so both sizes stay sharp.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium.ts';

export type TrayState = 'running' | 'stopped' | 'error';

const TRAY_COLOURS: Record<TrayState, string> = { running: '#2ea043', stopped: '#8b949e', error: '#e5484d' };

// Two towers with merlons, the wall between them, and the gate: an arch between the towers.
const GATEHOUSE = 'M1 15V1H2V2H4V1H5V5H7V4H9V5H11V1H12V2H14V1H15V15Z';
const GATE = 'M5 15V10A3 3 0 0 1 11 10V15Z';

export function traySvg(state: TrayState): string {
  const colour = TRAY_COLOURS[state];
  const body =
    state === 'error'
      ? `<path fill="${colour}" d="${GATEHOUSE}"/><path fill="#fff" d="M7 8H9V12H7ZM7 13H9V15H7Z"/>`
      : `<path fill="${colour}" fill-rule="evenodd" d="${GATEHOUSE}${GATE}"/>`;
  const portcullis = state === 'stopped' ? `<path fill="${colour}" d="M6 8H7V15H6ZM9 8H10V15H9ZM5 11H11V12H5Z"/>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">${body}${portcullis}</svg>`;
}

async function render(page: Page, svg: string, size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  const sized = svg.replace(/<svg\b[^>]*>/, (tag) => tag.replace(/\s(width|height)="[^"]*"/g, '').replace(/^<svg/, `<svg width="${size}" height="${size}"`));
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
  await page.addStyleTag({ content: 'svg { display: block }' });
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

async function main() {
  const root = new URL('..', import.meta.url);
  const file = (relative: string) => fileURLToPath(new URL(relative, root));
  const appIcon = readFileSync(file('build/icon.svg'), 'utf8');
  const outputs: [string, string, number][] = [
    ['build/icon.png', appIcon, 1024],
    ['electron/icons/app.png', appIcon, 256],
  ];
  for (const state of Object.keys(TRAY_COLOURS) as TrayState[]) {
    outputs.push([`electron/icons/tray-${state}.png`, traySvg(state), 16]);
    outputs.push([`electron/icons/tray-${state}@2x.png`, traySvg(state), 32]);
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const [relative, svg, size] of outputs) {
      writeFileSync(file(relative), await render(page, svg, size));
      console.log(`${relative} (${size}×${size})`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
