// The publication step: exports the site's data once, builds the pages with Framework in a staging area, checks
// the result (no outside address), then swaps it in; a failed build leaves the last good sortie/site/ intact.
// When only some data files changed since the last build (and no template did), only the pages that read them are
// rebuilt, over a copy of the last good site: Framework names every asset by its content hash, so the pages kept
// and the pages rebuilt share the unchanged assets and each refers to its own version of a changed file.
import fs from "node:fs";
import path from "node:path";
import { DataError, UsageError } from "../core/errors.ts";
import { openExistingWarehouse } from "../core/atomic-build.ts";
import { copyDownloads, DOWNLOADS_DIR } from "./downloads.ts";
import { finaliseHtml } from "./finalise-html.ts";
import { runFrameworkBuild } from "./framework-build.ts";
import { findOutsideUrls, type OutsideUrl } from "./outside-urls.ts";
import { writeManifest } from "./publication-manifest.ts";
import { readSiteData } from "./site-data.ts";
import { shapeSiteFiles, type SiteFiles } from "./site-files.ts";
import { dataFileHashes, pageFiles, pruneDataFiles, readSiteRecord, sha256, templateVersion, writeSiteRecord, type SiteRecord } from "./site-record.ts";
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
  /** Pages built by Framework this time: all of them, or those whose data changed (possibly none). */
  reconstruites: number;
  /** Why every page was rebuilt; undefined when only the pages with changed data were. */
  complet?: string;
  /** Data files whose content changed since the last build (partial builds). */
  fichiersModifies: number;
}

export interface BuildSiteOptions {
  sortie: string;
  /** Rebuild every page even if the last build could be reused (`--force`). */
  complet?: boolean;
  onEtape?: (message: string) => void;
  onFramework?: (line: string) => void;
}

/** The shared file every page reads: its change rebuilds the whole site. */
const SITE_FILE = "data/site.json";

/** Above this share of pages to rebuild, a full build costs about the same and leaves no stale file behind. */
const PARTIAL_MAX_SHARE = 0.5;

/**
 * Reads the warehouse once and writes every page's data into a fresh Framework root: shared by the build and by the
 * development preview, so both serve the same files. With the last build's record, the date the pages show is kept
 * when nothing else in the shared site file changed: a new date alone would rebuild all ≈480 pages.
 */
export async function stageSiteData(sortie: string, genereLe: Date, onEtape?: (message: string) => void, precedent?: Pick<SiteRecord, "genere_le" | "fichiers">) {
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
  const files = shapeSiteFiles(data, genereLe);
  if (precedent) keepPreviousDate(files, precedent);
  const donnees = writeSiteData(racine, files);
  // The "Activité" page reads the latest activity report written by the report step (sortie/exports/rapport-AAAA.json).
  writeActivitySiteData(sortie, racine);
  return { data, racine, donnees, genereLe: (files.get(SITE_FILE) as { genere_le: string }).genere_le };
}

function keepPreviousDate(files: SiteFiles, precedent: Pick<SiteRecord, "genere_le" | "fichiers">): void {
  const site = files.get(SITE_FILE) as { genere_le: string } | undefined;
  if (!site) return;
  if (sha256(JSON.stringify({ ...site, genere_le: precedent.genere_le })) === precedent.fichiers[SITE_FILE]) site.genere_le = precedent.genere_le;
}

type Plan = { complet: string } | { complet?: undefined; pages: string[]; fichiers: number };

/** Which pages to build: all of them, with the reason, or those reading a data file whose content changed. */
function planBuild(finalDir: string, precedent: SiteRecord | undefined, motif: string | undefined, fichiers: Record<string, string>): Plan {
  if (!precedent) return { complet: motif ?? "première construction" };
  const names = new Set([...Object.keys(fichiers), ...Object.keys(precedent.fichiers)]);
  const changed = new Set([...names].filter((name) => fichiers[name] !== precedent.fichiers[name]));
  // A file added or removed means pages added or removed, and a sidebar to redo on every page.
  if ([...changed].some((name) => !fichiers[name] || !precedent.fichiers[name])) return { complet: "fichiers de données ajoutés ou retirés" };
  const pages = Object.keys(precedent.pages);
  if (pages.some((page) => !fs.existsSync(path.join(finalDir, `${page}.html`)))) return { complet: "site précédent incomplet" };
  const affected = pages.filter((page) => precedent.pages[page]!.some((file) => changed.has(file)));
  if (affected.length > pages.length * PARTIAL_MAX_SHARE) return { complet: `données modifiées lues par ${affected.length} pages sur ${pages.length}` };
  return { pages: affected, fichiers: changed.size };
}

