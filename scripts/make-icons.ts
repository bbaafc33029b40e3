/** Renders public/favicon.svg into the app-install icons with Chromium (exact SVG rendering). */
import { readFileSync } from 'node:fs';
import { launch } from '../test/e2e/browser';

const svg = readFileSync('public/favicon.svg', 'utf8');
const browser = await launch();
const page = await browser.newPage();
for (const [name, size, pad] of [['icon-192', 192, 0], ['icon-512', 512, 0], ['maskable-512', 512, 0.1]] as const) {
  await page.setViewportSize({ width: size, height: size });
  // Maskable icons keep their content inside the central safe zone on a full-bleed background.
  const inner = Math.round(size * (1 - 2 * pad));
  await page.setContent(
    `<html><body style="margin:0;background:${pad ? '#1f5f8b' : 'transparent'}"><div style="width:${size}px;height:${size}px;display:grid;place-items:center">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`,
  );
  await page.screenshot({ path: `public/icons/${name}.png`, omitBackground: !pad });
}
await browser.close();
