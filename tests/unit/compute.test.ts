// The indicator engine on a hand-made territory: every indicator at every level against sums done by
// hand in plain TypeScript, plus the statistical rules one by one (ratio of sums, published values,
// secrecy, missing sources, evolution, ranks).
import { beforeAll, describe, expect, it } from "vitest";
import type { Indicator, Terme } from "../../indicators/definition.ts";
import { INDICATORS } from "../../indicators/registry.ts";
import { computeIndicators, type ComputeReport } from "../../pipelines/compute/compute-indicators.ts";
import { termsOf } from "../../indicators/terms.ts";
import { Warehouse } from "../../pipelines/core/warehouse.ts";
import { COMMUNES, installFixture, LEVEL_MEMBERS, type FixtureValue } from "../support/compute-fixture.ts";

interface Result extends Record<string, unknown> {
  id_indicateur: string;
  niveau: string;
  code_geo: string;
  valeur: number | null;
  numerateur: number | null;
  denominateur: number | null;
  statut: string;
  motif: string | null;
  fiabilite: string | null;
  rang_epci: number | null;
  ecart_departement: number | null;
  evolution: number | null;
  millesime: string | null;
}

/** A value per variable and commune that differs for every pair: 10 + a variable weight + 7 × the commune's rank. */
function valueOf(racine: string, communeIndex: number, millesime: number): number {
  const weight = [...racine].reduce((total, char) => (total * 31 + char.charCodeAt(0)) % 97, 7);
  const base = 10 + weight + 7 * (communeIndex + 1);
  return millesime === 2016 ? base * 0.9 : base;
}

const CENSUS = /^[PC]yy_/;
const summedIndicators = INDICATORS.filter((indicator) => indicator.classe !== "N");

function racines(indicator: Indicator): string[] {
  const terms = termsOf(indicator)!;
  return [...terms.num, ...terms.den].map((term) => term.racine);
}

/** Every variable the summed indicators use, for every commune: census for 2022 and 2016, the others for 2023. */
function generatedValues(): FixtureValue[] {
  const all = new Set(summedIndicators.flatMap(racines));
  return [...all].flatMap((racine) =>
    COMMUNES.flatMap((commune, index) =>
      (CENSUS.test(racine) ? [2022, 2016] : [2023]).map((millesime) => ({ niveau: "commune", code: commune.code, racine, millesime, valeur: valueOf(racine, index, millesime) })),
    ),
  );
}

/** The oracle: Σ coef × value over the level's communes, then the indicator's formula. */
function expected(indicator: Indicator, members: string[], millesime = 2022): number {
  const sum = (terms: Terme[], year: (racine: string) => number) =>
    members.reduce((total, code) => {
      const index = COMMUNES.findIndex((commune) => commune.code === code);
      return total + terms.reduce((acc, term) => acc + (term.coef ?? 1) * valueOf(term.racine, index, year(term.racine)), 0);
    }, 0);
  const yearOf = (racine: string) => (CENSUS.test(racine) ? millesime : 2023);
  if (indicator.classe === "D" && indicator.derivation.calcul === "taux_annuel_moyen") {
    const terms = [{ racine: indicator.derivation.racine }];
    return ((sum(terms, () => 2022) / sum(terms, () => 2016)) ** (1 / 6) - 1) * 100;
  }
  const terms = termsOf(indicator)!;
  const facteur = indicator.classe === "D" ? (indicator.derivation as { facteur: number }).facteur : (indicator as { facteur: number }).facteur;
  if (!terms.den.length) return sum(terms.num, yearOf);
  return (sum(terms.num, yearOf) / sum(terms.den, yearOf)) * facteur;
}

async function run(values: FixtureValue[], indicators: Indicator[] = INDICATORS): Promise<{ results: Result[]; report: ComputeReport }> {
  const warehouse = await Warehouse.open(":memory:");
  await installFixture(warehouse, values);
  const report = await computeIndicators(warehouse, indicators);
  const results = await warehouse.all<Result>("SELECT * FROM indicateurs");
  warehouse.close();
  return { results, report };
}

const find = (results: Result[], id: string, niveau: string, code: string) => {
  const row = results.find((result) => result.id_indicateur === id && result.niveau === niveau && result.code_geo === code);
  if (!row) throw new Error(`pas de ligne ${id} ${niveau} ${code}`);
  return row;
};

