// The GIP's activity logs (issue « activité ») end to end: the 2020 report figures computed from the demo logs,
// small-count suppression with its secondary masks, refusal or pseudonymisation of identifying columns, located
// quarantine of bad rows, and a privacy scan of everything the pipeline writes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importAndDerive } from "../support/import-and-derive.ts";
import { GIP } from "../../indicators/external-variables.ts";
import { INDICATORS } from "../../indicators/registry.ts";
import { construireRapport, type Chiffre, type Rapport } from "../../pipelines/activity/report.ts";
import { resume } from "../../pipelines/activity/report-format.ts";
import { masquerPetitsEffectifs, type Cellule, type Equation } from "../../pipelines/secret/suppression.ts";
import { masquesTerritoriaux } from "../../pipelines/secret/territory-cells.ts";
import { MOTIF_SECRET_PRIMAIRE, MOTIF_SECRET_SECONDAIRE } from "../../pipelines/secret/suppress-indicators.ts";
import { computeIndicators } from "../../pipelines/compute/compute-indicators.ts";
import { writeDemoTerritories } from "../../pipelines/demo/write-demo.ts";
import { DataError, UsageError } from "../../pipelines/core/errors.ts";
import type { ImportReport } from "../../pipelines/ingest/import-files.ts";
import { MOTIFS_JOURNAL } from "../../pipelines/ingest/load-journal.ts";
import { lireSel } from "../../pipelines/ingest/pseudonymise.ts";
import { GIP_JOURNAUX } from "../../sources/gip-activite.ts";
import { MOTIFS_APPEL } from "../../sources/gip-nomenclatures.ts";
import { Warehouse } from "../../pipelines/core/warehouse.ts";
import { installFixture } from "../support/compute-fixture.ts";
import { memoryWarehouse } from "../support/memory-warehouse.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const fixture = (name: string) => path.join(FIXTURES, name);
const SEL = "sel-de-test-assez-long-pour-etre-accepte";
/** Figures are written with a narrow no-break space as thousands separator (pipelines/core/format-fr.ts). */
const fr = (text: string) => new RegExp(text.replaceAll(" ", "[\\s\\u202f\\u00a0]").replaceAll("+", "\\+"));

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

async function load(dossiers: string[], sel?: string): Promise<{ warehouse: Warehouse; report: ImportReport }> {
  const warehouse = await memoryWarehouse();
  const report = await importAndDerive(warehouse, { dossiers, territoire: "32", commande: "test", pseudonymisation: sel ? { sel } : undefined });
  return { warehouse, report };
}

const tempFolder = (prefix: string) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  folders.push(folder);
  return folder;
};

const figure = (rapport: Rapport, id: string) => rapport.chiffresCles.find((item) => item.id === id)!;

