// The social offer for the site, read in the site's single export pass: one file for the « Offre sociale » page
// (département tables, EPCI quadrants, commune values, places to map, zones blanches) and one per EPCI portrait.
// Written even when the analysis is absent, so that every page finds its file and says why it is empty.
import type { Warehouse } from "../core/warehouse.ts";
import { CATEGORIES_OFFRE, DESTINATIONS, DOMAINES } from "../../sources/offer-categories.ts";
import { DISTANCES_TABLE } from "../distances/access.ts";
import { RATES_TABLE } from "./inventory.ts";
import { PLACES_TABLE } from "../distances/places.ts";
import { QUADRANTS } from "./quadrants.ts";
import {
  findTerritories, findTerritory, offerComputed, readAllIndices, readOfferContext, readOfferSummary, type Indices, type LigneAcces, type LigneOffre,
  type OfferSummary, type SourceOffre, type ZoneBlanche,
} from "./read-summary.ts";
import { PETIT_EFFECTIF, SEUILS_DISTANCE_KM, ZONE_BLANCHE_BESOIN_MIN, ZONE_BLANCHE_DISTANCE_KM } from "../../indicators/offer-thresholds.ts";

export const MOTIF_SANS_ANALYSE = "l'analyse de l'offre sociale n'a pas été faite (étape « offre » du pipeline)";

export interface OfferSiteData {
  page: Record<string, unknown>;
  epcis: Map<string, Record<string, unknown>>;
}

/** The site names quadrants from the data, so their labels are written once (quadrants.ts). */
const QUADRANT_LABELS = QUADRANTS.map(({ id, libelle }) => ({ id, libelle }));

const round = (value: number | null, decimals = 3) => (value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals);

export async function readOfferSiteData(warehouse: Warehouse): Promise<OfferSiteData | null> {
  if (!(await offerComputed(warehouse)) || !(await warehouse.tableExists("calc_perimetre"))) return null;
  const departement = await findTerritory(warehouse, "departement");
  if (!departement) return null;
  const context = await readOfferContext(warehouse);
  const summary = await readOfferSummary(warehouse, departement, context);
  const epciIndices = await readAllIndices(warehouse, "epci");
  const communeIndices = new Map((await readAllIndices(warehouse, "commune")).map((item) => [item.code, item]));
  const page = {
    disponible: true,
    demo: summary.demo,
    contours: summary.contours,
    seuils: { distances: SEUILS_DISTANCE_KM, zone_blanche_km: ZONE_BLANCHE_DISTANCE_KM, zone_blanche_besoin: ZONE_BLANCHE_BESOIN_MIN, petit_effectif: PETIT_EFFECTIF },
    sources: summary.sources,
    domaines: Object.entries(DOMAINES).map(([id, libelle]) => ({ id, libelle })),
    categories: CATEGORIES_OFFRE.map((categorie) => ({ id: categorie.id, libelle: categorie.libelle, domaine: categorie.domaine, unite: categorie.cible.unite, itinerant: categorie.itinerant === true })),
    destinations: DESTINATIONS.map(({ id, libelle }) => ({ id, libelle })),
    quadrants: QUADRANT_LABELS,
    departement: { offre: summary.offre.map(compactOffer), acces: summary.acces.map(compactAccess) },
    epcis: await epciRows(warehouse, epciIndices),
    communes: await communeRows(warehouse, communeIndices),
    lieux: await places(warehouse),
    zones_blanches: summary.zonesBlanches.map(compactZone),
  };
  const epcis = new Map<string, Record<string, unknown>>();
  const territories = new Map((await findTerritories(warehouse, "epci")).map((territoire) => [territoire.code, territoire]));
  const access = await accessByEpci(warehouse);
  for (const indices of epciIndices) {
    const territoire = territories.get(indices.code);
    if (territoire) epcis.set(indices.code, { ...portrait(await readOfferSummary(warehouse, territoire, context), indices), ...(access.get(indices.code) ?? { acces_communes: [], lieux_acces: [] }) });
  }
  return { page, epcis };
}

/** The site's files for the analysis; without it, files that say why. */
export function offerSiteFiles(data: OfferSiteData | null, epciCodes: string[]): Map<string, unknown> {
  const files = new Map<string, unknown>();
  const absent = { disponible: false, motif: MOTIF_SANS_ANALYSE };
  files.set("data/offre.json", data?.page ?? absent);
  for (const code of epciCodes) files.set(`data/offre/epci/${code}.json`, data?.epcis.get(code) ?? absent);
  return files;
}

