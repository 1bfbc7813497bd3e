// Loads an INSEE "wide" file (one row per territory, one column per variable) into valeurs_brutes,
// checking each territory code against the geography and each cell against the published conventions.
import { sqlIdentifier, sqlString, type Warehouse } from "../warehouse/warehouse.ts";
import type { Niveau, WideSource } from "./sources/definition.ts";
import { parseVariable } from "./variables.ts";

export interface WideLoad {
  source: WideSource;
  fichierId: number;
  chemin: string;
  entete: string[];
  niveau: Niveau;
  millesime?: number;
  geoAnnee?: number;
}

/** How each level's codes are checked: the reference table and what an unknown code means. */
const CODE_CHECKS: Record<Niveau, { valid: string; unknown: string }> = {
  commune: { valid: "code IN (SELECT code_ancien FROM geo_passage_commune)", unknown: "code commune inconnu du code officiel géographique" },
  iris: { valid: "length(code) = 9 AND left(code, 5) IN (SELECT code_ancien FROM geo_passage_commune)", unknown: "code IRIS invalide ou commune inconnue du code officiel géographique" },
  epci: { valid: "code IN (SELECT code_epci FROM geo_epci)", unknown: "code EPCI (SIREN) inconnu" },
  departement: { valid: "code IN (SELECT code_departement FROM geo_departement)", unknown: "code département inconnu" },
  region: { valid: "code IN (SELECT code_region FROM geo_region)", unknown: "code région inconnu" },
  france: { valid: "true", unknown: "" },
};

/** INSEE's cell markers: never read as 0, they keep their meaning as a status. */
export const CELL_MARKERS: Record<string, string> = {
  s: "secret",
  ns: "non_significatif",
  so: "sans_objet",
  nd: "non_disponible",
};

/** Comma or dot decimals are both published (sometimes in one file); the cast decides what is a number. */
const CELL_NUMBER = "TRY_CAST(replace(brut, ',', '.') AS DOUBLE)";

const CELL_STATUS = `CASE
  WHEN brut IS NULL THEN 'vide'
  WHEN isfinite(nombre) THEN 'ok'
  ELSE CASE trim(brut) WHEN '' THEN 'vide'
    ${Object.entries(CELL_MARKERS).map(([marker, status]) => `WHEN ${sqlString(marker)} THEN ${sqlString(status)}`).join(" ")}
    ELSE 'invalide' END END`;

export async function loadWide(warehouse: Warehouse, load: WideLoad): Promise<{ lignesChargees: number; lignesRejetees: number }> {
  const { source, fichierId, chemin } = load;
  const measures = load.entete.filter((column) => !source.cle.includes(column) && !source.descriptives.includes(column));
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE variables (variable VARCHAR, racine VARCHAR, millesime INTEGER, geo_annee INTEGER, additive BOOLEAN);
    ${variableRows(load, measures)}
    CREATE OR REPLACE TEMP TABLE cles AS
      SELECT idx, ligne, code, row_number() OVER (PARTITION BY code ORDER BY idx) AS occurrence,
             min(ligne) OVER (PARTITION BY code) AS premiere_ligne
      FROM (SELECT idx, ligne, trim(${source.cle.map((column) => `coalesce(${sqlIdentifier(column)}, '')`).join(" || ")}) AS code FROM brut);
    CREATE OR REPLACE TEMP TABLE problemes (idx BIGINT, ligne INTEGER, colonne VARCHAR, valeur VARCHAR, motif VARCHAR);
    INSERT INTO problemes
      SELECT idx, ligne, ${sqlString(source.cle.join("+"))}, code,
        CASE WHEN code = '' THEN 'code géographique absent'
             WHEN ${load.niveau === "commune" ? "code IN (SELECT code_arrondissement FROM geo_arrondissement_municipal)" : "false"}
               THEN 'arrondissement municipal : la commune est chargée entière, pas ses arrondissements'
             WHEN NOT (${CODE_CHECKS[load.niveau].valid}) THEN ${sqlString(CODE_CHECKS[load.niveau].unknown)}
             ELSE 'code en double (première occurrence ligne ' || premiere_ligne || ')' END
      FROM cles
      WHERE code = '' OR occurrence > 1 OR NOT (${CODE_CHECKS[load.niveau].valid})
         ${load.niveau === "commune" ? "OR code IN (SELECT code_arrondissement FROM geo_arrondissement_municipal)" : ""};
  `);
  if (measures.length) {
    await warehouse.run(`
      -- Rows whose code is already refused are not read further.
      CREATE OR REPLACE TEMP TABLE cellules AS
        SELECT idx, ligne, code, variable, brut, ${CELL_STATUS} AS statut, CASE WHEN isfinite(nombre) THEN nombre END AS valeur
        FROM (
          SELECT *, ${CELL_NUMBER} AS nombre FROM (
            SELECT k.idx, k.ligne, k.code, ${measures.map((column) => `b.${sqlIdentifier(column)}`).join(", ")}
            FROM brut b JOIN cles k USING (idx) ANTI JOIN problemes p USING (idx)
          ) UNPIVOT INCLUDE NULLS (brut FOR variable IN (${measures.map(sqlIdentifier).join(", ")}))
        );
      INSERT INTO problemes
        SELECT idx, ligne, variable, brut, ${sqlString(`valeur non numérique (attendu : un nombre, une marque Insee ${Object.keys(CELL_MARKERS).map((marker) => `« ${marker} »`).join(", ")}, ou vide)`)}
        FROM cellules WHERE statut = 'invalide';
    `);
  }
  await warehouse.run(`
    INSERT INTO rejets SELECT ${fichierId}, ${sqlString(chemin)}, ligne, colonne, left(valeur, 500), motif FROM problemes ORDER BY ligne;
  `);
  if (measures.length) {
    await warehouse.run(`
      INSERT INTO valeurs_brutes
        SELECT ${fichierId}, ${sqlString(source.id)}, ${sqlString(load.niveau)}, c.code, c.variable, v.racine, v.millesime, v.geo_annee,
               c.valeur, c.statut, v.additive, c.ligne
        FROM cellules c JOIN variables v USING (variable) ANTI JOIN problemes p USING (idx);
    `);
  }
  const counts = await warehouse.one<{ total: number; rejetees: number }>(
    "SELECT (SELECT count(*) FROM cles) AS total, (SELECT count(DISTINCT idx) FROM problemes) AS rejetees",
  );
  const rejetees = counts?.rejetees ?? 0;
  return { lignesChargees: (counts?.total ?? 0) - rejetees, lignesRejetees: rejetees };
}

function variableRows(load: WideLoad, measures: string[]): string {
  if (!measures.length) return "";
  const rows = measures.map((variable) => {
    const { racine, millesime: columnVintage } = parseVariable(variable);
    const millesime = columnVintage ?? load.millesime;
    const geoAnnee = (millesime !== undefined ? load.source.geoAnneeVariable?.(racine, millesime) : undefined) ?? load.geoAnnee;
    const sqlNumber = (value: number | undefined) => (value === undefined ? "NULL" : String(value));
    return `(${sqlString(variable)}, ${sqlString(racine)}, ${sqlNumber(millesime)}, ${sqlNumber(geoAnnee)}, ${load.source.additive(racine)})`;
  });
  return `INSERT INTO variables VALUES ${rows.join(", ")};`;
}