describe("every summed indicator at every level equals the hand-computed ratio of sums", () => {
  let results: Result[];
  beforeAll(async () => {
    ({ results } = await run(generatedValues()));
  });

  for (const indicator of summedIndicators) {
    it(`${indicator.numero} ${indicator.id}`, () => {
      for (const [niveau, territories] of Object.entries(LEVEL_MEMBERS)) {
        for (const [code, members] of Object.entries(territories)) {
          const published = indicator.niveaux.includes(niveau as Indicator["niveaux"][number]);
          const rows = results.filter((row) => row.id_indicateur === indicator.id && row.niveau === niveau && row.code_geo === code);
          if (!published) {
            expect(rows, `${indicator.id} ne doit pas exister au niveau ${niveau}`).toEqual([]);
            continue;
          }
          expect(rows[0]?.statut, `${indicator.id} ${niveau} ${code}`).toBe("ok");
          expect(rows[0]!.valeur).toBeCloseTo(expected(indicator, members), 9);
        }
      }
    });
  }

  it("computes 39 indicators for each commune and all 40 for the EPCIs and above", () => {
    expect(results.filter((row) => row.niveau === "commune" && row.code_geo === "32001")).toHaveLength(39);
    expect(results.filter((row) => row.niveau === "epci" && row.code_geo === "200000001")).toHaveLength(40);
    expect(results.some((row) => row.code_geo === "40002" || row.code_geo === "200000003")).toBe(false);
  });

  it("gives the evolution between censuses 6 years apart, the gap to the département and the rank among the territory's EPCIs", () => {
    const chomage = INDICATORS.find((indicator) => indicator.id === "tx_chomage")!;
    const epci = find(results, "tx_chomage", "epci", "200000001");
    const members = LEVEL_MEMBERS.epci!["200000001"]!;
    expect(epci.evolution).toBeCloseTo(expected(chomage, members) - expected(chomage, members, 2016), 9);
    expect(epci.ecart_departement).toBeCloseTo(expected(chomage, members) - expected(chomage, LEVEL_MEMBERS.departement!["32"]!), 9);
    expect(epci.rang_epci).toBe(1);
    // A straddling EPCI is computed and shown, but not ranked among the territory's own.
    expect(find(results, "tx_chomage", "epci", "200000002").rang_epci).toBeNull();
    expect(find(results, "evol_pop", "departement", "32").millesime).toBe("2016-2022");
  });

  it("flags values resting on the census's complementary sample over small populations as fragile", () => {
    // part_men_seul uses C variables; the fixture's denominators are tiny (well below 500).
    expect(find(results, "part_men_seul", "commune", "32001").fiabilite).toBe("fragile");
    expect(find(results, "tx_chomage", "commune", "32001").fiabilite).toBeNull();
  });
});

