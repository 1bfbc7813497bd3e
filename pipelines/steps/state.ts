// What the last run of each step saw and wrote, kept in the warehouse (table `etapes`): the fingerprint of its
// inputs, the version of each input (to say which one changed) and of each output (what later steps read).
import fs from "node:fs";
import { warehousePath } from "../core/paths.ts";
import { Warehouse } from "../core/warehouse.ts";
import type { StepId, StepRecord } from "./step.ts";

export const STEPS_TABLE = "etapes";

const CREATE = `CREATE TABLE IF NOT EXISTS ${STEPS_TABLE} (
  etape VARCHAR PRIMARY KEY,
  empreinte VARCHAR NOT NULL,
  entrees JSON NOT NULL,
  sorties JSON NOT NULL,
  execute_le TIMESTAMP NOT NULL,
  duree_ms INTEGER NOT NULL
)`;

/** The records of the last good warehouse; none when there is no warehouse yet (or one from before steps). */
export async function readRecords(sortie: string): Promise<Map<StepId, StepRecord>> {
  const file = warehousePath(sortie);
  const records = new Map<StepId, StepRecord>();
  if (!fs.existsSync(file)) return records;
  const warehouse = await Warehouse.open(file, { readOnly: true });
  try {
    if (!(await warehouse.tableExists(STEPS_TABLE))) return records;
    const rows = await warehouse.all<{ etape: StepId; empreinte: string; entrees: string; sorties: string; duree_ms: number }>(
      `SELECT etape, empreinte, entrees::VARCHAR AS entrees, sorties::VARCHAR AS sorties, duree_ms FROM ${STEPS_TABLE}`,
    );
    for (const row of rows) {
      records.set(row.etape, { etape: row.etape, empreinte: row.empreinte, entrees: JSON.parse(row.entrees), sorties: JSON.parse(row.sorties), dureeMs: row.duree_ms });
    }
    return records;
  } finally {
    warehouse.close();
  }
}

export async function writeRecords(warehouse: Warehouse, records: readonly StepRecord[]): Promise<void> {
  await warehouse.run(CREATE);
  for (const record of records) {
    await warehouse.run(`INSERT OR REPLACE INTO ${STEPS_TABLE} VALUES (?, ?, ?::JSON, ?::JSON, now(), ?)`, [
      record.etape,
      record.empreinte,
      JSON.stringify(record.entrees),
      JSON.stringify(record.sorties),
      Math.round(record.dureeMs),
    ]);
  }
}

/** Forgets a step (a run that refused files is not recorded: the next one examines them again). */
export async function forgetRecord(warehouse: Warehouse, etape: StepId): Promise<void> {
  await warehouse.run(CREATE);
  await warehouse.run(`DELETE FROM ${STEPS_TABLE} WHERE etape = ?`, [etape]);
}
