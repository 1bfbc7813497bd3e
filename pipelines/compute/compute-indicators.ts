// The calcul step: every indicator of the registry for the territory's communes, its EPCIs (and the
// straddling ones), the perimeters drawn by the GIP, the département, the région and France, into `indicateurs`.
import type { Indicator } from "../../indicators/definition.ts";
import { INDICATORS } from "../../indicators/registry.ts";
import { suppressGipIndicators } from "../secret/suppress-indicators.ts";
import { UsageError } from "../core/errors.ts";
import { sqlStatutPublie } from "../core/statuts.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import { buildPerimeters, maskPerimeterCounts } from "./perimeters.ts";
import { sourcePriorityCase } from "../harmonise/source-priority.ts";
import { variablesOf } from "../../indicators/terms.ts";
import { planVintages, type Availability, type VintagePlan } from "./vintages.ts";
import { COMPLEMENTARY_SAMPLE_MIN } from "./fragility.ts";
import { writeProvenance } from "./provenance.ts";
import { writeSeries } from "./series.ts";

/**
 * Why a published-only value (median, poverty rate) of a perimeter is missing: it exists only for official
 * territories, and is never recomputed from the communes.
 */
export const PERIMETRE_NON_PUBLIE =
  "périmètre d'étude : valeur publiée par la source pour les seuls territoires officiels (médiane, taux…), jamais recalculée à partir des communes ; disponible seulement si le périmètre a exactement les communes d'un EPCI, d'un département ou d'une région";

export { COMPLEMENTARY_SAMPLE_MIN };

export interface MissingVariables {
  numero: number;
  id: string;
  variables: string[];
}

export interface ComputeReport {
  lignes: number;
  statuts: Record<string, number>;
  absentes: MissingVariables[];
  /** Indicators without an evolution because a variable changed nomenclature between the two censuses. */
  ruptures: MissingVariables[];
}

export async function computeIndicators(warehouse: Warehouse, indicators: Indicator[] = INDICATORS): Promise<ComputeReport> {
  if (!(await warehouse.tableExists("geo_territoire"))) {
    throw new UsageError("l'entrepôt ne contient encore aucune donnée importée.", "Lancez d'abord « observatoire importer --donnees <dossier> ».");
  }
  await buildPerimeters(warehouse);
  await createValuesView(warehouse);
  // Declared inputs: only the variables the registry names are read.
  const racines = [...new Set(indicators.flatMap(variablesOf))];
  const named = `v.racine IN (${racines.map(sqlString).join(", ")})`;
  await warehouse.run(`
    -- A variable that one file alone gives at a level has nothing to arbitrate: its rows go straight through, since a
    -- file gives one value per code, variable and vintage (duplicate codes are rejected at import, merged communes
    -- summed by the harmonisation). Only variables several files give (census theme and comparator, a real file
    -- beside a demo one) go through the choice below.
    CREATE OR REPLACE TEMP TABLE calc_seules AS
      SELECT v.niveau, v.racine
      FROM variables_fichier v JOIN journal_import j USING (fichier_id)
      WHERE j.remplace_par IS NULL AND ${named}
        AND v.racine NOT IN (SELECT racine FROM bpe_comptes UNION ALL SELECT racine FROM gip_comptes UNION ALL SELECT racine FROM acces_valeurs)
      GROUP BY ALL HAVING count(DISTINCT v.fichier_id) = 1;
    -- DuckDB underestimates the rows of the harmonised view under this filter and would build its hash table on the
    -- cells rather than on the COG passage table: twice the time, here only.
    SET disabled_optimizers = 'build_side_probe_side';
    CREATE OR REPLACE TEMP TABLE calc_valeurs AS
      SELECT v.niveau, v.code_geo, v.racine, v.millesime, v.valeur, v.statut, v.motif, v.source_id, v.fichier_id
      FROM valeurs_cog v SEMI JOIN calc_seules s USING (niveau, racine)
      WHERE v.millesime IS NOT NULL AND ${named}
      UNION ALL
      SELECT niveau, code_geo, racine, millesime,
             arg_min(valeur, prio) AS valeur, arg_min(statut, prio) AS statut, arg_min(motif, prio) AS motif,
             -- Which file gave the value kept: the portraits list the sources of the values they show.
             arg_min(source_id, prio) AS source_id, arg_min(fichier_id, prio) AS fichier_id
      -- Real files first: a demo value is used only where no real file gives the variable.
      FROM (SELECT v.*, (CASE WHEN j.demo THEN 100 ELSE 0 END) + ${sourcePriorityCase("v.source_id")} AS prio
            FROM valeurs v ANTI JOIN calc_seules USING (niveau, racine)
            LEFT JOIN journal_import j USING (fichier_id)
            WHERE v.millesime IS NOT NULL AND ${named})
      GROUP BY ALL;
    RESET disabled_optimizers;
    DROP TABLE calc_seules;`);
  // A perimeter equal to an EPCI, a département or a région reads what is published for that territory.
  await warehouse.run(`
    INSERT INTO calc_valeurs BY NAME
      SELECT 'perimetre' AS niveau, e.code_geo, v.racine, v.millesime, v.valeur, v.statut, v.motif, v.source_id, v.fichier_id
      FROM calc_perimetre_equivalent e JOIN calc_valeurs v ON v.niveau = e.niveau_publie AND v.code_geo = e.code_publie`);
  const plan = planVintages(indicators, await availability(warehouse));
  await writePlan(warehouse, indicators, plan);
  await computeSummedIndicators(warehouse);
  await computePublishedIndicators(warehouse);
  await assembleResults(warehouse);
  await writeSeries(warehouse, indicators, plan);
  await writeProvenance(warehouse);
  await outsideGipTerritory(warehouse, indicators);
  // Class G (the GIP's own counts): small counts masked, with secondary masks, before anything reads the table.
  await suppressGipIndicators(warehouse, indicators);
  await maskPerimeterCounts(warehouse, indicators.filter((indicator) => indicator.classe === "G").map((indicator) => indicator.id));
  const counts = await warehouse.all<{ statut: string; n: number }>("SELECT statut, count(*)::INTEGER AS n FROM indicateurs GROUP BY ALL ORDER BY statut");
  return {
    lignes: counts.reduce((total, row) => total + row.n, 0),
    statuts: Object.fromEntries(counts.map((row) => [row.statut, row.n])),
    absentes: listed(indicators, plan.absentes),
    ruptures: listed(indicators, plan.ruptures),
  };
}

