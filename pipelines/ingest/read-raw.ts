// Reads one CSV into a temporary all-text table `brut` with each row's real file line number, and keeps the lines
// DuckDB cannot split into the header's columns in `lignes_malformees`. Nothing persistent is written here: the
// file's load (a transaction) quarantines those lines with recordMalformed, so a refused file leaves nothing behind.
import { DataError } from "../core/errors.ts";
import { sqlIdentifier, sqlString, type Warehouse } from "../core/warehouse.ts";
import type { PreparedFile } from "./prepare-read.ts";
import { readRawInMemory, type RawRead } from "./read-in-memory.ts";

export type { RawRead } from "./read-in-memory.ts";
import type { ScannedFile } from "./scan.ts";


const STRUCTURE_REASONS: Record<string, string> = {
  "TOO MANY COLUMNS": "trop de champs sur la ligne (séparateur en trop ?)",
  "MISSING COLUMNS": "champs manquants : ligne tronquée ou mal formée",
  "UNQUOTED VALUE": "guillemet mal placé",
  "INVALID ENCODING": "caractère invalide pour l'encodage du fichier",
  "LINE SIZE OVER MAXIMUM": "ligne trop longue",
  "INVALID UNICODE": "caractère invalide pour l'encodage du fichier",
};

/** Beyond this many rejected fields, a file is not the format it claims: it is refused rather than quarantined line by line. */
export const MAX_READ_REJECTS = 20_000;

export async function readRaw(
  warehouse: Warehouse,
  file: { chemin: string; lecture: PreparedFile["lecture"] },
  decoded: ScannedFile,
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
  await forgetRaw(warehouse);
  const { lignesLues, lignesMalformees } = file.lecture.kind === "memoire"
    ? await readRawInMemory(warehouse, file.lecture.candidate, file.chemin, decoded)
    : await readWithDuckDB(warehouse, { chemin: file.chemin, lecture: file.lecture }, decoded, colonnes);
  if (lignesLues !== decoded.lignesDonnees) {
    throw new DataError(
      `comptage incohérent : ${decoded.lignesDonnees} lignes de données dans le fichier, ${lignesLues} lues. Un guillemet non fermé peut avoir fusionné des lignes.`,
      { fichier: file.chemin },
      "Ouvrez le fichier dans un éditeur de texte et vérifiez les guillemets.",
    );
  }
  return { lignesLues, lignesMalformees };
}

async function readWithDuckDB(
  warehouse: Warehouse,
  file: { chemin: string; lecture: { chemin: string; encodage: string } },
  decoded: ScannedFile,
  colonnes?: string[],
): Promise<RawRead> {
  const columns = decoded.entete.map((column) => `${sqlString(column)}: 'VARCHAR'`).join(", ");
  // The rejects DuckDB keeps are capped: a file of a million short rows must not fill the memory with them.
  await warehouse.run(`
    CREATE TEMP TABLE brut_lu AS SELECT ${colonnes?.length ? colonnes.map(sqlIdentifier).join(", ") : "*"} FROM read_csv(${sqlString(file.lecture.chemin)},
      delim = ${sqlString(decoded.separateur)}, header = true, quote = '"', escape = '"', auto_detect = false, encoding = ${sqlString(file.lecture.encodage)},
      columns = {${columns}}, store_rejects = true, rejects_table = 'rejets_lecture', rejects_scan = 'rejets_lecture_scan',
      rejects_limit = ${MAX_READ_REJECTS}, max_line_size = 10000000);
    -- DuckDB logs one row per missing column: the first one (by position) names the line's problem.
    CREATE TEMP TABLE lignes_malformees AS
      SELECT line::INTEGER AS ligne, arg_min(column_name, column_idx) AS colonne, arg_min(csv_line, column_idx) AS texte,
             arg_min(error_type, column_idx) AS erreur
      FROM rejets_lecture GROUP BY line;
  `);
  const records = (await warehouse.one<{ n: number }>("SELECT count(*)::INTEGER AS n FROM rejets_lecture"))!.n;
  await warehouse.run("DROP TABLE IF EXISTS rejets_lecture; DROP TABLE IF EXISTS rejets_lecture_scan;");
  await refuseUnlikeFormat(warehouse, file.chemin, decoded, records >= MAX_READ_REJECTS);
  await attachLineNumbers(warehouse, [...decoded.lignesVides, ...decoded.lignesSuite]);
  const count = await warehouse.one<{ lues: number; malformees: number }>(
    "SELECT (SELECT count(*) FROM brut) AS lues, (SELECT count(*) FROM lignes_malformees) AS malformees",
  );
  const lignesMalformees = count?.malformees ?? 0;
  return { lignesLues: (count?.lues ?? 0) + lignesMalformees, lignesMalformees };
}

