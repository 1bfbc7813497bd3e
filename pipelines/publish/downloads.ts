// Puts the open-data exports in the site (telechargements/), with one CSV per indicator cut from
// indicateurs.csv, so every page links to its figures relatively and offline.
import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { UsageError } from "../core/errors.ts";
import { OFFER_EXPORTS } from "../offer/write-offer-exports.ts";
import { EXPORTS_DIR } from "../core/paths.ts";
import { OWN_FILES } from "../exports/write-exports.ts";

export const DOWNLOADS_DIR = "telechargements";
const COPIED = [...OWN_FILES, ...OFFER_EXPORTS.map((item) => item.fichier)];

export function copyDownloads(sortie: string, siteDir: string): string[] {
  const exportsDir = path.join(sortie, EXPORTS_DIR);
  if (!fs.existsSync(path.join(exportsDir, "indicateurs.csv"))) {
    throw new UsageError(`exports introuvables dans ${exportsDir}.`, "Lancez d'abord « observatoire calculer » (ou « observatoire pipeline »).");
  }
  const target = path.join(siteDir, DOWNLOADS_DIR);
  fs.mkdirSync(path.join(target, "indicateurs"), { recursive: true });
  const written: string[] = [];
  // The GIP's activity reports (aggregates only, small counts masked) are offered beside the indicators.
  const reports = fs.readdirSync(exportsDir).filter((name) => /^rapport-\d{4}\.(csv|md)$/.test(name));
  for (const name of [...COPIED, ...reports]) {
    if (!fs.existsSync(path.join(exportsDir, name))) continue;
    fs.copyFileSync(path.join(exportsDir, name), path.join(target, name));
    written.push(name);
  }
  // Parsed, not split by lines: a quoted field may hold a comma or a line break.
  const parsed = Papa.parse<string[]>(fs.readFileSync(path.join(exportsDir, "indicateurs.csv"), "utf8"), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const byIndicator = new Map<string, string[][]>();
  for (const row of rows) {
    const list = byIndicator.get(row[0]!) ?? [];
    list.push(row);
    byIndicator.set(row[0]!, list);
  }
  for (const [id, indicatorRows] of byIndicator) {
    fs.writeFileSync(path.join(target, "indicateurs", `${id}.csv`), `${Papa.unparse([header!, ...indicatorRows], { newline: "\n" })}\n`);
    written.push(`indicateurs/${id}.csv`);
  }
  return written;
}
