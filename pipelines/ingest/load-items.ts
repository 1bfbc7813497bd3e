// Loads a list of located equipments (INSEE BPE, ANCT France services, GIP places) into its table: every row is
// checked in DuckDB against the geography and against the nomenclature of its own vintage, and placed in WGS84.
import { lambert93Macros } from "../geography/lambert93.ts";
import { sqlIdentifier, sqlString, type Warehouse } from "../core/warehouse.ts";
import { colonnePresente, type Colonne, type ItemSource } from "../../sources/definition.ts";
import { sqlNumber, sqlYear } from "./sql-cells.ts";

export const ITEM_UNKNOWN_COMMUNE = "code commune inconnu du code officiel géographique";
export const ITEM_NO_COMMUNE = "code commune absent";
export const itemNoYear = (colonne?: string) =>
  colonne ? `millésime introuvable : colonne ${colonne} vide et aucune année dans le nom du fichier` : "millésime introuvable : aucune année dans le nom du fichier";
export const itemBadValue = (valeurs: string[]) => `valeur inattendue (valeurs possibles : ${valeurs.join(", ")})`;
export const ITEM_EMPTY_VALUE = "case vide (valeur obligatoire)";
export const ITEM_BAD_COORDINATE = "coordonnée non numérique";
export const ITEM_OUTSIDE_FRANCE = "coordonnées hors de France (métropole et outre-mer)";

/** France's extent, overseas included (Guadeloupe to La Réunion, Guyane to Dunkerque), in WGS84 and Lambert-93. */
const FRANCE_WGS84 = { longitude: [-63.2, 55.9], latitude: [-21.5, 51.2] } as const;
const FRANCE_LAMBERT93 = { x: [0, 1_300_000], y: [6_000_000, 7_200_000] } as const;

export interface ItemLoad {
  source: ItemSource;
  fichierId: number;
  chemin: string;
  entete: string[];
  millesime?: number;
}

/** The only columns loadItems reads: the read keeps just these, the BPE publishing some twenty more. */
export function itemColumns(source: ItemSource, entete: readonly string[]): string[] {
  const choices = [source.commune, source.type, source.annee, ...Object.values(source.coordonnees), source.mobile.colonne, ...(source.attributs ?? []).map((attribut) => attribut.colonne)];
  const used = new Set(choices.map((choix) => (choix === undefined ? undefined : colonnePresente(choix, entete))));
  return entete.filter((column) => used.has(column));
}

