// One run at a time per output folder: two imports into one warehouse would each swap in their own copy and the
// first one's files would vanish. The lock is a file naming the run that holds it; a lock left by a run that was
// killed (its process is gone) is taken over, and that run's temporary files are removed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UsageError } from "./errors.ts";

export const LOCK_FILE = ".verrou";

interface LockOwner {
  pid: number;
  commande: string;
  debut: string;
  hote: string;
}

/** A run already holds the folder. */
export class OutputBusyError extends Error {
  constructor(readonly sortie: string, readonly owner: LockOwner) {
    super(`output folder busy: ${sortie}`);
    this.name = "OutputBusyError";
  }
}

/** Folders this process holds (a pipeline runs several steps under one lock). */
const held = new Map<string, number>();

export async function withOutputLock<T>(sortie: string, commande: string, work: () => Promise<T>, onStale?: (message: string) => void): Promise<T> {
  const key = path.resolve(sortie);
  if (held.has(key)) {
    held.set(key, held.get(key)! + 1);
    try {
      return await work();
    } finally {
      held.set(key, held.get(key)! - 1);
    }
  }
  ensureOutputFolder(sortie);
  const lock = path.join(sortie, LOCK_FILE);
  take(lock, commande, sortie, onStale);
  held.set(key, 1);
  try {
    return await work();
  } finally {
    held.delete(key);
    fs.rmSync(lock, { force: true });
  }
}

/** The output folder, created if needed; a file in its place is a usage error, not a crash. */
export function ensureOutputFolder(sortie: string): void {
  if (fs.existsSync(sortie) && !fs.statSync(sortie).isDirectory()) {
    throw new UsageError(`--sortie : « ${sortie} » est un fichier, pas un dossier.`, "Indiquez un dossier (il est créé s'il n'existe pas), par exemple --sortie sortie.");
  }
  fs.mkdirSync(sortie, { recursive: true });
}

function take(lock: string, commande: string, sortie: string, onStale?: (message: string) => void): void {
  const owner: LockOwner = { pid: process.pid, commande, debut: new Date().toISOString(), hote: os.hostname() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lock, JSON.stringify(owner), { flag: "wx" });
      const left = removeStaleOutputs(sortie);
      if (left.length) onStale?.(`fichiers temporaires d'une exécution interrompue supprimés dans ${sortie} : ${left.join(", ")}.`);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const other = readOwner(lock);
    if (other && (other.hote !== os.hostname() || isAlive(other.pid))) throw new OutputBusyError(sortie, other);
    fs.rmSync(lock, { force: true });
    const removed = removeStaleOutputs(sortie, other?.pid);
    onStale?.(
      `le dossier ${sortie} était verrouillé par une exécution interrompue${other ? ` (« ${other.commande} », processus ${other.pid})` : ""} : verrou levé` +
        `${removed.length ? `, fichiers temporaires supprimés (${removed.join(", ")})` : ""}.`,
    );
  }
  throw new OutputBusyError(sortie, readOwner(lock) ?? owner);
}

function readOwner(lock: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(lock, "utf8")) as LockOwner;
  } catch {
    return undefined;
  }
}

/**
 * Temporary files of runs that were killed: the warehouse copy being built (observatoire.duckdb.<pid>.tmp), the site
 * and exports being built (<name>.<pid>.tmp), the previous site being swapped out (<name>.<pid>.ancien).
 */
export function removeStaleOutputs(sortie: string, deadPid?: number): string[] {
  const removed: string[] = [];
  const visit = (folder: string) => {
    let entries: string[];
    try {
      entries = fs.readdirSync(folder);
    } catch {
      return;
    }
    for (const name of entries) {
      const pid = Number(name.match(/\.(\d+)\.(?:tmp|ancien)(?:\.wal)?$/)?.[1]);
      if (!pid || (pid !== deadPid && (pid === process.pid || isAlive(pid)))) continue;
      fs.rmSync(path.join(folder, name), { recursive: true, force: true });
      removed.push(name);
    }
  };
  visit(sortie);
  visit(path.join(sortie, ".publication"));
  return removed;
}

/** Whether a process still runs (a lock or a temporary folder of a dead one can go). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