function portrait(summary: OfferSummary, indices: Indices): Record<string, unknown> {
  return {
    disponible: true,
    code: summary.territoire.code,
    libelle: summary.territoire.libelle,
    demo: summary.demo,
    contours: summary.contours,
    seuils: { zone_blanche_km: ZONE_BLANCHE_DISTANCE_KM, zone_blanche_besoin: ZONE_BLANCHE_BESOIN_MIN, petit_effectif: PETIT_EFFECTIF, distances: SEUILS_DISTANCE_KM },
    sources: summary.sources.map(({ libelle_court, millesime }: SourceOffre) => ({ libelle_court, millesime })),
    offre: summary.offre.map(compactOffer),
    acces: summary.acces.filter((ligne) => ligne.destination !== "acces_droits_projets").map(compactAccess),
    indices: compactIndices(indices),
    quadrants: QUADRANT_LABELS,
    zones_blanches: summary.zonesBlanches.map(compactZone),
  };
}

function compactOffer(ligne: LigneOffre) {
  return {
    categorie: ligne.categorie, libelle: ligne.libelle, domaine: ligne.domaine, domaine_libelle: ligne.domaine_libelle,
    nb_fixes: ligne.nb_fixes, nb_mobiles: ligne.itinerant ? null : ligne.nb_mobiles, nb_projets: ligne.nb_projets, effectif: ligne.effectif,
    taux: round(ligne.taux, 4), unite: ligne.unite, statut: ligne.statut, motif: ligne.motif, prudence: ligne.prudence, itinerant: ligne.itinerant,
    references: { departement: round(ligne.references.departement, 4), region: round(ligne.references.region, 4), france: round(ligne.references.france, 4) },
  };
}

function compactAccess(ligne: LigneAcces) {
  return {
    destination: ligne.destination, libelle: ligne.libelle, distance_km: round(ligne.distance_km, 2),
    parts: Object.fromEntries(Object.entries(ligne.parts).map(([seuil, part]) => [seuil, round(part, 2)])),
    statut: ligne.statut, motif: ligne.motif,
  };
}

function compactIndices(indices: Indices) {
  return {
    indice_besoin: round(indices.indice_besoin), indice_offre: round(indices.indice_offre), quadrant: indices.quadrant, statut: indices.statut, motif: indices.motif,
    composantes: indices.composantes.map((composante) => ({
      indice: composante.indice, libelle: composante.libelle, mesure: composante.mesure,
      valeur: round(composante.valeur), reference: round(composante.reference), ecart_reduit: round(composante.ecart_reduit),
    })),
  };
}

function compactZone(zone: ZoneBlanche) {
  return {
    rang: zone.rang, code: zone.code_commune, libelle: zone.libelle, code_epci: zone.code_epci, libelle_epci: zone.libelle_epci,
    population: zone.population, distance_km: round(zone.distance_km, 2), lieu_proche: zone.lieu_proche, commune_lieu_proche: zone.commune_lieu_proche,
    indice_besoin: round(zone.indice_besoin), resorbee_par_projet: zone.resorbee_par_projet, projet_proche: zone.projet_proche,
    distance_avec_projets: round(zone.distance_avec_projets, 2),
  };
}

async function epciRows(warehouse: Warehouse, indices: Indices[]) {
  const rates = await warehouse.all<{ code_geo: string; categorie: string; effectif: number | null; taux: number | null; prudence: boolean | null }>(
    `SELECT code_geo, categorie, effectif::INTEGER AS effectif, taux, prudence FROM ${RATES_TABLE} WHERE niveau = 'epci'`);
  const byEpci = new Map<string, Record<string, [number | null, number | null, boolean]>>();
  for (const row of rates) {
    const entry = byEpci.get(row.code_geo) ?? {};
    entry[row.categorie] = [row.effectif, round(row.taux, 4), row.prudence === true];
    byEpci.set(row.code_geo, entry);
  }
  return indices.map((item) => ({
    code: item.code, libelle: item.libelle, rattachement: item.rattachement,
    indice_besoin: round(item.indice_besoin), indice_offre: round(item.indice_offre), quadrant: item.quadrant, statut: item.statut, motif: item.motif,
    taux: byEpci.get(item.code) ?? {},
  }));
}

