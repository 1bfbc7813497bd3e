// Opens headless Chromium through playwright-core (the browser found by chromium.ts, a fresh profile each time)
// and waits until a Framework page has rendered every cell, so what is printed or tested is the finished page.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { browserExecutable, browserLabel, browserMissingMessage, CHROMIUM_ARGS, locateBrowser, type BrowserLookup } from "./chromium.ts";

export interface BrowserSession {
  context: BrowserContext;
  /** The browser used, as told to the user. */
  navigateur: string;
  close(): Promise<void>;
}

/**
 * No browser could be found or started: the PDFs are skipped with this French explanation. The library's own
 * (English) error stays in `cause`, never shown.
 */
export class BrowserUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BrowserUnavailable";
  }
}

/** Roughly the A4 text width at 96 dpi: the charts' `width` then matches the printed column. */
export const A4_VIEWPORT = { width: 900, height: 1200 };

export async function openBrowser(lookup: BrowserLookup = locateBrowser()): Promise<BrowserSession> {
  if (!lookup.trouve) throw new BrowserUnavailable(browserMissingMessage(lookup));
  const navigateur = browserLabel(lookup);
  let executable;
  try {
    executable = await browserExecutable(lookup);
  } catch (error) {
    throw new BrowserUnavailable(
      `Portraits PDF non produits : ${navigateur} n'a pas pu être décompressé dans ${os.tmpdir()}. Vérifiez la place libre de ce dossier, puis relancez « npx observatoire pdf ».`,
      { cause: error },
    );
  }
  // Loaded on first use: every CLI command would otherwise pay its start-up time, even those that print nothing.
  const { chromium } = await import("playwright-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "observatoire-chromium-"));
  let context: BrowserContext;
  try {
    // Only the verified flags: @sparticuz/chromium's own `args` are made for AWS Lambda (single process, web
    // security off) and are not needed to run its headless shell here.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: executable.executablePath,
      env: executable.env ? { ...process.env, ...executable.env } : undefined,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: A4_VIEWPORT,
      locale: "fr-FR",
      offline: false,
    });
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    const stale = lookup.source === "npm" ? ` Si le problème persiste, supprimez ${path.join(os.tmpdir(), "chromium")} (il sera décompressé de nouveau).` : "";
    throw new BrowserUnavailable(
      `Portraits PDF non produits : ${navigateur} n'a pas pu démarrer.${stale} Vous pouvez aussi indiquer un autre navigateur (Chrome, Chromium, Edge) dans la variable OBSERVATOIRE_CHROMIUM, puis relancer « npx observatoire pdf ».`,
      { cause: error },
    );
  }
  return {
    context,
    navigateur,
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
