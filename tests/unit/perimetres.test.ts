// Perimeters drawn by the GIP (a CIAS, « Auch et sa première couronne »): their file's checks with located French
// errors, and their indicators by the same code path as the official levels, checked against sums this test computes
// from the raw published CSV, plus the rules for published-only (N) values, secrecy and the GIP's counts.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { INDICATORS } from "../../indicators/registry.ts";
import { termsOf } from "../../indicators/terms.ts";
import type { Indicator } from "../../indicators/definition.ts";
import { computeIndicators, PERIMETRE_NON_PUBLIE } from "../../pipelines/compute/compute-indicators.ts";
import { PERIMETRE_SECRET_GIP } from "../../pipelines/compute/perimeters.ts";
import { Warehouse } from "../../pipelines/core/warehouse.ts";
import type { ImportReport } from "../../pipelines/ingest/import-files.ts";
import { importAndDerive } from "../support/import-and-derive.ts";
import { memoryWarehouse } from "../support/memory-warehouse.ts";
import { COMMUNES, installFixture, type FixtureValue } from "../support/compute-fixture.ts";

const FIXTURES = path.resolve("tests/fixtures");

interface Row extends Record<string, unknown> {
  id_indicateur: string;
  niveau: string;
  code_geo: string;
  libelle_geo: string;
  valeur: number | null;
  numerateur: number | null;
  denominateur: number | null;
  statut: string;
  motif: string | null;
  millesime: string | null;
}

describe("perimeters file: located checks", () => {
  const FILE = path.join(FIXTURES, "perimetres-fautifs", "export tableur (2).csv");

  it("recognises a Latin-1, comma-separated file by its header whatever its name, quarantines each faulty row with its line, column and reason", async () => {
    const warehouse = await memoryWarehouse();
    const warnings: string[] = [];
    const report = await importAndDerive(warehouse, {
      dossiers: [path.dirname(FILE)], territoire: "32", commande: "test", onAvertissement: (message) => warnings.push(message),
    });
    expect(report.refuses).toEqual([]);
    const file = report.fichiers.find((candidate) => candidate.chemin === "export tableur (2).csv")!;
    expect(file).toMatchObject({ sourceId: "perimetres", encodage: "latin-1", etat: "charge" });
    // Rows read = loaded + rejected, counted from the file itself.
    const dataLines = fs.readFileSync(FILE, "latin1").split("\r\n").slice(1).filter((line) => line !== "");
    expect(file.lignesLues).toBe(dataLines.length);
    expect(file.lignesChargees + file.lignesRejetees).toBe(file.lignesLues);
    const rejets = await warehouse.all<{ ligne: number; colonne: string; valeur: string | null; motif: string }>(
      "SELECT ligne, colonne, valeur, motif FROM rejets ORDER BY ligne",
    );
    expect(rejets).toEqual([
      { ligne: 3, colonne: "Code commune", valeur: "32999", motif: "code commune inconnu du code officiel géographique" },
      { ligne: 4, colonne: "Code commune", valeur: "32013", motif: "commune en double dans le périmètre BASTIDES (déjà ligne 2)" },
      { ligne: 6, colonne: "Code commune", valeur: "32067", motif: "commune en double dans le périmètre BASTIDES (déjà ligne 5 ; le code 32067 désigne aujourd'hui la commune 32365)" },
      { ligne: 7, colonne: "Libellé", valeur: "Bastides du Gers", motif: "libellé différent de celui de la ligne 2 (« Bastides et vallons ») pour le même périmètre" },
      { ligne: 8, colonne: "Code commune", valeur: null, motif: "code commune absent" },
      { ligne: 9, colonne: "Périmètre", valeur: "CIAS Nord", motif: "code du périmètre invalide : lettres sans accent, chiffres, « - » ou « _ », 40 caractères au plus, sans espace" },
      { ligne: 10, colonne: "Périmètre", valeur: null, motif: "code du périmètre absent" },
      { ligne: 11, colonne: "Libellé", valeur: null, motif: "libellé du périmètre absent" },
      { ligne: 13, colonne: "Code commune", valeur: "32998", motif: "code commune inconnu du code officiel géographique" },
    ]);
    expect(file.lignesRejetees).toBe(rejets.length);
    // A former code is mapped onto the commune that absorbed it, as for every source.
    const kept = await warehouse.all<{ perimetre: string; code_commune: string; code_publie: string }>(
      "SELECT perimetre, code_commune, code_publie FROM perimetres ORDER BY ligne",
    );
    expect(kept).toEqual([
      { perimetre: "BASTIDES", code_commune: "32013", code_publie: "32013" },
      { perimetre: "BASTIDES", code_commune: "32365", code_publie: "32365" },
      { perimetre: "ANCIENNE", code_commune: "32365", code_publie: "32260" },
    ]);
    const chemin = path.join(path.dirname(FILE), "export tableur (2).csv");
    expect(warnings).toContain(`${chemin} : périmètre VIDE (« Périmètre vide ») vide, sa seule ligne n'est pas valide : il n'est pas créé (voir les rejets dans « observatoire etat »).`);
    expect(warnings).toContain(`${chemin} : périmètre BASTIDES (« Bastides et vallons ») : 5 ligne(s) refusée(s) ; il est calculé sur ses 2 commune(s) valide(s) (voir les rejets dans « observatoire etat »).`);
  }, 60_000);
});

