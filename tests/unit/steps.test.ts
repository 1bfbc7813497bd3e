// The step runner on small steps of its own: the order comes from what each step reads and writes, a step runs
// only when one of its inputs changed, a rerun that writes the same rows leaves the later steps alone, and a
// failure leaves the last good warehouse and its records as they were.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { warehousePath } from "../../pipelines/core/paths.ts";
import { Warehouse } from "../../pipelines/core/warehouse.ts";
import { demo } from "../../pipelines/steps/demo.ts";
import { planSteps } from "../../pipelines/steps/plan.ts";
import { runSteps } from "../../pipelines/steps/runner.ts";
import { STEPS } from "../../pipelines/steps/registry.ts";
import type { Journal, Step, StepContext, StepId } from "../../pipelines/steps/step.ts";

const SILENT: Journal = { info: () => {}, detail: () => {}, success: () => {}, warn: () => {}, error: () => {} };

/** A three-step chain: a source table whose content a test sets, a copy of it, then a file made from the copy. */
function chain(source: () => string, runs: StepId[], { failing }: { failing?: StepId } = {}): Step[] {
  const step = (id: StepId, partial: Omit<Step, "id" | "libelle" | "code" | "entrepot">): Step => ({
    id, libelle: id, code: [], entrepot: true, ...partial,
    run: async (context) => {
      runs.push(id);
      if (failing === id) throw new Error(`${id} a échoué`);
      return partial.run(context);
    },
  });
  return [
    // Declared last on purpose: the order must come from the declarations, not from the list.
    { ...step("publier", {
      lit: ["table:copie"], ecrit: ["sortie:site"],
      run: async ({ options }: StepContext) => void fs.mkdirSync(path.join(options.sortie, "site"), { recursive: true }),
    }), entrepot: false },
    step("harmoniser", {
      lit: ["table:brut"], ecrit: ["table:copie"],
      run: async ({ entrepot }) => (await entrepot()).run("CREATE OR REPLACE TABLE copie AS SELECT upper(texte) AS texte FROM brut"),
    }),
    step("importer", {
      lit: [], ecrit: ["table:brut"], acquisition: true, creeEntrepot: true,
      run: async ({ entrepot }) => (await entrepot()).run(`CREATE OR REPLACE TABLE brut AS SELECT '${source()}' AS texte`),
    }),
  ];
}

function outputFolder(): string {
  const sortie = fs.mkdtempSync(path.join(os.tmpdir(), "etapes-"));
  onTestFinished(() => fs.rmSync(sortie, { recursive: true, force: true }));
  return sortie;
}

const run = (etapes: Step[], sortie: string, forcer?: StepId[]) =>
  runSteps({ cibles: ["importer", "publier"], options: { sortie, commande: "test" }, journal: SILENT, etapes, forcer });

describe("ordre des étapes", () => {
  it("suit ce que chaque étape lit et écrit, quel que soit l'ordre de la liste", () => {
    const steps = chain(() => "a", []);
    expect(planSteps(steps, ["importer", "publier"]).map((step) => step.id)).toEqual(["importer", "harmoniser", "publier"]);
  });

  it("reprend les étapes de calcul en amont d'une cible, mais pas une acquisition qu'on n'a pas demandée", () => {
    const steps = chain(() => "a", []);
    expect(planSteps(steps, ["publier"]).map((step) => step.id)).toEqual(["harmoniser", "publier"]);
  });

  it("ordonne les étapes du pipeline de l'import aux PDF", () => {
    expect(planSteps(STEPS, ["importer", "pdf", "rapport"]).map((step) => step.id))
      .toEqual(["importer", "harmoniser", "compter", "distances", "calculer", "offre", "rapport", "publier", "pdf"]);
  });

  it("refuse des déclarations qui forment un cycle", () => {
    const a: Step = { id: "compter", libelle: "a", lit: ["table:b"], ecrit: ["table:a"], code: [], entrepot: true, run: async () => {} };
    const b: Step = { id: "distances", libelle: "b", lit: ["table:a"], ecrit: ["table:b"], code: [], entrepot: true, run: async () => {} };
    expect(() => planSteps([a, b], ["compter"])).toThrow(/cycle/);
  });
});