const listed = (indicators: Indicator[], variables: Map<string, string[]>): MissingVariables[] =>
  indicators.filter((indicator) => variables.has(indicator.id)).map((indicator) => ({ numero: indicator.numero, id: indicator.id, variables: variables.get(indicator.id)! }));

async function availability(warehouse: Warehouse): Promise<Availability> {
  const rows = await warehouse.all<{ racine: string; communes: number[]; tous: number[] }>(`
    SELECT racine, list(DISTINCT millesime) FILTER (niveau = 'commune') AS communes, list(DISTINCT millesime) AS tous
    FROM calc_valeurs GROUP BY racine`);
  return {
    communes: new Map(rows.map((row) => [row.racine, new Set(row.communes)])),
    tousNiveaux: new Map(rows.map((row) => [row.racine, new Set(row.tous)])),
  };
}

/** The plan (which variable at which millésime) and each indicator's formula, as small tables. */
async function writePlan(warehouse: Warehouse, indicators: Indicator[], plan: VintagePlan): Promise<void> {
  const sqlValue = (value: string | number | null | undefined) =>
    value === null || value === undefined ? "NULL" : typeof value === "number" ? String(value) : sqlString(value);
  const rows = (values: (string | number | null | undefined)[][]) => values.map((row) => `(${row.map(sqlValue).join(", ")})`).join(", ");
  const formulas = indicators.map((indicator) => {
    const current = plan.millesimes.get(indicator.id);
    const previous = plan.millesimesPrecedents.get(indicator.id);
    const calcul =
      indicator.classe === "N" ? "publie"
      : indicator.classe === "D" && indicator.derivation.calcul === "taux_annuel_moyen" ? "taux_annuel_moyen"
      : (indicator.classe === "A" && !indicator.denominateur) ? "compte" : "ratio";
    const facteur = indicator.classe === "D" ? (indicator.derivation.calcul === "ratio" ? indicator.derivation.facteur : 100) : indicator.classe === "N" ? 1 : indicator.facteur;
    const annees = calcul === "taux_annuel_moyen" && current && previous ? current[0]! - previous : null;
    const racines = [...new Set(plan.termes.filter((term) => term.indicateurId === indicator.id).map((term) => term.racine))];
    const fragile = racines.some((racine) => racine.startsWith("Cyy_"));
    const absentes = plan.absentes.get(indicator.id)?.join(", ") ?? null;
    return [
      indicator.id, indicator.numero, indicator.classe, calcul, facteur, annees,
      calcul === "taux_annuel_moyen" && current && previous ? `${previous}-${current[0]}` : current?.join("/") ?? null,
      calcul === "taux_annuel_moyen" ? null : previous ?? null, indicator.classe === "N" ? indicator.publie.racine : null,
      current?.[0] ?? null, fragile ? "oui" : "non", absentes, indicator.niveaux.join(","),
    ];
  });
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE calc_formules (indicateur_id VARCHAR, numero INTEGER, classe VARCHAR, calcul VARCHAR, facteur DOUBLE,
      annees INTEGER, millesime VARCHAR, millesime_precedent INTEGER, racine_publiee VARCHAR, millesime_publie INTEGER,
      echantillon VARCHAR, absentes VARCHAR, niveaux VARCHAR);
    INSERT INTO calc_formules VALUES ${rows(formulas)};
    CREATE OR REPLACE TEMP TABLE calc_termes (indicateur_id VARCHAR, periode VARCHAR, role VARCHAR, racine VARCHAR, coef DOUBLE, millesime INTEGER);
    ${plan.termes.length ? `INSERT INTO calc_termes VALUES ${rows(plan.termes.map((term) => [term.indicateurId, term.periode, term.role, term.racine, term.coef, term.millesime]))};` : ""}
  `);
}

/** A, D and G: sum(numerator) / sum(denominator) over the communes of each territory. */
async function computeSummedIndicators(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE calc_nb_termes AS SELECT indicateur_id, periode, role, count(*) AS n_termes FROM calc_termes GROUP BY ALL;

    -- One value per commune, indicator, period and role, for the communes that publish at least one of its terms;
    -- a missing or masked term taints the commune's value. A commune that publishes none is counted missing below:
    -- joining on what exists spares a row for each of France's communes times each term.
    -- A role of one term (most of them) is that term's value: no grouping, which would cost more than all the rest.
    CREATE OR REPLACE TEMP TABLE calc_communes_roles AS
      SELECT t.indicateur_id, t.periode, t.role, v.code_geo AS code_commune, t.coef * v.valeur AS valeur,
             CASE WHEN v.statut NOT IN ('ok', 'secret', 'non_significatif') THEN 'manquant'
                  WHEN v.statut <> 'ok' THEN 'secret' ELSE 'ok' END AS statut
      FROM calc_termes t
      JOIN calc_nb_termes k USING (indicateur_id, periode, role)
      JOIN calc_valeurs v ON v.niveau = 'commune' AND v.racine = t.racine AND v.millesime = t.millesime
      WHERE k.n_termes = 1
      UNION ALL
      SELECT t.indicateur_id, t.periode, t.role, v.code_geo AS code_commune,
             sum(t.coef * v.valeur) AS valeur,
             CASE WHEN count(*) < any_value(k.n_termes) OR bool_or(v.statut NOT IN ('ok', 'secret', 'non_significatif')) THEN 'manquant'
                  WHEN bool_or(v.statut <> 'ok') THEN 'secret' ELSE 'ok' END AS statut
      FROM calc_termes t
      JOIN calc_nb_termes k USING (indicateur_id, periode, role)
      JOIN calc_valeurs v ON v.niveau = 'commune' AND v.racine = t.racine AND v.millesime = t.millesime
      WHERE k.n_termes > 1
      GROUP BY t.indicateur_id, t.periode, t.role, v.code_geo;

    -- Totals per territory. A total touched by a masked or missing commune falls back on the value
    -- published for that territory itself (CAF EPCI file, Filosofi supra-communal files), else keeps the status.
    CREATE OR REPLACE TEMP TABLE calc_roles AS
      WITH territoires AS (SELECT niveau, code_geo, count(*) AS n FROM calc_perimetre GROUP BY ALL),
      presentes AS (
        SELECT p.niveau, p.code_geo, r.indicateur_id, r.periode, r.role,
               sum(r.valeur) FILTER (r.statut = 'ok') AS somme, count(*) AS n,
               count(*) FILTER (r.statut = 'manquant') AS n_manquant, count(*) FILTER (r.statut = 'secret') AS n_secret
        FROM calc_perimetre p JOIN calc_communes_roles r USING (code_commune) GROUP BY ALL
      ),
      sommes AS (
        SELECT t.niveau, t.code_geo, k.indicateur_id, k.periode, k.role, k.n_termes, r.somme, t.n,
               t.n - coalesce(r.n, 0) + coalesce(r.n_manquant, 0) AS n_manquant, coalesce(r.n_secret, 0) AS n_secret
        FROM territoires t CROSS JOIN calc_nb_termes k
        LEFT JOIN presentes r USING (niveau, code_geo, indicateur_id, periode, role)
      ),
      publies AS (
        SELECT t.indicateur_id, t.periode, t.role, v.niveau, v.code_geo, sum(t.coef * v.valeur) AS valeur,
               count(*) FILTER (v.statut = 'ok') AS n_ok
        FROM calc_termes t JOIN calc_valeurs v ON v.racine = t.racine AND v.millesime = t.millesime AND v.niveau <> 'commune'
        GROUP BY ALL
      )
      SELECT s.niveau, s.code_geo, s.indicateur_id, s.periode, s.role,
        CASE WHEN s.n_manquant = 0 AND s.n_secret = 0 THEN s.somme WHEN p.n_ok = s.n_termes THEN p.valeur END AS valeur,
        CASE WHEN s.n_manquant = 0 AND s.n_secret = 0 THEN 'ok' WHEN p.n_ok = s.n_termes THEN 'ok'
             WHEN s.n_manquant > 0 THEN 'manquant' ELSE 'secret' END AS statut,
        CASE WHEN s.n_manquant = 0 AND s.n_secret = 0 THEN NULL
             WHEN p.n_ok = s.n_termes THEN 'total publié à ce niveau (des communes sont sous secret ou absentes)'
             WHEN s.n = 1 AND s.n_manquant > 0 THEN 'aucune valeur pour cette commune dans les fichiers chargés'
             WHEN s.n = 1 THEN 'secret statistique'
             WHEN s.n_manquant > 0 THEN 'données absentes des fichiers chargés pour ' || s.n_manquant || ' commune(s) sur ' || s.n
             ELSE 'secret statistique sur ' || s.n_secret || ' commune(s) sur ' || s.n || ', total non publié à ce niveau' END AS motif
      FROM sommes s
      LEFT JOIN publies p USING (indicateur_id, periode, role, niveau, code_geo);

    CREATE OR REPLACE TEMP TABLE calc_resultats AS
      SELECT n.niveau, n.code_geo, n.indicateur_id, n.periode, n.valeur AS numerateur, d.valeur AS denominateur,
        CASE WHEN 'manquant' IN (n.statut, coalesce(d.statut, 'ok')) THEN 'manquant'
             WHEN 'secret' IN (n.statut, coalesce(d.statut, 'ok')) THEN 'secret'
             WHEN f.calcul <> 'compte' AND d.valeur = 0 THEN 'non_applicable'
             WHEN f.calcul = 'taux_annuel_moyen' AND (f.annees IS NULL OR n.valeur < 0 OR d.valeur < 0) THEN 'manquant'
             ELSE 'ok' END AS statut,
        CASE WHEN f.absentes IS NOT NULL AND 'manquant' IN (n.statut, coalesce(d.statut, 'ok'))
               THEN CASE WHEN contains(f.absentes, ',') THEN 'variables absentes de l''entrepôt : ' || f.absentes || ' (aucun fichier chargé ne les publie)'
                         ELSE 'variable absente de l''entrepôt : ' || f.absentes || ' (aucun fichier chargé ne la publie)' END
             WHEN n.statut = 'manquant' THEN n.motif WHEN d.statut = 'manquant' THEN d.motif
             WHEN n.statut = 'secret' THEN n.motif WHEN d.statut = 'secret' THEN d.motif
             WHEN f.calcul <> 'compte' AND d.valeur = 0 THEN 'dénominateur nul'
             WHEN f.calcul = 'taux_annuel_moyen' AND f.annees IS NULL THEN 'pas de recensement antérieur d''au moins 5 ans'
             ELSE coalesce(n.motif, d.motif) END AS motif,
        f.calcul, f.facteur, f.annees
      FROM calc_roles n JOIN calc_formules f USING (indicateur_id)
      LEFT JOIN calc_roles d ON d.role = 'den' AND d.niveau = n.niveau AND d.code_geo = n.code_geo
                             AND d.indicateur_id = n.indicateur_id AND d.periode = n.periode
      WHERE n.role = 'num';
  `);
}

