// Loads a perimeters file (one row per perimeter and commune) into `perimetres`: every row is checked in DuckDB
// against the current COG (a former code is mapped onto the commune that absorbed it), against the other rows of its
// perimeter (one label per perimeter, each commune once) and against the code's form; a faulty row is quarantined in
// `rejets` with its line, column and a French reason. A perimeter left without any valid commune is not created.
import { sqlIdentifier, sqlString, type Warehouse } from "../core/warehouse.ts";
import { trouverColonne } from "../../sources/header-match.ts";
import type { PerimeterSource } from "../../sources/definition.ts";
import { PERIMETRE_CODE } from "../../sources/perimetres.ts";

export const PERIMETRE_SANS_CODE = "code du périmètre absent";
export const PERIMETRE_CODE_INVALIDE = "code du périmètre invalide : lettres sans accent, chiffres, « - » ou « _ », 40 caractères au plus, sans espace";
export const PERIMETRE_SANS_LIBELLE = "libellé du périmètre absent";
export const PERIMETRE_SANS_COMMUNE = "code commune absent";
export const PERIMETRE_COMMUNE_INCONNUE = "code commune inconnu du code officiel géographique";
export const perimetreLibelleDifferent = (ligne: number, libelle: string) =>
  `libellé différent de celui de la ligne ${ligne} (« ${libelle} ») pour le même périmètre`;

export interface PerimeterLoad {
  source: PerimeterSource;
  fichierId: number;
  chemin: string;
  entete: string[];
}

export interface PerimeterLoaded {
  lignesChargees: number;
  lignesRejetees: number;
  /** Warnings for the officer: perimeters left empty, perimeters that lost communes. */
  avertissements: string[];
}

