// Open-data exports of the indicators (CSV, Parquet, Excel) and of the catalogue, written to a
// temporary folder then swapped in, so a failed run leaves the previous exports intact.
import fs from "node:fs";
import path from "node:path";
import type { Style } from "exceljs";
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import { catalogueEntries, type CatalogueEntry } from "./catalogue.ts";
import { safeCell, safeQuery } from "../core/safe-cells.ts";
import { readVariableLabels } from "./variable-labels.ts";
import { excelFrName, toExcelFr } from "../core/csv-excel-fr.ts";

import { EXPORTS_DIR } from "../core/paths.ts";
/** This step's files; whatever else lies here (activity report, social offer) belongs to other steps and is kept. */
export const OWN_FILES: ReadonlySet<string> = new Set([
  "indicateurs.csv", excelFrName("indicateurs.csv"), "indicateurs.parquet", "indicateurs.xlsx", "catalogue.csv", excelFrName("catalogue.csv"), "catalogue.json",
]);

const LEVELS = [
  { niveau: "commune", feuille: "Communes" },
  { niveau: "epci", feuille: "EPCI" },
  { niveau: "perimetre", feuille: "Périmètres" },
  { niveau: "departement", feuille: "Département" },
  { niveau: "region", feuille: "Région" },
  { niveau: "france", feuille: "France" },
] as const;

/** The columns of indicateurs.csv, in order: the open-data contract first, then context. */
const EXPORT_QUERY = `
  SELECT i.id_indicateur, c.libelle, c.theme_libelle AS theme, i.niveau, i.code_geo, i.libelle_geo, i.millesime,
         round(i.valeur, 6) AS valeur, round(i.numerateur, 3) AS numerateur, round(i.denominateur, 3) AS denominateur,
         c.unite, i.statut, i.fiabilite, c.sources || ' (millésime ' || coalesce(i.millesime, 'inconnu') || ')' AS source,
         i.motif, i.rang_epci, round(i.ecart_departement, 6) AS ecart_departement, i.millesime_precedent,
         round(i.valeur_precedente, 6) AS valeur_precedente, round(i.evolution, 6) AS evolution, i.geo_annee, i.rattachement,
         CASE WHEN (SELECT bool_or(demo) FROM journal_import WHERE remplace_par IS NULL) THEN 'oui' ELSE 'non' END AS donnees_demonstration
  FROM indicateurs i JOIN export_catalogue c USING (id_indicateur)
  ORDER BY c.numero, CASE i.niveau WHEN 'commune' THEN 1 WHEN 'epci' THEN 2 WHEN 'perimetre' THEN 3 WHEN 'departement' THEN 4 WHEN 'region' THEN 5 ELSE 6 END, i.code_geo`;

export interface ExportReport {
  dossier: string;
  fichiers: string[];
  lignes: number;
}