describe("rapport d'activité 2020 calculé sur les journaux de démonstration", () => {
  let warehouse: Warehouse;
  let rapport: Rapport;
  let demo: string;

  beforeAll(async () => {
    demo = tempFolder("gip-demo-");
    await writeDemoTerritories(["32"], demo);
    warehouse = await Warehouse.open(":memory:");
    const report = await importAndDerive(warehouse, { dossiers: [demo], territoire: "32", commande: "test" });
    const logs = report.fichiers.filter((file) => GIP_JOURNAUX.some((journal) => journal.id === file.sourceId));
    expect(logs).toHaveLength(14);
    for (const file of logs) expect(file, file.chemin).toMatchObject({ lignesRejetees: 0, lignesChargees: file.lignesLues });
    await computeIndicators(warehouse);
    rapport = await construireRapport(warehouse, 2020);
  }, 300_000);

  afterAll(() => warehouse?.close());

  it("reproduit les chiffres du rapport 2020 du GIP", () => {
    const value = (id: string) => figure(rapport, id).annee;
    expect(value("appels_numero_vert")).toEqual({ valeur: 4_819, statut: "ok" });
    expect(Math.round(figure(rapport, "appels_numero_vert").evolution!)).toBe(69);
    expect(value("interactions")).toEqual({ valeur: 14_196, statut: "ok" });
    expect(value("appels_courtoisie")).toEqual({ valeur: 1_123, statut: "ok" });
    expect(value("colis").valeur).toBeGreaterThanOrEqual(390);
    expect(value("colis").valeur).toBeLessThanOrEqual(410);
    expect(value("camping_jours")).toEqual({ valeur: 36, statut: "ok" });
    expect(value("camping_personnes")).toEqual({ valeur: 44, statut: "ok" });
    expect(value("fiches_violences")).toEqual({ valeur: 217, statut: "ok" });
    expect(value("pages_vues")).toEqual({ valeur: 85_000, statut: "ok" });
    expect(value("telechargements")).toEqual({ valeur: 22_000, statut: "ok" });
    expect(value("contacts_visiteurs")).toEqual({ valeur: 32_000, statut: "ok" });
    expect(rapport.demo).toBe(true);
    const text = resume(rapport);
    for (const phrase of ["4 819 appels", "+69 %", "14 196 interactions", "1 123 appels de courtoisie", "217 fiches", "36 jours", "44 personnes"]) {
      expect(text).toMatch(fr(phrase));
    }
  });

  it("compte 100 à 120 appels par semaine sur la ligne interne", async () => {
    const weeks = await warehouse.all<{ n: number; jours: number }>(`
      SELECT count(*) AS n, count(DISTINCT date_heure::DATE) AS jours FROM gip_appels
      WHERE annee = 2020 AND ligne_telephonique = 'Ligne interne' AND date_trunc('week', date_heure) >= DATE '2020-01-06'
        AND date_trunc('week', date_heure) <= DATE '2020-12-21'
      GROUP BY date_trunc('week', date_heure)`);
    expect(weeks.length).toBe(51);
    for (const week of weeks) {
      expect(week.n).toBeGreaterThanOrEqual(100);
      expect(week.n).toBeLessThanOrEqual(120);
    }
    const average = rapport.moyennesHebdomadaires.find((item) => item.id === "appels_ligne_interne")!.valeur.valeur!;
    expect(average).toBeGreaterThanOrEqual(100);
    expect(average).toBeLessThanOrEqual(120);
  });

  it("montre les pics des confinements (printemps et novembre 2020) dans la série mensuelle", () => {
    const calls = rapport.serieMensuelle.find((serie) => serie.id === "appels_numero_vert" && serie.annee === 2020)!.mois.map((chiffre) => chiffre.valeur!);
    const winter = (calls[0]! + calls[1]!) / 2;
    expect(calls[3]!).toBeGreaterThan(1.5 * winter);
    expect(calls[10]!).toBeGreaterThan(1.5 * winter);
    expect(calls[7]!).toBeLessThan(winter * 1.2);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(4_819);
  });

  it("tire les communes des appelants selon la population, avec un penchant rural", async () => {
    const rows = await warehouse.all<{ rural: number; urbain: number; pop_rurale: number; pop_urbaine: number }>(`
      WITH appels AS (SELECT code_commune, count(*) AS n FROM gip_appels WHERE annee = 2020 AND ligne_telephonique = 'Numéro Vert' GROUP BY ALL)
      SELECT sum(coalesce(a.n, 0)) FILTER (c.population_legale < 2000) AS rural, sum(coalesce(a.n, 0)) FILTER (c.population_legale >= 2000) AS urbain,
             sum(c.population_legale) FILTER (c.population_legale < 2000) AS pop_rurale, sum(c.population_legale) FILTER (c.population_legale >= 2000) AS pop_urbaine
      FROM geo_commune c LEFT JOIN appels a USING (code_commune) WHERE c.dans_territoire`);
    const { rural, urbain, pop_rurale, pop_urbaine } = rows[0]!;
    expect(rural / pop_rurale).toBeGreaterThan(urbain / pop_urbaine);
    expect(rural + urbain).toBeGreaterThan(4_000);
  });

  it("calcule les indicateurs 37 à 40 (classe G) au lieu de « manquant »", async () => {
    const rows = await warehouse.all<{ numero: number; statut: string; numerateur: number | null }>(
      "SELECT numero, statut, numerateur FROM indicateurs WHERE numero BETWEEN 37 AND 40 AND niveau = 'departement' ORDER BY numero",
    );
    expect(rows.map((row) => row.statut)).toEqual(["ok", "ok", "ok", "ok"]);
    const departement = new Map(rows.map((row) => [row.numero, row.numerateur]));
    const located = await warehouse.one<{ n: number }>(
      "SELECT count(*) AS n FROM gip_appels a JOIN geo_passage_commune p ON p.code_ancien = a.code_commune JOIN geo_commune c ON c.code_commune = p.code_actuel WHERE annee = 2020 AND ligne_telephonique = 'Numéro Vert' AND c.dans_territoire",
    );
    expect(departement.get(37)).toBe(located!.n);
    expect(departement.get(40)).toBe(217);
    const communes40 = await warehouse.one<{ n: number }>("SELECT count(*) AS n FROM indicateurs WHERE numero = 40 AND niveau = 'commune'");
    expect(communes40!.n).toBe(0);
    const communes = await warehouse.one<{ n: number; publiees: number }>(
      "SELECT count(*) AS n, count(*) FILTER (WHERE statut <> 'secret' OR valeur IS NOT NULL) AS publiees FROM gip_comptes WHERE racine = ? AND millesime = 2020 AND niveau = 'commune'",
      [GIP.fichesViolences],
    );
    expect(communes!.n).toBeGreaterThan(0);
    expect(communes!.publiees).toBe(0);
  });

  it("masque dans le rapport exactement ce que les indicateurs masquent (EPCI)", async () => {
    for (const [id, column] of [["tx_appels_nvs", "appels"], ["tx_fiches_violences", "fiches"]] as const) {
      const rows = await warehouse.all<{ code_geo: string; statut: string; numerateur: number | null }>(
        "SELECT code_geo, statut, numerateur FROM indicateurs WHERE id_indicateur = ? AND niveau IN ('epci', 'departement')", [id],
      );
      // The 15 EPCIs of the Gers and the département.
      expect(rapport.territoires).toHaveLength(16);
      let published = 0;
      for (const line of rapport.territoires) {
        const row = rows.find((candidate) => candidate.code_geo === line.code)!;
        const chiffre = line[column] as Chiffre;
        expect(chiffre.statut, `${id} ${line.libelle}`).toBe(row.statut === "ok" ? "ok" : "secret");
        if (chiffre.statut === "ok") {
          expect(chiffre.valeur).toBe(row.numerateur);
          published += 1;
        }
      }
      expect(published, id).toBeGreaterThan(10);
    }
  });

  it("ne publie aucun effectif de 1 à 4 dans le rapport", () => {
    expect(smallPublishedCounts(rapport)).toEqual([]);
  });
});