/** Rows of the real comparateur extract: commune code → column → cell as published. */
function comparateur(): Map<string, Map<string, string>> {
  const text = fs.readFileSync(path.join(FIXTURES, "reel", "insee-comparateur", "base_cc_comparateur.csv"), "utf8");
  const [header, ...lines] = text.split("\n").map((line) => line.replace(/\r$/, "")).filter((line) => line !== "");
  const columns = header!.split(";");
  return new Map(lines.map((line) => {
    const cells = line.split(";");
    return [cells[0]!, new Map(columns.map((column, index) => [column, cells[index]!]))];
  }));
}

/** The perimeters of the fixture file, read from the file itself. */
function perimeterFile(): Map<string, string[]> {
  const text = fs.readFileSync(path.join(FIXTURES, "perimetres-gers", "cias-et-couronne.csv"), "utf8");
  const members = new Map<string, string[]>();
  for (const line of text.split("\n").slice(1).filter((candidate) => candidate !== "")) {
    const [code, , commune] = line.split(";");
    members.set(code!, [...(members.get(code!) ?? []), commune!]);
  }
  return members;
}

describe("CIAS of 12 communes and « Auch et sa première couronne » on the real comparateur extract", () => {
  let warehouse: Warehouse;
  let rows: Row[];
  let report: ImportReport;

  beforeAll(async () => {
    warehouse = await Warehouse.open(":memory:");
    report = await importAndDerive(warehouse, {
      dossiers: [path.join(FIXTURES, "reel", "insee-comparateur"), path.join(FIXTURES, "perimetres-gers")], territoire: "32", commande: "test",
    });
    await computeIndicators(warehouse);
    rows = await warehouse.all<Row>("SELECT id_indicateur, niveau, code_geo, libelle_geo, valeur, numerateur, denominateur, statut, motif, millesime FROM indicateurs");
  }, 60_000);
  afterAll(() => warehouse?.close());

  it("loads both perimeters whole", async () => {
    const file = report.fichiers.find((candidate) => candidate.sourceId === "perimetres")!;
    expect(file.lignesRejetees).toBe(0);
    expect(file.lignesChargees).toBe(22);
    const perimeters = perimeterFile();
    expect(perimeters.get("CIAS-ARMAGNAC")).toHaveLength(12);
    const labels = new Set(rows.filter((row) => row.niveau === "perimetre").map((row) => `${row.code_geo}|${row.libelle_geo}`));
    expect(labels).toEqual(new Set(["CIAS-ARMAGNAC|CIAS d'Armagnac (exemple, 12 communes)", "AUCH-COURONNE|Auch et sa première couronne"]));
  });

  it("gives every summed indicator as the ratio of sums over the perimeter's communes, computed here from the raw CSV", () => {
    const cells = comparateur();
    const perimeters = perimeterFile();
    let checked = 0;
    for (const indicator of INDICATORS.filter((candidate): candidate is Extract<Indicator, { classe: "A" | "D" }> => candidate.classe === "A" || candidate.classe === "D")) {
      for (const [code, communes] of perimeters) {
        const row = rows.find((candidate) => candidate.id_indicateur === indicator.id && candidate.niveau === "perimetre" && candidate.code_geo === code);
        expect(row, `${indicator.id} ${code}`).toBeDefined();
        if (row!.statut !== "ok") continue;
        const years = row!.millesime!.split(/[-/]/).map(Number);
        const column = (racine: string, year: number) => racine.replace("yy", String(year % 100).padStart(2, "0"));
        const sum = (racine: string, year: number, coef = 1) =>
          communes.reduce((total, commune) => total + coef * Number(cells.get(commune)!.get(column(racine, year))), 0);
        let expected: number;
        if (indicator.classe === "D" && indicator.derivation.calcul === "taux_annuel_moyen") {
          const [before, after] = years as [number, number];
          expected = ((sum(indicator.derivation.racine, after) / sum(indicator.derivation.racine, before)) ** (1 / (after - before)) - 1) * 100;
        } else {
          const terms = termsOf(indicator)!;
          const facteur = indicator.classe === "D" ? (indicator.derivation as { facteur: number }).facteur : indicator.facteur;
          const total = (list: typeof terms.num) => list.reduce((acc, term) => acc + sum(term.racine, years[0]!, term.coef ?? 1), 0);
          expected = terms.den.length ? (total(terms.num) / total(terms.den)) * facteur : total(terms.num);
        }
        expect(row!.valeur, `${indicator.id} ${code}`).toBeCloseTo(expected, 6);
        checked += 1;
      }
    }
    // Population, its evolution, density… for both perimeters: the comparateur carries enough for several.
    expect(checked).toBeGreaterThanOrEqual(8);
    const pop = rows.find((row) => row.id_indicateur === "pop" && row.code_geo === "AUCH-COURONNE")!;
    expect(pop.statut).toBe("ok");
  });

  it("never computes a published-only value (median, poverty rate) for a perimeter: « manquant » with the reason", () => {
    for (const indicator of INDICATORS.filter((candidate) => candidate.classe === "N")) {
      for (const code of ["CIAS-ARMAGNAC", "AUCH-COURONNE"]) {
        const row = rows.find((candidate) => candidate.id_indicateur === indicator.id && candidate.niveau === "perimetre" && candidate.code_geo === code)!;
        expect(row.statut, indicator.id).toBe("manquant");
        expect(row.valeur).toBeNull();
      }
    }
    // The comparateur publishes the commune medians: they are there, yet the perimeter's stays missing, with its reason.
    const med = rows.find((row) => row.id_indicateur === "med_niveau_vie" && row.code_geo === "AUCH-COURONNE")!;
    expect(rows.find((row) => row.id_indicateur === "med_niveau_vie" && row.code_geo === "32013")!.statut).toBe("ok");
    expect(med.motif).toBe(PERIMETRE_NON_PUBLIE);
  });
});