export async function writeExports(warehouse: Warehouse, outputDir: string): Promise<ExportReport> {
  const finalDir = path.join(outputDir, EXPORTS_DIR);
  const buildDir = `${finalDir}.${process.pid}.tmp`;
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.mkdirSync(buildDir, { recursive: true });
  try {
    const entries = catalogueEntries(undefined, (await readVariableLabels(warehouse)).parRacine);
    await writeCatalogueTable(warehouse, entries);
    const file = (name: string) => path.join(buildDir, name);
    await warehouse.run(`
      COPY (${await safeQuery(warehouse, EXPORT_QUERY)}) TO ${sqlString(file("indicateurs.csv"))} (FORMAT csv, HEADER, DELIMITER ',');
      COPY (${EXPORT_QUERY}) TO ${sqlString(file("indicateurs.parquet"))} (FORMAT parquet);
      COPY (${await safeQuery(warehouse, "SELECT * FROM export_catalogue ORDER BY numero")}) TO ${sqlString(file("catalogue.csv"))} (FORMAT csv, HEADER, DELIMITER ',');
    `);
    fs.writeFileSync(file("catalogue.json"), `${JSON.stringify(entries, null, 2)}\n`);
    for (const name of ["indicateurs.csv", "catalogue.csv"]) fs.writeFileSync(file(excelFrName(name)), toExcelFr(fs.readFileSync(file(name), "utf8")));
    const rows = await warehouse.all<ExportRow>(EXPORT_QUERY);
    await writeWorkbook(file("indicateurs.xlsx"), rows, entries);
    if (fs.existsSync(finalDir)) {
      for (const name of fs.readdirSync(finalDir).filter((entry) => !OWN_FILES.has(entry))) fs.cpSync(path.join(finalDir, name), file(name), { recursive: true });
    }
    fs.rmSync(finalDir, { recursive: true, force: true });
    fs.renameSync(buildDir, finalDir);
    return { dossier: finalDir, fichiers: [...OWN_FILES].filter((name) => fs.existsSync(path.join(finalDir, name))).sort(), lignes: rows.length };
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
}

async function writeCatalogueTable(warehouse: Warehouse, entries: CatalogueEntry[]): Promise<void> {
  const columns = Object.keys(entries[0]!) as (keyof CatalogueEntry)[];
  const values = entries.map((entry) => `(${columns.map((column) => (typeof entry[column] === "number" ? String(entry[column]) : sqlString(String(entry[column])))).join(", ")})`);
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE export_catalogue (${columns.map((column) => `${column} ${column === "numero" || column === "decimales" ? "INTEGER" : "VARCHAR"}`).join(", ")});
    INSERT INTO export_catalogue VALUES ${values.join(", ")};
  `);
}

interface ExportRow extends Record<string, unknown> {
  id_indicateur: string;
  libelle: string;
  niveau: string;
  code_geo: string;
  libelle_geo: string;
  millesime: string | null;
  valeur: number | null;
  unite: string;
  statut: string;
  fiabilite: string | null;
  source: string;
  motif: string | null;
  rang_epci: number | null;
  ecart_departement: number | null;
  evolution: number | null;
  donnees_demonstration: string;
}

/** One sheet per level; numbers stay numbers, shown with the indicator's decimals (Excel applies the French locale). */
async function writeWorkbook(file: string, rows: ExportRow[], entries: CatalogueEntry[]): Promise<void> {
  // Loaded here, not at the top: the other commands (importer first) need no spreadsheet library.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Observatoire GIP Gers Solidaire";
  const decimals = new Map(entries.map((entry) => [entry.id_indicateur, entry.decimales]));
  const demo = rows.some((row) => row.donnees_demonstration === "oui");
  const readme = workbook.addWorksheet("À lire");
  readme.addRows([
    ["Indicateurs de l'observatoire territorial du GIP Gers Solidaire"],
    [demo ? "⚠ Données de démonstration : ces chiffres ne sont pas des statistiques officielles." : "Sources officielles : Insee, CNAF."],
    ["Une feuille par niveau géographique. Statuts : ok, secret (secret statistique, jamais compté comme zéro), manquant (source absente), non_applicable."],
    ["Fiabilité « fragile » : valeur issue de l'exploitation complémentaire du recensement sur une petite population."],
  ]);
  readme.getColumn(1).width = 120;
  for (const { niveau, feuille } of LEVELS) {
    const sheet = workbook.addWorksheet(feuille, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = [
      { header: "Indicateur", key: "id_indicateur", width: 26 },
      { header: "Libellé", key: "libelle", width: 60 },
      { header: "Code", key: "code_geo", width: 12 },
      { header: "Territoire", key: "libelle_geo", width: 34 },
      { header: "Millésime", key: "millesime", width: 11 },
      { header: "Valeur", key: "valeur", width: 14 },
      { header: "Unité", key: "unite", width: 14 },
      { header: "Statut", key: "statut", width: 14 },
      { header: "Fiabilité", key: "fiabilite", width: 10 },
      { header: "Rang (EPCI)", key: "rang_epci", width: 11 },
      { header: "Écart au département", key: "ecart_departement", width: 14 },
      { header: "Évolution", key: "evolution", width: 12 },
      { header: "Motif", key: "motif", width: 50 },
      { header: "Source", key: "source", width: 60 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const row of rows.filter((candidate) => candidate.niveau === niveau)) {
      const added = sheet.addRow(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === "string" ? safeCell(value) : value])));
      // Shared style objects: ExcelJS renders a style once per object, and a fresh one per cell cost seconds for France.
      added.eachCell({ includeEmpty: true }, (cell) => (cell.style = PLAIN_STYLE));
      const style = numberStyle(decimals.get(row.id_indicateur) ?? 1);
      for (const key of ["valeur", "ecart_departement", "evolution"]) added.getCell(key).style = style;
    }
  }
  // Fast compression: the workbook is written in a third of the time, for a file about a quarter larger.
  await workbook.xlsx.writeFile(file, { zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } });
}

const PLAIN_STYLE: Partial<Style> = { numFmt: "General" };
const NUMBER_STYLES = new Map<number, Partial<Style>>();

function numberStyle(decimales: number): Partial<Style> {
  if (!NUMBER_STYLES.has(decimales)) NUMBER_STYLES.set(decimales, { numFmt: decimales > 0 ? `#,##0.${"0".repeat(decimales)}` : "#,##0" });
  return NUMBER_STYLES.get(decimales)!;
}