export async function loadPerimeters(warehouse: Warehouse, load: PerimeterLoad): Promise<PerimeterLoaded> {
  const { source, fichierId, chemin, entete } = load;
  const column = (labels: string[]) => {
    const nom = trouverColonne(labels, entete);
    return { nom: nom ?? labels[0]!, sql: nom ? `nullif(trim(${sqlIdentifier(nom)}), '')` : "NULL::VARCHAR" };
  };
  const perimetre = column(source.perimetre);
  const libelle = column(source.libelleColonne);
  const commune = column(source.commune);
  // DuckDB's regular expressions (RE2) take the same pattern as the definition.
  const codePattern = sqlString(PERIMETRE_CODE.source.replace(/^\^|\$$/g, ""));
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE perimetre_lignes AS
      SELECT idx, ligne, perimetre, libelle, code_publie, p.code_actuel AS code_commune
      FROM (
        SELECT idx, ligne, ${perimetre.sql} AS perimetre, ${libelle.sql} AS libelle,
               -- A spreadsheet drops the leading zero of 01001: four digits are read as five.
               CASE WHEN regexp_full_match(${commune.sql}, '[0-9]{4}') THEN '0' || ${commune.sql} ELSE upper(${commune.sql}) END AS code_publie
        FROM brut
      ) b
      LEFT JOIN cog_passage p ON p.code_ancien = b.code_publie;
    CREATE OR REPLACE TEMP TABLE problemes (idx BIGINT, ligne INTEGER, colonne VARCHAR, valeur VARCHAR, motif VARCHAR);
    INSERT INTO problemes
      SELECT idx, ligne, ${sqlString(perimetre.nom)}, perimetre,
             CASE WHEN perimetre IS NULL THEN ${sqlString(PERIMETRE_SANS_CODE)} ELSE ${sqlString(PERIMETRE_CODE_INVALIDE)} END
      FROM perimetre_lignes WHERE perimetre IS NULL OR NOT regexp_full_match(perimetre, ${codePattern});
    INSERT INTO problemes
      SELECT idx, ligne, ${sqlString(libelle.nom)}, NULL, ${sqlString(PERIMETRE_SANS_LIBELLE)} FROM perimetre_lignes WHERE libelle IS NULL;
    INSERT INTO problemes
      SELECT idx, ligne, ${sqlString(commune.nom)}, code_publie,
             CASE WHEN code_publie IS NULL THEN ${sqlString(PERIMETRE_SANS_COMMUNE)} ELSE ${sqlString(PERIMETRE_COMMUNE_INCONNUE)} END
      FROM perimetre_lignes WHERE code_commune IS NULL;
    -- One label per perimeter: the first line's.
    INSERT INTO problemes
      SELECT l.idx, l.ligne, ${sqlString(libelle.nom)}, l.libelle,
             'libellé différent de celui de la ligne ' || r.ligne || ' (« ' || r.libelle || ' ») pour le même périmètre'
      FROM perimetre_lignes l
      JOIN (SELECT perimetre, arg_min(libelle, ligne) AS libelle, min(ligne) AS ligne FROM perimetre_lignes
            WHERE perimetre IS NOT NULL AND libelle IS NOT NULL GROUP BY perimetre) r USING (perimetre)
      WHERE l.libelle IS NOT NULL AND l.libelle <> r.libelle;
    -- Each commune once per perimeter, a former code and its current commune being the same place.
    INSERT INTO problemes
      SELECT idx, ligne, ${sqlString(commune.nom)}, code_publie,
             'commune en double dans le périmètre ' || perimetre || ' (déjà ligne ' || premiere || CASE WHEN code_publie <> code_commune
               THEN ' ; le code ' || code_publie || ' désigne aujourd''hui la commune ' || code_commune ELSE '' END || ')'
      FROM (SELECT *, first_value(ligne) OVER w AS premiere, row_number() OVER w AS rang
            FROM perimetre_lignes l ANTI JOIN problemes p USING (idx)
            WINDOW w AS (PARTITION BY perimetre, code_commune ORDER BY ligne))
      WHERE rang > 1;
    INSERT INTO rejets SELECT ${fichierId}, ${sqlString(chemin)}, ligne, colonne, left(valeur, 500), motif FROM problemes ORDER BY ligne, colonne;
    INSERT INTO ${sqlIdentifier(source.table)} BY NAME
      SELECT ${fichierId} AS fichier_id, perimetre, libelle, code_commune, code_publie, ligne
      FROM perimetre_lignes ANTI JOIN problemes USING (idx) ORDER BY ligne;
  `);
  const counts = await warehouse.one<{ total: number; rejetees: number }>(
    "SELECT (SELECT count(*) FROM perimetre_lignes) AS total, (SELECT count(DISTINCT idx) FROM problemes) AS rejetees",
  );
  const states = await warehouse.all<{ perimetre: string; libelle: string | null; gardees: number; refusees: number }>(`
    SELECT l.perimetre, arg_min(l.libelle, l.ligne) AS libelle,
           count(*) FILTER (p.idx IS NULL)::INTEGER AS gardees, count(*) FILTER (p.idx IS NOT NULL)::INTEGER AS refusees
    FROM perimetre_lignes l LEFT JOIN (SELECT DISTINCT idx FROM problemes) p USING (idx)
    WHERE l.perimetre IS NOT NULL GROUP BY l.perimetre HAVING count(*) FILTER (p.idx IS NOT NULL) > 0 ORDER BY l.perimetre`);
  const avertissements = states.map(({ perimetre, libelle, gardees, refusees }) => {
    const nom = `périmètre ${perimetre}${libelle ? ` (« ${libelle} »)` : ""}`;
    return gardees === 0
      ? `${chemin} : ${nom} vide, ${refusees > 1 ? `aucune de ses ${refusees} lignes n'est valide` : "sa seule ligne n'est pas valide"} : il n'est pas créé (voir les rejets dans « observatoire etat »).`
      : `${chemin} : ${nom} : ${refusees} ligne(s) refusée(s) ; il est calculé sur ses ${gardees} commune(s) valide(s) (voir les rejets dans « observatoire etat »).`;
  });
  await warehouse.run("DROP TABLE IF EXISTS perimetre_lignes");
  const rejetees = counts?.rejetees ?? 0;
  return { lignesChargees: (counts?.total ?? 0) - rejetees, lignesRejetees: rejetees, avertissements };
}
