// The G-class rule on the computed indicators: an indicator whose count (numerator) is from 1 to 4 is "secret",
// plus the secondary masks that keep it from being recomputed from the EPCI and département totals. A masked row
// loses every figure that would give its count back (value, numerator, gap to the département, rank).
import type { Indicator } from "../../indicators/definition.ts";
import { sqlString, type Warehouse } from "../core/warehouse.ts";
import { cle, lireArbre, masquesTerritoriaux, type ValeurPubliable } from "./territory-cells.ts";

export const MOTIF_SECRET_PRIMAIRE = "effectif de 1 à 4 : masqué (secret statistique de l'observatoire)";
export const MOTIF_SECRET_SECONDAIRE = "masqué en complément (secret secondaire) : sans cela, un effectif de 1 à 4 se déduirait des totaux publiés";

export async function suppressGipIndicators(warehouse: Warehouse, indicators: readonly Indicator[]): Promise<number> {
  const ids = indicators.filter((indicator) => indicator.classe === "G").map((indicator) => indicator.id);
  if (!ids.length) return 0;
  const arbre = await lireArbre(warehouse);
  const masked: string[] = [];
  for (const id of ids) {
    const rows = await warehouse.all<{ niveau: string; code_geo: string; numerateur: number | null; statut: string }>(
      "SELECT niveau, code_geo, numerateur, statut FROM indicateurs WHERE id_indicateur = ?", [id],
    );
    const valeurs = new Map<string, ValeurPubliable>(rows.map((row) => [
      cle(row.niveau, row.code_geo), { valeur: row.statut === "ok" ? row.numerateur : null, publiee: row.statut === "ok" },
    ]));
    for (const [key, masque] of masquesTerritoriaux(arbre, valeurs)) {
      const [niveau, code] = key.split(":") as [string, string];
      if (valeurs.get(key)?.publiee) masked.push(`(${sqlString(id)}, ${sqlString(niveau)}, ${sqlString(code)}, ${sqlString(masque)})`);
    }
  }
  if (!masked.length) return 0;
  await warehouse.run(`
    CREATE OR REPLACE TEMP TABLE calc_masques (id_indicateur VARCHAR, niveau VARCHAR, code_geo VARCHAR, masque VARCHAR);
    INSERT INTO calc_masques VALUES ${masked.join(", ")};
    UPDATE indicateurs i SET statut = 'secret', valeur = NULL, numerateur = NULL, ecart_departement = NULL, rang_epci = NULL,
      motif = CASE m.masque WHEN 'primaire' THEN ${sqlString(MOTIF_SECRET_PRIMAIRE)} ELSE ${sqlString(MOTIF_SECRET_SECONDAIRE)} END
    FROM calc_masques m WHERE i.id_indicateur = m.id_indicateur AND i.niveau = m.niveau AND i.code_geo = m.code_geo;
    -- A gap to a masked département would give its value back.
    UPDATE indicateurs SET ecart_departement = NULL
    WHERE id_indicateur IN (SELECT id_indicateur FROM calc_masques WHERE niveau = 'departement');
    UPDATE indicateurs i SET rang_epci = r.rang
    FROM (SELECT id_indicateur, code_geo, rank() OVER (PARTITION BY id_indicateur ORDER BY valeur DESC) AS rang
          FROM indicateurs WHERE niveau = 'epci' AND rattachement = 'territoire' AND statut = 'ok'
            AND id_indicateur IN (SELECT DISTINCT id_indicateur FROM calc_masques)) r
    WHERE i.id_indicateur = r.id_indicateur AND i.niveau = 'epci' AND i.code_geo = r.code_geo;
  `);
  return masked.length;
}