/** N: the value published for the territory itself; never a mean or median of its communes. */
async function computePublishedIndicators(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`
    INSERT INTO calc_resultats
      WITH niveaux_publies AS (
        SELECT DISTINCT v.niveau, t.racine_publiee FROM calc_valeurs v JOIN calc_formules t ON v.racine = t.racine_publiee AND v.millesime = t.millesime_publie
      ),
      -- A level published for other millésimes only (Filosofi 2019 by département beside 2021 by commune): the
      -- reason names them, since one millésime serves every level so that the levels compare.
      autres_millesimes AS (
        SELECT v.niveau, t.racine_publiee, string_agg(DISTINCT v.millesime::VARCHAR, ', ' ORDER BY v.millesime::VARCHAR) AS millesimes
        FROM calc_valeurs v JOIN calc_formules t ON v.racine = t.racine_publiee AND v.millesime <> t.millesime_publie
        GROUP BY ALL
      )
      SELECT lv.niveau, lv.code_geo, f.indicateur_id, 'actuel', v.valeur, NULL,
        ${sqlStatutPublie("v.statut")},
        CASE WHEN v.statut = 'ok' THEN NULL
             WHEN v.statut IN ('secret', 'non_significatif') THEN 'secret statistique (valeur non diffusée par la source)'
             WHEN v.statut IS NOT NULL THEN coalesce(v.motif, 'case vide dans le fichier publié')
             WHEN f.millesime_publie IS NULL THEN 'variable absente de l''entrepôt : ' || f.racine_publiee || ' (aucun fichier chargé ne la publie)'
             WHEN lv.niveau = 'perimetre' THEN ${sqlString(PERIMETRE_NON_PUBLIE)}
             WHEN np.niveau IS NULL AND am.millesimes IS NOT NULL
               THEN 'publié à ce niveau pour le millésime ' || am.millesimes || ' seulement, alors que le millésime retenu pour tous les niveaux est '
                    || f.millesime_publie || ' (le plus récent chargé) : chargez le fichier de ce niveau du millésime ' || f.millesime_publie
             WHEN np.niveau IS NULL THEN 'aucun fichier publié à ce niveau n''est chargé (la valeur n''est jamais recalculée à partir des communes)'
             ELSE 'territoire absent du fichier publié (millésime ' || f.millesime_publie || ')' END,
        'publie', 1, NULL
      FROM (SELECT DISTINCT niveau, code_geo FROM calc_perimetre) lv
      CROSS JOIN (SELECT * FROM calc_formules WHERE calcul = 'publie') f
      LEFT JOIN calc_valeurs v ON v.niveau = lv.niveau AND v.code_geo = lv.code_geo AND v.racine = f.racine_publiee AND v.millesime = f.millesime_publie
      LEFT JOIN niveaux_publies np ON np.niveau = lv.niveau AND np.racine_publiee = f.racine_publiee
      LEFT JOIN autres_millesimes am ON am.niveau = lv.niveau AND am.racine_publiee = f.racine_publiee;
  `);
}

