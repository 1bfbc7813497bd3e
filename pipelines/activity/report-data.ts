// What the activity report counts, read from the warehouse in SQL for one year: totals, monthly series,
// distributions, and the counts per commune / EPCI / département that the territorial tables and masks need.
// Nothing here is published as is: pipelines/activity/report.ts applies the small-count rule first.
import { GIP } from "../../indicators/external-variables.ts";
import { sourcePriorityCase } from "../harmonise/source-priority.ts";
import { GIP_JOURNAUX } from "../../sources/gip-activite.ts";
import { LIGNE_NUMERO_VERT, LIGNES, MOTIFS_APPEL, SUITES_APPEL, TYPES_VIOLENCE, type Nomenclature } from "../../sources/gip-nomenclatures.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import { cle, type Arbre } from "../secret/territory-cells.ts";

/** The activity logs' sources (other GIP files, such as its list of places, are not logs). */
export const JOURNAUX = GIP_JOURNAUX.map((journal) => sqlString(journal.id)).join(", ");

/** Rows of a log for the year, from files not superseded. */
const rows = (table: string, annee: number, filtre = "true") =>
  `(SELECT * FROM ${table} WHERE annee = ${annee} AND (${filtre}) AND fichier_id IN (SELECT fichier_id FROM journal_import WHERE remplace_par IS NULL))`;
const numeroVert = `ligne_telephonique = ${sqlString(LIGNE_NUMERO_VERT)}`;
const ligne = (libelle: keyof typeof LIGNES) => `ligne_telephonique = ${sqlString(libelle)}`;

/** One declarative row per total: which log it needs and how it is counted. */
export const TOTAUX = {
  appels_numero_vert: { journal: "gip_appels", sql: (a: number) => `SELECT count(*) FROM ${rows("gip_appels", a, numeroVert)}` },
  appels_ligne_interne: { journal: "gip_appels", sql: (a: number) => `SELECT count(*) FROM ${rows("gip_appels", a, ligne("Ligne interne"))}` },
  appels_info_elus: { journal: "gip_appels", sql: (a: number) => `SELECT count(*) FROM ${rows("gip_appels", a, ligne("Allo info élus"))}` },
  interactions: { journal: "gip_interactions", sql: (a: number) => `SELECT count(*) FROM ${rows("gip_interactions", a)}` },
  interactions_reliees: { journal: "gip_interactions", sql: (a: number) => `SELECT count(*) FROM ${rows("gip_interactions", a, "id_appel IS NOT NULL")}` },
  appels_courtoisie: { journal: "gip_courtoisie", sql: (a: number) => `SELECT count(*) FROM ${rows("gip_courtoisie", a)}` },
  personnes_courtoisie: { journal: "gip_courtoisie", sql: (a: number) => `SELECT count(DISTINCT id_personne) FROM ${rows("gip_courtoisie", a)}` },
  colis: { journal: "gip_colis", sql: (a: number) => `SELECT count(*) FROM ${rows("gip_colis", a)}` },
  foyers_colis: { journal: "gip_colis", sql: (a: number) => `SELECT count(DISTINCT id_foyer) FROM ${rows("gip_colis", a)}` },
  camping_jours: { journal: "gip_camping_car", sql: (a: number) => `SELECT count(DISTINCT date) FROM ${rows("gip_camping_car", a)}` },
  camping_personnes: { journal: "gip_camping_car", sql: (a: number) => `SELECT coalesce(sum(personnes), 0) FROM ${rows("gip_camping_car", a)}` },
  camping_heures: { journal: "gip_camping_car", sql: (a: number) => `SELECT coalesce(sum(heures), 0) FROM ${rows("gip_camping_car", a)}` },
  camping_communes: { journal: "gip_camping_car", sql: (a: number) => `SELECT count(DISTINCT code_commune) FROM ${rows("gip_camping_car", a)}` },
  fiches_violences: { journal: "gip_violences", sql: (a: number) => `SELECT count(*) FROM ${rows("gip_violences", a)}` },
  pages_vues: { journal: "gip_site_web", sql: (a: number) => `SELECT coalesce(sum(pages_vues), 0) FROM ${rows("gip_site_web", a)}` },
  telechargements: { journal: "gip_site_web", sql: (a: number) => `SELECT coalesce(sum(telechargements), 0) FROM ${rows("gip_site_web", a)}` },
  contacts_visiteurs: { journal: "gip_site_web", sql: (a: number) => `SELECT coalesce(sum(contacts_visiteurs), 0) FROM ${rows("gip_site_web", a)}` },
} as const;
export type IdTotal = keyof typeof TOTAUX;

