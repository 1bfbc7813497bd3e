// Loads a "wide" file (one row per territory, one column per variable: INSEE base-cc, CAF series) into
// the raw layer (valeurs_brutes), checking each territory code against the geography and each cell against the published conventions.
import { MARQUES_CELLULE } from "../core/statuts.ts";
import { sqlIdentifier, sqlString, type Warehouse } from "../core/warehouse.ts";
import { colonnePresente, type Niveau, type WideSource } from "../../sources/definition.ts";
import { sqlNumber, sqlYear } from "./sql-cells.ts";
import { parseVariable } from "../../sources/variable-names.ts";

export interface WideLoad {
  source: WideSource;
  /** The source or its dataset (a census theme), as the import journal records it. */
  sourceId: string;
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

const IS_ARRONDISSEMENT = "code IN (SELECT code_arrondissement FROM geo_arrondissement_municipal)";

/**
 * Cells that hold nothing: empty, or "NA" where a program wrote INSEE's file (Filosofi 2019 leaves Mayotte's last
 * column NA). Their status is the source's empty cell, never a rejected row.
 */
const EMPTY_CELLS = ["", "NA"];


export const NEGATIVE_COUNT = "valeur négative impossible : la source publie ici un effectif ou un taux";

/** Whatever the source, no published figure reaches a thousand billion: beyond, it is a typing or export error. */
const ABSOLUTE_MAX = 1e12;
export const UNREADABLE_YEAR = "date de référence illisible (attendu : une année, par exemple 2023 ou 2023-12)";

const cellStatus = (empty: string, brut = "brut", nombre = "nombre") => `CASE
  WHEN ${brut} IS NULL THEN ${sqlString(empty)}
  WHEN isfinite(${nombre}) THEN 'ok'
  ELSE CASE trim(${brut}) ${EMPTY_CELLS.map((cell) => `WHEN ${sqlString(cell)} THEN ${sqlString(empty)}`).join(" ")}
    ${Object.entries(MARQUES_CELLULE).map(([marker, status]) => `WHEN ${sqlString(marker)} THEN ${sqlString(status)}`).join(" ")}
    ELSE 'invalide' END END`;

export async function loadWide(warehouse: Warehouse, load: WideLoad): Promise<{ lignesChargees: number; lignesRejetees: number }> {
  const { source, fichierId, chemin } = load;
  const keyColumns = source.cle.map((choix) => colonnePresente(choix, load.entete) ?? (Array.isArray(choix) ? choix[0]! : choix));
  const yearColumn = source.millesimeParLigne ? colonnePresente(source.millesimeParLigne.colonne, load.entete) : undefined;
  const notMeasures = new Set([...keyColumns, ...source.descriptives, ...(yearColumn ? [yearColumn] : [])]);
  const measures = load.entete.filter((column) => !notMeasures.has(column) && (source.mesures?.test(column) ?? true));
  const regroupe = source.arrondissements === "regrouper";
  const check = CODE_CHECKS[load.niveau];
  const valid = load.niveau === "commune" && regroupe ? `(${check.valid} OR ${IS_ARRONDISSEMENT})` : check.valid;
  const rejectArrondissement = load.niveau === "commune" && !regroupe;
  const special = (source.codesSpeciaux ?? []).map(({ code, motif }) => ({ test: `regexp_full_match(code, ${sqlString(code.source)})`, motif }));
  const rowYear = yearColumn ? sqlYear(sqlIdentifier(yearColumn)) : "NULL::INTEGER";
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE variables (variable_no INTEGER, variable VARCHAR, racine VARCHAR, millesime INTEGER, geo_annee INTEGER, additive BOOLEAN, minimum DOUBLE, maximum DOUBLE);
    ${variableRows(load, measures)}
    CREATE OR REPLACE TEMP TABLE cles AS
      SELECT idx, ligne, code, annee_brute, annee_ligne,
             row_number() OVER (PARTITION BY code, annee_ligne ORDER BY idx) AS occurrence,
             min(ligne) OVER (PARTITION BY code, annee_ligne) AS premiere_ligne
      FROM (SELECT idx, ligne, trim(${keyColumns.map((column) => `coalesce(${sqlIdentifier(column)}, '')`).join(" || ")}) AS code,
                   ${yearColumn ? sqlIdentifier(yearColumn) : "NULL::VARCHAR"} AS annee_brute, ${rowYear} AS annee_ligne FROM brut);
    CREATE OR REPLACE TEMP TABLE problemes (idx BIGINT, ligne INTEGER, colonne VARCHAR, valeur VARCHAR, motif VARCHAR);
    INSERT INTO problemes
      SELECT idx, ligne, ${sqlString(keyColumns.join("+"))}, code,
        CASE ${special.map(({ test, motif }) => `WHEN ${test} THEN ${sqlString(motif)}`).join(" ")}
             WHEN code = '' THEN 'code géographique absent'
             WHEN ${rejectArrondissement ? IS_ARRONDISSEMENT : "false"}
               THEN 'arrondissement municipal : la commune est chargée entière, pas ses arrondissements'
             WHEN NOT (${valid}) THEN ${sqlString(check.unknown)}
             ELSE 'code en double (première occurrence ligne ' || premiere_ligne || ')' END
      FROM cles
      WHERE ${special.map(({ test }) => `${test} OR `).join("")}code = '' OR occurrence > 1 OR NOT (${valid})
         ${rejectArrondissement ? `OR ${IS_ARRONDISSEMENT}` : ""};
    ${yearColumn ? `
    INSERT INTO problemes
      SELECT idx, ligne, ${sqlString(yearColumn)}, annee_brute, ${sqlString(UNREADABLE_YEAR)}
      FROM cles WHERE annee_ligne IS NULL AND idx NOT IN (SELECT idx FROM problemes);` : ""}
  `);
  const cells = measures.length ? describeCells(load, measures) : undefined;
  if (cells) {
    await warehouse.run(`
      -- Columnar passes over the wide rows find those where some cell breaks a rule; nearly every row passes.
      CREATE OR REPLACE TEMP TABLE lignes_a_examiner (idx BIGINT);
      ${breaches(cells).map(({ colonnes, conditions }) => `
      INSERT INTO lignes_a_examiner
        SELECT idx FROM (
          SELECT k.idx, ${colonnes.map((cell) => `b.${sqlIdentifier(cell.variable)} AS ${cell.brut}, ${sqlNumber(`b.${sqlIdentifier(cell.variable)}`)} AS ${cell.nombre}`).join(", ")}
          FROM brut b JOIN cles k USING (idx) ANTI JOIN problemes p USING (idx)
        )
        WHERE ${conditions.join("\n           OR ")};`).join("")}
      -- Those rows only are read cell by cell, to say which cell breaks which rule.
      CREATE OR REPLACE TEMP TABLE cellules AS
        SELECT idx, ligne, code, annee_ligne, variable, brut, ${cellStatus(source.celluleVide ?? "vide")} AS statut,
               CASE WHEN isfinite(nombre) THEN nombre END AS valeur
        FROM (
          SELECT *, ${sqlNumber("brut")} AS nombre FROM (
            SELECT k.idx, k.ligne, k.code, k.annee_ligne, ${measures.map((column) => `b.${sqlIdentifier(column)}`).join(", ")}
            FROM brut b JOIN cles k USING (idx) SEMI JOIN lignes_a_examiner l USING (idx)
          ) UNPIVOT INCLUDE NULLS (brut FOR variable IN (${measures.map(sqlIdentifier).join(", ")}))
        );
      ${sumRows(load, measures)}
      INSERT INTO problemes
        SELECT idx, ligne, variable, brut, ${sqlString(`valeur non numérique (attendu : un nombre, une marque Insee ${Object.keys(MARQUES_CELLULE).map((marker) => `« ${marker} »`).join(", ")}, ou vide)`)}
        FROM cellules WHERE statut = 'invalide';
      INSERT INTO problemes
        SELECT c.idx, c.ligne, c.variable, c.brut,
               CASE WHEN v.minimum = 0 AND c.valeur < 0 THEN ${sqlString(NEGATIVE_COUNT)}
                    ELSE 'valeur invraisemblable pour cette variable (attendu ' ||
                         CASE WHEN v.minimum IS NOT NULL AND v.maximum < ${ABSOLUTE_MAX} THEN 'entre ' || v.minimum || ' et ' || v.maximum
                              WHEN v.maximum < ${ABSOLUTE_MAX} THEN 'au plus ' || v.maximum ELSE 'au moins ' || v.minimum END || ')' END
        FROM cellules c JOIN variables v USING (variable)
        WHERE c.statut = 'ok' AND (c.valeur < v.minimum OR c.valeur > v.maximum OR abs(c.valeur) > ${ABSOLUTE_MAX});
      ${boundRows(load)}
      DROP TABLE lignes_a_examiner;
    `);
  }
  await warehouse.run(`
    INSERT INTO rejets SELECT ${fichierId}, ${sqlString(chemin)}, ligne, colonne, left(valeur, 500), motif FROM problemes ORDER BY ligne, colonne;
  `);
  if (cells) {
    const gap = source.millesimeParLigne?.decalageGeo ?? 0;
    const geoAnnee = (row: string) => `CASE WHEN ${row}.annee_ligne IS NULL THEN v.geo_annee ELSE ${row}.annee_ligne + ${gap} END`;
    // The rows kept, straight from the wide read to the long table: no copy of the cells in between.
    await warehouse.run(`
      INSERT INTO variables_fichier
        SELECT ${fichierId}, variable_no, ${sqlString(load.sourceId)}, ${sqlString(load.niveau)}, variable, racine, additive FROM variables;
      INSERT INTO valeurs_cellules
        SELECT ${fichierId}, v.variable_no, u.code, coalesce(u.annee_ligne, v.millesime), ${geoAnnee("u")},
               CASE WHEN isfinite(u.nombre) THEN u.nombre END, ${cellStatus(source.celluleVide ?? "vide", "u.brut", "u.nombre")}, u.ligne
        FROM (
          SELECT *, ${sqlNumber("brut")} AS nombre FROM (
            SELECT k.idx, k.ligne, k.code, k.annee_ligne, ${measures.map((column) => `b.${sqlIdentifier(column)}`).join(", ")}
            FROM brut b JOIN cles k USING (idx) ANTI JOIN problemes p USING (idx)
          ) UNPIVOT INCLUDE NULLS (brut FOR variable IN (${measures.map(sqlIdentifier).join(", ")}))
        ) u JOIN variables v USING (variable);
      ${cells.sommes.map((somme) => `
      INSERT INTO valeurs_cellules
        SELECT ${fichierId}, v.variable_no, s.code, coalesce(s.annee_ligne, v.millesime), ${geoAnnee("s")}, s.valeur, s.statut, s.ligne
        FROM (
          SELECT k.code, k.annee_ligne, k.ligne, ${somme.valeur} AS valeur, ${somme.statut} AS statut
          FROM (SELECT k.idx, k.ligne, k.code, k.annee_ligne, ${somme.parties.map((cell) => `b.${sqlIdentifier(cell.variable)} AS ${cell.brut}, ${sqlNumber(`b.${sqlIdentifier(cell.variable)}`)} AS ${cell.nombre}`).join(", ")}
                FROM brut b JOIN cles k USING (idx) ANTI JOIN problemes p USING (idx)) k
        ) s JOIN variables v ON v.variable = ${sqlString(somme.racine)};`).join("\n")}
    `);
  }
  const counts = await warehouse.one<{ total: number; rejetees: number }>(
    "SELECT (SELECT count(*) FROM cles) AS total, (SELECT count(DISTINCT idx) FROM problemes) AS rejetees",
  );
  const rejetees = counts?.rejetees ?? 0;
  return { lignesChargees: (counts?.total ?? 0) - rejetees, lignesRejetees: rejetees };
}

function racineOf(source: WideSource, variable: string): { racine: string; millesime?: number } {
  return source.racine ? { racine: source.racine(variable) } : parseVariable(variable);
}

/** What a measure is: its root, vintage and geography, and the range its values may take (the source's rule). */
function describeVariable(load: WideLoad, variable: string, racine: string, columnVintage?: number) {
  const millesime = columnVintage ?? load.millesime;
  const geoAnnee = (millesime !== undefined ? load.source.geoAnneeVariable?.(racine, millesime) : undefined) ?? load.geoAnnee;
  const rule = (load.source.vraisemblance ?? []).find((candidate) => candidate.racines.test(racine) && (!candidate.niveaux || candidate.niveaux.includes(load.niveau)));
  return { variable, racine, millesime, geoAnnee, minimum: rule?.min, maximum: rule?.max ?? ABSOLUTE_MAX };
}

type Variable = ReturnType<typeof describeVariable>;

function describeMeasures(load: WideLoad, measures: string[]): Variable[] {
  return measures.map((variable) => {
    const { racine, millesime } = racineOf(load.source, variable);
    return describeVariable(load, variable, racine, millesime);
  });
}

function variableRows(load: WideLoad, measures: string[]): string {
  const literal = (value: number | undefined) => (value === undefined ? "NULL" : String(value));
  const rows = [...describeMeasures(load, measures), ...missingSums(load, measures).map(({ racine }) => describeVariable(load, racine, racine))]
    .map((v, index) => `(${index + 1}, ${sqlString(v.variable)}, ${sqlString(v.racine)}, ${literal(v.millesime)}, ${literal(v.geoAnnee)}, ` +
      `${load.source.additive(v.racine)}, ${literal(v.minimum)}, ${v.maximum})`);
  return rows.length ? `INSERT INTO variables VALUES ${rows.join(", ")};` : "";
}

/** A measure column in the wide pass: its text and its number under short aliases. */
type Cell = Variable & { brut: string; nombre: string };

interface Cells {
  colonnes: Cell[];
  /** Rebuilt totals: their value and status from their parts' cells, on the wide row. */
  sommes: { racine: string; parties: Cell[]; regle: Variable; valeur: string; statut: string }[];
  /** Part and whole of one vintage, both published (a rebuilt total has no text to compare). */
  paires: [Cell, Cell][];
}

function describeCells(load: WideLoad, measures: string[]): Cells {
  const empty = load.source.celluleVide ?? "vide";
  const colonnes = describeMeasures(load, measures).map((v, index) => ({ ...v, brut: `c${index}`, nombre: `n${index}` }));
  const byVariable = new Map(colonnes.map((cell) => [cell.variable, cell]));
  const sommes = missingSums(load, measures).map(({ racine, parties }) => {
    const cells = parties.map(({ variable }) => byVariable.get(variable)!);
    const statuses = cells.map((cell) => cellStatus(empty, cell.brut, cell.nombre));
    const all = (test: (status: string) => string) => statuses.map(test).join(" AND ");
    const any = (test: (status: string) => string) => statuses.map(test).join(" OR ");
    return {
      racine,
      parties: cells,
      regle: describeVariable(load, racine, racine),
      valeur: `CASE WHEN ${cells.map((cell) => `isfinite(${cell.nombre})`).join(" AND ")} THEN ${cells.map((cell) => cell.nombre).join(" + ")} END`,
      // As sumRows says it cell by cell; when no part is usable, the first part's status.
      statut: `CASE WHEN ${any((status) => `${status} = 'invalide'`)} THEN 'vide'
        WHEN ${any((status) => `${status} IN ('secret', 'non_significatif')`)} THEN 'secret'
        WHEN ${all((status) => `${status} = 'ok'`)} THEN 'ok' WHEN ${any((status) => `${status} = 'ok'`)} THEN 'secret' ELSE ${statuses[0]} END`,
    };
  });
  const paires = (load.source.bornes ?? []).flatMap(({ partie, tout }) =>
    colonnes.filter((part) => part.racine === partie).flatMap((part) =>
      colonnes.filter((whole) => whole.racine === tout && whole.millesime === part.millesime).map((whole): [Cell, Cell] => [part, whole])));
  return { colonnes, sommes, paires };
}

/** Cells whose checks one statement evaluates: DuckDB keeps a vector per expression, so a dossier complet's 2,000 columns go in batches. */
const BATCH = 50;

/**
 * The rules of the cell-by-cell checks as predicates over the wide row, in batches, each true wherever a check below
 * could find something: a non-numeric cell, a value out of its range (rebuilt totals included), a part above its whole.
 */
function breaches(cells: Cells): { colonnes: Cell[]; conditions: string[] }[] {
  const markers = [...EMPTY_CELLS, ...Object.keys(MARQUES_CELLULE)].map(sqlString).join(", ");
  const outOfRange = (value: string, rule: Variable) =>
    `(${rule.minimum !== undefined ? `${value} < ${rule.minimum} OR ` : ""}${value} > ${rule.maximum} OR abs(${value}) > ${ABSOLUTE_MAX})`;
  const batches: { colonnes: Cell[]; conditions: string[] }[] = [];
  for (let start = 0; start < cells.colonnes.length; start += BATCH) {
    const colonnes = cells.colonnes.slice(start, start + BATCH);
    batches.push({
      colonnes,
      conditions: colonnes.map((cell) =>
        `(${cell.brut} IS NOT NULL AND NOT coalesce(isfinite(${cell.nombre}), false) AND trim(${cell.brut}) NOT IN (${markers})) OR (isfinite(${cell.nombre}) AND ${outOfRange(cell.nombre, cell)})`),
    });
  }
  for (const somme of cells.sommes) {
    batches.push({
      colonnes: somme.parties,
      conditions: [`(${somme.parties.map((cell) => `isfinite(${cell.nombre})`).join(" AND ")} AND ${outOfRange(`(${somme.parties.map((cell) => cell.nombre).join(" + ")})`, somme.regle)})`],
    });
  }
  for (let start = 0; start < cells.paires.length; start += BATCH) {
    const paires = cells.paires.slice(start, start + BATCH);
    batches.push({
      colonnes: [...new Set(paires.flat())],
      conditions: paires.map(([part, whole]) =>
        `(isfinite(${part.nombre}) AND isfinite(${whole.nombre}) AND ${part.nombre} > ${whole.nombre} * 1.0001 + 0.01 AND ${whole.nombre} >= 0)`),
    });
  }
  return batches;
}

/** Totals the file lacks but whose exclusive parts it publishes (housing aids: APL + ALF + ALS). */
function missingSums(load: WideLoad, measures: string[]): { racine: string; parties: { variable: string }[] }[] {
  const byRacine = new Map(measures.map((variable) => [racineOf(load.source, variable).racine, variable]));
  return (load.source.sommes ?? [])
    .filter(({ racine, parties }) => !byRacine.has(racine) && parties.every((partie) => byRacine.has(partie)))
    .map(({ racine, parties }) => ({ racine, parties: parties.map((partie) => ({ variable: byRacine.get(partie)! })) }));
}

/** A rebuilt total is secret when one part is, empty when all are, and carries the row of its parts. */
function sumRows(load: WideLoad, measures: string[]): string {
  return missingSums(load, measures)
    .map(({ racine, parties }) => `
      INSERT INTO cellules
        SELECT idx, ligne, code, annee_ligne, ${sqlString(racine)}, NULL,
          CASE WHEN bool_or(statut = 'invalide') THEN 'vide' WHEN bool_or(statut IN ('secret', 'non_significatif')) THEN 'secret'
               WHEN bool_and(statut = 'ok') THEN 'ok' WHEN bool_or(statut = 'ok') THEN 'secret' ELSE any_value(statut) END,
          CASE WHEN bool_and(statut = 'ok') THEN sum(valeur) END
        FROM cellules WHERE variable IN (${parties.map(({ variable }) => sqlString(variable)).join(", ")})
        GROUP BY idx, ligne, code, annee_ligne;`)
    .join("\n");
}

/** A part larger than its whole on the same row is a broken row, located on the part's column. One join checks every pair. */
function boundRows(load: WideLoad): string {
  const bornes = load.source.bornes ?? [];
  if (!bornes.length) return "";
  return `
    CREATE OR REPLACE TEMP TABLE bornes (partie VARCHAR, tout VARCHAR);
    INSERT INTO bornes VALUES ${bornes.map(({ partie, tout }) => `(${sqlString(partie)}, ${sqlString(tout)})`).join(", ")};
    CREATE OR REPLACE TEMP TABLE paires AS
      SELECT vp.variable AS variable_partie, vt.variable AS variable_tout
      -- Parts and wholes of one census: P22_RP is bounded by P22_LOG, never by P16_LOG.
      FROM bornes b JOIN variables vp ON vp.racine = b.partie JOIN variables vt ON vt.racine = b.tout AND vt.millesime IS NOT DISTINCT FROM vp.millesime;
    INSERT INTO problemes
      SELECT p.idx, p.ligne, p.variable, p.brut,
             'incohérence sur la ligne : ' || p.variable || ' (' || trim(p.brut) || ') dépasse ' || t.variable || ' (' || trim(t.brut) || ')'
      FROM cellules p JOIN paires k ON k.variable_partie = p.variable
      JOIN cellules t ON t.idx = p.idx AND t.variable = k.variable_tout
      -- Weighted census counts carry rounding: a part may pass its whole by a hair, never by more.
      WHERE p.statut = 'ok' AND t.statut = 'ok' AND p.valeur > t.valeur * 1.0001 + 0.01 AND t.valeur >= 0 AND p.brut IS NOT NULL AND t.brut IS NOT NULL;`;
}
