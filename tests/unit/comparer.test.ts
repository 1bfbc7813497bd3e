// The « Comparer » page's data logic (site/components/comparer-donnees.js) on site files shaped by the publication
// step from known indicator rows: the values it shows are the rows of `indicateurs` (hence of indicateurs.csv), the
// selection survives the page address, and its CSV is safe to open in a spreadsheet.
import { describe, expect, it } from "vitest";
import type { SiteData, ValeurIndicateur } from "../../pipelines/publish/site-data.ts";
import { shapeSiteFiles } from "../../pipelines/publish/site-files.ts";

interface Territoire { cle: string; niveau: string; code: string; libelle: string }
interface Valeur { statut: string; valeur?: number; fiabilite?: string }
interface Client {
  territoires: (site: unknown) => Territoire[];
  valeurDe: (t: Territoire, id: string, donnees: { references: unknown; communesValeurs: unknown }) => Valeur | undefined;
  adresseSelection: (cles: string[]) => string;
  lireSelection: (search: string, hash: string, connus: Set<string>) => string[];
  csvSelection: (choisis: Territoire[], catalogue: unknown[], donnees: { references: unknown; communesValeurs: unknown }) => string;
  celluleSure: (texte: string) => string;
}

const client = async () => (await import("../../site/components/comparer-donnees.js" as string)) as Client;

const row = (id: string, niveau: ValeurIndicateur["niveau"], code: string, valeur: number | null, statut: ValeurIndicateur["statut"] = "ok", fiabilite: ValeurIndicateur["fiabilite"] = null): ValeurIndicateur => ({
  id_indicateur: id, niveau, code_geo: code, millesime: "2022", valeur, statut, motif: statut === "ok" ? null : "motif", fiabilite,
  rang_epci: null, ecart_departement: null, millesime_precedent: null, valeur_precedente: null, evolution: null, geo_annee: 2025,
});

const VALEURS: ValeurIndicateur[] = [
  row("pop", "commune", "32001", 100), row("pop", "commune", "32002", 250), row("pop", "epci", "E1", 350), row("pop", "perimetre", "CIAS-1", 100),
  row("pop", "departement", "32", 190000), row("pop", "region", "76", 6_000_000), row("pop", "france", "FRANCE", 68_000_000),
  row("tx_chomage", "commune", "32001", null, "secret"), row("tx_chomage", "commune", "32002", 12.5, "ok", "fragile"),
  row("tx_chomage", "epci", "E1", -1.25), row("tx_chomage", "perimetre", "CIAS-1", null, "secret"), row("tx_chomage", "france", "FRANCE", 7.1),
  row("med_niveau_vie", "perimetre", "CIAS-1", null, "manquant"), row("med_niveau_vie", "commune", "32002", null, "non_applicable"),
];

const DATA: SiteData = {
  territoire: { code_departement: "32", libelle: "Gers", code_region: "76", libelle_region: "Occitanie", geo_annee: 2025 },
  demo: false, seuilFragilite: 500, libellesVariables: {},
  epcis: [{ code: "E1", libelle: "=HYPERLINK(\"x\")", nature: "CC", rattachement: "territoire", nb_communes: 2, nb_communes_territoire: 2, population_territoire: 350, superficie: 20 }],
  communes: [
    { code: "32001", libelle: "Une", code_epci: "E1", code_departement: "32", dans_territoire: true, superficie: 10 },
    { code: "32002", libelle: "Deux, la grande", code_epci: "E1", code_departement: "32", dans_territoire: true, superficie: 10 },
  ],
  perimetres: [{ code: "CIAS-1", libelle: "CIAS Un", superficie: 10, communes: [], epcis: [] }],
  valeurs: VALEURS, sources: [], contours: null,
};

describe("page « Comparer »", () => {
  const files = shapeSiteFiles(DATA, new Date("2025-11-28T12:00:00Z"));
  const site = files.get("data/site.json");
  const catalogue = files.get("data/catalogue.json") as { id_indicateur: string }[];
  const donnees = { references: files.get("data/references.json"), communesValeurs: files.get("data/communes-valeurs.json") };

  it("offers every level and shows for each territory the value and status of its row in indicateurs", async () => {
    const { territoires, valeurDe } = await client();
    const all = territoires(site);
    expect(new Set(all.map((t) => t.niveau))).toEqual(new Set(["commune", "epci", "perimetre", "departement", "region", "france"]));
    let compared = 0;
    for (const expected of VALEURS) {
      const territoire = all.find((t) => t.niveau === expected.niveau && t.code === expected.code_geo)!;
      expect(territoire, `${expected.niveau} ${expected.code_geo}`).toBeDefined();
      const shown = valeurDe(territoire, expected.id_indicateur, donnees);
      expect(shown?.statut, `${expected.id_indicateur} ${expected.code_geo}`).toBe(expected.statut);
      expect(shown?.valeur).toBe(expected.statut === "ok" ? expected.valeur : undefined);
      expect(shown?.fiabilite).toBe(expected.fiabilite === "fragile" ? "fragile" : undefined);
      compared += 1;
    }
    expect(compared).toBe(VALEURS.length);
    // An indicator not computed for a territory is said so, never a zero.
    expect(valeurDe(all.find((t) => t.niveau === "region")!, "tx_chomage", donnees)?.statut).toBe("manquant");
  });

  it("keeps the selection in the page address, dropping unknown territories and keeping at most four", async () => {
    const { adresseSelection, lireSelection, territoires } = await client();
    const connus = new Set(territoires(site).map((t) => t.cle));
    const cles = ["commune:32001", "perimetre:CIAS-1", "france:FRANCE"];
    const adresse = adresseSelection(cles);
    expect(adresse).toBe("?territoires=commune%3A32001,perimetre%3ACIAS-1,france%3AFRANCE");
    expect(lireSelection(adresse, "", connus)).toEqual(cles);
    expect(lireSelection("", "#territoires=epci:E1,commune:99999,epci:E1", connus)).toEqual(["epci:E1"]);
    expect(lireSelection("?territoires=commune:32001,commune:32002,epci:E1,perimetre:CIAS-1,france:FRANCE", "", connus)).toHaveLength(4);
  });

  it("writes the selection as a CSV whose text cells cannot run as formulas, numbers kept as numbers", async () => {
    const { csvSelection, territoires, celluleSure } = await client();
    const all = territoires(site);
    const choisis = ["epci:E1", "commune:32002"].map((cle) => all.find((t) => t.cle === cle)!);
    const csv = csvSelection(choisis, catalogue, donnees);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(catalogue.length + 1);
    expect(lines[0]).toContain(`"'=HYPERLINK(""x"") (epci E1) : valeur"`);
    expect(lines[0]).toContain(`"Deux, la grande (commune 32002) : statut"`);
    const chomage = lines.find((line) => line.includes(",tx_chomage,"))!;
    expect(chomage.endsWith(",-1.25,ok,12.5,ok (fragile)")).toBe(true);
    expect(celluleSure("-2,5")).toBe("-2,5");
    expect(celluleSure("+33 5 62")).toBe("'+33 5 62");
    expect(celluleSure("@SUM(A1)")).toBe("'@SUM(A1)");
  });
});