/** Values, ranks among the territory's EPCIs, gap to the département, evolution, reliability. */
async function assembleResults(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE calc_valeurs_finales AS
      SELECT r.*, CASE WHEN r.statut <> 'ok' THEN NULL
                       WHEN r.calcul IN ('compte', 'publie') THEN r.numerateur
                       WHEN r.calcul = 'taux_annuel_moyen' THEN (power(r.numerateur / r.denominateur, 1.0 / r.annees) - 1) * 100
                       ELSE r.numerateur / r.denominateur * r.facteur END AS valeur
      FROM calc_resultats r;

    CREATE OR REPLACE TABLE indicateurs AS
      WITH territoires AS (SELECT DISTINCT niveau, code_geo, libelle_geo, rattachement FROM calc_perimetre),
      actuel AS (SELECT * FROM calc_valeurs_finales WHERE periode = 'actuel'),
      precedent AS (SELECT * FROM calc_valeurs_finales WHERE periode = 'precedent'),
      departement AS (SELECT indicateur_id, valeur FROM actuel WHERE niveau = 'departement')
      SELECT f.numero, a.indicateur_id AS id_indicateur, a.niveau, a.code_geo, t.libelle_geo, t.rattachement,
        f.millesime, a.valeur, a.numerateur, a.denominateur, a.statut, a.motif,
        CASE WHEN f.echantillon = 'oui' AND a.statut = 'ok' THEN
               CASE WHEN a.denominateur < ${COMPLEMENTARY_SAMPLE_MIN} THEN 'fragile' ELSE 'fiable' END END AS fiabilite,
        CASE WHEN a.niveau = 'epci' AND t.rattachement = 'territoire' AND a.statut = 'ok'
             THEN rank() OVER (PARTITION BY a.indicateur_id, a.niveau, t.rattachement = 'territoire', a.statut = 'ok' ORDER BY a.valeur DESC) END AS rang_epci,
        CASE WHEN f.calcul <> 'compte' THEN a.valeur - d.valeur END AS ecart_departement,
        f.millesime_precedent, p.valeur AS valeur_precedente, a.valeur - p.valeur AS evolution,
        (SELECT geo_annee FROM geo_territoire) AS geo_annee
      FROM actuel a
      JOIN calc_formules f USING (indicateur_id)
      JOIN territoires t USING (niveau, code_geo)
      LEFT JOIN departement d USING (indicateur_id)
      LEFT JOIN precedent p USING (niveau, code_geo, indicateur_id)
      -- A perimeter is published wherever an EPCI is.
      WHERE list_contains(string_split(f.niveaux, ','), CASE a.niveau WHEN 'perimetre' THEN 'epci' ELSE a.niveau END)
      ORDER BY f.numero, CASE a.niveau WHEN 'commune' THEN 1 WHEN 'epci' THEN 2 WHEN 'perimetre' THEN 3 WHEN 'departement' THEN 4 WHEN 'region' THEN 5 ELSE 6 END, a.code_geo;
  `);
}

/**
 * The GIP acts in its département only: its logs say nothing of the région, France or an EPCI that lies partly
 * elsewhere, so those values are « sans objet », not missing (nothing could ever fill them).
 */
async function outsideGipTerritory(warehouse: Warehouse, indicators: Indicator[]): Promise<void> {
  const ids = indicators.filter((indicator) => indicator.classe === "G").map((indicator) => sqlString(indicator.id));
  if (!ids.length) return;
  await warehouse.run(`
    UPDATE indicateurs SET statut = 'non_applicable', valeur = NULL, numerateur = NULL, ecart_departement = NULL, rang_epci = NULL,
      valeur_precedente = NULL, evolution = NULL, fiabilite = NULL,
      motif = CASE WHEN niveau = 'epci' THEN 'EPCI en partie hors du ' || (SELECT libelle FROM geo_territoire) || ', territoire d''action du GIP : ses journaux ne couvrent pas ses autres communes'
                   ELSE 'hors du territoire d''action du GIP (' || (SELECT libelle FROM geo_territoire) || ') : ses journaux ne couvrent pas ce niveau' END
    WHERE id_indicateur IN (${ids.join(", ")}) AND (niveau IN ('region', 'france') OR (niveau = 'epci' AND rattachement = 'limitrophe'))`);
}

/**
 * `valeurs`: every value an indicator can read, on the current COG: the harmonised INSEE and CAF values, the BPE and
 * GIP counts, and the distances' numerator of indicator 36. Each comes from its own step; this view only unites them.
 */
export async function createValuesView(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`CREATE OR REPLACE VIEW valeurs AS
    SELECT * FROM valeurs_cog UNION ALL BY NAME SELECT * FROM bpe_comptes UNION ALL BY NAME SELECT * FROM gip_comptes
    UNION ALL BY NAME SELECT * FROM acces_valeurs`);
}
