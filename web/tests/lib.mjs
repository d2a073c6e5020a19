// Shared by the browser scripts: Debian's chromium, driven by playwright-core, headless,
// with a fresh profile; no browser is ever downloaded.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function baseUrl() {
  const arg = process.argv.slice(2).find((a) => /^https?:\/\//.test(a));
  const url = arg || process.env.PROXYMAP_URL || "http://127.0.0.1:8080";
  return url.replace(/\/+$/, "");
}

export function chromiumPath() {
  const p = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(p)) {
    throw new Error(`no chromium at ${p}: install Debian's (apt-get install chromium) or set CHROMIUM`);
  }
  return p;
}

// A persistent context in a fresh temporary --user-data-dir, removed by close().
export async function launch(viewport = { width: 1400, height: 860 }) {
  const dir = mkdtempSync(join(tmpdir(), "proxymap-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    offline: false,
    timeout: 60_000,
  });
  const close = async () => {
    try {
      await context.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { context, close };
}

// Waits for the default view's first complete render; returns the mark's time in ms
// since navigation started.
export async function firstRender(page, timeout = 30_000) {
  await page.waitForFunction(() => performance.getEntriesByName("proxymap:first-render").length > 0, null, {
    timeout,
  });
  return page.evaluate(() => performance.getEntriesByName("proxymap:first-render")[0].startTime);
}
