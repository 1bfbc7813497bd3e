// What each published variable means, in INSEE's words: the long labels of the meta_ dictionaries loaded with the
// data (meta_dossier_complet, meta_base-cc-…, meta_cc_filosofi_…). Shown beside the codes in etat, the catalogue
// and the methodology page; a variable no loaded dictionary describes simply has no label.
import { parseVariable } from "../../sources/variable-names.ts";
import type { Warehouse } from "../core/warehouse.ts";

/** A label without its year (« … de 15 ans ou plus en 2021 » → « … de 15 ans ou plus »), to describe a root. */
const withoutYear = (label: string) => label.replace(/\s+en (?:19|20)\d{2}\b/g, "").replace(/\s+\((?:princ|compl)\)$/, "").trim();

export interface VariableLabels {
  /** By variable as published (P21_SAL15P): its label. */
  parVariable: Map<string, string>;
  /** By root (Pyy_SAL15P): the label of its latest vintage, without the year. */
  parRacine: Map<string, string>;
}

export async function readVariableLabels(warehouse: Warehouse): Promise<VariableLabels> {
  const rows = await warehouse.all<{ cod_var: string; libelle: string }>(`
    SELECT cod_var, arg_max(coalesce(lib_var_long, lib_var), fichier_id) AS libelle
    FROM insee_dictionnaire
    WHERE cod_mod IS NULL AND coalesce(lib_var_long, lib_var) IS NOT NULL
      AND fichier_id IN (SELECT fichier_id FROM journal_import WHERE remplace_par IS NULL)
    GROUP BY cod_var`);
  const parVariable = new Map(rows.map((row) => [row.cod_var, row.libelle]));
  const latest = new Map<string, { millesime: number; libelle: string }>();
  for (const { cod_var, libelle } of rows) {
    const { racine, millesime = 0 } = parseVariable(cod_var);
    if ((latest.get(racine)?.millesime ?? -1) < millesime) latest.set(racine, { millesime, libelle: withoutYear(libelle) });
  }
  return { parVariable, parRacine: new Map([...latest].map(([racine, { libelle }]) => [racine, libelle])) };
}
