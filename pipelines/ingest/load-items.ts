// Loads a list of located equipments (INSEE BPE) into its table: every row is checked in DuckDB against the
// geography and against the nomenclature of its own vintage, and placed in WGS84 longitude/latitude.
import { lambert93Macros } from "../geography/lambert93.ts";
import { sqlIdentifier, sqlString, type Warehouse } from "../warehouse/warehouse.ts";
import { colonnePresente, type Colonne, type ItemSource } from "./sources/definition.ts";

export const ITEM_UNKNOWN_COMMUNE = "code commune inconnu du code officiel géographique";
export const ITEM_NO_COMMUNE = "code commune absent";
export const ITEM_NO_YEAR = "millésime introuvable : colonne AN vide et aucune année dans le nom du fichier";
export const ITEM_BAD_COORDINATE = "coordonnée non numérique";

export interface ItemLoad {
  source: ItemSource;
  fichierId: number;
  chemin: string;
  entete: string[];
  millesime?: number;
}

/** A number published with a dot or a comma; NULL when the cell is empty or not a number. */
const number = (column: string) => `TRY_CAST(replace(trim(${column}), ',', '.') AS DOUBLE)`;

export async function loadItems(warehouse: Warehouse, load: ItemLoad): Promise<{ lignesChargees: number; lignesRejetees: number }> {
  const { source, fichierId, chemin, entete } = load;
  const column = (choix: Colonne): { nom?: string; sql: string } => {
    const nom = colonnePresente(choix, entete);
    return { nom, sql: nom ? `nullif(trim(${sqlIdentifier(nom)}), '')` : "NULL::VARCHAR" };
  };
  const annee = column(source.annee);
  const commune = column(source.commune);
  const type = column(source.type);
  const { longitude, latitude, x, y, epsg, qualite } = Object.fromEntries(
    Object.entries(source.coordonnees).map(([key, choix]) => [key, column(choix)]),
  ) as Record<keyof ItemSource["coordonnees"], ReturnType<typeof column>>;
  const mobile = column(source.mobile.colonne);
  const fileYear = load.millesime === undefined ? "NULL::INTEGER" : String(load.millesime);
  const nomenclature = source.nomenclature
    .map((row) => `(${sqlString(row.code)}, ${sqlString(row.libelle)}, ${row.categorie === null ? "NULL" : sqlString(row.categorie)}, ${row.premier ?? "NULL"}, ${row.dernier ?? "NULL"})`)
    .join(", ");
  const coordinateChecks = [longitude, latitude, x, y]
    .filter((coordinate) => coordinate.nom)
    .map((coordinate) => `
      INSERT INTO problemes SELECT idx, ligne, ${sqlString(coordinate.nom!)}, ${coordinate.sql}, ${sqlString(ITEM_BAD_COORDINATE)}
      FROM brut WHERE ${coordinate.sql} IS NOT NULL AND ${number(coordinate.sql)} IS NULL;`)
    .join("\n");
  await warehouse.run(`
    ${lambert93Macros()}
    CREATE OR REPLACE TEMP TABLE nomenclature (code VARCHAR, libelle VARCHAR, categorie VARCHAR, premier INTEGER, dernier INTEGER);
    INSERT INTO nomenclature VALUES ${nomenclature};
    CREATE OR REPLACE TEMP TABLE items AS
      SELECT idx, ligne, ${commune.sql} AS commune, ${type.sql} AS typequ, ${annee.sql} AS annee_brute,
             coalesce(TRY_CAST(regexp_extract(coalesce(${annee.sql}, ''), '(19|20)[0-9]{2}') AS INTEGER), ${fileYear}) AS millesime,
             ${number(longitude.sql)} AS lon, ${number(latitude.sql)} AS lat, ${number(x.sql)} AS x, ${number(y.sql)} AS y,
             ${epsg.sql} AS epsg, ${qualite.sql} AS qualite_xy,
             coalesce(upper(${mobile.sql}) IN (${source.mobile.oui.map((value) => sqlString(value.toUpperCase())).join(", ")}), false) AS mobile
      FROM brut;
    CREATE OR REPLACE TEMP TABLE problemes (idx BIGINT, ligne INTEGER, colonne VARCHAR, valeur VARCHAR, motif VARCHAR);
    INSERT INTO problemes
      SELECT idx, ligne, ${sqlString(commune.nom ?? "DEPCOM")}, commune,
             CASE WHEN commune IS NULL THEN ${sqlString(ITEM_NO_COMMUNE)} ELSE ${sqlString(ITEM_UNKNOWN_COMMUNE)} END
      FROM items
      WHERE commune IS NULL OR (commune NOT IN (SELECT code_ancien FROM geo_passage_commune)
                                AND commune NOT IN (SELECT code_arrondissement FROM geo_arrondissement_municipal));
    INSERT INTO problemes SELECT idx, ligne, ${sqlString(annee.nom ?? "AN")}, annee_brute, ${sqlString(ITEM_NO_YEAR)} FROM items WHERE millesime IS NULL;
    -- The type must exist in the nomenclature of the row's own vintage; a code of another vintage says which.
    INSERT INTO problemes
      SELECT i.idx, i.ligne, ${sqlString(type.nom ?? "TYPEQU")}, i.typequ,
        CASE WHEN i.typequ IS NULL THEN 'type d''équipement absent'
             WHEN n.code IS NULL THEN 'type d''équipement inconnu de la nomenclature de la BPE ' || i.millesime
             ELSE 'type d''équipement ' || i.typequ || ' absent de la nomenclature de la BPE ' || i.millesime || ' (valable '
               || CASE WHEN n.premier IS NULL THEN 'jusqu''en ' || n.dernier
                       WHEN n.dernier IS NULL THEN 'à partir de ' || n.premier
                       ELSE 'de ' || n.premier || ' à ' || n.dernier END || ')' END
      FROM items i LEFT JOIN (SELECT code, min(premier) AS premier, max(dernier) AS dernier FROM nomenclature GROUP BY code) n ON n.code = i.typequ
      WHERE i.millesime IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM nomenclature v WHERE v.code = i.typequ
          AND (v.premier IS NULL OR i.millesime >= v.premier) AND (v.dernier IS NULL OR i.millesime <= v.dernier));
    ${coordinateChecks}
    INSERT INTO rejets SELECT ${fichierId}, ${sqlString(chemin)}, ligne, colonne, left(valeur, 500), motif FROM problemes ORDER BY ligne, colonne;
    -- WGS84 as published when given; else Lambert-93 converted, which the BPE uses for metropolitan France only
    -- (overseas coordinates are in local UTM zones and stay unplaced).
    INSERT INTO ${sqlIdentifier(source.table)}
      SELECT ${fichierId}, i.millesime, i.commune, i.typequ, n.libelle, n.categorie,
             CASE WHEN i.lon IS NOT NULL AND i.lat IS NOT NULL THEN i.lon
                  WHEN lambert THEN l93_longitude(i.x, i.y) END,
             CASE WHEN i.lon IS NOT NULL AND i.lat IS NOT NULL THEN i.lat
                  WHEN lambert THEN l93_latitude(i.x, i.y) END,
             i.qualite_xy, i.mobile, i.ligne
      FROM (SELECT *, x IS NOT NULL AND y IS NOT NULL AND coalesce(epsg, '2154') = '2154' AND left(commune, 2) <> '97' AS lambert FROM items) i
      JOIN nomenclature n ON n.code = i.typequ
        AND (n.premier IS NULL OR i.millesime >= n.premier) AND (n.dernier IS NULL OR i.millesime <= n.dernier)
      ANTI JOIN problemes p USING (idx)
      ORDER BY i.idx;
  `);
  const counts = await warehouse.one<{ total: number; rejetees: number }>(
    "SELECT (SELECT count(*) FROM items) AS total, (SELECT count(DISTINCT idx) FROM problemes) AS rejetees",
  );
  const rejetees = counts?.rejetees ?? 0;
  return { lignesChargees: (counts?.total ?? 0) - rejetees, lignesRejetees: rejetees };
}
