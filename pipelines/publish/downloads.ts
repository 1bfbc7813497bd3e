// Puts the open-data exports in the site (telechargements/): the export files, one CSV per indicator and one per
// portrait or commune sheet (the page's values with its references), each beside its French-spreadsheet variant,
// and the printed PDFs. Every page links to its figures relatively, offline.
import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { EXCEL_FR_SUFFIX, excelFrCsv, excelFrName, toExcelFr } from "../core/csv-excel-fr.ts";
import { UsageError } from "../core/errors.ts";
import { EXPORTS_DIR, pdfDir, stagingRoot } from "../core/paths.ts";
import { OFFER_EXPORTS } from "../offer/write-offer-exports.ts";
import { OWN_FILES } from "../exports/write-exports.ts";
import { territoryCsvName } from "./site-files.ts";

export const DOWNLOADS_DIR = "telechargements";
const COPIED = [...OWN_FILES, ...OFFER_EXPORTS.map((item) => item.fichier)];

interface SiteIndex {
  territoire: { code_departement: string; code_region: string };
  epcis: { code: string }[];
  communes: { code: string; code_epci: string | null }[];
}

export function copyDownloads(sortie: string, siteDir: string): string[] {
  const exportsDir = path.join(sortie, EXPORTS_DIR);
  if (!fs.existsSync(path.join(exportsDir, "indicateurs.csv"))) {
    throw new UsageError(`exports introuvables dans ${exportsDir}.`, "Lancez d'abord « observatoire calculer » (ou « observatoire pipeline »).");
  }
  const target = path.join(siteDir, DOWNLOADS_DIR);
  fs.mkdirSync(path.join(target, "indicateurs"), { recursive: true });
  fs.mkdirSync(path.join(target, "territoires"), { recursive: true });
  const written: string[] = [];
  const write = (relative: string, header: string[], rows: string[][]) => {
    fs.writeFileSync(path.join(target, relative), `${Papa.unparse([header, ...rows], { newline: "\n" })}\n`);
    fs.writeFileSync(path.join(target, excelFrName(relative)), excelFrCsv([header, ...rows]));
    written.push(relative, excelFrName(relative));
  };
  // The GIP's activity reports (aggregates only, small counts masked) are offered beside the indicators.
  const reports = fs.readdirSync(exportsDir).filter((name) => /^rapport-\d{4}\.(csv|md)$/.test(name));
  for (const name of [...COPIED, ...reports]) {
    if (!fs.existsSync(path.join(exportsDir, name))) continue;
    fs.copyFileSync(path.join(exportsDir, name), path.join(target, name));
    written.push(name);
    const excel = excelFrName(name);
    // A French-spreadsheet file is itself a variant, never the source of another.
    if (name.endsWith(".csv") && !name.endsWith(`${EXCEL_FR_SUFFIX}.csv`) && !COPIED.includes(excel)) {
      fs.writeFileSync(path.join(target, excel), toExcelFr(fs.readFileSync(path.join(exportsDir, name), "utf8")));
      written.push(excel);
    }
  }
  // Parsed, not split by lines: a quoted field may hold a comma or a line break.
  const parsed = Papa.parse<string[]>(fs.readFileSync(path.join(exportsDir, "indicateurs.csv"), "utf8"), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const column = (name: string) => header!.indexOf(name);
  const [id, niveau, code] = [column("id_indicateur"), column("niveau"), column("code_geo")];
  const byIndicator = new Map<string, string[][]>();
  const byTerritory = new Map<string, string[][]>();
  for (const row of rows) {
    byIndicator.set(row[id]!, [...(byIndicator.get(row[id]!) ?? []), row]);
    const key = `${row[niveau]}|${row[code]}`;
    const list = byTerritory.get(key) ?? [];
    list.push(row);
    byTerritory.set(key, list);
  }
  for (const [indicator, indicatorRows] of byIndicator) write(path.join("indicateurs", `${indicator}.csv`), header!, indicatorRows);
  const index = readSiteIndex(sortie);
  if (index) {
    const { code_departement: departement, code_region: region } = index.territoire;
    const rowsOf = (...keys: string[]) => keys.flatMap((key) => byTerritory.get(key) ?? []);
    for (const epci of index.epcis) {
      write(path.join("territoires", territoryCsvName("epci", epci.code)), header!, rowsOf(`epci|${epci.code}`, `departement|${departement}`, `region|${region}`, "france|FRANCE"));
    }
    for (const commune of index.communes) {
      const epci = commune.code_epci ? [`epci|${commune.code_epci}`] : [];
      write(path.join("territoires", territoryCsvName("commune", commune.code)), header!, rowsOf(`commune|${commune.code}`, ...epci, `departement|${departement}`));
    }
  }
  written.push(...copyPdfsToSite(sortie, siteDir));
  return written;
}

/** The territories the site shows, from the data files of the publication being built. */
function readSiteIndex(sortie: string): SiteIndex | undefined {
  const file = path.join(stagingRoot(sortie), "data", "site.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as SiteIndex) : undefined;
}

/**
 * The printed PDFs, into the site's downloads: a rebuilt site keeps the last ones, and the pdf step copies them
 * again once printed.
 */
export function copyPdfsToSite(sortie: string, siteDir: string): string[] {
  if (!fs.existsSync(siteDir)) return [];
  const source = pdfDir(sortie);
  const target = path.join(siteDir, DOWNLOADS_DIR, "pdf");
  fs.mkdirSync(target, { recursive: true });
  const copied: string[] = [];
  const printed = fs.existsSync(source) ? (fs.readdirSync(source, { recursive: true }) as string[]).filter((relative) => relative.endsWith(".pdf")).sort() : [];
  for (const relative of printed) {
    fs.mkdirSync(path.dirname(path.join(target, relative)), { recursive: true });
    fs.copyFileSync(path.join(source, relative), path.join(target, relative));
    copied.push(path.join("pdf", relative));
  }
  // The pages show a PDF link only for a file in this list: asking the server for each file would log a 404 in
  // the reader's console for every PDF not printed (straddling EPCIs, sheets printed on request).
  fs.writeFileSync(path.join(target, PDF_INDEX), `${JSON.stringify(printed.map((relative) => relative.split(path.sep).join("/")))}\n`);
  return copied;
}

/** The list of the PDFs in the site's downloads, relative to telechargements/pdf/. */
export const PDF_INDEX = "index.json";