/**
 * When rows keep failing to split into the header's columns, the file is not what its header says (or is broken):
 * past a share of its rows, or past the cap of kept rejects, it is refused, naming the first bad line.
 */
async function refuseUnlikeFormat(warehouse: Warehouse, fichier: string, decoded: ScannedFile, capped: boolean): Promise<void> {
  const summary = await warehouse.one<{ lignes: number; premiere: number | null; erreur: string | null }>(
    "SELECT count(*)::INTEGER AS lignes, min(ligne) AS premiere, arg_min(erreur, ligne) AS erreur FROM lignes_malformees",
  );
  const lignes = summary?.lignes ?? 0;
  if (!capped && (lignes < 1000 || lignes * 2 < decoded.lignesDonnees)) return;
  throw new DataError(
    `${capped ? "plus de " : ""}${lignes} lignes sur ${decoded.lignesDonnees} n'ont pas les ${decoded.entete.length} champs de l'en-tête ` +
      `(première : ligne ${summary!.premiere}, ${STRUCTURE_REASONS[summary!.erreur ?? ""] ?? "ligne illisible"}) : le fichier n'a pas la forme que son en-tête annonce.`,
    { fichier, ligne: summary!.premiere ?? undefined },
    "Vérifiez le séparateur et que le fichier n'a pas été modifié dans un tableur ; téléchargez-le à nouveau si besoin.",
  );
}

/**
 * Quarantines the lines the read could not split, with their reason. A line of an activity log may hold identifiers:
 * its text is then never kept, only its number and the reason.
 */
export async function recordMalformed(warehouse: Warehouse, file: { fichierId: number; chemin: string; masquerLignes?: boolean }): Promise<void> {
  const reason = `CASE erreur ${Object.entries(STRUCTURE_REASONS).map(([type, motif]) => `WHEN ${sqlString(type)} THEN ${sqlString(motif)}`).join(" ")}
    ELSE 'ligne illisible (' || erreur || ')' END`;
  await warehouse.run(`
    INSERT INTO rejets
      SELECT ${file.fichierId}, ${sqlString(file.chemin)}, ligne, colonne,
             ${file.masquerLignes ? "NULL" : "left(regexp_replace(texte, '^\\r?\\n', ''), 500)"}, ${reason}
      FROM lignes_malformees ORDER BY ligne;`);
}

/** Drops the in-memory read of the last file (an activity log's identifying columns must not outlive its load). */
export async function forgetRaw(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`DROP VIEW IF EXISTS brut; DROP TABLE IF EXISTS brut_numerote; DROP TABLE IF EXISTS brut_lu;
    DROP TABLE IF EXISTS rejets_lecture; DROP TABLE IF EXISTS lignes_malformees; DROP TABLE IF EXISTS sauts;`);
}

/**
 * DuckDB numbers good rows in file order but skips blank and rejected lines: good row g sits on line g + 2 + k,
 * where k counts the skipped lines s_j (sorted, j from 1) with s_j − j − 1 ≤ g. Blank and continuation lines come
 * from the decoding, malformed ones from the read; all are ranked in SQL, however many there are.
 */
async function attachLineNumbers(warehouse: Warehouse, skippedOutsideRead: number[]): Promise<void> {
  await warehouse.run("CREATE OR REPLACE TEMP TABLE sauts_decodage (ligne INTEGER)");
  if (skippedOutsideRead.length) {
    const appender = await warehouse.connection.createAppender("sauts_decodage", "main", "temp");
    for (const line of skippedOutsideRead) {
      appender.appendInteger(line);
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
  }
  const skipped = await warehouse.one<{ n: number }>("SELECT (SELECT count(*) FROM sauts_decodage) + (SELECT count(*) FROM lignes_malformees) AS n");
  if (!skipped?.n) {
    // The common case: no line skipped, so a view numbers the rows without copying the file.
    await warehouse.run(`DROP TABLE sauts_decodage; CREATE TEMP VIEW brut AS SELECT rowid AS idx, (rowid + 2)::INTEGER AS ligne, * FROM brut_lu`);
    return;
  }
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE sauts AS
      SELECT ligne - row_number() OVER (ORDER BY ligne) - 1 AS seuil, row_number() OVER (ORDER BY ligne)::INTEGER AS rang
      FROM (SELECT ligne FROM sauts_decodage UNION SELECT ligne FROM lignes_malformees);
    DROP TABLE sauts_decodage;
    CREATE TEMP TABLE brut_numerote AS
      SELECT b.rowid AS idx, (b.rowid + 2 + coalesce(s.rang, 0))::INTEGER AS ligne, b.*
      FROM brut_lu b ASOF LEFT JOIN sauts s ON b.rowid >= s.seuil;
    DROP TABLE brut_lu;
    DROP TABLE sauts;
    CREATE TEMP VIEW brut AS SELECT * FROM brut_numerote;
  `);
}
