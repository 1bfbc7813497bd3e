// Where the publication layer reads and writes: the site's sources in the project, its outputs under `sortie/`.
import path from "node:path";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const SITE_SOURCES = path.join(PROJECT_ROOT, "site");

/** Under the output folder: the built site, the PDFs, and the staging area (kept between builds for its caches). */
export const SITE_DIR = "site";
export const PDF_DIR = "pdf";
export const STAGING_DIR = ".publication";

export const siteDir = (sortie: string) => path.join(sortie, SITE_DIR);
export const pdfDir = (sortie: string) => path.join(sortie, PDF_DIR);
export const stagingDir = (sortie: string) => path.join(sortie, STAGING_DIR);
/** The Framework root: a copy of site/ plus the generated data/ folder. */
export const stagingRoot = (sortie: string) => path.join(stagingDir(sortie), "racine");