describe("exécutions successives", () => {
  it("saute les étapes dont les entrées n'ont pas changé, relance celles qui en dépendent quand une table change", async () => {
    const sortie = outputFolder();
    let content = "a";
    const runs: StepId[] = [];
    const steps = chain(() => content, runs);
    const first = await run(steps, sortie);
    expect(first.map((outcome) => `${outcome.id}:${outcome.etat}:${outcome.motif}`)).toEqual([
      "importer:execute:première exécution", "harmoniser:execute:première exécution", "publier:execute:première exécution",
    ]);
    // Nothing changed: every step is skipped, the import included (its inputs are those of its last run).
    runs.length = 0;
    const second = await run(steps, sortie);
    expect(second.map((outcome) => outcome.etat)).toEqual(["inchange", "inchange", "inchange"]);
    expect(runs).toEqual([]);
    // A new source value: the import is forced (as a changed data folder would make it run), the rest follows.
    content = "b";
    const third = await run(steps, sortie, ["importer"]);
    expect(third.map((outcome) => `${outcome.id}:${outcome.etat}`)).toEqual(["importer:execute", "harmoniser:execute", "publier:execute"]);
    expect(third[1]!.motif).toBe("table brut modifié(e)");
    const warehouse = await Warehouse.open(warehousePath(sortie), { readOnly: true });
    onTestFinished(() => warehouse.close());
    expect(await warehouse.one("SELECT texte FROM copie")).toEqual({ texte: "B" });
  });

  it("ne relance pas la suite quand une étape relancée réécrit les mêmes lignes", async () => {
    const sortie = outputFolder();
    const runs: StepId[] = [];
    const steps = chain(() => "a", runs);
    await run(steps, sortie);
    runs.length = 0;
    const again = await run(steps, sortie, ["importer"]);
    expect(again.map((outcome) => outcome.etat)).toEqual(["execute", "inchange", "inchange"]);
    expect(runs).toEqual(["importer"]);
  });

  it("relance une étape dont un fichier de sortie a disparu", async () => {
    const sortie = outputFolder();
    const steps = chain(() => "a", []);
    await run(steps, sortie);
    fs.rmSync(path.join(sortie, "site"), { recursive: true });
    const again = await run(steps, sortie);
    expect(again.map((outcome) => `${outcome.etat}:${outcome.motif}`)).toEqual(["inchange:inchangé", "inchange:inchangé", "execute:site absent"]);
  });

  it("laisse l'entrepôt et ses enregistrements intacts quand une étape échoue", async () => {
    const sortie = outputFolder();
    let content = "a";
    await run(chain(() => content, []), sortie);
    const before = fs.readFileSync(warehousePath(sortie));
    content = "b";
    const runs: StepId[] = [];
    await expect(run(chain(() => content, runs, { failing: "harmoniser" }), sortie, ["importer"])).rejects.toThrow("harmoniser a échoué");
    expect(runs).toEqual(["importer", "harmoniser"]);
    expect(fs.readFileSync(warehousePath(sortie)).equals(before)).toBe(true);
    expect(fs.readdirSync(sortie).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    // The failed run recorded nothing: the records are still those of the last good run, which they match.
    const next = await run(chain(() => content, []), sortie);
    expect(next.map((outcome) => outcome.etat)).toEqual(["inchange", "inchange", "inchange"]);
  });
});

describe("mémoire de l'étape demo (dans son dossier)", () => {
  it("se souvient des fichiers écrits et oublie tout dès que l'un d'eux manque, pas quand l'agent en a modifié un", () => {
    const dossier = outputFolder();
    fs.mkdirSync(path.join(dossier, "gip-lieux"));
    fs.writeFileSync(path.join(dossier, "gip-lieux", "lieux-gip-2025.csv"), "id_lieu;nom\n");
    fs.writeFileSync(path.join(dossier, "notice.txt"), "démo\n");
    const options = { sortie: "sortie", dossierDemo: dossier, commande: "test" };
    const record = { etape: "demo" as const, empreinte: "e", entrees: { code: "c" }, sorties: {}, dureeMs: 1 };
    demo.memoire!.ecrire(options, record);
    expect(demo.memoire!.lire(options)).toMatchObject({ empreinte: "e", fichiers: ["gip-lieux/lieux-gip-2025.csv", "notice.txt"] });
    fs.appendFileSync(path.join(dossier, "gip-lieux", "lieux-gip-2025.csv"), "TL-01;Tiers-lieu\n");
    expect(demo.memoire!.lire(options)).toMatchObject({ empreinte: "e" });
    fs.rmSync(path.join(dossier, "notice.txt"));
    expect(demo.memoire!.lire(options)).toBeUndefined();
  });
});
