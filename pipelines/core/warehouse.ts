// Thin wrapper over one DuckDB connection: typed reads with plain JS numbers.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";

export type Row = Record<string, unknown>;

const MEMORY_LIMIT = process.env.OBSERVATOIRE_MEMOIRE_DUCKDB ?? "1GB";
/** Developers' profiling aid: OBSERVATOIRE_TRACE_SQL=1 prints each statement's duration and CPU time on stderr. */
const TRACE_SQL = Boolean(process.env.OBSERVATOIRE_TRACE_SQL);

async function traced<T>(sql: string, query: () => Promise<T>): Promise<T> {
  if (!TRACE_SQL) return query();
  const started = performance.now();
  // CPU time of the whole process (DuckDB's threads included): on a shared machine, wall time says little.
  const cpu = process.cpuUsage();
  try {
    return await query();
  } finally {
    const statement = sql.replace(/\s+/g, " ").trim().slice(0, 160);
    const used = process.cpuUsage(cpu);
    process.stderr.write(`[sql ${(performance.now() - started).toFixed(0).padStart(6)} ms ${((used.user + used.system) / 1000).toFixed(0).padStart(6)} ms cpu] ${statement}\n`);
  }
}

export class Warehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string,
  ) {}

  static async open(path: string, options: { readOnly?: boolean } = {}): Promise<Warehouse> {
    // DuckDB takes 80 % of the machine by default; a national import must fit in 2 GB with Node beside it:
    // past this limit DuckDB spills to disk instead of growing.
    const settings: Record<string, string> = { memory_limit: MEMORY_LIMIT };
    if (options.readOnly) settings.access_mode = "READ_ONLY";
    const instance = await DuckDBInstance.create(path, settings);
    return new Warehouse(instance, await instance.connect(), path);
  }

  async run(sql: string, params?: DuckDBValue[]): Promise<void> {
    if (TRACE_SQL && !params) return this.runEachTraced(sql);
    await traced(sql, () => this.connection.run(sql, params));
  }

  /** A script traced statement by statement; the labels come from a plain split, good enough for reading. */
  private async runEachTraced(sql: string): Promise<void> {
    const statements = await this.connection.extractStatements(sql);
    const texts = sql.split(/;\s*\n/).filter((text) => text.replace(/--[^\n]*/g, "").trim());
    for (let index = 0; index < statements.count; index += 1) {
      const prepared = await statements.prepare(index);
      const label = texts.length === statements.count ? texts[index]! : `#${index + 1} ${sql}`;
      await traced(label.replace(/--[^\n]*/g, ""), () => prepared.run());
    }
  }

  /** Rows as objects; BIGINT and DECIMAL come back as JS numbers (counts here stay far below 2^53). */
  async all<T extends Row = Row>(sql: string, params?: DuckDBValue[]): Promise<T[]> {
    const reader = await traced(sql, () => this.connection.runAndReadAll(sql, params));
    return reader.getRowObjectsJS().map((row) => normaliseRow(row) as T);
  }

  async one<T extends Row = Row>(sql: string, params?: DuckDBValue[]): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Runs the work in one transaction: on any error nothing it wrote remains, and the error goes on. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.connection.run("BEGIN TRANSACTION");
    try {
      const result = await work();
      await this.connection.run("COMMIT");
      return result;
    } catch (error) {
      await this.connection.run("ROLLBACK");
      throw error;
    }
  }

  async tableExists(name: string): Promise<boolean> {
    const row = await this.one<{ n: number }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?",
      [name],
    );
    return (row?.n ?? 0) > 0;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function normaliseRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = typeof value === "bigint" ? Number(value) : value;
  }
  return out;
}

/** Quotes an SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quotes an SQL identifier (column names come from users' files). */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