/** Every published count of people or events from 1 to 4 in a report (days and hours excepted). */
function smallPublishedCounts(rapport: Rapport): string[] {
  const small = (chiffre: Chiffre) => chiffre.statut === "ok" && chiffre.valeur !== null && chiffre.valeur > 0 && chiffre.valeur < 5;
  const found: string[] = [];
  for (const item of rapport.chiffresCles) if (item.id !== "camping_jours" && (small(item.annee) || small(item.precedente))) found.push(item.id);
  for (const serie of rapport.serieMensuelle) serie.mois.forEach((chiffre, index) => small(chiffre) && found.push(`${serie.id} ${serie.annee} mois ${index + 1}`));
  for (const repartition of rapport.repartitions) for (const category of repartition.categories) if (small(category.chiffre)) found.push(`${repartition.id} ${category.libelle}`);
  for (const row of rapport.territoires) {
    for (const key of ["appels", "colis", "fiches", "campingPersonnes"] as const) if (small(row[key])) found.push(`${row.libelle} ${key}`);
  }
  if (small(rapport.campingCar.personnes)) found.push("camping-car personnes");
  return found;
}

describe("secret statistique des comptages du GIP (classe G)", () => {
  /** Whether a cell's value follows from the published cells: its column is outside the span of the other unknowns'. */
  function derivable(cells: Cellule[], equations: Equation[], masked: Set<string>, id: string): boolean {
    const unknown = cells.filter((cell) => !cell.publiee || masked.has(cell.id)).map((cell) => cell.id);
    const matrix = equations.map((equation) => unknown.map((u) => (u === equation.total ? 1 : 0) - (equation.parties.includes(u) ? 1 : 0)));
    const rank = (rows: number[][]) => {
      const m = rows.map((row) => [...row]);
      let r = 0;
      for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c += 1) {
        const pivot = m.findIndex((row, index) => index >= r && Math.abs(row[c]!) > 1e-9);
        if (pivot < 0) continue;
        [m[r], m[pivot]] = [m[pivot]!, m[r]!];
        for (let i = 0; i < m.length; i += 1) {
          if (i !== r && Math.abs(m[i]![c]!) > 1e-9) {
            const factor = m[i]![c]! / m[r]![c]!;
            m[i] = m[i]!.map((value, k) => value - factor * m[r]![k]!);
          }
        }
        r += 1;
      }
      return r;
    };
    const index = unknown.indexOf(id);
    if (index < 0) return true;
    return rank(matrix) > rank(matrix.map((row) => row.filter((_, k) => k !== index)));
  }

  // A département (D) of two whole EPCIs (A: a1–a3, B: b1–b2) and a commune in a straddling EPCI (r1, via R).
  const values: Record<string, number> = { a1: 3, a2: 12, a3: 0, b1: 9, b2: 1, r1: 6 };
  const cells: Cellule[] = [
    ...Object.entries(values).map(([id, valeur]) => ({ id, valeur, publiee: true })),
    { id: "A", valeur: 15, publiee: true }, { id: "B", valeur: 10, publiee: true }, { id: "R", valeur: null, publiee: false }, { id: "D", valeur: 31, publiee: true },
  ];
  const equations: Equation[] = [
    { total: "A", parties: ["a1", "a2", "a3"] }, { total: "B", parties: ["b1", "b2"] }, { total: "R", parties: ["r1"] }, { total: "D", parties: ["A", "B", "R"] },
  ];

  it("masque les effectifs de 1 à 4, puis de quoi empêcher de les retrouver par soustraction", () => {
    const masques = masquerPetitsEffectifs(cells, equations);
    expect(Object.fromEntries(masques)).toEqual({ a1: "primaire", b2: "primaire", a2: "secondaire", b1: "secondaire" });
    const masked = new Set(masques.keys());
    // Zero (a3) reveals nobody and stays published; so do the totals.
    for (const id of masked) expect(derivable(cells, equations, masked, id), id).toBe(false);
  });

  it("protège un EPCI de 1 à 4 que l'on retrouverait à partir du département et des autres EPCI", () => {
    // E (4) is masked; D − F would give it back, F is recomputed from its communes: a commune of F is masked too.
    const small: Cellule[] = [
      { id: "e1", valeur: 4, publiee: true }, { id: "e2", valeur: 0, publiee: true }, { id: "f1", valeur: 26, publiee: true }, { id: "f2", valeur: 0, publiee: true },
      { id: "E", valeur: 4, publiee: true }, { id: "F", valeur: 26, publiee: true }, { id: "D", valeur: 30, publiee: true },
    ];
    const tree: Equation[] = [{ total: "E", parties: ["e1", "e2"] }, { total: "F", parties: ["f1", "f2"] }, { total: "D", parties: ["E", "F"] }];
    const masques = masquerPetitsEffectifs(small, tree);
    expect(masques.get("e1")).toBe("primaire");
    expect(masques.get("E")).toBe("primaire");
    expect(masques.has("D")).toBe(false);
    const masked = new Set(masques.keys());
    for (const id of ["e1", "E"]) expect(derivable(small, tree, masked, id), id).toBe(false);
  });

  it("protège un EPCI de 1 à 4 même quand le reste du département se devine (aucune étape hors des EPCI entiers)", () => {
    // Camping-car: 2 people in A, none in the commune of the straddling EPCI (r1): D − B − C would give A back if the
    // remainder were taken as unknowable; a reader who knows the public list of stops knows it is 0.
    const arbre = {
      departement: "32",
      communes: [{ code: "a1", epci: "A" }, { code: "b1", epci: "B" }, { code: "c1", epci: "C" }, { code: "r1", epci: "R" }],
      epciEntiers: ["A", "B", "C"],
    };
    const valeurs = new Map(Object.entries({ "epci:A": 2, "epci:B": 11, "epci:C": 7, "departement:32": 20 }).map(([key, valeur]) => [key, { valeur, publiee: true }]));
    for (const [code, valeur] of Object.entries({ a1: 2, b1: 11, c1: 7, r1: 0 })) valeurs.set(`commune:${code}`, { valeur, publiee: false });
    const masques = masquesTerritoriaux(arbre, valeurs);
    expect(masques.get("epci:A")).toBe("primaire");
    const published = [...valeurs].filter(([key, value]) => value.publiee && !masques.has(key)).map(([key]) => key);
    // What a reader adds up: the département, the EPCIs published, and the remainder (0, known from the stops).
    const shown = new Map(published.map((key) => [key, valeurs.get(key)!.valeur!]));
    const recomputable = shown.has("departement:32") && ["epci:B", "epci:C"].every((key) => shown.has(key));
    expect(recomputable, `publiés : ${published.join(", ")}`).toBe(false);
  });

  it("ne masque que ce qui est nécessaire dans une table à une dimension", () => {
    const months: Cellule[] = [{ id: "total", valeur: 30, publiee: true }, { id: "jan", valeur: 26, publiee: true }, { id: "feb", valeur: 4, publiee: true }, { id: "mar", valeur: 0, publiee: true }];
    const masques = masquerPetitsEffectifs(months, [{ total: "total", parties: ["jan", "feb", "mar"] }]);
    expect(Object.fromEntries(masques)).toEqual({ feb: "primaire", jan: "secondaire" });
  });

  it("applique la règle aux indicateurs G : commune, EPCI, écart au département", async () => {
    const warehouse = await memoryWarehouse();
    // Compute fixture: 32001 and 32002 form the whole EPCI 200000001, 32003 sits in the straddling 200000002.
    const calls: Record<string, number> = { "32001": 3, "32002": 12, "32003": 9, "40001": 7, "40002": 8 };
    await installFixture(warehouse, Object.entries(calls).flatMap(([code, valeur]) => [
      { niveau: "commune", code, racine: GIP.appelsNumeroVert, millesime: 2020, valeur },
      { niveau: "commune", code, racine: "Cyy_MEN", millesime: 2022, valeur: 100 },
    ]));
    await computeIndicators(warehouse, INDICATORS.filter((indicator) => indicator.id === "tx_appels_nvs"));
    const rows = await warehouse.all<{ niveau: string; code_geo: string; statut: string; valeur: number | null; numerateur: number | null; motif: string | null }>(
      "SELECT niveau, code_geo, statut, valeur, numerateur, motif FROM indicateurs ORDER BY niveau, code_geo",
    );
    const row = (niveau: string, code: string) => rows.find((candidate) => candidate.niveau === niveau && candidate.code_geo === code)!;
    expect(row("commune", "32001")).toMatchObject({ statut: "secret", valeur: null, numerateur: null, motif: MOTIF_SECRET_PRIMAIRE });
    expect(row("commune", "32002")).toMatchObject({ statut: "secret", valeur: null, numerateur: null, motif: MOTIF_SECRET_SECONDAIRE });
    expect(row("commune", "32003")).toMatchObject({ statut: "ok", numerateur: 9 });
    expect(row("epci", "200000001")).toMatchObject({ statut: "ok", numerateur: 15 });
    expect(row("departement", "32")).toMatchObject({ statut: "ok", numerateur: 24 });
  });

  it("masque mois, catégories et totaux du rapport sur de petits journaux", async () => {
    const { warehouse } = await load([fixture("gip-petits-effectifs")]);
    const rapport = await construireRapport(warehouse, 2020);
    expect(figure(rapport, "colis").annee).toEqual({ valeur: 30, statut: "ok" });
    const colis = rapport.serieMensuelle.find((serie) => serie.id === "colis")!.mois;
    expect(colis.slice(0, 3)).toEqual([{ valeur: null, statut: "secret" }, { valeur: null, statut: "secret" }, { valeur: 0, statut: "ok" }]);
    const types = rapport.repartitions.find((repartition) => repartition.id === "types_violence")!.categories;
    expect(types.find((type) => type.libelle === "Physique")!.chiffre.statut).toBe("secret");
    expect(types.find((type) => type.libelle === "Psychologique")!.chiffre.statut).toBe("secret");
    expect(types.find((type) => type.libelle === "Sexuelle")!.chiffre).toEqual({ valeur: 0, statut: "ok" });
    const tenareze = rapport.territoires.find((row) => row.code === "243200417")!;
    expect(tenareze.colis.statut).toBe("secret");
    expect(tenareze.colisPour1000Menages).toBeNull();
    // Absent logs are "—", never 0.
    expect(figure(rapport, "appels_numero_vert").annee.statut).toBe("manquant");
    expect(smallPublishedCounts(rapport)).toEqual([]);
  });
});

