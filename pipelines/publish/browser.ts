// Opens headless chromium through playwright-core (Debian's binary, a fresh profile each time) and waits until a
// Framework page has rendered every cell, so what is printed or tested is the finished page.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "./chromium.ts";

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Roughly the A4 text width at 96 dpi: the charts' `width` then matches the printed column. */
export const A4_VIEWPORT = { width: 900, height: 1200 };

export async function openBrowser(): Promise<BrowserSession> {
  // Loaded on first use: every CLI command would otherwise pay its start-up time, even those that print nothing.
  const { chromium } = await import("playwright-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "observatoire-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: A4_VIEWPORT,
    locale: "fr-FR",
    offline: false,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Loads a page and waits until it is drawn: the templates' last cell adds `.page-prete` once every data file is
 * loaded, and no cell shows a loading placeholder any more. A cell error also ends the wait (reported by cellErrors).
 */
export async function loadRenderedPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(
    () =>
      document.querySelector(".observablehq--error") !== null ||
      (document.querySelector(".page-prete") !== null && document.querySelectorAll("observablehq-loading, .observablehq--loading").length === 0),
    undefined,
    { timeout: 30_000 },
  );
  // Cells computed in the same pass as the mark may still be attaching their nodes.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.evaluate(() => document.fonts.ready);
}

/** Errors shown by Framework in place of a cell (a failed cell renders as .observablehq--error). */
export async function cellErrors(page: Page): Promise<string[]> {
  return page.$$eval(".observablehq--error", (nodes) => nodes.map((node) => node.textContent ?? ""));
}
