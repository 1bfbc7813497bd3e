// Reads the analysis back for people: one territory's inventory with its references, its access, its indices and
// the zones blanches it holds. The terminal (observatoire offre) and the site share these readers.
import { anctFranceServices } from "../../sources/anct-france-services.ts";
import { gipLieux } from "../../sources/gip-lieux.ts";
import { inseeBpe } from "../../sources/insee-bpe.ts";
import { SOURCES } from "../../sources/registry.ts";
import { usesDemoData } from "../ingest/inventory.ts";
import type { Warehouse } from "../core/warehouse.ts";
import { ACCESS_TABLE, shareColumn } from "./access-summary.ts";
import { CENTROIDS_TABLE } from "../distances/centroids.ts";
import { COMPONENTS_TABLE, INDICES_TABLE } from "./indices.ts";
import { RATES_TABLE } from "./inventory.ts";
import { PLACES_TABLE } from "../distances/places.ts";
import { SEUILS_DISTANCE_KM } from "../../indicators/offer-thresholds.ts";
import { WHITE_ZONES_TABLE } from "./white-zones.ts";

export type Niveau = "commune" | "epci" | "departement" | "region" | "france";

export interface LigneOffre {
  categorie: string;
  libelle: string;
  domaine: string;
  domaine_libelle: string;
  nb_fixes: number | null;
  nb_mobiles: number | null;
  nb_projets: number | null;
  effectif: number | null;
  taux: number | null;
  unite: string;
  statut: string;
  motif: string | null;
  prudence: boolean;
  itinerant: boolean;
  references: { departement: number | null; region: number | null; france: number | null };
}

export interface LigneAcces {
  destination: string;
  libelle: string;
  distance_km: number | null;
  parts: Record<string, number | null>;
  lieu_proche: string | null;
  commune_lieu_proche: string | null;
  statut: string;
  motif: string | null;
}

export interface Composante {
  indice: "besoin" | "offre";
  composante: string;
  libelle: string;
  mesure: string;
  valeur: number;
  reference: number;
  ecart_reduit: number;
}

export interface Indices {
  niveau: string;
  code: string;
  libelle: string;
  rattachement: string | null;
  indice_besoin: number | null;
  indice_offre: number | null;
  quadrant: string | null;
  statut: string;
  motif: string | null;
  composantes: Composante[];
}

export interface ZoneBlanche {
  rang: number;
  code_commune: string;
  libelle: string;
  code_epci: string | null;
  libelle_epci: string | null;
  population: number | null;
  distance_km: number;
  lieu_proche: string | null;
  commune_lieu_proche: string | null;
  indice_besoin: number;
  distance_avec_projets: number | null;
  resorbee_par_projet: boolean;
  projet_proche: string | null;
  commune_projet_proche: string | null;
}

export interface SourceOffre {
  source_id: string;
  libelle: string;
  libelle_court: string;
  millesime: number | null;
  lieux: number;
}

export interface Territoire {
  niveau: Niveau;
  code: string;
  libelle: string;
  rattachement: string | null;
  nb_communes: number;
}

export interface OfferSummary {
  territoire: Territoire;
  departement: { code: string; libelle: string; libelle_region: string; geo_annee: number };
  demo: boolean;
  contours: boolean;
  sources: SourceOffre[];
  offre: LigneOffre[];
  acces: LigneAcces[];
  indices: Indices | null;
  zonesBlanches: ZoneBlanche[];
}

/** How the terminal and the pages name the lists in one line. */
const SOURCES_COURTES: Record<string, string> = {
  [inseeBpe.id]: "Insee, BPE",
  [anctFranceServices.id]: "ANCT, France services",
  [gipLieux.id]: "GIP Gers Solidaire, lieux",
};

export const OFFER_TABLES = [RATES_TABLE, ACCESS_TABLE, INDICES_TABLE, WHITE_ZONES_TABLE];