describe("colonnes identifiantes des journaux", () => {
  it("refuse un journal qui contient des noms, téléphones ou courriels, en nommant le fichier et la colonne", async () => {
    const warehouse = await memoryWarehouse();
    const dossier = fixture("gip-colonne-identifiante");
    const report = await importAndDerive(warehouse, { dossiers: [dossier], territoire: "32", commande: "test" });
    expect(report.refuses).toHaveLength(1);
    const error = report.refuses[0]!.erreur;
    expect(error).toBeInstanceOf(DataError);
    expect(error!.location).toEqual({ fichier: path.join(dossier, "appels-courtoisie-2018.csv"), ligne: 1, colonne: "Nom" });
    expect(error!.message).toBe(
      "colonne « Nom » refusée : elle contient des données qui identifient une personne (nom) ; autre(s) colonne(s) refusée(s) : « Prénom », « Téléphone », « Courriel ». " +
        "Les journaux d'activité n'entrent dans l'entrepôt qu'avec des identifiants pseudonymes.",
    );
    expect(error!.suggestion).toContain("--pseudonymiser");
    const stored = await warehouse.one<{ n: number }>("SELECT count(*) AS n FROM gip_courtoisie");
    expect(stored!.n).toBe(0);
  });

  it("avec --pseudonymiser, remplace ces colonnes par une empreinte salée : aucune valeur en clair dans l'entrepôt", async () => {
    const { warehouse, report } = await load([fixture("gip-colonne-identifiante")], SEL);
    expect(report.fichiers[0]).toMatchObject({ lignesLues: 3, lignesChargees: 3, lignesRejetees: 0 });
    const people = await warehouse.all<{ id_personne: string; n: number }>("SELECT id_personne, count(*) AS n FROM gip_courtoisie GROUP BY ALL ORDER BY n DESC");
    // « DUPONT Jeanne, 06 12 34 56 78 » and « Dupont Jeanne, 0612345678 » are one person.
    expect(people.map((person) => person.n)).toEqual([2, 1]);
    for (const person of people) expect(person.id_personne).toMatch(/^ID-[0-9a-f]{20}$/);
    // Names are looked for in the logs' tables (communes may be called Saint-Martin); phones and e-mails everywhere.
    const clear = ["06 12 34 56 78", "0612345678", "05 62 00 00 01", "jeanne.dupont@exemple.fr"];
    const rows = await warehouse.all<Record<string, unknown>>("SELECT * FROM gip_courtoisie");
    expect(JSON.stringify(rows)).not.toMatch(/DUPONT|Dupont|Jeanne|MARTIN|Paul/);
    expect(await textValuesContaining(warehouse, clear)).toEqual([]);
  });

  it("exige un sel secret hors du projet", () => {
    expect(() => lireSel({ projet: "/projet", env: {} })).toThrow(UsageError);
    expect(() => lireSel({ projet: "/projet", env: { OBSERVATOIRE_SEL: "court" } })).toThrow("au moins 16 caractères");
    expect(() => lireSel({ fichier: "/projet/secret/sel.txt", projet: "/projet", env: {} })).toThrow("est dans le dossier du projet");
    expect(lireSel({ projet: "/projet", env: { OBSERVATOIRE_SEL: SEL } })).toEqual({ sel: SEL });
  });
});