/** A value per variable and commune (the hand-made territory of tests/support/compute-fixture.ts). */
const valueOf = (racine: string, index: number) => 10 + ([...racine].reduce((total, char) => (total * 31 + char.charCodeAt(0)) % 97, 7)) + 7 * (index + 1);

async function computeWith(values: FixtureValue[], perimeters: Record<string, string[]>): Promise<Row[]> {
  const warehouse = await memoryWarehouse();
  await installFixture(warehouse, values);
  const members = Object.entries(perimeters).flatMap(([code, communes]) => communes.map((commune, index) => `(1, '${code}', 'Périmètre ${code}', '${commune}', '${commune}', ${index + 2})`));
  await warehouse.run(`INSERT INTO perimetres VALUES ${members.join(", ")}`);
  await computeIndicators(warehouse);
  return warehouse.all<Row>("SELECT id_indicateur, niveau, code_geo, libelle_geo, valeur, numerateur, denominateur, statut, motif, millesime FROM indicateurs");
}

function summedValues(secret: { commune?: string; racine?: string } = {}): FixtureValue[] {
  const racines = new Set(INDICATORS.filter((indicator) => indicator.classe !== "N").flatMap((indicator) => {
    const terms = termsOf(indicator)!;
    return [...terms.num, ...terms.den].map((term) => term.racine);
  }));
  return [...racines].flatMap((racine) => COMMUNES.flatMap((commune, index) =>
    (/^[PC]yy_/.test(racine) ? [2022, 2016] : [2023]).map((millesime) => {
      const masked = commune.code === secret.commune && (secret.racine === undefined || secret.racine === racine);
      return { niveau: "commune", code: commune.code, racine, millesime, valeur: masked ? null : valueOf(racine, index), statut: masked ? "secret" : "ok" };
    })));
}