export async function offerComputed(warehouse: Warehouse): Promise<boolean> {
  for (const table of OFFER_TABLES) if (!(await warehouse.tableExists(table))) return false;
  return true;
}

/** The territories of a level in the analysis (one, when `code` is given). */
export async function findTerritories(warehouse: Warehouse, niveau: Niveau, code?: string): Promise<Territoire[]> {
  return warehouse.all<Territoire & Record<string, unknown>>(
    `SELECT niveau, code_geo AS code, libelle_geo AS libelle, rattachement, count(*)::INTEGER AS nb_communes
     FROM calc_perimetre WHERE niveau = ? AND (? IS NULL OR code_geo = ?) GROUP BY ALL ORDER BY code_geo`,
    [niveau, code ?? null, code ?? null],
  );
}

/** The territory (the département by default) if it exists in the analysis, else undefined. */
export async function findTerritory(warehouse: Warehouse, niveau: Niveau, code?: string): Promise<Territoire | undefined> {
  return (await findTerritories(warehouse, niveau, code))[0];
}

/** What every territory's summary shares: read once when several summaries are written. */
export type OfferContext = Pick<OfferSummary, "departement" | "demo" | "contours" | "sources">;

export async function readOfferContext(warehouse: Warehouse): Promise<OfferContext> {
  const departement = (await warehouse.one<OfferSummary["departement"] & Record<string, unknown>>(
    "SELECT code_departement AS code, libelle, libelle_region, geo_annee FROM geo_territoire"))!;
  const demo = await usesDemoData(warehouse);
  const contours = ((await warehouse.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${CENTROIDS_TABLE}`))?.n ?? 0) > 0;
  return { departement, demo, contours, sources: await readSources(warehouse) };
}

export async function readOfferSummary(warehouse: Warehouse, territoire: Territoire, context?: OfferContext): Promise<OfferSummary> {
  return {
    territoire,
    ...(context ?? (await readOfferContext(warehouse))),
    offre: await readOffer(warehouse, territoire),
    acces: await readAccess(warehouse, territoire),
    indices: territoire.niveau === "epci" || territoire.niveau === "commune" ? await readIndices(warehouse, territoire) : null,
    zonesBlanches: await readWhiteZones(warehouse, territoire),
  };
}

async function readSources(warehouse: Warehouse): Promise<SourceOffre[]> {
  const rows = await warehouse.all<{ source_id: string; millesime: number | null; lieux: number }>(
    `SELECT source_id, max(millesime)::INTEGER AS millesime, count(*)::INTEGER AS lieux FROM ${PLACES_TABLE} GROUP BY ALL ORDER BY source_id`);
  const known = new Map(SOURCES.map((source) => [source.id, source.libelle]));
  return rows.map((row) => ({ ...row, libelle: known.get(row.source_id) ?? row.source_id, libelle_court: SOURCES_COURTES[row.source_id] ?? row.source_id }));
}

export async function readOffer(warehouse: Warehouse, territoire: Territoire): Promise<LigneOffre[]> {
  const rows = await warehouse.all<Omit<LigneOffre, "references"> & { ref_departement: number | null; ref_region: number | null; ref_france: number | null }>(`
    WITH refs AS (
      SELECT categorie, any_value(taux) FILTER (niveau = 'departement') AS ref_departement,
             any_value(taux) FILTER (niveau = 'region') AS ref_region, any_value(taux) FILTER (niveau = 'france') AS ref_france
      FROM ${RATES_TABLE} GROUP BY categorie
    )
    SELECT t.categorie, k.libelle, k.domaine, k.domaine_libelle, t.nb_fixes::INTEGER AS nb_fixes, t.nb_mobiles::INTEGER AS nb_mobiles,
           t.nb_projets::INTEGER AS nb_projets, t.effectif::INTEGER AS effectif, t.taux, t.unite, t.statut, t.motif, coalesce(t.prudence, false) AS prudence, k.itinerant,
           r.ref_departement, r.ref_region, r.ref_france
    FROM ${RATES_TABLE} t JOIN offre_categories k USING (categorie) LEFT JOIN refs r USING (categorie)
    WHERE t.niveau = ? AND t.code_geo = ? ORDER BY k.ordre`, [territoire.niveau, territoire.code]);
  return rows.map(({ ref_departement, ref_region, ref_france, ...row }) => ({
    ...row, references: { departement: ref_departement, region: ref_region, france: ref_france },
  }));
}

export async function readAccess(warehouse: Warehouse, territoire: Territoire): Promise<LigneAcces[]> {
  const rows = await warehouse.all<Record<string, unknown>>(`
    SELECT a.destination, a.libelle, a.distance_moyenne_km AS distance_km, ${SEUILS_DISTANCE_KM.map((seuil) => `a.${shareColumn(seuil)}`).join(", ")},
           l.nom AS lieu_proche, c.libelle AS commune_lieu_proche, a.statut, a.motif
    FROM ${ACCESS_TABLE} a LEFT JOIN ${PLACES_TABLE} l USING (lieu_id) LEFT JOIN geo_commune c ON c.code_commune = l.code_commune
    WHERE a.niveau = ? AND a.code_geo = ? ORDER BY a.ordre`, [territoire.niveau, territoire.code]);
  return rows.map((row) => ({
    destination: row.destination as string,
    libelle: row.libelle as string,
    distance_km: row.distance_km as number | null,
    parts: Object.fromEntries(SEUILS_DISTANCE_KM.map((seuil) => [String(seuil), row[shareColumn(seuil)] as number | null])),
    lieu_proche: row.lieu_proche as string | null,
    commune_lieu_proche: row.commune_lieu_proche as string | null,
    statut: row.statut as string,
    motif: row.motif as string | null,
  }));
}

export async function readIndices(warehouse: Warehouse, territoire: { niveau: string; code: string }): Promise<Indices | null> {
  const all = await readAllIndices(warehouse, territoire.niveau, territoire.code);
  return all[0] ?? null;
}

/** Indices of every unit of a level (or of one), with their components. */
export async function readAllIndices(warehouse: Warehouse, niveau: string, code?: string): Promise<Indices[]> {
  const rows = await warehouse.all<Omit<Indices, "composantes"> & Record<string, unknown>>(`
    SELECT niveau, code_geo AS code, libelle_geo AS libelle, rattachement, indice_besoin, indice_offre, quadrant, statut, motif
    FROM ${INDICES_TABLE} WHERE niveau = ? AND (? IS NULL OR code_geo = ?) ORDER BY code_geo`, [niveau, code ?? null, code ?? null]);
  const composantes = await warehouse.all<Composante & { code_geo: string } & Record<string, unknown>>(`
    SELECT code_geo, indice, composante, libelle, mesure, valeur, reference, ecart_reduit
    FROM ${COMPONENTS_TABLE} WHERE niveau = ? AND (? IS NULL OR code_geo = ?) ORDER BY indice, composante`, [niveau, code ?? null, code ?? null]);
  const byCode = new Map<string, Composante[]>();
  for (const { code_geo, ...composante } of composantes) byCode.set(code_geo, [...(byCode.get(code_geo) ?? []), composante]);
  return rows.map((row) => ({ ...row, composantes: byCode.get(row.code) ?? [] }));
}

export async function readWhiteZones(warehouse: Warehouse, territoire: Territoire): Promise<ZoneBlanche[]> {
  return warehouse.all<ZoneBlanche & Record<string, unknown>>(`
    SELECT rang, code_commune, libelle, code_epci, libelle_epci, population, distance_km, lieu_proche, commune_lieu_proche, indice_besoin,
           distance_avec_projets, resorbee_par_projet, projet_proche, commune_projet_proche
    FROM ${WHITE_ZONES_TABLE}
    WHERE code_commune IN (SELECT code_commune FROM calc_perimetre WHERE niveau = ? AND code_geo = ?)
    ORDER BY rang`, [territoire.niveau, territoire.code]);
}