/** Monthly series: the month of each row, and what it adds. */
export const SERIES = {
  appels_numero_vert: { journal: "gip_appels", sql: (a: number) => `SELECT month(date_heure) AS m, count(*) AS n FROM ${rows("gip_appels", a, numeroVert)} GROUP BY m` },
  appels_ligne_interne: { journal: "gip_appels", sql: (a: number) => `SELECT month(date_heure) AS m, count(*) AS n FROM ${rows("gip_appels", a, ligne("Ligne interne"))} GROUP BY m` },
  appels_info_elus: { journal: "gip_appels", sql: (a: number) => `SELECT month(date_heure) AS m, count(*) AS n FROM ${rows("gip_appels", a, ligne("Allo info élus"))} GROUP BY m` },
  interactions: { journal: "gip_interactions", sql: (a: number) => `SELECT month(date) AS m, count(*) AS n FROM ${rows("gip_interactions", a)} GROUP BY m` },
  appels_courtoisie: { journal: "gip_courtoisie", sql: (a: number) => `SELECT month(date) AS m, count(*) AS n FROM ${rows("gip_courtoisie", a)} GROUP BY m` },
  colis: { journal: "gip_colis", sql: (a: number) => `SELECT month(date) AS m, count(*) AS n FROM ${rows("gip_colis", a)} GROUP BY m` },
  fiches_violences: { journal: "gip_violences", sql: (a: number) => `SELECT month(date) AS m, count(*) AS n FROM ${rows("gip_violences", a)} GROUP BY m` },
  pages_vues: { journal: "gip_site_web", sql: (a: number) => `SELECT month(mois) AS m, sum(pages_vues) AS n FROM ${rows("gip_site_web", a)} GROUP BY m` },
} as const satisfies Partial<Record<IdTotal, unknown>>;
export type IdSerie = keyof typeof SERIES;

/** Distributions over a closed list: every category shown, zeros included. */
export const REPARTITIONS = {
  motifs: { total: "appels_numero_vert", nomenclature: MOTIFS_APPEL, sql: (a: number) => `SELECT motif AS k, count(*) AS n FROM ${rows("gip_appels", a, numeroVert)} GROUP BY k` },
  suites: { total: "appels_numero_vert", nomenclature: SUITES_APPEL, sql: (a: number) => `SELECT suite AS k, count(*) AS n FROM ${rows("gip_appels", a, numeroVert)} GROUP BY k` },
  types_violence: { total: "fiches_violences", nomenclature: TYPES_VIOLENCE, sql: (a: number) => `SELECT type_violence AS k, count(*) AS n FROM ${rows("gip_violences", a)} GROUP BY k` },
} as const satisfies Record<string, { total: IdTotal; nomenclature: Nomenclature; sql: (a: number) => string }>;
export type IdRepartition = keyof typeof REPARTITIONS;

/**
 * Counts per territory (keys niveau:code). Those with a racine are the indicators' numerators (gip_comptes): the
 * report masks them exactly as the indicators do. The others are counted here, per commune.
 */
