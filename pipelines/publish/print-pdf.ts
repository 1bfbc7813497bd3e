// Prints pages of the built site to A4 PDF with Chromium, from a local static server: several tabs at once, each
// PDF written beside its final name then renamed, so an interrupted run never leaves a truncated file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { DataError } from "../core/errors.ts";
import { cellErrors, loadRenderedPage, openBrowser, type BrowserSession } from "./browser.ts";
import { startStaticServer } from "./static-server.ts";

export interface PdfTarget {
  /** URL path in the site: "/epci/200066926". */
  chemin: string;
  fichier: string;
  titre: string;
}

export interface PrintOptions {
  demo: boolean;
  /** The browser to print with (default: the one found on this machine). */
  openBrowser?: () => Promise<BrowserSession>;
  onPdf?: (target: PdfTarget, pages: number) => void;
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export async function printPdfs(siteDir: string, targets: PdfTarget[], { demo, onPdf, openBrowser: open = openBrowser }: PrintOptions): Promise<number> {
  if (!targets.length) return 0;
  const server = await startStaticServer(siteDir);
  let browser: BrowserSession;
  try {
    browser = await open();
  } catch (error) {
    await server.close();
    throw error;
  }
  try {
    const queue = [...targets];
    // Rendering is mostly single-threaded per tab: one tab per core keeps the machine busy without thrashing.
    const tabs = Math.max(1, Math.min(4, os.availableParallelism(), targets.length));
    await Promise.all(
      Array.from({ length: tabs }, async () => {
        const page = await browser.context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        for (let target = queue.shift(); target; target = queue.shift()) {
          errors.length = 0;
          await printOne(page, `${server.url}${target.chemin}`, target, demo, errors);
          onPdf?.(target, countPages(target.fichier));
        }
        await page.close();
      }),
    );
    return targets.length;
  } finally {
    await browser.close();
    await server.close();
  }
}

async function printOne(page: Page, url: string, target: PdfTarget, demo: boolean, errors: string[]): Promise<void> {
  await loadRenderedPage(page, url);
  const failed = [...(await cellErrors(page)), ...errors];
  if (failed.length) {
    throw new DataError(`la page ${target.chemin} du site affiche une erreur : ${failed[0]}`, {}, "Reconstruisez le site avec « observatoire publier », puis relancez « observatoire pdf ».");
  }
  await page.evaluate(() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    // A link to the site would point, in the PDF, at the local server that printed it: a dead link. Links keep
    // their words, not their address.
    for (const link of document.querySelectorAll("a[href]")) {
      if (new URL(link.getAttribute("href")!, location.href).origin === location.origin) link.removeAttribute("href");
    }
  });
  fs.mkdirSync(path.dirname(target.fichier), { recursive: true });
  const temporary = `${target.fichier}.${process.pid}.tmp`;
  await page.pdf({
    path: temporary,
    format: "A4",
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: "<span></span>",
    // Every sheet says what it is and, for demo data, that it is not official: a page may travel alone.
    footerTemplate: `<div style="font-size:7pt;width:100%;margin:0 12mm;display:flex;justify-content:space-between;font-family:sans-serif;color:#000">
      <span>${escapeHtml(target.titre)} · Observatoire territorial du GIP Gers Solidaire${demo ? " · DONNÉES DE DÉMONSTRATION" : ""}</span>
      <span>page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
  });
  fs.renameSync(temporary, target.fichier);
}

/** Pages of a PDF, from its page tree (chromium writes a single /Count for the root). */
function countPages(file: string): number {
  const counts = [...fs.readFileSync(file, "latin1").matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((match) => Number(match[1]));
  return counts.length ? Math.max(...counts) : 0;
}
