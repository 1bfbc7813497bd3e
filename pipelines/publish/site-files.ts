// Shapes the site's data files from what was read in the warehouse: a few shared files and one small file per
// portrait and per commune sheet, so a page downloads only what it shows.
import { THEMES } from "../../indicators/definition.ts";
import { INDICATORS } from "../../indicators/registry.ts";
import { catalogueEntries, type CatalogueEntry } from "../exports/catalogue.ts";
import { offerSiteFiles } from "../offer/site-offer.ts";
import type { Commune, SiteData, ValeurIndicateur } from "./site-data.ts";

/** One value as the pages read it: absent keys mean "not applicable here", never zero. */
export interface Valeur {
  valeur?: number;
  statut: ValeurIndicateur["statut"];
  motif?: string;
  fiabilite?: "fragile";
  rang?: number;
  millesime?: string;
  millesime_precedent?: number;
  valeur_precedente?: number;
  evolution?: number;
  ecart_departement?: number;
}

/** Status letters of the communes file (one character per commune keeps 458 × 39 statuses small). */
export const STATUT_CODES = { ok: "o", fragile: "f", secret: "s", manquant: "m", non_applicable: "n" } as const;

export type SiteFiles = Map<string, unknown>;

export function shapeSiteFiles(data: SiteData, genereLe: Date): SiteFiles {
  const files: SiteFiles = new Map();
  const territoryCommunes = data.communes.filter((commune) => commune.dans_territoire);
  const byLevel = groupValues(data.valeurs);
  const communeIndicators = new Set(INDICATORS.filter((indicator) => indicator.niveaux.includes("commune")).map((indicator) => indicator.id));

  files.set("data/site.json", {
    genere_le: genereLe.toISOString(),
    demo: data.demo,
    seuil_fragilite: data.seuilFragilite,
    territoire: data.territoire,
    epcis: data.epcis,
    communes: territoryCommunes.map(({ code, libelle, code_epci }) => ({ code, libelle, code_epci })),
    perimetres: data.perimetres.map(({ code, libelle }) => ({ code, libelle })),
    themes: Object.entries(THEMES).map(([id, libelle]) => ({ id, libelle })),
    contours: data.contours
      ? { disponible: true, fichiers: data.contours.fichiers, geo_annee: data.contours.geo_annee, communes: data.contours.communes.features.length, codes_inconnus: data.contours.inconnus }
      : { disponible: false },
  });
  files.set("data/catalogue.json", catalogue(data));
  files.set("data/sources.json", data.sources);
  files.set("data/contours.json", {
    disponible: data.contours !== null,
    communes: data.contours?.communes ?? { type: "FeatureCollection", features: [] },
    epcis: data.contours?.epcis ?? { type: "FeatureCollection", features: [] },
  });

  const references: Record<string, unknown> = {};
  for (const indicator of INDICATORS) {
    const values = (niveau: string) => byLevel.get(`${indicator.id}|${niveau}`) ?? new Map<string, ValeurIndicateur>();
    const single = (niveau: string) => {
      const row = [...values(niveau).values()][0];
      return row ? compact(row) : { statut: "manquant" as const, motif: "valeur non calculée à ce niveau" };
    };
    references[indicator.id] = {
      departement: single("departement"),
      region: single("region"),
      france: single("france"),
      epci: Object.fromEntries([...values("epci")].map(([code, row]) => [code, compact(row)])),
      perimetre: Object.fromEntries([...values("perimetre")].map(([code, row]) => [code, compact(row)])),
    };
  }
  files.set("data/references.json", references);

  const codes = territoryCommunes.map((commune) => commune.code);
  const communeValues = { codes, valeurs: {} as Record<string, (number | null)[]>, statuts: {} as Record<string, string> };
  for (const id of communeIndicators) {
    const values = byLevel.get(`${id}|commune`) ?? new Map<string, ValeurIndicateur>();
    communeValues.valeurs[id] = codes.map((code) => values.get(code)?.valeur ?? null);
    communeValues.statuts[id] = codes.map((code) => statusLetter(values.get(code))).join("");
  }
  files.set("data/communes-valeurs.json", communeValues);

  const communesByEpci = new Map<string, Commune[]>();
  for (const commune of data.communes) communesByEpci.set(commune.code_epci ?? "", [...(communesByEpci.get(commune.code_epci ?? "") ?? []), commune]);
  const population = byLevel.get("pop|commune") ?? new Map<string, ValeurIndicateur>();
  for (const epci of data.epcis) {
    files.set(`data/epci/${epci.code}.json`, {
      ...epci,
      communes: (communesByEpci.get(epci.code) ?? []).map((commune) => ({
        code: commune.code,
        libelle: commune.libelle,
        dans_territoire: commune.dans_territoire,
        population: population.get(commune.code)?.valeur ?? null,
        superficie: commune.superficie,
      })),
      valeurs: valuesOf(byLevel, "epci", epci.code),
    });
  }
  for (const perimetre of data.perimetres) {
    files.set(`data/perimetres/${perimetre.code}.json`, {
      ...perimetre,
      communes: perimetre.communes.map((commune) => ({ ...commune, population: population.get(commune.code)?.valeur ?? null })),
      valeurs: valuesOf(byLevel, "perimetre", perimetre.code),
    });
  }
  // The IRIS of each commune: « Quartiers (IRIS) » on its sheet, values and statuses as published.
  const irisByCommune = new Map<string, Map<string, { code: string; valeurs: Record<string, { valeur?: number; statut: string; millesime: number }> }>>();
  for (const row of data.iris ?? []) {
    const communeIris = irisByCommune.get(row.code_commune) ?? new Map();
    irisByCommune.set(row.code_commune, communeIris);
    const entry = communeIris.get(row.code) ?? { code: row.code, valeurs: {} };
    communeIris.set(row.code, entry);
    entry.valeurs[row.racine] = row.statut === "ok" && row.valeur !== null ? { valeur: row.valeur, statut: row.statut, millesime: row.millesime } : { statut: row.statut, millesime: row.millesime };
  }
  const epciByCode = new Map(data.epcis.map((epci) => [epci.code, epci]));
  for (const commune of territoryCommunes) {
    const epci = commune.code_epci ? epciByCode.get(commune.code_epci) : undefined;
    const valeurs = valuesOf(byLevel, "commune", commune.code);
    for (const id of Object.keys(valeurs)) if (!communeIndicators.has(id)) delete valeurs[id];
    files.set(`data/communes/${commune.code}.json`, {
      code: commune.code,
      libelle: commune.libelle,
      superficie: commune.superficie,
      epci: epci ? { code: epci.code, libelle: epci.libelle, rattachement: epci.rattachement } : null,
      valeurs,
      ...(irisByCommune.has(commune.code) ? { iris: [...irisByCommune.get(commune.code)!.values()] } : {}),
    });
  }
  for (const [chemin, contenu] of offerSiteFiles(data.offre ?? null, data.epcis.map((epci) => epci.code))) files.set(chemin, contenu);
  return files;
}