export const TERRITORIAUX = {
  appels_numero_vert: { journal: "gip_appels", racine: GIP.appelsNumeroVert, communesPubliees: true },
  personnes_courtoisie: { journal: "gip_courtoisie", racine: GIP.personnesAppelsCourtoisie, communesPubliees: true },
  foyers_colis: { journal: "gip_colis", racine: GIP.foyersColisAlimentaires, communesPubliees: true },
  fiches_violences: { journal: "gip_violences", racine: GIP.fichesViolences, communesPubliees: false },
  colis: { journal: "gip_colis", commune: (a: number) => `SELECT code_commune, count(*) AS n FROM ${rows("gip_colis", a)} GROUP BY ALL`, communesPubliees: false },
  camping_personnes: { journal: "gip_camping_car", commune: (a: number) => `SELECT code_commune, sum(personnes) AS n FROM ${rows("gip_camping_car", a)} GROUP BY ALL`, communesPubliees: false },
  camping_jours: { journal: "gip_camping_car", commune: (a: number) => `SELECT code_commune, count(DISTINCT date) AS n FROM ${rows("gip_camping_car", a)} GROUP BY ALL`, communesPubliees: false },
} as const satisfies Partial<Record<IdTotal, { journal: string; communesPubliees: boolean; racine?: string; commune?: (a: number) => string }>>;
export type IdTerritorial = keyof typeof TERRITORIAUX;

export interface Denominateurs {
  /** Households (latest census) and women aged 15 to 64, per territory key. */
  menages: Map<string, number>;
  femmes1564: Map<string, number>;
  millesime: number | null;
}

export interface DonneesActivite {
  annee: number;
  /** Days in the year, for weekly averages. */
  jours: number;
  journaux: Set<string>;
  totaux: Map<IdTotal, number>;
  mensuel: Map<IdSerie, number[]>;
  repartitions: Map<IdRepartition, Map<string, number>>;
  territoriaux: Map<IdTerritorial, Map<string, number | null>>;
}

/** Years of the activity logs loaded, most recent last. */
export async function anneesActivite(warehouse: Warehouse): Promise<number[]> {
  const found = await warehouse.all<{ annee: number }>(
    `SELECT DISTINCT millesime AS annee FROM journal_import WHERE source_id IN (${JOURNAUX}) AND remplace_par IS NULL AND millesime IS NOT NULL ORDER BY annee`,
  );
  return found.map((row) => row.annee);
}

export async function lireActivite(warehouse: Warehouse, arbre: Arbre, annee: number): Promise<DonneesActivite> {
  const loaded = await warehouse.all<{ source_id: string }>(
    `SELECT DISTINCT source_id FROM journal_import WHERE source_id IN (${JOURNAUX}) AND remplace_par IS NULL AND millesime = ?`, [annee],
  );
  const journaux = new Set(loaded.map((row) => row.source_id));
  const totaux = new Map<IdTotal, number>();
  for (const [id, total] of Object.entries(TOTAUX) as [IdTotal, (typeof TOTAUX)[IdTotal]][]) {
    if (!journaux.has(total.journal)) continue;
    const row = await warehouse.one<{ n: number }>(`SELECT (${total.sql(annee)})::DOUBLE AS n`);
    totaux.set(id, row?.n ?? 0);
  }
  const mensuel = new Map<IdSerie, number[]>();
  for (const [id, serie] of Object.entries(SERIES) as [IdSerie, (typeof SERIES)[IdSerie]][]) {
    if (!journaux.has(serie.journal)) continue;
    const months = await warehouse.all<{ m: number; n: number }>(`SELECT m, n::DOUBLE AS n FROM (${serie.sql(annee)})`);
    mensuel.set(id, Array.from({ length: 12 }, (_, index) => months.find((row) => row.m === index + 1)?.n ?? 0));
  }
  const repartitions = new Map<IdRepartition, Map<string, number>>();
  for (const [id, repartition] of Object.entries(REPARTITIONS) as [IdRepartition, (typeof REPARTITIONS)[IdRepartition]][]) {
    if (!totaux.has(repartition.total)) continue;
    const counts = await warehouse.all<{ k: string; n: number }>(`SELECT k, n::DOUBLE AS n FROM (${repartition.sql(annee)})`);
    repartitions.set(id, new Map(Object.keys(repartition.nomenclature).map((libelle) => [libelle, counts.find((row) => row.k === libelle)?.n ?? 0])));
  }
  const territoriaux = new Map<IdTerritorial, Map<string, number | null>>();
  for (const [id, definition] of Object.entries(TERRITORIAUX) as [IdTerritorial, (typeof TERRITORIAUX)[IdTerritorial]][]) {
    if (!journaux.has(definition.journal)) continue;
    territoriaux.set(id, "racine" in definition ? await parRacine(warehouse, arbre, definition.racine, annee) : await parCommune(warehouse, arbre, definition.commune(annee)));
  }
  const jours = (Date.UTC(annee + 1, 0, 1) - Date.UTC(annee, 0, 1)) / 86_400_000;
  return { annee, jours, journaux, totaux, mensuel, repartitions, territoriaux };
}

