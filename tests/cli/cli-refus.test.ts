// The « some files refused » outcome as a script sees it: the other files are committed, the run ends with code 3.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { observatoire } from "../support/site-fixture.ts";

describe("importer with one file that cannot be loaded", () => {
  it("loads the others, names the refused file with its line, ends with code 3, and etat lists it as refusé", async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "observatoire-refus-"));
    onTestFinished(() => fs.rmSync(work, { recursive: true, force: true }));
    const donnees = path.resolve("tests/fixtures/no-known-variable");
    const fichier = path.join(donnees, "cc_filosofi_2021_COM.csv");
    const run = await observatoire(["importer", "--donnees", donnees, "--sortie", "sortie"], work);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(`Erreur : fichier refusé : ${fichier}, ligne 1 : aucune des variables de « Revenus, pauvreté et niveau de vie (Filosofi), chiffres clés »`);
    expect(run.stderr).toContain("1 fichier(s) chargé(s), 0 déjà chargé(s), 1 refusé(s), 0 ignoré(s)");
    expect(run.stderr).toContain("Erreur : 1 fichier(s) refusé(s), listé(s) ci-dessus avec leur motif ; les autres fichiers sont chargés et le traitement est allé à son terme.");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const etat = await observatoire(["etat", "--sortie", "sortie"], work);
    expect(etat.code).toBe(0);
    expect(etat.stdout).toContain(`refusé   ${fichier}, ligne 1 : aucune des variables`);
    expect(etat.stdout).toMatch(/insee_populations_legales\s+commune\s+2021/);
  });

  it("warns when a folder holds no known file at all, instead of a silent success", async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "observatoire-vide-"));
    onTestFinished(() => fs.rmSync(work, { recursive: true, force: true }));
    const run = await observatoire(["importer", "--donnees", path.resolve("tests/fixtures/unknown-file"), "--sortie", "sortie"], work);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("0 fichier(s) chargé(s), 0 déjà chargé(s), 0 refusé(s), 1 ignoré(s)");
    expect(run.stderr).toContain("Avertissement : aucun fichier de données reconnu dans");
  });
});
