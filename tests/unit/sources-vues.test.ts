// The « Sources et millésimes » list of a portrait is derived from the values the page shows: the sources the
// warehouse recorded for those values (indicateurs_sources → catalogue `provenance`), with their millésimes; a
// value that is missing on the page brings no source, and nothing is listed by hand.
import { describe, expect, it } from "vitest";
import type { Provenance, SiteData, ValeurIndicateur } from "../../pipelines/publish/site-data.ts";
import { shapeSiteFiles, sourceFamily } from "../../pipelines/publish/site-files.ts";

interface Entree {
  source: string;
  millesimes: number[];
  geographies: number[];
}
interface Vues {
  valeur(id: string, valeur: unknown, periodes?: string[]): void;
  autre(source: string, millesime: number): void;
  entrees(): Entree[];
}

const value = (id: string, niveau: ValeurIndicateur["niveau"], code: string, valeur: number | null, statut: ValeurIndicateur["statut"] = "ok", evolution: number | null = null): ValeurIndicateur => ({
  id_indicateur: id, niveau, code_geo: code, millesime: "2022", valeur, statut, motif: null, fiabilite: null, rang_epci: null, ecart_departement: null,
  millesime_precedent: evolution === null ? null : 2011, valeur_precedente: evolution === null ? null : 1, evolution, geo_annee: 2025,
});

const provenance: Provenance[] = [
  { id_indicateur: "tx_chomage", periode: "actuel", source_id: "insee_rp_emploi_pop_active", millesime: 2022, geo_annee: 2025 },
  { id_indicateur: "tx_chomage", periode: "precedent", source_id: "insee_rp_emploi_pop_active", millesime: 2011, geo_annee: 2013 },
  { id_indicateur: "tx_rsa", periode: "actuel", source_id: "caf_prestations", millesime: 2023, geo_annee: 2024 },
  { id_indicateur: "tx_rsa", periode: "serie", source_id: "caf_prestations", millesime: 2020, geo_annee: 2024 },
  { id_indicateur: "tx_rsa", periode: "actuel", source_id: "insee_populations_legales", millesime: 2022, geo_annee: 2025 },
  { id_indicateur: "tx_pauvrete", periode: "actuel", source_id: "insee_filosofi", millesime: 2021, geo_annee: 2024 },
];

const data: SiteData = {
  territoire: { code_departement: "32", libelle: "Gers", code_region: "76", libelle_region: "Occitanie", geo_annee: 2025 },
  demo: false,
  seuilFragilite: 500,
  libellesVariables: {},
  epcis: [{ code: "E1", libelle: "CC Une", nature: "CC", rattachement: "territoire", nb_communes: 1, nb_communes_territoire: 1, population_territoire: 100, superficie: 20 }],
  perimetres: [],
  communes: [{ code: "32001", libelle: "Une", code_epci: "E1", code_departement: "32", dans_territoire: true, superficie: 10 }],
  valeurs: [value("tx_chomage", "epci", "E1", 9.5, "ok", 1.2), value("tx_rsa", "epci", "E1", 4.1), value("tx_pauvrete", "epci", "E1", null, "manquant")],
  sources: [],
  contours: null,
  provenance,
};

async function vuesFor(): Promise<{ vues: Vues; catalogue: { id_indicateur: string }[] }> {
  const files = shapeSiteFiles(data, new Date("2025-11-28T12:00:00Z"));
  const catalogue = files.get("data/catalogue.json") as { id_indicateur: string }[];
  const { sourcesVues } = (await import("../../site/components/sources.js" as string)) as { sourcesVues: (catalogue: unknown) => Vues };
  return { vues: sourcesVues(catalogue), catalogue };
}

describe("sources et millésimes d'une page", () => {
  it("lists exactly the sources and millésimes of the values shown, from the warehouse's provenance", async () => {
    const { vues } = await vuesFor();
    const portrait = shapeSiteFiles(data, new Date()).get("data/epci/E1.json") as { valeurs: Record<string, unknown> };
    // The page shows the unemployment rate with its evolution, the RSA rate over the years, and a missing poverty rate.
    vues.valeur("tx_chomage", portrait.valeurs.tx_chomage, ["actuel", "precedent"]);
    vues.valeur("tx_rsa", portrait.valeurs.tx_rsa, ["actuel", "serie"]);
    vues.valeur("tx_pauvrete", portrait.valeurs.tx_pauvrete, ["actuel"]);
    const expected = new Map<string, Set<number>>();
    for (const row of provenance.filter((row) => row.id_indicateur !== "tx_pauvrete")) {
      expected.set(sourceFamily(row.source_id), (expected.get(sourceFamily(row.source_id)) ?? new Set()).add(row.millesime!));
    }
    expect(new Map(vues.entrees().map((entree) => [entree.source, new Set(entree.millesimes)]))).toEqual(expected);
    expect(vues.entrees().map((entree) => entree.source)).not.toContain(sourceFamily("insee_filosofi"));
  });

  it("lists no evolution source for a value without evolution, and no source at all for a page showing nothing", async () => {
    const { vues } = await vuesFor();
    expect(vues.entrees()).toEqual([]);
    vues.valeur("tx_chomage", { statut: "ok", valeur: 9.5 }, ["actuel", "precedent"]);
    expect(vues.entrees()).toEqual([{ source: "Insee, recensement de la population", millesimes: [2022], geographies: [2025] }]);
  });

  it("names the census theme files as one source and keeps a source's own name otherwise", () => {
    expect(sourceFamily("insee_rp_logement")).toBe(sourceFamily("insee_rp_emploi_pop_active"));
    expect(sourceFamily("anct_france_services")).toContain("France services");
  });
});
