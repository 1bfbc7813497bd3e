// Writes the site's data files into the Framework root; compact JSON, since pages parse them in the browser.
import fs from "node:fs";
import path from "node:path";
import type { SiteFiles } from "./site-files.ts";

export interface DataFilesReport {
  fichiers: number;
  octets: number;
  /** The largest per-portrait file: the budget is 300 kB of a page's own data. */
  plusGrandPortrait: { fichier: string; octets: number } | null;
}

export function writeSiteData(root: string, files: SiteFiles): DataFilesReport {
  let octets = 0;
  let plusGrandPortrait: DataFilesReport["plusGrandPortrait"] = null;
  for (const [relative, content] of files) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = JSON.stringify(content);
    fs.writeFileSync(file, text);
    const size = Buffer.byteLength(text);
    octets += size;
    if (relative.startsWith("data/epci/") && size > (plusGrandPortrait?.octets ?? -1)) plusGrandPortrait = { fichier: relative, octets: size };
  }
  return { fichiers: files.size, octets, plusGrandPortrait };
}
