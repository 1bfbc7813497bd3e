// `observatoire pdf`: prints the built site's EPCI portraits (and, on request, the commune sheets) to A4 PDF.
import type { Command } from "commander";
import { z } from "zod";
import { UsageError } from "../../pipelines/core/errors.ts";
import { BrowserUnavailable, openBrowser } from "../../pipelines/publish/browser.ts";
import { browserLabel, browserMissingMessage, locateBrowser } from "../../pipelines/publish/chromium.ts";
import { formatDuree, formatEntier } from "../../pipelines/core/format-fr.ts";
import { pdfTargets } from "../../pipelines/publish/pdf-targets.ts";
import { printPdfs } from "../../pipelines/publish/print-pdf.ts";
import { readManifest } from "../../pipelines/publish/publication-manifest.ts";
import { pdfDir, siteDir } from "../../pipelines/core/paths.ts";
import { collect, parseOptions, sortieOption, verbosityOf } from "../options.ts";
import { locked } from "../locked.ts";
import { Reporter } from "../output.ts";

export const pdfOptionsSchema = z.object({
  sortie: sortieOption,
  epci: z.array(z.string().regex(/^\d{9}$/, "code SIREN d'EPCI attendu (9 chiffres)")).optional(),
  communes: z.boolean().default(false),
});
export type PdfOptions = z.infer<typeof pdfOptionsSchema>;

export interface PdfReport {
  fichiers: number;
  dureeMs: number;
  ignore?: string;
}

function skipped(message: string, reporter: Reporter): PdfReport {
  reporter.warn(message);
  return { fichiers: 0, dureeMs: 0, ignore: message };
}

export function registerPdf(program: Command): void {
  program
    .command("pdf")
    .description("imprime en PDF (A4) les portraits des EPCI du site construit, et les fiches communales avec --communes")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("-e, --epci <code>", "code SIREN d'un EPCI (répétable ; défaut : les EPCI du territoire)", collect)
    .option("-c, --communes", "imprime aussi les fiches communales (de tout le territoire, ou des EPCI choisis)")
    .action(async (raw, command: Command) => {
      await runPdf(parseOptions(pdfOptionsSchema, raw), new Reporter(verbosityOf(command.optsWithGlobals())));
    });
}

export async function runPdf(options: PdfOptions, reporter: Reporter): Promise<PdfReport> {
  return locked(options.sortie, "pdf", reporter, async () => {
    const lookup = locateBrowser();
    if (!lookup.trouve) return skipped(browserMissingMessage(lookup), reporter);
    const manifest = readManifest(siteDir(options.sortie));
    if (!manifest) throw new UsageError(`aucun site construit dans ${siteDir(options.sortie)}.`, "Lancez d'abord « observatoire publier » (ou « observatoire pipeline »).");
    const targets = pdfTargets(manifest, { epci: options.epci, communes: options.communes }, pdfDir(options.sortie));
    reporter.info(`Impression de ${formatEntier(targets.length)} PDF avec ${browserLabel(lookup)}…`);
    const started = Date.now();
    try {
      await printPdfs(siteDir(options.sortie), targets, {
        demo: manifest.demo,
        openBrowser: () => openBrowser(lookup),
        onPdf: (target, pages) => reporter.detail(`  ${target.fichier} (${pages} pages)`),
      });
    } catch (error) {
      // A browser that cannot start is like a missing one: the PDFs are optional, the rest of the run stands.
      if (error instanceof BrowserUnavailable) return skipped(error.message, reporter);
      throw error;
    }
    const dureeMs = Date.now() - started;
    reporter.success(`${formatEntier(targets.length)} PDF écrits dans ${pdfDir(options.sortie)} en ${formatDuree(dureeMs)}.`);
    return { fichiers: targets.length, dureeMs };
  });
}