export async function buildSite({ sortie, complet: force = false, onEtape, onFramework }: BuildSiteOptions): Promise<SiteReport> {
  const started = Date.now();
  const finalDir = siteDir(sortie);
  const gabarit = templateVersion();
  const last = force ? undefined : readSiteRecord(finalDir);
  const precedent = last?.gabarit === gabarit ? last : undefined;
  const motif = force ? "reconstruction demandée" : last && !precedent ? "modèles de pages ou code de publication modifiés" : undefined;
  const { data, racine, donnees, genereLe } = await stageSiteData(sortie, new Date(), onEtape, precedent);
  const fichiers = dataFileHashes(racine);
  const plan = planBuild(finalDir, precedent, motif, fichiers);
  const buildDir = path.join(stagingDir(sortie), `site.${process.pid}.tmp`);
  const partialDir = path.join(stagingDir(sortie), `site-partiel.${process.pid}.tmp`);
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.rmSync(partialDir, { recursive: true, force: true });
  try {
    if (plan.complet !== undefined) {
      onEtape?.(`construction des pages (Observable Framework)…`);
      await runFrameworkBuild({ racine, sortie: buildDir, onLine: onFramework });
      finaliseHtml(buildDir);
    } else {
      if (plan.pages.length) {
        onEtape?.(`construction ${plan.pages.length > 1 ? `des ${plan.pages.length} pages dont les données ont changé` : "de la page dont les données ont changé"} (Observable Framework)…`);
        // Framework checks links only among the pages it builds: the others' links are reported broken, wrongly.
        const onLine = onFramework && ((line: string) => {
          if (!/broken link|^↳/.test(line)) onFramework(line);
        });
        await runFrameworkBuild({ racine, sortie: partialDir, pages: plan.pages, onLine });
        // Only the new pages: the kept ones were adjusted when they were built.
        finaliseHtml(partialDir);
      }
      fs.cpSync(finalDir, buildDir, { recursive: true });
      fs.rmSync(path.join(buildDir, DOWNLOADS_DIR), { recursive: true, force: true });
      if (plan.pages.length) fs.cpSync(partialDir, buildDir, { recursive: true, force: true });
    }
    copyDownloads(sortie, buildDir);
    writeManifest(buildDir, {
      genere_le: genereLe,
      demo: data.demo,
      territoire: { code_departement: data.territoire.code_departement, libelle: data.territoire.libelle },
      epcis: data.epcis.map(({ code, libelle, rattachement }) => ({ code, libelle, rattachement })),
      communes: data.communes.filter((commune) => commune.dans_territoire).map(({ code, libelle, code_epci }) => ({ code, libelle, code_epci })),
      perimetres: data.perimetres.map(({ code, libelle }) => ({ code, libelle })),
    });
    const built = pageFiles(buildDir);
    // A module or stylesheet reading a built file ties it to every page using it, which the record cannot say:
    // without a record, the next publication rebuilds everything (and nothing is pruned).
    if (plan.complet === undefined && !built.modules.length) pruneDataFiles(buildDir, built.references);
    if (!built.modules.length) writeSiteRecord(buildDir, { gabarit, genere_le: genereLe, fichiers, pages: built.pages });
    const outside = findOutsideUrls(buildDir);
    if (outside.length) {
      throw new DataError(
        `le site construit contient ${outside.length} adresse(s) extérieure(s), par exemple ${examplesOf(outside).join(", ")} ; le site précédent est conservé.`,
        {},
        // An address in the data comes from a source file (a place's name…), not from the site's code.
        outside.some((item) => item.fichier.startsWith(`_file${path.sep}data${path.sep}`))
          ? "Une adresse figure dans les données publiées (nom ou libellé d'un fichier source) : retirez-la du fichier source puis relancez."
          : "Le site doit fonctionner hors ligne : importez les bibliothèques depuis node_modules, jamais depuis un CDN.",
      );
    }
    swapIn(buildDir, finalDir);
    const pages = Object.keys(built.pages).length;
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
      reconstruites: plan.complet !== undefined ? pages : plan.pages.length,
      complet: plan.complet,
      fichiersModifies: plan.complet !== undefined ? 0 : plan.fichiers,
    };
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
    fs.rmSync(partialDir, { recursive: true, force: true });
  }
}

/** Up to three different addresses, each with the first file holding it. */
function examplesOf(outside: readonly OutsideUrl[]): string[] {
  const first = new Map<string, string>();
  for (const item of outside) if (!first.has(item.url)) first.set(item.url, item.fichier);
  return [...first].slice(0, 3).map(([url, fichier]) => `${url} (${fichier})`);
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
