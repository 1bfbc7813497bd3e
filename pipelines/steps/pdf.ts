// Step « pdf »: the built site's EPCI portraits (and, on request, the commune sheets) printed to A4 PDF. Without a
// browser that can start, the step says how to get one and the run still succeeds.
import { UsageError } from "../core/errors.ts";
import { formatDuree, formatEntier } from "../core/format-fr.ts";
import { PDF_DIR, pdfDir, SITE_DIR, siteDir } from "../core/paths.ts";
import { BrowserUnavailable, openBrowser } from "../publish/browser.ts";
import { browserLabel, browserMissingMessage, locateBrowser } from "../publish/chromium.ts";
import { pdfTargets } from "../publish/pdf-targets.ts";
import { copyPdfsToSite } from "../publish/downloads.ts";
import { printPdfs } from "../publish/print-pdf.ts";
import { readManifest } from "../publish/publication-manifest.ts";
import type { Journal, Step } from "./step.ts";

export interface PdfReport {
  fichiers: number;
  dureeMs: number;
  /** Why no PDF was printed (no browser): the run is not recorded, so the next one tries again. */
  ignore?: string;
}

function skipped(message: string, journal: Journal): PdfReport {
  journal.warn(message);
  return { fichiers: 0, dureeMs: 0, ignore: message };
}

export const pdf: Step<PdfReport> = {
  id: "pdf",
  libelle: "Portraits PDF",
  lit: [`sortie:${SITE_DIR}`],
  ecrit: [`sortie:${PDF_DIR}`],
  code: ["pipelines/publish", "site/print.css"],
  entrepot: false,
  entrees: (options) => JSON.stringify({ epci: options.epci ?? "territoire", communes: options.communes ?? false, commune: options.commune ?? [], annexe: options.annexe ?? false }),
  enregistrable: (report) => report.ignore === undefined,
  async run({ options, journal }) {
    const lookup = locateBrowser();
    if (!lookup.trouve) return skipped(browserMissingMessage(lookup), journal);
    const manifest = readManifest(siteDir(options.sortie));
    if (!manifest) throw new UsageError(`aucun site construit dans ${siteDir(options.sortie)}.`, "Lancez d'abord « observatoire publier » (ou « observatoire pipeline »).");
    const targets = pdfTargets(manifest, { epci: options.epci, communes: options.communes ?? false, commune: options.commune, annexe: options.annexe }, pdfDir(options.sortie));
    journal.info(`Impression de ${formatEntier(targets.length)} PDF avec ${browserLabel(lookup)}…`);
    const started = Date.now();
    try {
      await printPdfs(siteDir(options.sortie), targets, {
        demo: manifest.demo,
        openBrowser: () => openBrowser(lookup),
        onPdf: (target, pages) => journal.detail(`  ${target.fichier} (${pages} pages)`),
      });
    } catch (error) {
      // A browser that cannot start is like a missing one: the PDFs are optional, the rest of the run stands.
      if (error instanceof BrowserUnavailable) return skipped(error.message, journal);
      throw error;
    }
    // The pages' « Télécharger le PDF » links point into the site: the PDFs are copied there once printed.
    copyPdfsToSite(options.sortie, siteDir(options.sortie));
    const dureeMs = Date.now() - started;
    journal.success(`${formatEntier(targets.length)} PDF écrits dans ${pdfDir(options.sortie)} en ${formatDuree(dureeMs)}.`);
    return { fichiers: targets.length, dureeMs };
  },
};