export async function loadItems(warehouse: Warehouse, load: ItemLoad): Promise<{ lignesChargees: number; lignesRejetees: number }> {
  const { source, fichierId, chemin, entete } = load;
  const column = (choix: Colonne | undefined): { nom?: string; sql: string } => {
    const nom = choix === undefined ? undefined : colonnePresente(choix, entete);
    return { nom, sql: nom ? `nullif(trim(${sqlIdentifier(nom)}), '')` : "NULL::VARCHAR" };
  };
  const annee = column(source.annee);
  const anneeLabel = annee.nom ?? (source.annee === undefined ? undefined : [source.annee].flat()[0]);
  const commune = column(source.commune);
  const type = column(source.type);
  const { longitude, latitude, x, y, epsg, qualite } = Object.fromEntries(
    (["longitude", "latitude", "x", "y", "epsg", "qualite"] as const).map((key) => [key, column(source.coordonnees[key])]),
  ) as Record<"longitude" | "latitude" | "x" | "y" | "epsg" | "qualite", ReturnType<typeof column>>;
  const attributs = (source.attributs ?? []).map((attribut) => ({ ...attribut, ...column(attribut.colonne) }));
  // A list with no vintage bounds (ANCT, GIP) names its accepted values; the BPE says which vintage a code belongs to.
  const versioned = source.nomenclature.some((row) => row.premier !== null || row.dernier !== null);
  const unknownType = versioned
    ? "'type d''équipement inconnu de la nomenclature de la BPE ' || i.millesime"
    : sqlString(`type inconnu (valeurs possibles : ${[...new Set(source.nomenclature.map((row) => row.code))].join(", ")})`);
  const mobile = column(source.mobile.colonne);
  const fileYear = load.millesime === undefined ? "NULL::INTEGER" : String(load.millesime);
  const nomenclature = source.nomenclature
    .map((row) => `(${sqlString(row.code)}, ${sqlString(row.libelle)}, ${row.categorie === null ? "NULL" : sqlString(row.categorie)}, ${row.premier ?? "NULL"}, ${row.dernier ?? "NULL"})`)
    .join(", ");
  // Checked on the narrow items table (raw text beside its number), not by re-reading the whole file.
  const coordinates = { lon: longitude, lat: latitude, x, y };
  const coordinateChecks = Object.entries(coordinates)
    .filter(([, coordinate]) => coordinate.nom)
    .map(([key, coordinate]) => `
      INSERT INTO problemes SELECT idx, ligne, ${sqlString(coordinate.nom!)}, ${key}_brut, ${sqlString(ITEM_BAD_COORDINATE)}
      FROM items WHERE ${key}_brut IS NOT NULL AND ${key} IS NULL;`)
    .join("\n");
  await warehouse.run(`
    ${lambert93Macros()}
    CREATE OR REPLACE TEMP TABLE nomenclature (code VARCHAR, libelle VARCHAR, categorie VARCHAR, premier INTEGER, dernier INTEGER);
    INSERT INTO nomenclature VALUES ${nomenclature};
    -- Raw texts are kept only where a check will quote them, so the table stays narrow.
    CREATE OR REPLACE TEMP TABLE items AS
      SELECT idx, ligne, commune, typequ, upper(typequ) AS typequ_maj, CASE WHEN millesime IS NULL THEN annee_brute END AS annee_brute, millesime,
             ${Object.keys(coordinates).map((key) => `CASE WHEN ${key} IS NULL THEN ${key}_brut END AS ${key}_brut, ${key}`).join(", ")},
             x IS NOT NULL AND y IS NOT NULL AND coalesce(epsg, '2154') = '2154' AND left(commune, 2) <> '97' AS lambert,
             qualite_xy,${attributs.map((attribut) => ` ${sqlIdentifier(`attr_${attribut.cible}`)},`).join("")} mobile
      FROM (
        SELECT *, coalesce(${sqlYear("annee_brute")}, ${fileYear}) AS millesime,
               ${Object.keys(coordinates).map((key) => `${sqlNumber(`${key}_brut`)} AS ${key}`).join(", ")}
        FROM (
          SELECT idx, ligne, ${commune.sql} AS commune, ${type.sql} AS typequ, ${annee.sql} AS annee_brute,
                 ${Object.entries(coordinates).map(([key, coordinate]) => `${coordinate.sql} AS ${key}_brut`).join(", ")},
                 ${epsg.sql} AS epsg, ${qualite.sql} AS qualite_xy,${attributs.map((attribut) => ` ${attribut.sql} AS ${sqlIdentifier(`attr_${attribut.cible}`)},`).join("")}
                 coalesce(upper(${mobile.sql}) IN (${source.mobile.oui.map((value) => sqlString(value.toUpperCase())).join(", ")}), false) AS mobile
          FROM brut
        )
      );
    -- Each vintage's nomenclature, keyed by upper-case code, so that one equi-join checks and labels every row.
    CREATE OR REPLACE TEMP TABLE nomenclature_millesime AS
      SELECT m.millesime, upper(n.code) AS code_maj, n.code, n.libelle, n.categorie
      FROM (SELECT DISTINCT millesime FROM items WHERE millesime IS NOT NULL) m
      JOIN nomenclature n ON (n.premier IS NULL OR m.millesime >= n.premier) AND (n.dernier IS NULL OR m.millesime <= n.dernier);
    CREATE OR REPLACE TEMP TABLE problemes (idx BIGINT, ligne INTEGER, colonne VARCHAR, valeur VARCHAR, motif VARCHAR);
    INSERT INTO problemes
      SELECT idx, ligne, ${sqlString(commune.nom ?? "DEPCOM")}, commune,
             CASE WHEN commune IS NULL THEN ${sqlString(ITEM_NO_COMMUNE)} ELSE ${sqlString(ITEM_UNKNOWN_COMMUNE)} END
      FROM items
      WHERE commune IS NULL OR commune NOT IN (SELECT code_ancien FROM cog_passage);
    INSERT INTO problemes SELECT idx, ligne, ${sqlString(anneeLabel ?? "")}, annee_brute, ${sqlString(itemNoYear(anneeLabel))} FROM items WHERE millesime IS NULL;
    ${attributs.map(attributeChecks).join("\n")}
    -- The type must exist in the nomenclature of the row's own vintage; a code of another vintage says which.
    INSERT INTO problemes
      SELECT i.idx, i.ligne, ${sqlString(type.nom ?? "TYPEQU")}, i.typequ,
        CASE WHEN i.typequ IS NULL THEN 'type d''équipement absent'
             WHEN n.code IS NULL THEN ${unknownType}
             ELSE 'type d''équipement ' || i.typequ || ' absent de la nomenclature de la BPE ' || i.millesime || ' (valable '
               || CASE WHEN n.premier IS NULL THEN 'jusqu''en ' || n.dernier
                       WHEN n.dernier IS NULL THEN 'à partir de ' || n.premier
                       ELSE 'de ' || n.premier || ' à ' || n.dernier END || ')' END
      FROM items i
      LEFT JOIN nomenclature_millesime v ON v.code_maj = i.typequ_maj AND v.millesime = i.millesime
      LEFT JOIN (SELECT code, min(premier) AS premier, max(dernier) AS dernier FROM nomenclature GROUP BY code) n ON upper(n.code) = i.typequ_maj
      WHERE i.millesime IS NOT NULL AND v.code IS NULL;
    ${coordinateChecks}
    INSERT INTO problemes
      SELECT idx, ligne, ${sqlString(longitude.nom ?? x.nom ?? "LONGITUDE")}, concat_ws(' ; ', lon, lat, x, y), ${sqlString(ITEM_OUTSIDE_FRANCE)}
      FROM items
      WHERE (lon IS NOT NULL AND lat IS NOT NULL
             AND NOT (lon BETWEEN ${FRANCE_WGS84.longitude[0]} AND ${FRANCE_WGS84.longitude[1]} AND lat BETWEEN ${FRANCE_WGS84.latitude[0]} AND ${FRANCE_WGS84.latitude[1]}))
         OR ((lon IS NULL OR lat IS NULL) AND lambert
             AND NOT (x BETWEEN ${FRANCE_LAMBERT93.x[0]} AND ${FRANCE_LAMBERT93.x[1]} AND y BETWEEN ${FRANCE_LAMBERT93.y[0]} AND ${FRANCE_LAMBERT93.y[1]}));
    INSERT INTO rejets SELECT ${fichierId}, ${sqlString(chemin)}, ligne, colonne, left(valeur, 500), motif FROM problemes ORDER BY ligne, colonne;
    -- WGS84 as published when given; else Lambert-93 converted, which the BPE uses for metropolitan France only
    -- (overseas coordinates are in local UTM zones and stay unplaced).
    INSERT INTO ${sqlIdentifier(source.table)} BY NAME
      SELECT ${fichierId} AS fichier_id, i.millesime, i.commune AS code_commune, n.code AS typequ, n.libelle, n.categorie,
             CASE WHEN i.lon IS NOT NULL AND i.lat IS NOT NULL THEN i.lon
                  WHEN lambert THEN l93_longitude(i.x, i.y) END AS longitude,
             CASE WHEN i.lon IS NOT NULL AND i.lat IS NOT NULL THEN i.lat
                  WHEN lambert THEN l93_latitude(i.x, i.y) END AS latitude,
             i.qualite_xy, i.mobile, i.ligne${attributs.map((attribut) => `, ${attributeValue(attribut)} AS ${sqlIdentifier(attribut.cible)}`).join("")}
      FROM items i
      JOIN nomenclature_millesime n ON n.code_maj = i.typequ_maj AND n.millesime = i.millesime
      ANTI JOIN problemes p USING (idx);
  `);
  const counts = await warehouse.one<{ total: number; rejetees: number }>(
    "SELECT (SELECT count(*) FROM items) AS total, (SELECT count(DISTINCT idx) FROM problemes) AS rejetees",
  );
  const rejetees = counts?.rejetees ?? 0;
  return { lignesChargees: (counts?.total ?? 0) - rejetees, lignesRejetees: rejetees };
}

