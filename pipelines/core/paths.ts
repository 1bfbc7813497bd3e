// Where everything lives: the project's own folders, and each output under the output folder (`sortie/` by default).
// CLI, exports, site and PDF all take their paths from here.
import path from "node:path";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const SITE_SOURCES = path.join(PROJECT_ROOT, "site");

export const DEFAULT_OUTPUT_DIR = "sortie";
export const WAREHOUSE_FILE = "observatoire.duckdb";
export const EXPORTS_DIR = "exports";
/** Under the output folder: the built site, the PDFs, and the staging area (kept between builds for its caches). */
export const SITE_DIR = "site";
export const PDF_DIR = "pdf";
export const STAGING_DIR = ".publication";

export const warehousePath = (sortie: string) => path.join(sortie, WAREHOUSE_FILE);
export const exportsDir = (sortie: string) => path.join(sortie, EXPORTS_DIR);
export const siteDir = (sortie: string) => path.join(sortie, SITE_DIR);
export const pdfDir = (sortie: string) => path.join(sortie, PDF_DIR);
export const stagingDir = (sortie: string) => path.join(sortie, STAGING_DIR);
/** The Framework root: a copy of site/ plus the generated data/ folder. */
export const stagingRoot = (sortie: string) => path.join(stagingDir(sortie), "racine");

/** In a demo folder: the notice whose presence marks its files as demonstration data, and the demo step's record. */
export const DEMO_NOTICE = "DONNEES-DE-DEMONSTRATION.txt";
export const DEMO_RECORD = "DONNEES-DE-DEMONSTRATION.json";
