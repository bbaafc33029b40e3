/**
 * Screenshots of the built app with the sample data, for looking at the page as a user would:
 * laptop and wide, English and Dutch, light and dark. `npx tsx scripts/screenshots.ts [outDir]`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { serveDir } from '../test/e2e/server';
import { launch, openTab } from '../test/e2e/browser';

const out = resolve(process.argv[2] ?? 'test/e2e/out/screens');
mkdirSync(out, { recursive: true });
const server = await serveDir(resolve('dist'), '/kohort/');
const browser = await launch();
const views = [
  { name: 'laptop-en-light', width: 1366, height: 900, locale: 'en-GB', colorScheme: 'light' as const },
  { name: 'wide-nl-dark', width: 2200, height: 1300, locale: 'nl-NL', colorScheme: 'dark' as const },
];
const only = process.env.VIEWS?.split(',');
for (const v of views.filter((x) => !only || only.includes(x.name))) {
  const tab = await openTab(browser, server.url, v);
  if (v.name.startsWith('landing')) continue;
  await tab.page.screenshot({ path: `${out}/${v.name}-start.png` });
  await tab.page.locator('.landing button').first().click();
  await tab.page.waitForFunction(() => document.querySelectorAll('section[aria-busy="true"]').length === 0 && document.querySelectorAll('section[aria-labelledby] canvas').length > 0 && !document.querySelector('[role=status] .spinner'), null, { timeout: 120_000 });
  await tab.page.waitForTimeout(800);
  await tab.page.screenshot({ path: `${out}/${v.name}-dashboard.png`, fullPage: true });
  console.log(v.name, 'console errors:', tab.consoleErrors);
  await tab.context.close();
}
await browser.close();
await server.close();