type Attribut = NonNullable<ItemSource["attributs"]>[number] & { nom?: string; sql: string };

/** A listed value is stored in its listed spelling, whatever the case typed in the file. */
function attributeValue(attribut: Attribut): string {
  const column = `i.${sqlIdentifier(`attr_${attribut.cible}`)}`;
  if (!attribut.valeurs) return column;
  return `CASE lower(${column}) ${attribut.valeurs.map((value) => `WHEN ${sqlString(value.toLowerCase())} THEN ${sqlString(value)}`).join(" ")} END`;
}

function attributeChecks(attribut: Attribut): string {
  const column = sqlIdentifier(`attr_${attribut.cible}`);
  const checks: string[] = [];
  if (attribut.obligatoire) {
    checks.push(`INSERT INTO problemes SELECT idx, ligne, ${sqlString(attribut.nom ?? String(attribut.colonne))}, NULL, ${sqlString(ITEM_EMPTY_VALUE)} FROM items WHERE ${column} IS NULL;`);
  }
  if (attribut.valeurs) {
    checks.push(`INSERT INTO problemes SELECT idx, ligne, ${sqlString(attribut.nom ?? String(attribut.colonne))}, ${column}, ${sqlString(itemBadValue(attribut.valeurs))}
      FROM items WHERE ${column} IS NOT NULL AND lower(${column}) NOT IN (${attribut.valeurs.map((value) => sqlString(value.toLowerCase())).join(", ")});`);
  }
  return checks.join("\n");
}
