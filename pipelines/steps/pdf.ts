// Step « pdf »: the built site's EPCI portraits (and, on request, the commune sheets) printed to A4 PDF. Without a
// browser that can start, the step says how to get one and the run still succeeds. A PDF whose page and data have
// not changed since it was printed is kept (pdf-fingerprints.ts).
import fs from "node:fs";
import { UsageError } from "../core/errors.ts";
import { formatDuree, formatEntier } from "../core/format-fr.ts";
import { PDF_DIR, pdfDir, SITE_DIR, siteDir } from "../core/paths.ts";
import { BrowserUnavailable, openBrowser } from "../publish/browser.ts";
import { browserLabel, browserMissingMessage, locateBrowser } from "../publish/chromium.ts";
import { readPrintRecord, recordKey, targetFingerprint, writePrintRecord } from "../publish/pdf-fingerprints.ts";
import { pdfTargets } from "../publish/pdf-targets.ts";
import { copyPdfsToSite } from "../publish/downloads.ts";
import { printPdfs } from "../publish/print-pdf.ts";
import { readManifest } from "../publish/publication-manifest.ts";
import { codeVersion, sha256 } from "./fingerprint.ts";
import type { Journal, Step } from "./step.ts";

export interface PdfReport {
  /** PDFs printed this time. */
  fichiers: number;
  /** PDFs kept: their page and its data have not changed since they were printed. */
  inchanges: number;
  dureeMs: number;
  /** Why no PDF was printed (no browser): the run is not recorded, so the next one tries again. */
  ignore?: string;
}

function skipped(message: string, journal: Journal): PdfReport {
  journal.warn(message);
  return { fichiers: 0, inchanges: 0, dureeMs: 0, ignore: message };
}

const CODE = ["pipelines/publish", "site/print.css"];
const PRINT_CODE = ["browser.ts", "chromium.ts", "pdf-fingerprints.ts", "print-pdf.ts", "static-server.ts"].map((file) => `pipelines/publish/${file}`);

const plural = (count: number, singular: string, pluralForm = `${singular}s`) => `${formatEntier(count)} ${count > 1 ? pluralForm : singular}`;

export const pdf: Step<PdfReport> = {
  id: "pdf",
  libelle: "Portraits PDF",
  lit: [`sortie:${SITE_DIR}`],
  ecrit: [`sortie:${PDF_DIR}`],
  code: CODE,
  entrepot: false,
  entrees: (options) => JSON.stringify({ epci: options.epci ?? "territoire", communes: options.communes ?? false, commune: options.commune ?? [], annexe: options.annexe ?? false }),
  enregistrable: (report) => report.ignore === undefined,
  async run({ options, journal, force }) {
    const lookup = locateBrowser();
    if (!lookup.trouve) return skipped(browserMissingMessage(lookup), journal);
    const site = siteDir(options.sortie);
    const manifest = readManifest(site);
    if (!manifest) throw new UsageError(`aucun site construit dans ${site}.`, "Lancez d'abord « observatoire publier » (ou « observatoire pipeline »).");
    const dossier = pdfDir(options.sortie);
    const targets = pdfTargets(manifest, { epci: options.epci, communes: options.communes ?? false, commune: options.commune, annexe: options.annexe }, dossier);
    // Another browser, or another version of the printing code, may lay the same page out differently. The code that
    // builds the pages reaches the PDFs through the pages themselves, already in each fingerprint.
    const salt = sha256(codeVersion(PRINT_CODE), JSON.stringify(lookup), String(manifest.demo));
    const record = readPrintRecord(dossier);
    const contents = new Map<string, string>();
    const fingerprints = new Map(targets.map((target) => [target, targetFingerprint(site, target, salt, contents)]));
    const stale = targets.filter((target) => force || !fs.existsSync(target.fichier) || record[recordKey(dossier, target)] !== fingerprints.get(target));
    const kept = targets.length - stale.length;
    if (!stale.length) {
      // A partial publication starts from the last site without its downloads: the PDFs go back into it.
      copyPdfsToSite(options.sortie, site);
      journal.success(`Aucun PDF à réimprimer : ${plural(kept, "PDF inchangé", "PDF inchangés")} dans ${dossier} (pages et données identiques à leur dernière impression).`);
      return { fichiers: 0, inchanges: kept, dureeMs: 0 };
    }
    journal.info(`Impression de ${formatEntier(stale.length)} PDF avec ${browserLabel(lookup)}…${kept ? ` (${plural(kept, "autre inchangé", "autres inchangés")})` : ""}`);
    const started = Date.now();
    try {
      await printPdfs(site, stale, {
        demo: manifest.demo,
        openBrowser: () => openBrowser(lookup),
        onPdf: (target, pages) => {
          record[recordKey(dossier, target)] = fingerprints.get(target)!;
          journal.detail(`  ${target.fichier} (${pages} pages)`);
        },
      });
    } catch (error) {
      // A browser that cannot start is like a missing one: the PDFs are optional, the rest of the run stands.
      if (error instanceof BrowserUnavailable) return skipped(error.message, journal);
      throw error;
    } finally {
      // The PDFs printed before a failure need not be printed again.
      writePrintRecord(dossier, record);
    }
    // The pages' « Télécharger le PDF » links point into the site: the PDFs are copied there once printed.
    copyPdfsToSite(options.sortie, site);
    const dureeMs = Date.now() - started;
    journal.success(
      kept
        ? `${plural(stale.length, "PDF réimprimé", "PDF réimprimés")}, ${plural(kept, "inchangé", "inchangés")}, dans ${dossier} en ${formatDuree(dureeMs)}.`
        : `${plural(stale.length, "PDF écrit", "PDF écrits")} dans ${dossier} en ${formatDuree(dureeMs)}.`,
    );
    return { fichiers: stale.length, inchanges: kept, dureeMs };
  },
};
