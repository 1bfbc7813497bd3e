// Yearly counts of the GIP's activity per current commune, as values the indicators read (gip_comptes): calls by the caller's commune, distinct people called, distinct households given a parcel. Every
// commune of the territory gets a value (0 included) for each year a log is loaded; communes elsewhere get none.
// Violence fiches are never counted per commune: only per EPCI and for the département.
import { GIP } from "../../indicators/external-variables.ts";
import { WHOLE_EPCIS } from "../geography/build-geography.ts";
import { LIGNE_NUMERO_VERT } from "../../sources/gip-nomenclatures.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";

export const GIP_SOURCE_ID = "gip_activite";
export const MOTIF_FICHES_COMMUNE = "fiches de l'observatoire des violences : publiées au niveau de l'EPCI et au-dessus seulement";

/**
 * What is counted per commune. A person or a household is counted once a year, in the commune where most of its
 * rows place it, so that the communes add up to the number of distinct people.
 */
const COMPTES_COMMUNAUX: { racine: string; table: string; filtre?: string; distincts?: string }[] = [
  { racine: GIP.appelsNumeroVert, table: "gip_appels", filtre: `ligne_telephonique = ${sqlString(LIGNE_NUMERO_VERT)}` },
  { racine: GIP.personnesAppelsCourtoisie, table: "gip_courtoisie", distincts: "id_personne" },
  { racine: GIP.foyersColisAlimentaires, table: "gip_colis", distincts: "id_foyer" },
];

/** Rows of logs whose file is current (not superseded), with their current commune. */
function located(table: string): string {
  return `SELECT l.*, p.code_actuel
    FROM ${table} l
    LEFT JOIN cog_passage p ON p.code_ancien = l.code_commune
    WHERE l.fichier_id IN (SELECT fichier_id FROM journal_import WHERE remplace_par IS NULL)`;
}

export async function countActivity(warehouse: Warehouse): Promise<void> {
  const units = COMPTES_COMMUNAUX.map(({ racine, table, filtre, distincts }) =>
    distincts
      ? `SELECT ${sqlString(racine)} AS racine, annee, any_value(fichier_id) AS fichier_id, mode(code_actuel) AS code_actuel
         FROM (${located(table)}) GROUP BY annee, ${distincts}`
      : `SELECT ${sqlString(racine)} AS racine, annee, fichier_id, code_actuel FROM (${located(table)})${filtre ? ` WHERE ${filtre}` : ""}`,
  );
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE gip_unites AS
      ${units.join("\n      UNION ALL\n      ")};
    CREATE OR REPLACE TEMP TABLE gip_fiches AS
      SELECT f.fichier_id, f.annee, f.code_actuel, c.dans_territoire, coalesce(c.code_epci, f.code_epci) AS code_epci
      FROM (${located("gip_violences")}) f
      LEFT JOIN geo_commune c ON c.code_commune = f.code_actuel;
    CREATE OR REPLACE TEMP TABLE gip_epci_entiers AS ${WHOLE_EPCIS};

    CREATE OR REPLACE TABLE gip_comptes AS
      WITH annees AS (SELECT racine, annee, max(fichier_id) AS fichier_id FROM gip_unites GROUP BY ALL),
      comptes AS (SELECT racine, annee, code_actuel, count(*) AS n FROM gip_unites WHERE code_actuel IS NOT NULL GROUP BY ALL),
      fiches AS (SELECT annee, max(fichier_id) AS fichier_id FROM gip_fiches GROUP BY annee),
      territoire AS (SELECT c.code_commune, t.code_departement, t.geo_annee FROM geo_commune c, geo_territoire t WHERE c.dans_territoire)
      SELECT 'commune' AS niveau, t.code_commune AS code_geo, ${sqlString(GIP_SOURCE_ID)} AS source_id, a.fichier_id, a.racine AS variable, a.racine,
             a.annee AS millesime, t.geo_annee, coalesce(n.n, 0)::DOUBLE AS valeur, 'ok' AS statut, NULL::VARCHAR AS motif, t.code_commune AS codes_sources
      FROM annees a CROSS JOIN territoire t
      LEFT JOIN comptes n ON n.racine = a.racine AND n.annee = a.annee AND n.code_actuel = t.code_commune
      UNION ALL
      -- Fiches per commune exist for no one: the commune rows only say the variable is known at that date, masked.
      SELECT 'commune', t.code_commune, ${sqlString(GIP_SOURCE_ID)}, f.fichier_id, ${sqlString(GIP.fichesViolences)}, ${sqlString(GIP.fichesViolences)},
             f.annee, t.geo_annee, NULL, 'secret', ${sqlString(MOTIF_FICHES_COMMUNE)}, t.code_commune
      FROM fiches f CROSS JOIN territoire t
      UNION ALL
      SELECT 'epci', e.code_epci, ${sqlString(GIP_SOURCE_ID)}, f.fichier_id, ${sqlString(GIP.fichesViolences)}, ${sqlString(GIP.fichesViolences)},
             f.annee, (SELECT geo_annee FROM geo_territoire),
             (SELECT count(*) FROM gip_fiches g WHERE g.annee = f.annee AND g.code_epci = e.code_epci)::DOUBLE, 'ok', NULL, e.code_epci
      FROM fiches f CROSS JOIN gip_epci_entiers e
      UNION ALL
      SELECT 'departement', t.code_departement, ${sqlString(GIP_SOURCE_ID)}, f.fichier_id, ${sqlString(GIP.fichesViolences)}, ${sqlString(GIP.fichesViolences)},
             f.annee, t.geo_annee,
             (SELECT count(*) FROM gip_fiches g WHERE g.annee = f.annee
                AND (g.dans_territoire OR (g.code_actuel IS NULL AND g.code_epci IN (SELECT code_epci FROM gip_epci_entiers))))::DOUBLE,
             'ok', NULL, t.code_departement
      FROM fiches f CROSS JOIN geo_territoire t
      ORDER BY racine, millesime, niveau, code_geo;
  `);
}
