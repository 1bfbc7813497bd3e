// Reads, in one pass over the read-only warehouse, everything the site shows: territory, EPCIs, communes,
// indicator values, sources and contours. The pages never open DuckDB: they get files shaped from this.
import type { Geometry } from "geojson";
import { COMPLEMENTARY_SAMPLE_MIN } from "../compute/fragility.ts";
import { PROVENANCE_TABLE } from "../compute/provenance.ts";
import { SERIES_TABLE } from "../compute/series.ts";
import { sourcePriorityCase } from "../harmonise/source-priority.ts";
import { UsageError } from "../core/errors.ts";
import { contoursOnCurrentCog, type ContoursCog } from "../geography/contours-cog.ts";
import { CONTOURS_SOURCE_ID, CONTOURS_TABLE } from "../ingest/load-contours.ts";
import { sourceLabel, sourceOf } from "../../sources/registry.ts";
import { readOfferSiteData, type OfferSiteData } from "../offer/site-offer.ts";
import { readVariableLabels } from "../exports/variable-labels.ts";
import { usesDemoData } from "../ingest/inventory.ts";
import type { Warehouse } from "../core/warehouse.ts";

export type Territoire = {
  code_departement: string;
  libelle: string;
  code_region: string;
  libelle_region: string;
  geo_annee: number;
};

export type Epci = {
  code: string;
  libelle: string;
  nature: string;
  rattachement: "territoire" | "limitrophe";
  nb_communes: number;
  nb_communes_territoire: number;
  population_territoire: number;
  superficie: number | null;
};

export type Commune = {
  code: string;
  libelle: string;
  code_epci: string | null;
  code_departement: string;
  dans_territoire: boolean;
  superficie: number | null;
};

/** A perimeter drawn by the GIP (table perimetres): its communes, the EPCIs they belong to, its area. */
export type Perimetre = {
  code: string;
  libelle: string;
  superficie: number | null;
  communes: { code: string; libelle: string; code_epci: string | null; dans_territoire: boolean; superficie: number | null }[];
  /** The EPCIs it overlaps: communes of each inside the perimeter, out of all its communes. */
  epcis: { code: string; libelle: string; communes_perimetre: number; nb_communes: number }[];
};

/** A value published by INSEE for an IRIS (Filosofi IRIS files), as published: `ns` stays non significant. */
export type IrisValeur = {
  code_commune: string;
  code: string;
  racine: string;
  millesime: number;
  valeur: number | null;
  statut: string;
};

/** The IRIS variables shown on commune sheets: medians and low-income / poverty rates, declared and disposable. */
export const IRIS_RACINES = ["DEC_MEDyy", "DEC_TP60yy", "DISP_MEDyy", "DISP_TP60yy"] as const;

/** One row of the `indicateurs` table, rounded as in indicateurs.csv so the site shows the exported figures. */
export type ValeurIndicateur = {
  id_indicateur: string;
  niveau: "commune" | "epci" | "perimetre" | "departement" | "region" | "france";
  code_geo: string;
  millesime: string | null;
  valeur: number | null;
  statut: "ok" | "secret" | "manquant" | "non_applicable";
  motif: string | null;
  fiabilite: "fragile" | "fiable" | null;
  rang_epci: number | null;
  ecart_departement: number | null;
  millesime_precedent: number | null;
  valeur_precedente: number | null;
  evolution: number | null;
  geo_annee: number | null;
};

/** One point of an indicator's time series, rounded as the exports are. */
export type PointSerie = {
  id_indicateur: string;
  niveau: ValeurIndicateur["niveau"];
  code_geo: string;
  annee: number;
  millesime: string;
  valeur: number | null;
  statut: ValeurIndicateur["statut"];
  fiabilite: "fragile" | "fiable" | null;
};

/** Where an indicator's values come from (indicateurs_sources). */
export type Provenance = {
  id_indicateur: string;
  periode: "actuel" | "precedent" | "serie";
  source_id: string;
  millesime: number | null;
  geo_annee: number | null;
};

/** The population by age band of a territory, at the latest census (ratio of sums over its communes). */
export type StructureAge = {
  niveau: ValeurIndicateur["niveau"];
  code_geo: string;
  millesime: number;
  /** Inhabitants per band, in AGE_BANDS order; null when a commune lacks the band. */
  effectifs: (number | null)[];
};