/** The territory's communes: indices and, per destination (in DESTINATIONS order), the distance in km. */
async function communeRows(warehouse: Warehouse, indices: Map<string, Indices>) {
  const communes = await warehouse.all<{ code: string; libelle: string; code_epci: string | null }>(
    "SELECT code_commune AS code, libelle, code_epci FROM geo_commune WHERE dans_territoire ORDER BY code_commune");
  const distances = await warehouse.all<{ code_commune: string; destination: string; distance_km: number; nom: string | null }>(`
    SELECT d.code_commune, d.destination, d.distance_km, l.nom FROM ${DISTANCES_TABLE} d LEFT JOIN ${PLACES_TABLE} l USING (lieu_id)
    WHERE d.code_commune IN (SELECT code_commune FROM geo_commune WHERE dans_territoire)`);
  const order = new Map(DESTINATIONS.map((destination, index) => [destination.id, index]));
  const byCommune = new Map<string, { km: (number | null)[]; droits: string | null }>();
  for (const row of distances) {
    const entry = byCommune.get(row.code_commune) ?? { km: DESTINATIONS.map(() => null), droits: null };
    entry.km[order.get(row.destination)!] = round(row.distance_km, 2);
    if (row.destination === "acces_droits") entry.droits = row.nom;
    byCommune.set(row.code_commune, entry);
  }
  return communes.map((commune) => {
    const item = indices.get(commune.code);
    const entry = byCommune.get(commune.code);
    return {
      ...commune, indice_besoin: round(item?.indice_besoin ?? null), indice_offre: round(item?.indice_offre ?? null), quadrant: item?.quadrant ?? null,
      distances: entry?.km ?? null, point_droits: entry?.droits ?? null,
    };
  });
}

/**
 * For a portrait's access map: each commune's distance to its nearest point of access to rights, and those points
 * (inside the EPCI or not), [longitude, latitude, nom, commune, type].
 */
async function accessByEpci(warehouse: Warehouse) {
  const rows = await warehouse.all<{ code_epci: string; code_commune: string; distance_km: number; longitude: number | null; latitude: number | null; nom: string; commune: string; mobile: boolean; categorie: string }>(`
    SELECT c.code_epci, d.code_commune, d.distance_km, l.longitude, l.latitude, l.nom, lc.libelle AS commune, l.mobile, l.categorie
    FROM ${DISTANCES_TABLE} d JOIN geo_commune c USING (code_commune)
    LEFT JOIN ${PLACES_TABLE} l USING (lieu_id) LEFT JOIN geo_commune lc ON lc.code_commune = l.code_commune
    WHERE d.destination = 'acces_droits' AND c.code_epci IN (SELECT code_epci FROM geo_epci WHERE rattachement IS NOT NULL)
    ORDER BY d.code_commune`);
  const byEpci = new Map<string, { acces_communes: [string, number | null][]; lieux_acces: unknown[] }>();
  for (const row of rows) {
    const entry = byEpci.get(row.code_epci) ?? { acces_communes: [], lieux_acces: [] };
    entry.acces_communes.push([row.code_commune, round(row.distance_km, 1)]);
    const lieu = [round(row.longitude, 5), round(row.latitude, 5), row.nom, row.commune, row.categorie];
    if (row.longitude !== null && !entry.lieux_acces.some((other) => JSON.stringify(other) === JSON.stringify(lieu))) entry.lieux_acces.push(lieu);
    byEpci.set(row.code_epci, entry);
  }
  return byEpci;
}

/** Places of the communes shown (territory and its EPCIs) with coordinates: [categorie, longitude, latitude, nom, commune, type, code commune]. */
async function places(warehouse: Warehouse) {
  const rows = await warehouse.all<{ categorie: string; longitude: number; latitude: number; nom: string; libelle: string; mobile: boolean; statut: string; code_commune: string }>(`
    SELECT l.categorie, l.longitude, l.latitude, l.nom, c.libelle, l.mobile, l.statut, l.code_commune
    FROM ${PLACES_TABLE} l JOIN geo_commune c USING (code_commune)
    WHERE l.longitude IS NOT NULL
      AND (c.dans_territoire OR c.code_epci IN (SELECT code_epci FROM geo_epci WHERE rattachement IS NOT NULL))
    ORDER BY l.lieu_id`);
  return rows.map((row) => [row.categorie, round(row.longitude, 5), round(row.latitude, 5), row.nom, row.libelle, row.statut === "projet" ? "projet" : row.mobile ? "mobile" : "fixe", row.code_commune]);
}
