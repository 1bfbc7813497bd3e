// Layout of every page type at a desktop (1,280 px) and a phone (375 px) width, in the npm Chromium as the PDFs are
// printed: no sideways scroll, no element wider than its column (a wide table scrolls inside its own box), no
// status badge running out of its cell or into another. Screenshots are kept in tests/captures/ for review.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRenderedPage, openBrowser, type BrowserSession } from "../../pipelines/publish/browser.ts";
import { startStaticServer, type StaticServer } from "../../pipelines/publish/static-server.ts";
import { SANS_NAVIGATEUR, SKIP_BROWSER, warnSkipped } from "../support/site-fixture.ts";
import { SHARED_RUN_TIMEOUT, sharedRun } from "./shared-run.ts";

const AUCH = "200066926";
const PAGES = ["/", "/indicateurs", "/methodologie", "/epci/", `/epci/${AUCH}`, "/communes/", "/communes/32013", "/activite", "/offre"];
const WIDTHS = [1280, 375];
const CAPTURES = path.resolve("tests/captures");

/**
 * The measure runs in the page as plain JavaScript read from a file: a function passed from here would carry the
 * test transformer's helpers, unknown to the page.
 */
const LAYOUT_SCRIPT = fs.readFileSync(path.resolve("tests/support/mise-en-page.browser.js"), "utf8");

describe.skipIf(SKIP_BROWSER)(`mise en page à 1 280 et 375 px${SKIP_BROWSER ? ` (${SANS_NAVIGATEUR})` : ""}`, () => {
  let browser: BrowserSession;
  let server: StaticServer;

  beforeAll(async () => {
    const run = await sharedRun();
    server = await startStaticServer(run.site);
    browser = await openBrowser();
    fs.mkdirSync(CAPTURES, { recursive: true });
  }, SHARED_RUN_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of WIDTHS) {
    it(`fits every page type in its column at ${width} px, badges inside their cells`, async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const found: Record<string, string[]> = {};
      for (const chemin of PAGES) {
        await loadRenderedPage(page, `${server.url}${chemin}`);
        // Closed « details » hide their tables: open them, as a reader does, before measuring.
        await page.evaluate(() => {
          for (const details of document.querySelectorAll("details")) details.open = true;
        });
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const problems = (await page.evaluate(LAYOUT_SCRIPT)) as string[];
        if (problems.length) found[chemin] = problems;
        const file = `${chemin.replace(/^\/|\/$/g, "").replace(/\//g, "-") || "accueil"}-${width}.png`;
        await page.screenshot({ path: path.join(CAPTURES, file), fullPage: width < 1000 ? false : true });
      }
      await page.close();
      expect(found).toEqual({});
    });
  }
});

warnSkipped("Tests de mise en page");
