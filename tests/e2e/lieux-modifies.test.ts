// A study officer corrects a name in the GIP's places file, then reruns the pipeline: only the steps that read the places run
// again, and only the pages whose data changed are rebuilt. A build that fails (here: its offline check) leaves the
// last good site in place. Both on one copy of the shared run.
import { isUtf8 } from "node:buffer";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observatoire } from "../support/site-fixture.ts";
import { SEL_E2E } from "./global-setup.ts";
import { copyOf, SHARED_RUN_TIMEOUT, sharedRun } from "./shared-run.ts";

const PIPELINE = ["pipeline", "--donnees", "donnees", "--donnees", "journaux-nominatifs", "--pseudonymiser"];
const PLACES = "donnees/gip-lieux/lieux-gip-2025.csv";

let work: string;
let renamed: Awaited<ReturnType<typeof observatoire>>;

/** Rewrites the first place of the GIP's file in the file's own encoding, its other lines and line ends kept. */
function editFirstPlace(edit: (fields: string[]) => void): void {
  const file = path.join(work, PLACES);
  const encoding = isUtf8(fs.readFileSync(file)) ? "utf8" : "latin1";
  const lines = fs.readFileSync(file, encoding).split(/(?<=\n)/);
  const fields = lines[1]!.replace(/\r?\n$/, "").split(";");
  edit(fields);
  lines[1] = `${fields.join(";")}${lines[1]!.endsWith("\r\n") ? "\r\n" : "\n"}`;
  fs.writeFileSync(file, lines.join(""), encoding);
}

function column(name: string): number {
  const header = fs.readFileSync(path.join(work, PLACES), "latin1").split(/\r?\n/)[0]!.split(";");
  return header.indexOf(name);
}

beforeAll(async () => {
  const run = await sharedRun();
  work = copyOf(run, "observatoire-lieux-");
  // The place is renamed: the offer analysis and the pages naming it change, not the distances nor the indicators' values.
  editFirstPlace((fields) => {
    fields[column("nom")] = `${fields[column("nom")]} (Maison des solidarités)`;
  });
  renamed = await observatoire(PIPELINE, work, { OBSERVATOIRE_SEL: SEL_E2E });
}, SHARED_RUN_TIMEOUT);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("une correction dans le fichier des lieux du GIP", () => {
  it("ne relance que les étapes qui lisent les lieux, et ne reconstruit que les pages dont les données ont changé", () => {
    expect(renamed.code, renamed.stderr).toBe(0);
    // calculer reads the import journal (which files are in use, demo or real) and the places (the sources of
    // indicator 36): it runs again, as do the steps reading its table. Nothing upstream of the places runs.
    for (const step of ["importer", "distances", "calculer", "offre", "publier"]) expect(renamed.stderr).toMatch(new RegExp(`${step}\\s+exécutée`));
    for (const step of ["harmoniser", "compter"]) expect(renamed.stderr).toMatch(new RegExp(`${step}\\s+inchangée`));
    expect(fs.readFileSync(path.join(work, "sortie/exports/acces.csv"), "utf8")).toContain("(Maison des solidarités)");
    expect(renamed.stderr).toContain("1 fichier(s) chargé(s), 50 déjà chargé(s)");
    const rebuilt = /Site mis à jour dans sortie\/site : (\d+) pages? reconstruites?/.exec(renamed.stderr);
    expect(rebuilt, renamed.stderr).not.toBeNull();
    const total = Number(/ (\d+) pages dont \d+ portraits/.exec(renamed.stderr)![1]);
    expect(Number(rebuilt![1])).toBeGreaterThan(0);
    expect(Number(rebuilt![1])).toBeLessThan(total / 2);
  });

  it("garde le dernier site valide quand la construction échoue, et le dit en français", async () => {
    const sortie = path.join(work, "sortie");
    const offer = path.join(sortie, "site", "offre.html");
    const before = fs.readFileSync(offer, "utf8");
    // An address pasted into a place's name reaches the offer page's data: the offline check refuses the build.
    editFirstPlace((fields) => {
      fields[column("nom")] = "Tiers-lieu (voir https://suivi.exemple.net/pixel.js)";
    });
    const failed = await observatoire(PIPELINE, work, { OBSERVATOIRE_SEL: SEL_E2E });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("adresse(s) extérieure(s)");
    expect(failed.stderr).toContain("https://suivi.exemple.net/pixel.js");
    expect(failed.stderr).toContain("le site précédent est conservé");
    expect(failed.stderr).toContain("retirez-la du fichier source");
    expect(failed.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(fs.readFileSync(offer, "utf8")).toBe(before);
    expect(fs.readdirSync(sortie).filter((name) => name.includes(".tmp") || name.includes(".ancien"))).toEqual([]);
    expect(fs.readdirSync(path.join(sortie, ".publication")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