/** The indicators' numerators: commune rows of the territory, plus EPCI and département rows when published as such. */
async function parRacine(warehouse: Warehouse, arbre: Arbre, racine: string, annee: number): Promise<Map<string, number | null>> {
  const found = await warehouse.all<{ niveau: string; code_geo: string; valeur: number | null }>(
    "SELECT niveau, code_geo, valeur FROM gip_comptes WHERE racine = ? AND millesime = ?", [racine, annee],
  );
  return withSums(arbre, new Map(found.map((row) => [cle(row.niveau, row.code_geo), row.valeur])));
}

/** Counts per current commune of the territory (0 included), from a query giving (code_commune, n). */
async function parCommune(warehouse: Warehouse, arbre: Arbre, query: string): Promise<Map<string, number | null>> {
  const found = await warehouse.all<{ code: string; n: number }>(`
    SELECT c.code_commune AS code, coalesce(sum(q.n), 0)::DOUBLE AS n
    FROM geo_commune c
    LEFT JOIN cog_passage p ON p.code_actuel = c.code_commune
    LEFT JOIN (${query}) q ON q.code_commune = p.code_ancien
    WHERE c.dans_territoire GROUP BY ALL`);
  return withSums(arbre, new Map(found.map((row) => [cle("commune", row.code), row.n])));
}

/** Whole EPCIs and the département as sums of their communes, as the indicators compute them, unless given. */
function withSums(arbre: Arbre, values: Map<string, number | null>): Map<string, number | null> {
  const sum = (codes: string[]) => {
    const parts = codes.map((code) => values.get(cle("commune", code)));
    return parts.some((part) => part === undefined || part === null) ? null : parts.reduce<number>((total, part) => total + part!, 0);
  };
  for (const epci of arbre.epciEntiers) {
    const key = cle("epci", epci);
    if (!values.has(key)) values.set(key, sum(arbre.communes.filter((commune) => commune.epci === epci).map((commune) => commune.code)));
  }
  const departement = cle("departement", arbre.departement);
  if (!values.has(departement)) values.set(departement, sum(arbre.communes.map((commune) => commune.code)));
  return values;
}

/** Households and women aged 15 to 64 per territory, latest census, chosen as the indicators choose them. */
export async function lireDenominateurs(warehouse: Warehouse): Promise<Denominateurs> {
  const found = await warehouse.all<{ racine: string; niveau: string; code: string; valeur: number; millesime: number }>(`
    WITH choisis AS (
      SELECT racine, code_geo, arg_min(valeur, prio) AS valeur, millesime
      FROM (SELECT *, ${sourcePriorityCase()} AS prio, max(millesime) OVER (PARTITION BY racine) AS dernier FROM valeurs_cog
            WHERE niveau = 'commune' AND racine IN ('Cyy_MEN', 'Pyy_F1564') AND statut = 'ok')
      WHERE millesime = dernier GROUP BY ALL
    ),
    territoire AS (SELECT c.code_commune, c.code_epci, c.code_departement FROM geo_commune c WHERE c.dans_territoire)
    SELECT racine, 'epci' AS niveau, t.code_epci AS code, sum(valeur) AS valeur, any_value(millesime) AS millesime
      FROM choisis JOIN territoire t ON t.code_commune = choisis.code_geo WHERE t.code_epci IS NOT NULL GROUP BY ALL
    UNION ALL
    SELECT racine, 'departement', t.code_departement, sum(valeur), any_value(millesime)
      FROM choisis JOIN territoire t ON t.code_commune = choisis.code_geo GROUP BY ALL`);
  const pick = (racine: string) => new Map(found.filter((row) => row.racine === racine).map((row) => [cle(row.niveau, row.code), row.valeur]));
  return { menages: pick("Cyy_MEN"), femmes1564: pick("Pyy_F1564"), millesime: found[0]?.millesime ?? null };
}
