// Every bad input and fault of corpus.ts, run as a user runs the command. What every case must show: its exit code,
// French messages naming the file, no stack trace nor English library text, a peak memory under 2 GB, rows read =
// loaded + rejected for every file loaded, and after a failure the previous warehouse exactly as it was.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInventory } from "../../pipelines/ingest/inventory.ts";
import { Warehouse } from "../../pipelines/core/warehouse.ts";
import { CASES, type Case } from "./corpus.ts";
import { canMount, runCli } from "./run-cli.ts";

const MEMORY_LIMIT_MB = 2048;
const ENGLISH = [/\n\s+at\s/, /\bError:/, /node:internal/, /Did you mean/, /Invalid (input|option)/, /expected /, /No space left/, /ENOENT|EACCES|EROFS|ENOSPC/];

let root: string;
let previous: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "robustesse-"));
  fs.chmodSync(root, 0o777);
  // A good warehouse, the « previous outputs » a failure must leave intact.
  previous = path.join(root, "precedent");
  const run = await runCli(["importer", "--donnees", path.resolve("tests/fixtures/reel"), "--sortie", previous], { cwd: root });
  expect(run.code, run.stderr).toBe(0);
}, 60_000);

afterAll(() => {
  for (const mount of mounts) execFileSync("umount", ["-l", mount]);
  fs.rmSync(root, { recursive: true, force: true });
});

const mounts: string[] = [];

async function prepare(cas: Case, index: number): Promise<{ dossier: string; sortie: string }> {
  const dossier = path.join(root, `cas-${index}`);
  fs.mkdirSync(dossier, { recursive: true });
  fs.chmodSync(dossier, 0o777);
  const sortie = path.join(dossier, "sortie");
  if (cas.disque) {
    fs.mkdirSync(sortie, { recursive: true });
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${cas.disque.taille}`, "tmpfs", sortie]);
    mounts.push(sortie);
  }
  if (cas.precedent) fs.cpSync(previous, sortie, { recursive: true });
  if (cas.disque?.lectureSeule) execFileSync("mount", ["-o", "remount,ro", sortie]);
  await cas.preparer(dossier);
  if (cas.utilisateur !== undefined) {
    // The unprivileged user may read the data but writes only its output.
    fs.mkdirSync(sortie, { recursive: true });
    fs.chmodSync(sortie, 0o777);
  }
  return { dossier, sortie };
}

function snapshot(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!fs.existsSync(folder)) return files;
  for (const name of fs.readdirSync(folder, { recursive: true }) as string[]) {
    const full = path.join(folder, name);
    if (fs.statSync(full).isFile()) files.set(name, fs.readFileSync(full));
  }
  return files;
}

describe("entrées fautives et pannes : un message français situé, jamais de trace ni de perte", () => {
  for (const [index, cas] of CASES.entries()) {
    const needsRoot = cas.disque !== undefined || cas.utilisateur !== undefined;
    // Mounting a file system and changing user need root: required in CI, where a missing prerequisite is a failure.
    const run = needsRoot && !canMount() && !process.env.CI ? it.skip : it;
    run(cas.nom, async () => {
      const { dossier, sortie } = await prepare(cas, index);
      const before = cas.precedent ? snapshot(sortie) : undefined;
      const args = cas.commande ?? ["importer", "--donnees", "donnees", "--sortie", "sortie"];
      const result = await runCli(args, { cwd: dossier, uid: cas.utilisateur, env: cas.env });
      const printed = `${result.stdout}\n${result.stderr}`;
      expect(result.code, printed).toBe(cas.code);
      for (const message of cas.messages ?? []) {
        if (typeof message === "string") expect(printed, printed).toContain(message);
        else expect(printed, printed).toMatch(message);
      }
      for (const forbidden of [...ENGLISH, ...(cas.jamais ?? [])]) {
        if (typeof forbidden === "string") expect(printed).not.toContain(forbidden);
        else expect(printed).not.toMatch(forbidden);
      }
      expect(result.memoireMo, "mémoire maximale (Mo)").not.toBeNull();
      expect(result.memoireMo!).toBeLessThanOrEqual(MEMORY_LIMIT_MB);
      if (before && cas.code === 1) {
        const after = snapshot(sortie);
        for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), `${name} intact`).toBe(true);
      }
      const warehouseFile = path.join(sortie, "observatoire.duckdb");
      if (fs.existsSync(warehouseFile)) {
        const warehouse = await Warehouse.open(warehouseFile, { readOnly: true });
        try {
          const inventory = await readInventory(warehouse);
          for (const source of inventory.sources) expect(source.lignes_chargees + source.lignes_rejetees, source.source_id).toBe(source.lignes_lues);
          const stored = JSON.stringify(inventory);
          for (const forbidden of cas.jamais ?? []) expect(stored).not.toMatch(forbidden);
        } finally {
          warehouse.close();
        }
      }
      await cas.verifier?.(dossier, sortie, result.stderr);
    }, 60_000);
  }
});