/** Every text cell of every table (temporary ones included) holding one of the values. */
async function textValuesContaining(warehouse: Warehouse, values: string[]): Promise<string[]> {
  const columns = await warehouse.all<{ database_name: string; table_name: string; column_name: string }>(
    "SELECT database_name, table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' AND NOT internal",
  );
  const found: string[] = [];
  for (const { database_name, table_name, column_name } of columns) {
    const hit = await warehouse.one<{ n: number }>(
      `SELECT count(*) AS n FROM "${database_name}"."${table_name}" WHERE ${values.map(() => `contains("${column_name}", ?)`).join(" OR ")}`, values,
    );
    if (hit!.n) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

describe("lignes fautives des journaux", () => {
  it("met en quarantaine commune inconnue, date hors de l'année, durée négative… avec ligne, colonne et motif", async () => {
    const { warehouse, report } = await load([fixture("gip-lignes-fautives")]);
    for (const file of report.fichiers) expect(file.lignesChargees + file.lignesRejetees).toBe(file.lignesLues);
    const appels = report.fichiers.find((file) => file.sourceId === "gip_appels")!;
    expect(appels).toMatchObject({ lignesLues: 8, lignesChargees: 3, lignesRejetees: 5, encodage: "latin-1" });
    const rejets = await warehouse.all<{ fichier: string; ligne: number; colonne: string; valeur: string | null; motif: string }>(
      "SELECT chemin AS fichier, ligne, colonne, valeur, motif FROM rejets ORDER BY chemin, ligne, colonne",
    );
    const motifs = Object.keys(MOTIFS_APPEL).join(", ");
    expect(rejets.map((rejet) => ({ ...rejet, fichier: path.basename(rejet.fichier) }))).toEqual([
      { fichier: "appels-nvs-2020.csv", ligne: 3, colonne: "Code commune appelant", valeur: "99999", motif: MOTIFS_JOURNAL.illisible.commune },
      { fichier: "appels-nvs-2020.csv", ligne: 4, colonne: "Date et heure", valeur: "28/12/2019 09:00", motif: "date hors de l'année 2020 du journal (année lue dans le nom du fichier ou de son dossier)" },
      { fichier: "appels-nvs-2020.csv", ligne: 5, colonne: "Durée (min)", valeur: "-3", motif: "durée négative" },
      { fichier: "appels-nvs-2020.csv", ligne: 7, colonne: "Identifiant appel", valeur: null, motif: MOTIFS_JOURNAL.identifiantSuspect },
      { fichier: "appels-nvs-2020.csv", ligne: 7, colonne: "Motif", valeur: "Météo", motif: `valeur inconnue (valeurs admises : ${motifs})` },
      { fichier: "appels-nvs-2020.csv", ligne: 9, colonne: "Date et heure", valeur: "32/02/2020 09:00", motif: "date et heure illisibles (attendu JJ/MM/AAAA HH:MM ou AAAA-MM-JJ HH:MM)" },
      { fichier: "fiches-violences-2020.csv", ligne: 3, colonne: "Code commune", valeur: null, motif: "ni « Code commune » ni « Code EPCI » renseigné : la ligne doit être située par l'un d'eux" },
      { fichier: "fiches-violences-2020.csv", ligne: 5, colonne: "Code EPCI", valeur: "123456789", motif: MOTIFS_JOURNAL.illisible.epci },
    ]);
    // Synonyms and formats accepted: « NVS », « Covid », « Rappel », 02:30, a date without time, « inconnue » as unknown.
    const loaded = await warehouse.all<{ ligne: number; ligne_telephonique: string; motif: string; suite: string; duree_min: number | null; code_commune: string | null }>(
      "SELECT ligne, ligne_telephonique, motif, suite, duree_min, code_commune FROM gip_appels ORDER BY ligne",
    );
    expect(loaded).toEqual([
      { ligne: 2, ligne_telephonique: "Numéro Vert", motif: "Accès aux droits", suite: "Information donnée", duree_min: 12, code_commune: "32013" },
      { ligne: 6, ligne_telephonique: "Numéro Vert", motif: "Information Covid-19", suite: "Rappel programmé", duree_min: 2.5, code_commune: "32013" },
      { ligne: 8, ligne_telephonique: "Numéro Vert", motif: "Autre", suite: "Information donnée", duree_min: 4, code_commune: null },
    ]);
  });

  it("refuse un journal sans année dans son nom", async () => {
    const dossier = tempFolder("gip-sans-annee-");
    fs.copyFileSync(fixture("gip-lignes-fautives/fiches-violences-2020.csv"), path.join(dossier, "fiches-violences.csv"));
    const warehouse = await memoryWarehouse();
    const report = await importAndDerive(warehouse, { dossiers: [dossier], territoire: "32", commande: "test" });
    expect(report.refuses.map((refused) => refused.chemin)).toEqual(["fiches-violences.csv"]);
    expect(report.refuses[0]!.erreur.message).toMatch(/^année du journal « Fiches de l'observatoire des violences faites aux femmes » introuvable/);
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM gip_violences")).toEqual({ n: 0 });
  });
});