/** The census's age bands (« Évolution et structure de la population » file), youngest first. */
export const AGE_BANDS = [
  { racine: "Pyy_POP0014", libelle: "0-14 ans" },
  { racine: "Pyy_POP1529", libelle: "15-29 ans" },
  { racine: "Pyy_POP3044", libelle: "30-44 ans" },
  { racine: "Pyy_POP4559", libelle: "45-59 ans" },
  { racine: "Pyy_POP6074", libelle: "60-74 ans" },
  { racine: "Pyy_POP7589", libelle: "75-89 ans" },
  { racine: "Pyy_POP90P", libelle: "90 ans ou plus" },
] as const;

export type FichierSource = {
  source_id: string;
  libelle: string;
  producteur: string;
  niveau: string | null;
  millesime: number | null;
  geo_annee: number | null;
  chemin: string;
  lignes: number;
  demo: boolean;
};

export interface SiteData {
  territoire: Territoire;
  demo: boolean;
  seuilFragilite: number;
  epcis: Epci[];
  communes: Commune[];
  perimetres: Perimetre[];
  /** Published IRIS values of the territory's communes (absent when no IRIS file is loaded). */
  iris?: IrisValeur[];
  valeurs: ValeurIndicateur[];
  sources: FichierSource[];
  contours: (ContoursCog & { fichiers: string[]; geo_annee: number | null }) | null;
  /** INSEE's label of each variable root, from the loaded dictionaries (catalogue and methodology). */
  libellesVariables: Record<string, string>;
  /** The social-offer analysis (page and portrait sections), null before the « offre » step has run. */
  offre?: OfferSiteData | null;
  series?: PointSerie[];
  provenance?: Provenance[];
  structuresAge?: StructureAge[];
}

