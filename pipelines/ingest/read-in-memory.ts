// The GIP's activity logs hold personal data: they are never copied to disk, not even to a temporary file that a
// killed run would leave behind. DuckDB reads CSV from files only, so a log is decoded and split here, in memory
// (logs are small), and its rows appended to the same temporary table `brut` the file reader fills, each with its
// real line number; rows that do not split into the header's fields go to `lignes_malformees` without their text.
import Papa from "papaparse";
import { DataError } from "../core/errors.ts";
import { sqlIdentifier, type Warehouse } from "../core/warehouse.ts";
import { readChunks } from "./byte-source.ts";
import type { Candidate } from "./discover.ts";
import type { ScannedFile } from "./scan.ts";

export interface RawRead {
  /** Rows in `brut` (each with columns idx, ligne and the file's columns as VARCHAR) plus the malformed lines. */
  lignesLues: number;
  /** Distinct lines quarantined for their structure. */
  lignesMalformees: number;
}

/** A log of more than this is not a year of a small public body's activity. */
export const MAX_LOG_BYTES = 256 * 2 ** 20;

export async function readRawInMemory(warehouse: Warehouse, candidate: Candidate, fichier: string, decoded: ScannedFile): Promise<RawRead> {
  if (decoded.taille > MAX_LOG_BYTES) {
    throw new DataError(
      `journal de plus de ${MAX_LOG_BYTES / 2 ** 20} Mo : ce n'est pas l'export d'une année d'activité.`,
      { fichier },
      "Déposez un fichier par journal et par année (par exemple appels-nvs-2020.csv).",
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of readChunks(candidate, fichier)) chunks.push(chunk);
  // Windows spreadsheets write Latin-1 as Windows-1252 (’ œ € in 0x80–0x9F); every line end becomes LF.
  const text = new TextDecoder(decoded.encodage === "latin-1" ? "windows-1252" : "utf-8").decode(Buffer.concat(chunks)).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  chunks.length = 0;
  const names = uniqueNames(decoded.entete);
  await warehouse.run(`
    CREATE TEMP TABLE brut_numerote (idx BIGINT, ligne INTEGER, ${names.map((name) => `${sqlIdentifier(name)} VARCHAR`).join(", ")});
    CREATE TEMP TABLE lignes_malformees (ligne INTEGER, colonne VARCHAR, texte VARCHAR, erreur VARCHAR);
  `);
  const rows = await warehouse.connection.createAppender("brut_numerote", "main", "temp");
  const malformed: { ligne: number; erreur: string }[] = [];
  // Rows come in order over the lines that are neither blank nor the continuation of a quoted cell.
  const skipped = new Set([...decoded.lignesVides, ...decoded.lignesSuite]);
  let line = 1;
  let index = -1;
  const nextLine = () => {
    do line += 1;
    while (skipped.has(line));
    return line;
  };
  Papa.parse<string[]>(text, {
    delimiter: decoded.separateur,
    skipEmptyLines: "greedy",
    step: (result) => {
      index += 1;
      if (index === 0) return;
      const ligne = nextLine();
      const fields = result.data;
      if (fields.length !== names.length) {
        malformed.push({ ligne, erreur: fields.length > names.length ? "TOO MANY COLUMNS" : "MISSING COLUMNS" });
        return;
      }
      rows.appendBigInt(BigInt(index - 1));
      rows.appendInteger(ligne);
      for (const field of fields) rows.appendVarchar(field);
      rows.endRow();
    },
  });
  rows.flushSync();
  rows.closeSync();
  if (malformed.length) {
    const appender = await warehouse.connection.createAppender("lignes_malformees", "main", "temp");
    for (const { ligne, erreur } of malformed) {
      appender.appendInteger(ligne);
      appender.appendNull();
      appender.appendNull();
      appender.appendVarchar(erreur);
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
  }
  await warehouse.run("CREATE TEMP VIEW brut AS SELECT * FROM brut_numerote");
  const lues = (await warehouse.one<{ n: number }>("SELECT count(*)::INTEGER AS n FROM brut"))!.n;
  return { lignesLues: lues + malformed.length, lignesMalformees: malformed.length };
}

/** Header names made distinct without regard to case, as DuckDB requires (a log's « Ligne » beside our `ligne`). */
function uniqueNames(entete: string[]): string[] {
  const taken = new Set(["idx", "ligne"]);
  return entete.map((name) => {
    let candidate = name;
    for (let suffix = 1; taken.has(candidate.toLowerCase()); suffix += 1) candidate = `${name}_${suffix}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
