// Reads one CSV into a temporary all-text table `brut` with each row's real file line number,
// and quarantines the lines DuckDB cannot split into the header's columns.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataError } from "../errors.ts";
import { sqlIdentifier, sqlString, type Warehouse } from "../warehouse/warehouse.ts";
import type { DecodedFile } from "./decode.ts";

export interface RawRead {
  /** Rows in `brut` (each with columns idx, ligne and the file's columns as VARCHAR). */
  lignesLues: number;
  /** Distinct lines quarantined for their structure. */
  lignesMalformees: number;
}

const STRUCTURE_REASONS: Record<string, string> = {
  "TOO MANY COLUMNS": "trop de champs sur la ligne (séparateur en trop ?)",
  "MISSING COLUMNS": "champs manquants : ligne tronquée ou mal formée",
  "UNQUOTED VALUE": "guillemet mal placé",
  "INVALID ENCODING": "caractère invalide pour l'encodage du fichier",
  "LINE SIZE OVER MAXIMUM": "ligne trop longue",
  "INVALID UNICODE": "caractère invalide pour l'encodage du fichier",
};

export async function readRaw(
  warehouse: Warehouse,
  file: { chemin: string; fichierId: number; disque?: string; octets: () => Buffer; masquerLignes?: boolean },
  decoded: DecodedFile,
  /** The columns the loader reads, when it says so; every line is still split and checked whole. */
  colonnes?: string[],
): Promise<RawRead> {
  const duplicates = decoded.entete.filter((column, index) => decoded.entete.indexOf(column) !== index);
  if (duplicates.length) {
    throw new DataError(`colonne en double dans l'en-tête : ${[...new Set(duplicates)].join(", ")}.`, { fichier: file.chemin, ligne: 1, colonne: duplicates[0] });
  }
  const emptyColumn = decoded.entete.findIndex((column) => column === "");
  if (emptyColumn >= 0) {
    throw new DataError(`colonne sans nom à la position ${emptyColumn + 1} de l'en-tête.`, { fichier: file.chemin, ligne: 1 });
  }
  const { readable, cleanup } = readablePath(file, decoded);
  try {
    const columns = decoded.entete.map((column) => `${sqlString(column)}: 'VARCHAR'`).join(", ");
    await forgetRaw(warehouse);
    await warehouse.run(`
      CREATE TEMP TABLE brut_lu AS SELECT ${colonnes?.length ? colonnes.map(sqlIdentifier).join(", ") : "*"} FROM read_csv(${sqlString(readable)},
        delim = ${sqlString(decoded.separateur)}, header = true, quote = '"', escape = '"', auto_detect = false,
        columns = {${columns}}, store_rejects = true, rejects_table = 'rejets_lecture', rejects_scan = 'rejets_lecture_scan',
        max_line_size = 10000000);
    `);
    const rejected = await warehouse.all<{ line: number; column_name: string | null; csv_line: string; error_type: string }>(
      // DuckDB logs one row per missing column: the first one (by position) names the line's problem.
      "SELECT line, column_name, csv_line, error_type FROM rejets_lecture ORDER BY line, column_idx",
    );
    const malformed = [...new Set(rejected.map((row) => row.line))];
    for (const row of rejected.filter((row, index) => index === 0 || rejected[index - 1]!.line !== row.line)) {
      await warehouse.run("INSERT INTO rejets VALUES (?, ?, ?, ?, ?, ?)", [
        // A line of an activity log may hold identifiers: its text is never kept, only its number and the reason.
        file.fichierId, file.chemin, row.line, row.column_name, file.masquerLignes ? null : row.csv_line.replace(/^\r?\n/, "").slice(0, 500),
        STRUCTURE_REASONS[row.error_type] ?? `ligne illisible (${row.error_type})`,
      ]);
    }
    await attachLineNumbers(warehouse, [...malformed, ...decoded.lignesVides, ...decoded.lignesSuite]);
    const count = await warehouse.one<{ n: number }>("SELECT count(*) AS n FROM brut");
    const lignesLues = (count?.n ?? 0) + malformed.length;
    if (lignesLues !== decoded.lignesDonnees) {
      throw new DataError(
        `comptage incohérent : ${decoded.lignesDonnees} lignes de données dans le fichier, ${lignesLues} lues. Un guillemet non fermé peut avoir fusionné des lignes.`,
        { fichier: file.chemin },
        "Ouvrez le fichier dans un éditeur de texte et vérifiez les guillemets.",
      );
    }
    return { lignesLues, lignesMalformees: malformed.length };
  } finally {
    cleanup();
  }
}

/** Drops the in-memory read of the last file (an activity log's identifying columns must not outlive its load). */
export async function forgetRaw(warehouse: Warehouse): Promise<void> {
  await warehouse.run("DROP VIEW IF EXISTS brut; DROP TABLE IF EXISTS brut_numerote; DROP TABLE IF EXISTS brut_lu; DROP TABLE IF EXISTS rejets_lecture;");
}

/**
 * DuckDB numbers good rows in file order but skips blank and rejected lines: good row g sits on
 * line g + 2 + k, where k counts the skipped lines s_j (sorted, j from 1) with s_j − j − 1 ≤ g.
 */
async function attachLineNumbers(warehouse: Warehouse, skippedLines: number[]): Promise<void> {
  const sorted = [...new Set(skippedLines)].sort((a, b) => a - b);
  if (!sorted.length) {
    // The common case: no line skipped, so a view numbers the rows without copying the file.
    await warehouse.run(`CREATE TEMP VIEW brut AS SELECT rowid AS idx, (rowid + 2)::INTEGER AS ligne, * FROM brut_lu`);
    return;
  }
  const thresholds = sorted.map((line, index) => `(${line - (index + 1) - 1}, ${index + 1})`);
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE sauts (seuil BIGINT, rang INTEGER);
    INSERT INTO sauts VALUES ${thresholds.join(", ")};
    CREATE TEMP TABLE brut_numerote AS
      SELECT b.rowid AS idx, (b.rowid + 2 + coalesce(s.rang, 0))::INTEGER AS ligne, b.*
      FROM brut_lu b ASOF LEFT JOIN sauts s ON b.rowid >= s.seuil;
    DROP TABLE brut_lu;
    CREATE TEMP VIEW brut AS SELECT * FROM brut_numerote;
  `);
}

/** DuckDB reads UTF-8 files in place; Latin-1 files and zip members go through a UTF-8 temporary copy. */
function readablePath(
  file: { disque?: string; octets: () => Buffer },
  decoded: DecodedFile,
): { readable: string; cleanup: () => void } {
  if (file.disque && !decoded.utf8) return { readable: file.disque, cleanup: () => {} };
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "observatoire-"));
  const readable = path.join(folder, "source.csv");
  fs.writeFileSync(readable, decoded.utf8 ?? file.octets());
  return { readable, cleanup: () => fs.rmSync(folder, { recursive: true, force: true }) };
}