export async function readSiteData(warehouse: Warehouse): Promise<SiteData> {
  for (const table of ["geo_territoire", "indicateurs"]) {
    if (!(await warehouse.tableExists(table))) {
      throw new UsageError(`l'entrepôt ne contient pas encore la table « ${table} ».`, "Lancez d'abord « observatoire pipeline --donnees <dossier> » (ou « observatoire calculer »).");
    }
  }
  const territoire = (await warehouse.one<Territoire>("SELECT code_departement, libelle, code_region, libelle_region, geo_annee FROM geo_territoire"))!;
  const demo = await usesDemoData(warehouse);
  // Areas come from the commune rows of the latest millésime of SUPERF; an EPCI's area sums all its communes.
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE site_superficie AS
      SELECT code_geo AS code_commune, valeur AS superficie FROM valeurs_cog
      WHERE niveau = 'commune' AND racine = 'SUPERF' AND statut = 'ok'
      QUALIFY row_number() OVER (PARTITION BY code_geo ORDER BY millesime DESC) = 1`);
  const epcis = await warehouse.all<Epci>(`
    SELECT e.code_epci AS code, e.libelle, e.nature, e.rattachement, e.nb_communes, e.nb_communes_territoire, e.population_territoire,
           round(sum(s.superficie), 2) AS superficie
    FROM geo_epci e JOIN geo_commune c USING (code_epci) LEFT JOIN site_superficie s USING (code_commune)
    WHERE e.rattachement IS NOT NULL GROUP BY ALL`);
  epcis.sort((a, b) => (a.rattachement === b.rattachement ? a.libelle.localeCompare(b.libelle, "fr") : a.rattachement === "territoire" ? -1 : 1));
  const communes = await warehouse.all<Commune>(`
    SELECT c.code_commune AS code, c.libelle, c.code_epci, c.code_departement, c.dans_territoire, round(s.superficie, 2) AS superficie
    FROM geo_commune c LEFT JOIN site_superficie s USING (code_commune)
    WHERE c.dans_territoire OR c.code_epci IN (SELECT code_epci FROM geo_epci WHERE rattachement IS NOT NULL)
    ORDER BY c.code_commune`);
  const perimetres = await readPerimeters(warehouse);
  const valeurs = await warehouse.all<ValeurIndicateur>(`
    SELECT id_indicateur, niveau, code_geo, millesime, round(valeur, 6) AS valeur, statut, motif, fiabilite, rang_epci,
           round(ecart_departement, 6) AS ecart_departement, millesime_precedent, round(valeur_precedente, 6) AS valeur_precedente,
           round(evolution, 6) AS evolution, geo_annee
    FROM indicateurs ORDER BY numero, niveau, code_geo`);
  return {
    territoire,
    demo,
    seuilFragilite: COMPLEMENTARY_SAMPLE_MIN,
    epcis,
    communes,
    perimetres,
    iris: await readIris(warehouse),
    valeurs,
    sources: await readSources(warehouse),
    contours: await readContours(warehouse, communes),
    libellesVariables: Object.fromEntries((await readVariableLabels(warehouse)).parRacine),
    offre: await readOfferSiteData(warehouse),
    series: await readSeries(warehouse),
    provenance: (await warehouse.tableExists(PROVENANCE_TABLE))
      ? await warehouse.all<Provenance>(`SELECT DISTINCT id_indicateur, periode, source_id, millesime, geo_annee FROM ${PROVENANCE_TABLE} ORDER BY ALL`)
      : [],
    structuresAge: await readAgeStructures(warehouse),
  };
}

/** The latest millésime of each shown IRIS variable, for the IRIS of the territory's communes (current COG). */
async function readIris(warehouse: Warehouse): Promise<IrisValeur[]> {
  if (!(await warehouse.tableExists("valeurs_cog"))) return [];
  return warehouse.all<IrisValeur>(`
    SELECT p.code_actuel AS code_commune, v.code_geo AS code, v.racine, v.millesime, v.valeur, v.statut
    FROM valeurs_cog v
    JOIN cog_passage p ON p.code_ancien = left(v.code_geo, 5)
    JOIN geo_commune c ON c.code_commune = p.code_actuel AND c.dans_territoire
    WHERE v.niveau = 'iris' AND v.racine IN (${IRIS_RACINES.map((racine) => `'${racine}'`).join(", ")})
    QUALIFY v.millesime = max(v.millesime) OVER (PARTITION BY v.racine)
    ORDER BY v.code_geo, v.racine`);
}

async function readPerimeters(warehouse: Warehouse): Promise<Perimetre[]> {
  if (!(await warehouse.tableExists("perimetres"))) return [];
  const rows = await warehouse.all<{ perimetre: string; libelle_perimetre: string } & Perimetre["communes"][number] & { libelle_epci: string | null; nb_communes: number | null }>(`
    SELECT p.perimetre, p.libelle AS libelle_perimetre, c.code_commune AS code, c.libelle, c.code_epci, c.dans_territoire,
           round(s.superficie, 2) AS superficie, e.libelle AS libelle_epci, e.nb_communes
    FROM perimetres p JOIN geo_commune c USING (code_commune) LEFT JOIN geo_epci e USING (code_epci)
    LEFT JOIN site_superficie s USING (code_commune)
    WHERE p.perimetre IN (SELECT code_geo FROM indicateurs WHERE niveau = 'perimetre')
    ORDER BY p.perimetre, c.code_commune`);
  const perimeters = new Map<string, Perimetre>();
  for (const row of rows) {
    let perimeter = perimeters.get(row.perimetre);
    if (!perimeter) perimeters.set(row.perimetre, (perimeter = { code: row.perimetre, libelle: row.libelle_perimetre, superficie: null, communes: [], epcis: [] }));
    perimeter.communes.push({ code: row.code, libelle: row.libelle, code_epci: row.code_epci, dans_territoire: row.dans_territoire, superficie: row.superficie });
    if (row.code_epci) {
      const epci = perimeter.epcis.find((candidate) => candidate.code === row.code_epci);
      if (epci) epci.communes_perimetre += 1;
      else perimeter.epcis.push({ code: row.code_epci, libelle: row.libelle_epci ?? row.code_epci, communes_perimetre: 1, nb_communes: row.nb_communes ?? 0 });
    }
  }
  for (const perimeter of perimeters.values()) {
    // An area is known only when every commune's is.
    perimeter.superficie = perimeter.communes.every((commune) => commune.superficie !== null)
      ? Math.round(perimeter.communes.reduce((total, commune) => total + commune.superficie!, 0) * 100) / 100
      : null;
    perimeter.epcis.sort((a, b) => b.communes_perimetre - a.communes_perimetre || a.libelle.localeCompare(b.libelle, "fr"));
  }
  return [...perimeters.values()].sort((a, b) => a.libelle.localeCompare(b.libelle, "fr"));
}

async function readSeries(warehouse: Warehouse): Promise<PointSerie[]> {
  if (!(await warehouse.tableExists(SERIES_TABLE))) return [];
  return warehouse.all<PointSerie>(`
    SELECT id_indicateur, niveau, code_geo, annee, millesime, round(valeur, 6) AS valeur, statut, fiabilite
    FROM ${SERIES_TABLE} ORDER BY numero, niveau, code_geo, annee`);
}

/**
 * Inhabitants by age band per territory, summed over its communes at the latest census that publishes every band:
 * a territory with a commune lacking a band gets no figure for it, never a partial sum.
 */
async function readAgeStructures(warehouse: Warehouse): Promise<StructureAge[]> {
  if (!(await warehouse.tableExists("calc_perimetre"))) return [];
  const racines = AGE_BANDS.map((band) => `'${band.racine}'`).join(", ");
  const rows = await warehouse.all<{ niveau: StructureAge["niveau"]; code_geo: string; millesime: number; racine: string; valeur: number | null }>(`
    WITH annee AS (
      SELECT max(millesime) AS millesime FROM (
        SELECT millesime FROM valeurs_cog WHERE niveau = 'commune' AND racine IN (${racines})
        GROUP BY millesime HAVING count(DISTINCT racine) = ${AGE_BANDS.length})
    ),
    communes AS (
      SELECT code_geo AS code_commune, racine, arg_min(valeur, ${sourcePriorityCase("source_id")}) AS valeur, arg_min(statut, ${sourcePriorityCase("source_id")}) AS statut
      FROM valeurs_cog, annee WHERE niveau = 'commune' AND racine IN (${racines}) AND valeurs_cog.millesime = annee.millesime
      GROUP BY ALL
    ),
    membres AS (SELECT niveau, code_geo, count(*) AS n FROM calc_perimetre GROUP BY ALL)
    SELECT p.niveau, p.code_geo, (SELECT millesime FROM annee) AS millesime, c.racine,
           CASE WHEN count(*) FILTER (c.statut = 'ok') = any_value(m.n) THEN round(sum(c.valeur), 1) END AS valeur
    FROM calc_perimetre p JOIN communes c USING (code_commune) JOIN membres m USING (niveau, code_geo)
    GROUP BY p.niveau, p.code_geo, c.racine`);
  const byTerritory = new Map<string, StructureAge>();
  for (const row of rows) {
    const key = `${row.niveau}|${row.code_geo}`;
    let entry = byTerritory.get(key);
    if (!entry) byTerritory.set(key, (entry = { niveau: row.niveau, code_geo: row.code_geo, millesime: row.millesime, effectifs: AGE_BANDS.map(() => null) }));
    entry.effectifs[AGE_BANDS.findIndex((band) => band.racine === row.racine)] = row.valeur;
  }
  return [...byTerritory.values()];
}

async function readSources(warehouse: Warehouse): Promise<FichierSource[]> {
  const rows = await warehouse.all<Omit<FichierSource, "libelle" | "producteur">>(`
    SELECT source_id, niveau, millesime, geo_annee, dossier || '/' || chemin AS chemin, lignes_chargees AS lignes, demo
    FROM journal_import WHERE remplace_par IS NULL ORDER BY source_id, niveau, millesime, chemin`);
  return rows.map((row) => ({
    ...row,
    libelle: row.source_id === CONTOURS_SOURCE_ID ? "Contours des communes" : sourceLabel(row.source_id),
    producteur: row.source_id === CONTOURS_SOURCE_ID ? "IGN (ou fichier fourni par l'utilisateur)" : (sourceOf(row.source_id)?.producteur ?? ""),
  }));
}

/** The contours of the communes shown (territory and EPCI members) on the current COG, or null without any. */
async function readContours(warehouse: Warehouse, communes: Commune[]): Promise<SiteData["contours"]> {
  if (!(await warehouse.tableExists(CONTOURS_TABLE))) return null;
  // Several files may cover the same commune (a département each, or two vintages): for each current commune the
  // latest file wins, as for the centroids (pipelines/distances/centroids.ts), so map and distances use the same shapes.
  // Ordered: dissolved EPCI rings start wherever the input order puts them, and a file that differs from one run to
  // the next would rebuild every page that draws a map.
  const raw = await warehouse.all<{ code: string; code_actuel: string; geometrie: string; chemin: string; geo_annee: number | null }>(`
    SELECT c.code_commune AS code, p.code_actuel, c.geometrie, j.dossier || '/' || j.chemin AS chemin, j.geo_annee
    FROM ${CONTOURS_TABLE} c JOIN journal_import j USING (fichier_id) JOIN cog_passage p ON p.code_ancien = c.code_commune
    WHERE j.remplace_par IS NULL
    QUALIFY c.fichier_id = max(c.fichier_id) OVER (PARTITION BY p.code_actuel)
    ORDER BY c.code_commune`);
  if (!raw.length) return null;
  const passage = new Map(raw.map((row) => [row.code, row.code_actuel]));
  const cog = contoursOnCurrentCog(
    raw.map((row) => ({ code: row.code, geometrie: JSON.parse(row.geometrie) as Geometry })),
    passage,
    communes.map((commune) => ({ code: commune.code, libelle: commune.libelle, code_epci: commune.code_epci })),
  );
  if (!cog.communes.features.length) return null;
  const years = [...new Set(raw.map((row) => row.geo_annee))];
  return { ...cog, fichiers: [...new Set(raw.map((row) => row.chemin))].sort(), geo_annee: years.length === 1 ? years[0]! : null };
}
