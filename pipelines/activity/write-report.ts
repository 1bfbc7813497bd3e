// Writes the activity report of a year beside the indicator exports: Markdown for reading, CSV for spreadsheets,
// JSON for the site's "Activité" page. Each file is written under a temporary name then renamed.
import fs from "node:fs";
import path from "node:path";
import { excelFrName, toExcelFr } from "../core/csv-excel-fr.ts";
import { EXPORTS_DIR } from "../core/paths.ts";
import { rapportCsv, rapportMarkdown } from "./report-format.ts";
import type { Rapport } from "./report.ts";

export function reportFiles(annee: number): { markdown: string; csv: string; json: string } {
  return { markdown: `rapport-${annee}.md`, csv: `rapport-${annee}.csv`, json: `rapport-${annee}.json` };
}

export function writeReport(sortie: string, rapport: Rapport): string[] {
  const dossier = path.join(sortie, EXPORTS_DIR);
  fs.mkdirSync(dossier, { recursive: true });
  const names = reportFiles(rapport.annee);
  const contents: [string, string][] = [
    [names.markdown, rapportMarkdown(rapport)],
    [names.csv, rapportCsv(rapport)],
    // The same table for a French spreadsheet (« ; », decimal comma, BOM), beside the standard file.
    [excelFrName(names.csv), toExcelFr(rapportCsv(rapport))],
    [names.json, `${JSON.stringify(rapport, null, 2)}\n`],
  ];
  for (const [name, content] of contents) {
    const file = path.join(dossier, name);
    fs.writeFileSync(`${file}.${process.pid}.tmp`, content);
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
  }
  return contents.map(([name]) => path.join(dossier, name));
}
