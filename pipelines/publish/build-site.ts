// The publication step: exports the site's data once, builds the pages with Framework in a staging area, checks
// the result (no outside address), then swaps it in; a failed build leaves the last good sortie/site/ intact.
import fs from "node:fs";
import path from "node:path";
import { DataError, UsageError } from "../core/errors.ts";
import { openExistingWarehouse } from "../core/atomic-build.ts";
import { copyDownloads } from "./downloads.ts";
import { finaliseHtml } from "./finalise-html.ts";
import { runFrameworkBuild } from "./framework-build.ts";
import { findOutsideUrls } from "./outside-urls.ts";
import { writeManifest } from "./publication-manifest.ts";
import { readSiteData } from "./site-data.ts";
import { shapeSiteFiles } from "./site-files.ts";
import { siteDir, stagingDir } from "../core/paths.ts";
import { writeActivitySiteData } from "../activity/site-activity.ts";
import { prepareStagingRoot } from "./staging-root.ts";
import { writeSiteData, type DataFilesReport } from "./write-site-data.ts";

export interface SiteReport {
  dossier: string;
  pages: number;
  portraits: number;
  communes: number;
  octets: number;
  donnees: DataFilesReport;
  demo: boolean;
  contours: boolean;
  dureeMs: number;
}

export interface BuildSiteOptions {
  sortie: string;
  onEtape?: (message: string) => void;
  onFramework?: (line: string) => void;
}

/**
 * Reads the warehouse once and writes every page's data into a fresh Framework root: shared by the build and by the
 * development preview, so both serve the same files.
 */
export async function stageSiteData(sortie: string, genereLe: Date, onEtape?: (message: string) => void) {
  const warehouse = await openExistingWarehouse(sortie);
  if (!warehouse) throw new UsageError(`aucun entrepôt dans ${sortie}.`, "Lancez d'abord « observatoire pipeline --donnees <dossier> » ou « npm start ».");
  let data;
  try {
    onEtape?.("lecture de l'entrepôt (lecture seule)…");
    data = await readSiteData(warehouse);
  } finally {
    warehouse.close();
  }
  const racine = prepareStagingRoot(sortie);
  const donnees = writeSiteData(racine, shapeSiteFiles(data, genereLe));
  // The "Activité" page reads the latest activity report written by the report step (sortie/exports/rapport-AAAA.json).
  writeActivitySiteData(sortie, racine);
  return { data, racine, donnees };
}

export async function buildSite({ sortie, onEtape, onFramework }: BuildSiteOptions): Promise<SiteReport> {
  const started = Date.now();
  const genereLe = new Date();
  const { data, racine, donnees } = await stageSiteData(sortie, genereLe, onEtape);
  const finalDir = siteDir(sortie);
  const buildDir = path.join(stagingDir(sortie), `site.${process.pid}.tmp`);
  fs.rmSync(buildDir, { recursive: true, force: true });
  try {
    onEtape?.(`construction des pages (Observable Framework)…`);
    await runFrameworkBuild({ racine, sortie: buildDir, onLine: onFramework });
    const pages = finaliseHtml(buildDir);
    copyDownloads(sortie, buildDir);
    writeManifest(buildDir, {
      genere_le: genereLe.toISOString(),
      demo: data.demo,
      territoire: { code_departement: data.territoire.code_departement, libelle: data.territoire.libelle },
      epcis: data.epcis.map(({ code, libelle, rattachement }) => ({ code, libelle, rattachement })),
      communes: data.communes.filter((commune) => commune.dans_territoire).map(({ code, libelle, code_epci }) => ({ code, libelle, code_epci })),
      perimetres: data.perimetres.map(({ code, libelle }) => ({ code, libelle })),
    });
    const outside = findOutsideUrls(buildDir);
    if (outside.length) {
      throw new DataError(
        `le site construit contient ${outside.length} adresse(s) extérieure(s), par exemple ${outside.slice(0, 3).map((item) => `${item.url} (${item.fichier})`).join(", ")} ; le site précédent est conservé.`,
        {},
        "Le site doit fonctionner hors ligne : importez les bibliothèques depuis node_modules, jamais depuis un CDN.",
      );
    }
    swapIn(buildDir, finalDir);
    return {
      dossier: finalDir,
      pages,
      portraits: data.epcis.length,
      communes: data.communes.filter((commune) => commune.dans_territoire).length,
      octets: folderSize(finalDir),
      donnees,
      demo: data.demo,
      contours: data.contours !== null,
      dureeMs: Date.now() - started,
    };
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
}

/** Two renames: the window without a site is a few microseconds, and a crash leaves one of the two in place. */
function swapIn(buildDir: string, finalDir: string): void {
  const previous = `${finalDir}.${process.pid}.ancien`;
  fs.rmSync(previous, { recursive: true, force: true });
  if (fs.existsSync(finalDir)) fs.renameSync(finalDir, previous);
  fs.renameSync(buildDir, finalDir);
  fs.rmSync(previous, { recursive: true, force: true });
}

export function folderSize(folder: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    total += entry.isDirectory() ? folderSize(full) : fs.statSync(full).size;
  }
  return total;
}
