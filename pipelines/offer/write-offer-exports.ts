// Open-data exports of the social-offer analysis, next to the indicators' in sortie/exports/: each file is written
// under a temporary name then renamed, so a failed run never leaves a half-written file.
import { excelFrName, toExcelFr } from "../core/csv-excel-fr.ts";
import fs from "node:fs";
import path from "node:path";
import { safeQuery } from "../core/safe-cells.ts";
import { EXPORTS_DIR } from "../core/paths.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import { ACCESS_TABLE, shareColumn } from "./access-summary.ts";
import { INDICES_TABLE } from "./indices.ts";
import { RATES_TABLE } from "./inventory.ts";
import { PLACES_TABLE } from "../distances/places.ts";
import { SEUILS_DISTANCE_KM } from "../../indicators/offer-thresholds.ts";
import { WHITE_ZONES_TABLE } from "./white-zones.ts";

const DEMO = `CASE WHEN (SELECT bool_or(demo) FROM journal_import WHERE remplace_par IS NULL) THEN 'oui' ELSE 'non' END AS donnees_demonstration`;
const LEVEL_ORDER = "CASE niveau WHEN 'commune' THEN 1 WHEN 'epci' THEN 2 WHEN 'departement' THEN 3 WHEN 'region' THEN 4 ELSE 5 END";

/** One row per territory × category: counts beside the rate, and the département, région and France rates. */
const OFFRE_SOCIALE = `
  WITH refs AS (
    SELECT categorie, any_value(taux) FILTER (niveau = 'departement') AS taux_departement,
           any_value(taux) FILTER (niveau = 'region') AS taux_region, any_value(taux) FILTER (niveau = 'france') AS taux_france
    FROM ${RATES_TABLE} GROUP BY categorie
  )
  SELECT t.niveau, t.code_geo, t.libelle_geo, t.rattachement, k.domaine, k.domaine_libelle, t.categorie, k.libelle AS libelle_categorie,
         t.nb_fixes, t.nb_mobiles, t.nb_projets, t.effectif, t.cible, round(t.population_cible, 3) AS population_cible, t.unite,
         round(t.taux, 6) AS taux, t.statut, t.motif, CASE WHEN t.prudence THEN 'oui' ELSE 'non' END AS petit_effectif,
         round(r.taux_departement, 6) AS taux_departement, round(r.taux_region, 6) AS taux_region, round(r.taux_france, 6) AS taux_france,
         t.sources, t.millesime, t.millesime_cible AS millesime_population, ${DEMO}
  FROM ${RATES_TABLE} t JOIN offre_categories k USING (categorie) LEFT JOIN refs r USING (categorie)
  ORDER BY k.ordre, ${LEVEL_ORDER.replaceAll("niveau", "t.niveau")}, t.code_geo`;

const ACCES = `
  SELECT a.niveau, a.code_geo, a.libelle_geo, a.rattachement, a.destination, a.libelle AS libelle_destination,
         round(a.distance_moyenne_km, 3) AS distance_km,
         ${SEUILS_DISTANCE_KM.map((seuil) => `round(a.${shareColumn(seuil)}, 3) AS ${shareColumn(seuil)}`).join(", ")},
         round(a.population, 3) AS population, l.nom AS lieu_le_plus_proche, c.libelle AS commune_du_lieu, l.source_id AS source_du_lieu,
         a.statut, a.motif, ${DEMO}
  FROM ${ACCESS_TABLE} a LEFT JOIN ${PLACES_TABLE} l USING (lieu_id) LEFT JOIN geo_commune c ON c.code_commune = l.code_commune
  ORDER BY a.ordre, ${LEVEL_ORDER.replaceAll("niveau", "a.niveau")}, a.code_geo`;

const BESOIN_OFFRE = `
  SELECT niveau, code_geo, libelle_geo, rattachement, round(indice_besoin, 6) AS indice_besoin, composantes_besoin,
         round(indice_offre, 6) AS indice_offre, composantes_offre, quadrant, statut, motif, ${DEMO}
  FROM ${INDICES_TABLE} ORDER BY ${LEVEL_ORDER}, code_geo`;

const ZONES_BLANCHES = `
  SELECT rang, code_commune, libelle, code_epci, libelle_epci, round(population, 3) AS population, millesime_population,
         round(distance_km, 3) AS distance_km, lieu_proche, commune_lieu_proche, round(indice_besoin, 6) AS indice_besoin,
         round(indice_offre, 6) AS indice_offre, quadrant, round(distance_avec_projets, 3) AS distance_avec_projets,
         CASE WHEN resorbee_par_projet THEN 'oui' ELSE 'non' END AS resorbee_par_projet, projet_proche, commune_projet_proche, ${DEMO}
  FROM ${WHITE_ZONES_TABLE} ORDER BY rang`;

export const OFFER_EXPORTS = [
  { fichier: "offre_sociale.csv", requete: OFFRE_SOCIALE },
  { fichier: "acces.csv", requete: ACCES },
  { fichier: "besoin_offre.csv", requete: BESOIN_OFFRE },
  { fichier: "zones_blanches.csv", requete: ZONES_BLANCHES },
] as const;

export async function writeOfferExports(warehouse: Warehouse, outputDir: string): Promise<{ dossier: string; fichiers: string[] }> {
  const dossier = path.join(outputDir, EXPORTS_DIR);
  fs.mkdirSync(dossier, { recursive: true });
  for (const { fichier, requete } of OFFER_EXPORTS) {
    const final = path.join(dossier, fichier);
    const temporary = `${final}.${process.pid}.tmp`;
    try {
      await warehouse.run(`COPY (${await safeQuery(warehouse, requete)}) TO ${sqlString(temporary)} (FORMAT csv, HEADER, DELIMITER ',')`);
      fs.renameSync(temporary, final);
      // Beside the open-data file, the same table for a French spreadsheet (« ; », decimal comma, BOM).
      fs.writeFileSync(temporary, toExcelFr(fs.readFileSync(final, "utf8")));
      fs.renameSync(temporary, path.join(dossier, excelFrName(fichier)));
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  return { dossier, fichiers: OFFER_EXPORTS.flatMap((item) => [item.fichier, excelFrName(item.fichier)]) };
}
