// Fingerprints of a step's inputs: its code, the files it reads outside the warehouse, and the content of the tables
// it reads. Equal fingerprints mean the step would write the same thing again.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../core/paths.ts";
import { sqlIdentifier, type Warehouse } from "../core/warehouse.ts";

export const sha256 = (...parts: string[]) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\u0000");
  return hash.digest("hex");
};

const codeVersions = new Map<string, string>();

/**
 * The version of some code: the content of every file under the given project paths, and the installed libraries
 * (package-lock.json). Read once per process.
 */
export function codeVersion(paths: readonly string[]): string {
  const key = paths.join("\n");
  let version = codeVersions.get(key);
  if (!version) {
    const hash = createHash("sha256");
    for (const file of [...paths.flatMap((entry) => filesUnder(path.join(PROJECT_ROOT, entry))), path.join(PROJECT_ROOT, "package-lock.json")].sort()) {
      hash.update(path.relative(PROJECT_ROOT, file)).update("\u0000").update(fs.readFileSync(file)).update("\u0000");
    }
    version = hash.digest("hex");
    codeVersions.set(key, version);
  }
  return version;
}

function filesUnder(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return (fs.readdirSync(entry, { recursive: true }) as string[])
    .map((name) => path.join(entry, name))
    .filter((file) => fs.statSync(file).isFile());
}

/**
 * What a folder holds, as cheaply as `make` or git's index see it: every file's path, size and modification time,
 * symbolic links followed (once: a loop is listed, not walked). Reading every byte of a national census to find
 * that nothing changed would cost as much as loading it.
 */
export function folderListing(folder: string): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  const visit = (current: string, relative: string) => {
    let real: string;
    try {
      real = fs.realpathSync(current);
    } catch {
      lines.push(`${relative}\tillisible`);
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      lines.push(`${relative}\tillisible`);
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name);
      const name = path.join(relative, entry.name);
      try {
        const stat = fs.statSync(full);
        if (stat.isDirectory()) visit(full, name);
        // Whole milliseconds: a copy that keeps dates (cp -p, fs.cpSync) keeps no finer.
        else lines.push(`${name}\t${stat.size}\t${Math.floor(stat.mtimeMs)}`);
      } catch {
        lines.push(`${name}\tillisible`);
      }
    }
  };
  visit(path.resolve(folder), "");
  return lines.join("\n");
}

/**
 * The content of warehouse tables, as one hash each: order-free (a sum of row hashes) and cheap (one scan of columns
 * DuckDB already holds: ten million rows in well under a second here). DuckDB does not say what a view reads: a view is hashed as
 * its definition, the versions of what its step read (`entrees`) and of the tables written beside it.
 */
export async function tableVersions(warehouse: Warehouse, tables: readonly string[], lus: ReadonlyMap<string, string> = new Map()): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  const known = new Map(
    (await warehouse.all<{ name: string; kind: string; sql: string | null }>(`
      SELECT table_name AS name, 'table' AS kind, NULL AS sql FROM duckdb_tables() WHERE NOT temporary
      UNION ALL SELECT view_name, 'view', sql FROM duckdb_views() WHERE NOT temporary AND NOT internal`)).map((row) => [row.name, row]),
  );
  const views: string[] = [];
  for (const table of tables) {
    const found = known.get(table);
    if (!found) versions.set(table, "absente");
    else if (found.kind === "view") views.push(table);
    else {
      const columns = await warehouse.all<{ column_name: string; column_type: string }>(`DESCRIBE ${sqlIdentifier(table)}`);
      // Parallel sums of doubles differ in their last bits from one run to the next: 12 significant digits are kept.
      const cells = columns.map(({ column_name, column_type }) =>
        ["DOUBLE", "FLOAT"].includes(column_type) ? `printf('%.12g', ${sqlIdentifier(column_name)})` : sqlIdentifier(column_name),
      );
      const row = await warehouse.one<{ lignes: bigint | number; somme: string | null }>(
        `SELECT count(*) AS lignes, sum(hash(${cells.join(", ") || "1"}))::HUGEINT::VARCHAR AS somme FROM ${sqlIdentifier(table)}`,
      );
      versions.set(table, sha256("table", String(row?.lignes ?? 0), row?.somme ?? ""));
    }
  }
  // A view depends on the tables its definition names, read by its step or written beside it.
  const around = new Map([...lus, ...versions]);
  for (const view of views) {
    const sql = known.get(view)!.sql ?? "";
    const named = [...around].filter(([name]) => new RegExp(`\\b${name}\\b`).test(sql)).map(([name, version]) => `${name}=${version}`);
    versions.set(view, sha256("vue", sql, ...named.sort()));
  }
  return versions;
}
