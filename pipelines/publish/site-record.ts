// What a built site was made from, kept inside it (so it is swapped in with the pages it describes): the version of
// the page templates, the content hash of every data file, and the data files each page reads. The next
// publication rebuilds only the pages that read a changed file, and the whole site when the templates changed.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT, SITE_SOURCES } from "../core/paths.ts";
import { htmlFiles } from "./finalise-html.ts";

export const RECORD_FILE = ".construction.json";
const RECORD_VERSION = 1;

export interface SiteRecord {
  version: number;
  /** Templates, components, styles, Framework's configuration and version, and this build code. */
  gabarit: string;
  /** The date the pages show (« site produit le »), kept while the shared site file is unchanged. */
  genere_le: string;
  /** Every data file of the Framework root ("data/epci/200066926.json"), by the SHA-256 of its content. */
  fichiers: Record<string, string>;
  /** Every page ("/epci/200066926") and the data files it reads. */
  pages: Record<string, string[]>;
}

export const sha256 = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");

export function readSiteRecord(siteDir: string): SiteRecord | undefined {
  const file = path.join(siteDir, RECORD_FILE);
  if (!fs.existsSync(file)) return undefined;
  try {
    const record = JSON.parse(fs.readFileSync(file, "utf8")) as SiteRecord;
    return record.version === RECORD_VERSION ? record : undefined;
  } catch {
    // A damaged record only costs a full build.
    return undefined;
  }
}

export function writeSiteRecord(siteDir: string, record: Omit<SiteRecord, "version">): void {
  fs.writeFileSync(path.join(siteDir, RECORD_FILE), JSON.stringify({ version: RECORD_VERSION, ...record }));
}

/** Everything a page's HTML is made of besides its data: a change here rebuilds every page. */
export function templateVersion(): string {
  const hash = createHash("sha256");
  const sources = [
    ...filesUnder(SITE_SOURCES).filter((file) => !/^(\.observablehq|data)(\/|$)/.test(path.relative(SITE_SOURCES, file).split(path.sep).join("/"))),
    path.join(PROJECT_ROOT, "observablehq.config.ts"),
    path.join(PROJECT_ROOT, "package-lock.json"),
    ...filesUnder(import.meta.dirname),
  ];
  for (const file of sources.sort()) hash.update(path.relative(PROJECT_ROOT, file)).update("\u0000").update(fs.readFileSync(file)).update("\u0000");
  return hash.digest("hex");
}

/** The content hash of every file under the Framework root's data/ folder, by its path from the root. */
export function dataFileHashes(racine: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of filesUnder(path.join(racine, "data")).sort()) hashes[toPosix(path.relative(racine, file))] = sha256(fs.readFileSync(file));
  return hashes;
}

export interface PageFiles {
  /** The data files each page reads, by page. */
  pages: Record<string, string[]>;
  /** The built files (`_file/data/….<hash>.json`) that some page refers to. */
  references: Set<string>;
  /** Scripts and stylesheets that refer to a built file themselves. */
  modules: string[];
}

/**
 * Reads, in the built HTML, the files each page registers (Framework writes one `registerFile(name, info)` line per
 * FileAttachment, name relative to the page) and, in the built scripts and stylesheets, any reference to a built
 * file: a module or stylesheet reading one would make it a dependency of every page that uses it, which this record
 * cannot say.
 */
export function pageFiles(siteDir: string): PageFiles {
  const pages: Record<string, string[]> = {};
  const references = new Set<string>();
  for (const file of htmlFiles(siteDir)) {
    const relative = toPosix(path.relative(siteDir, file));
    const page = `/${relative.slice(0, -".html".length)}`;
    const folder = path.posix.dirname(page);
    const files: string[] = [];
    for (const match of fs.readFileSync(file, "utf8").matchAll(/registerFile\(("(?:[^"\\]|\\.)*"), (\{.*\})\);?$/gm)) {
      const name = JSON.parse(match[1]!) as string;
      const info = JSON.parse(match[2]!) as { path?: string };
      files.push(path.posix.join(folder, name).slice(1));
      if (info.path) references.add(path.posix.join(folder, info.path).slice(1));
    }
    pages[page] = files.sort();
  }
  const modules: string[] = [];
  for (const file of filesUnder(siteDir).filter((name) => /\.(js|css)$/.test(name))) {
    const relative = toPosix(path.relative(siteDir, file));
    if (!relative.startsWith("_file/") && /_file\//.test(fs.readFileSync(file, "utf8"))) modules.push(relative);
  }
  return { pages, references, modules };
}

/** Removes the built data files no page refers to any more (a partial build adds the new versions beside them). */
export function pruneDataFiles(siteDir: string, references: ReadonlySet<string>): number {
  let removed = 0;
  for (const file of filesUnder(path.join(siteDir, "_file"))) {
    if (references.has(toPosix(path.relative(siteDir, file)))) continue;
    fs.rmSync(file);
    removed += 1;
  }
  return removed;
}

function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return (fs.readdirSync(folder, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const toPosix = (relative: string) => relative.split(path.sep).join("/");