describe("perimeters through the level-membership mechanism (hand-made territory)", () => {
  const pick = (rows: Row[], id: string, niveau: string, code: string) => {
    const row = rows.find((candidate) => candidate.id_indicateur === id && candidate.niveau === niveau && candidate.code_geo === code);
    expect(row, `${id} ${niveau} ${code}`).toBeDefined();
    return row!;
  };

  it("a perimeter with the communes of an EPCI gives exactly the EPCI's values, its published N values included", async () => {
    const published: FixtureValue[] = [
      { niveau: "commune", code: "32001", racine: "MEDyy", millesime: 2021, valeur: 21000 },
      { niveau: "commune", code: "32002", racine: "MEDyy", millesime: 2021, valeur: 23000 },
      { niveau: "epci", code: "200000001", racine: "MEDyy", millesime: 2021, valeur: 21750 },
    ];
    const rows = await computeWith([...summedValues(), ...published], { SAME: ["32002", "32001"], OTHER: ["32001", "32003"] });
    let compared = 0;
    for (const indicator of INDICATORS) {
      const epci = pick(rows, indicator.id, "epci", "200000001");
      const same = pick(rows, indicator.id, "perimetre", "SAME");
      expect([same.valeur, same.numerateur, same.denominateur, same.statut, same.motif], indicator.id).toEqual([epci.valeur, epci.numerateur, epci.denominateur, epci.statut, epci.motif]);
      if (epci.statut === "ok") compared += 1;
    }
    expect(compared).toBeGreaterThan(30);
    expect(pick(rows, "med_niveau_vie", "perimetre", "SAME")).toMatchObject({ statut: "ok", valeur: 21750 });
    // Not an EPCI's communes: the median is never recomputed (neither 22000 nor any mean of 21000 and another commune).
    expect(pick(rows, "med_niveau_vie", "perimetre", "OTHER")).toMatchObject({ statut: "manquant", valeur: null, motif: PERIMETRE_NON_PUBLIE });
    // And its summed values are its own ratio of sums.
    const pop = pick(rows, "pop", "perimetre", "OTHER");
    expect(pop.valeur).toBe(valueOf("Pyy_POP", 0) + valueOf("Pyy_POP", 2));
  }, 60_000);

  it("a perimeter with a commune under secrecy is secret, as an EPCI without a published total; one equal to an EPCI takes the EPCI's published total", async () => {
    const rows = await computeWith(
      [...summedValues({ commune: "32001", racine: "Pyy_POP" }), { niveau: "epci", code: "200000001", racine: "Pyy_POP", millesime: 2022, valeur: 999 }],
      { SAME: ["32001", "32002"], OTHER: ["32001", "32003"], CLEAN: ["32002", "32003"] },
    );
    const other = pick(rows, "pop", "perimetre", "OTHER");
    expect(other).toMatchObject({ statut: "secret", valeur: null });
    expect(other.motif).toBe("secret statistique sur 1 commune(s) sur 2, total non publié à ce niveau");
    expect(pick(rows, "part_0_14", "perimetre", "OTHER").statut).toBe("secret");
    expect(pick(rows, "pop", "perimetre", "SAME")).toMatchObject({ statut: "ok", valeur: 999 });
    expect(pick(rows, "pop", "epci", "200000001")).toMatchObject({ statut: "ok", valeur: 999 });
    expect(pick(rows, "pop", "perimetre", "CLEAN")).toMatchObject({ statut: "ok", valeur: valueOf("Pyy_POP", 1) + valueOf("Pyy_POP", 2) });
  }, 60_000);

  it("the GIP's counts of a perimeter are masked when one of its communes is, so that nothing is found by difference", async () => {
    const appels = termsOf(INDICATORS.find((indicator) => indicator.id === "tx_appels_nvs")!)!.num[0]!.racine;
    const values = summedValues().map((value) => value.racine === appels
      ? { ...value, valeur: value.code === "32001" ? 3 : 40 }
      : value);
    const rows = await computeWith(values, { SAME: ["32001", "32002"], OTHER: ["32001", "32003"], SECOND: ["32002", "32003"], CLEAN: ["32003"] });
    expect(pick(rows, "tx_appels_nvs", "commune", "32001").statut).toBe("secret");
    expect(pick(rows, "tx_appels_nvs", "perimetre", "OTHER")).toMatchObject({ statut: "secret", valeur: null, numerateur: null, motif: PERIMETRE_SECRET_GIP });
    // 32002 is masked in complement (its EPCI's total minus it would give 32001's 3): a perimeter holding it is masked too.
    expect(pick(rows, "tx_appels_nvs", "commune", "32002").statut).toBe("secret");
    expect(pick(rows, "tx_appels_nvs", "perimetre", "SECOND")).toMatchObject({ statut: "secret", numerateur: null });
    expect(pick(rows, "tx_appels_nvs", "commune", "32003")).toMatchObject({ statut: "ok", numerateur: 40 });
    expect(pick(rows, "tx_appels_nvs", "perimetre", "CLEAN")).toMatchObject({ statut: "ok", numerateur: 40 });
    const epci = pick(rows, "tx_appels_nvs", "epci", "200000001");
    const same = pick(rows, "tx_appels_nvs", "perimetre", "SAME");
    expect([same.statut, same.valeur, same.motif]).toEqual([epci.statut, epci.valeur, epci.motif]);
  }, 60_000);
});