/** The registry's catalogue, with the millésime and geography year actually used for the département. */
function catalogue(data: SiteData): (CatalogueEntry & { code_classe: string; millesime: string | null; geo_annee: number | null; communes: boolean })[] {
  const department = new Map(data.valeurs.filter((row) => row.niveau === "departement").map((row) => [row.id_indicateur, row]));
  const indicators = new Map(INDICATORS.map((indicator) => [indicator.id, indicator]));
  return catalogueEntries(undefined, new Map(Object.entries(data.libellesVariables))).map((entry) => ({
    ...entry,
    code_classe: indicators.get(entry.id_indicateur)!.classe,
    communes: indicators.get(entry.id_indicateur)!.niveaux.includes("commune"),
    millesime: department.get(entry.id_indicateur)?.millesime ?? null,
    geo_annee: department.get(entry.id_indicateur)?.geo_annee ?? null,
  }));
}

function groupValues(rows: ValeurIndicateur[]): Map<string, Map<string, ValeurIndicateur>> {
  const grouped = new Map<string, Map<string, ValeurIndicateur>>();
  for (const row of rows) {
    const key = `${row.id_indicateur}|${row.niveau}`;
    let level = grouped.get(key);
    if (!level) grouped.set(key, (level = new Map()));
    level.set(row.code_geo, row);
  }
  return grouped;
}

function valuesOf(byLevel: Map<string, Map<string, ValeurIndicateur>>, niveau: string, code: string): Record<string, Valeur> {
  const values: Record<string, Valeur> = {};
  for (const indicator of INDICATORS) {
    const row = byLevel.get(`${indicator.id}|${niveau}`)?.get(code);
    if (row) values[indicator.id] = compact(row);
  }
  return values;
}

function compact(row: ValeurIndicateur): Valeur {
  const value: Valeur = { statut: row.statut };
  if (row.valeur !== null && row.statut === "ok") value.valeur = row.valeur;
  if (row.motif) value.motif = row.motif;
  if (row.fiabilite === "fragile") value.fiabilite = "fragile";
  if (row.rang_epci !== null) value.rang = row.rang_epci;
  if (row.millesime) value.millesime = row.millesime;
  if (row.millesime_precedent !== null && row.valeur_precedente !== null) {
    value.millesime_precedent = row.millesime_precedent;
    value.valeur_precedente = row.valeur_precedente;
    if (row.evolution !== null) value.evolution = row.evolution;
  }
  if (row.ecart_departement !== null) value.ecart_departement = row.ecart_departement;
  return value;
}

function statusLetter(row: ValeurIndicateur | undefined): string {
  if (!row) return STATUT_CODES.manquant;
  if (row.statut === "ok") return row.fiabilite === "fragile" ? STATUT_CODES.fragile : STATUT_CODES.ok;
  return STATUT_CODES[row.statut];
}