describe("statistical rules", () => {
  const chomage = (code: string, chom: number, act: number, statut = "ok"): FixtureValue[] => [
    { niveau: "commune", code, racine: "Pyy_CHOM1564", millesime: 2022, valeur: statut === "ok" ? chom : null, statut },
    { niveau: "commune", code, racine: "Pyy_ACT1564", millesime: 2022, valeur: act },
  ];
  const only = (id: string) => INDICATORS.filter((indicator) => indicator.id === id);

  it("takes a ratio of sums, not a mean of ratios", async () => {
    // 32001: 10 / 100 = 10 %; 32002: 90 / 300 = 30 %. Mean of ratios 20 %; ratio of sums 100 / 400 = 25 %.
    const values = [...chomage("32001", 10, 100), ...chomage("32002", 90, 300), ...chomage("32003", 5, 50), ...chomage("40001", 20, 100), ...chomage("40002", 1, 10)];
    const { results } = await run(values, only("tx_chomage"));
    expect(find(results, "tx_chomage", "epci", "200000001").valeur).toBeCloseTo(25, 9);
    expect(find(results, "tx_chomage", "epci", "200000001")).toMatchObject({ numerateur: 100, denominateur: 400 });
    // Département: (10 + 90 + 5) / (100 + 300 + 50) = 105 / 450.
    expect(find(results, "tx_chomage", "departement", "32").valeur).toBeCloseTo((105 / 450) * 100, 9);
    // France: 126 / 560.
    expect(find(results, "tx_chomage", "france", "FRANCE").valeur).toBeCloseTo((126 / 560) * 100, 9);
  });

  it("keeps a secret commune secret, and its levels secret unless the level itself is published", async () => {
    const values = [...chomage("32001", 10, 100), ...chomage("32002", 0, 300, "secret"), ...chomage("32003", 5, 50), ...chomage("40001", 20, 100), ...chomage("40002", 1, 10),
      // The département publishes its own total: it is used; the EPCI does not: it stays secret.
      { niveau: "departement", code: "32", racine: "Pyy_CHOM1564", millesime: 2022, valeur: 111 }];
    const { results } = await run(values, only("tx_chomage"));
    expect(find(results, "tx_chomage", "commune", "32002")).toMatchObject({ statut: "secret", valeur: null });
    const epci = find(results, "tx_chomage", "epci", "200000001");
    expect(epci).toMatchObject({ statut: "secret", valeur: null, numerateur: null });
    expect(epci.motif).toBe("secret statistique sur 1 commune(s) sur 2, total non publié à ce niveau");
    const departement = find(results, "tx_chomage", "departement", "32");
    expect(departement).toMatchObject({ statut: "ok", numerateur: 111, denominateur: 450 });
    expect(departement.motif).toBe("total publié à ce niveau (des communes sont sous secret ou absentes)");
    expect(find(results, "tx_chomage", "france", "FRANCE").statut).toBe("secret");
  });

  it("says a level is missing when one of its communes has no data, naming how many", async () => {
    const values = [...chomage("32001", 10, 100), ...chomage("32002", 90, 300), ...chomage("32003", 5, 50)];
    const { results } = await run(values, only("tx_chomage"));
    expect(find(results, "tx_chomage", "departement", "32").statut).toBe("ok");
    const straddling = find(results, "tx_chomage", "epci", "200000002");
    expect(straddling).toMatchObject({ statut: "manquant", valeur: null, motif: "données absentes des fichiers chargés pour 1 commune(s) sur 2" });
  });

  it("makes a zero denominator non applicable, never NaN or Infinity", async () => {
    const values = [...chomage("32001", 0, 0), ...chomage("32002", 90, 300)];
    const { results } = await run(values, only("tx_chomage"));
    expect(find(results, "tx_chomage", "commune", "32001")).toMatchObject({ statut: "non_applicable", valeur: null, motif: "dénominateur nul" });
  });

  describe("published-only (N) indicators", () => {
    const med = (niveau: string, code: string, valeur: number | null, statut = "ok"): FixtureValue => ({ niveau, code, racine: "MEDyy", millesime: 2021, valeur, statut, source: "insee_filosofi" });
    const communes = [med("commune", "32001", 20000), med("commune", "32002", 24000), med("commune", "32003", 19000, "secret")];

    it("takes the EPCI value from the EPCI file even though commune values exist", async () => {
      const { results } = await run([...communes, med("epci", "200000001", 21500), med("departement", "32", 20500), med("region", "76", 21000), med("france", "FRANCE", 22000)], only("med_niveau_vie"));
      expect(find(results, "med_niveau_vie", "epci", "200000001")).toMatchObject({ statut: "ok", valeur: 21500 });
      expect(find(results, "med_niveau_vie", "commune", "32002")).toMatchObject({ statut: "ok", valeur: 24000 });
      expect(find(results, "med_niveau_vie", "commune", "32003")).toMatchObject({ statut: "secret", valeur: null });
      expect(find(results, "med_niveau_vie", "france", "FRANCE").valeur).toBe(22000);
      expect(find(results, "med_niveau_vie", "epci", "200000001").ecart_departement).toBe(1000);
    });

    it("is manquant at EPCI level when no EPCI file is loaded, never a mean or median of communes", async () => {
      const { results } = await run([...communes, med("departement", "32", 20500)], only("med_niveau_vie"));
      const epci = find(results, "med_niveau_vie", "epci", "200000001");
      expect(epci).toMatchObject({ statut: "manquant", valeur: null });
      expect(epci.motif).toBe("aucun fichier publié à ce niveau n'est chargé (la valeur n'est jamais recalculée à partir des communes)");
      expect(find(results, "med_niveau_vie", "departement", "32").valeur).toBe(20500);
    });
  });

  it("names the indicator and the missing variable when no source provides it, and computes the rest", async () => {
    const { results, report } = await run(chomage("32001", 10, 100), only("tx_chomage").concat(only("tx_rsa")));
    expect(report.absentes).toContainEqual({ numero: 18, id: "tx_rsa", variables: expect.arrayContaining([expect.stringMatching(/rsa/i)]) });
    expect(results.filter((row) => row.id_indicateur === "tx_rsa").every((row) => row.statut === "manquant")).toBe(true);
    expect(find(results, "tx_chomage", "commune", "32001").statut).toBe("ok");
  });
});
