// What the warehouse holds: sources, millésimes, geography years, row counts, rejects and the last run.
import type { Warehouse } from "../core/warehouse.ts";

export type InventorySource = {
  source_id: string;
  niveau: string | null;
  millesime: number | null;
  /** Series files (CAF) carry a millésime and a geography per row: their first and last, when the file names none. */
  millesimes_lignes: [number, number] | null;
  geo_annee: number | null;
  geo_annees_lignes: [number, number] | null;
  fichiers: number;
  lignes_lues: number;
  lignes_chargees: number;
  lignes_rejetees: number;
  demo: boolean;
  chemins: string[];
};

export interface Inventory {
  entrepot: string;
  territoire: { code_departement: string; libelle: string; code_region: string; libelle_region: string; geo_annee: number } | null;
  derniere_execution: { execution_id: number; commande: string; debut: string; fin: string | null; fichiers_charges: number | null } | null;
  sources: InventorySource[];
  rejets: { chemin: string; ligne: number; colonne: string | null; valeur: string | null; motif: string }[];
  rejets_total: number;
  ignores: { chemin: string; motif: string }[];
  /** Files of a known source refused by the last run, as located as the message the officer saw. */
  refuses: { chemin: string; ligne: number | null; colonne: string | null; motif: string }[];
  /** Files still in use of which a later file replaced some values. */
  remplacements_partiels: { chemin: string; remplace_par: string; lignes: number }[];
  /** The perimeters drawn by the GIP (table perimetres): code, label, communes, the file defining them. */
  perimetres: { perimetre: string; libelle: string; communes: number; chemin: string }[];
  demo: boolean;
}

/** Whether any file in use is demo data: every page, export and summary then says so. */
export async function usesDemoData(warehouse: Warehouse): Promise<boolean> {
  return (await warehouse.one<{ demo: boolean }>("SELECT coalesce(bool_or(demo), false) AS demo FROM journal_import WHERE remplace_par IS NULL"))!.demo;
}

export async function readInventory(warehouse: Warehouse, maxRejets = 50): Promise<Inventory> {
  const sources = await warehouse.all<InventorySource>(`
    SELECT source_id, niveau, millesime,
           CASE WHEN millesime IS NULL AND min(s.premier) IS NOT NULL THEN [min(s.premier), max(s.dernier)] END AS millesimes_lignes,
           geo_annee,
           CASE WHEN geo_annee IS NULL AND min(s.geo_premiere) IS NOT NULL THEN [min(s.geo_premiere), max(s.geo_derniere)] END AS geo_annees_lignes,
           count(*)::INTEGER AS fichiers,
           sum(lignes_lues)::INTEGER AS lignes_lues, sum(lignes_chargees)::INTEGER AS lignes_chargees,
           sum(lignes_rejetees)::INTEGER AS lignes_rejetees, bool_or(demo) AS demo,
           list(dossier || '/' || chemin ORDER BY chemin) AS chemins
    FROM journal_import
    LEFT JOIN (
      SELECT fichier_id, min(millesime) AS premier, max(millesime) AS dernier, min(geo_annee) AS geo_premiere, max(geo_annee) AS geo_derniere
      FROM valeurs_cellules GROUP BY fichier_id
    ) s USING (fichier_id)
    WHERE remplace_par IS NULL
    GROUP BY source_id, niveau, millesime, geo_annee ORDER BY source_id, niveau, millesime`);
  const territoire = (await warehouse.tableExists("geo_territoire"))
    ? ((await warehouse.one<NonNullable<Inventory["territoire"]>>("SELECT * FROM geo_territoire")) ?? null)
    : null;
  const derniere = await warehouse.one<NonNullable<Inventory["derniere_execution"]>>(`
    SELECT execution_id, commande, strftime(debut, '%Y-%m-%dT%H:%M:%S') AS debut, strftime(fin, '%Y-%m-%dT%H:%M:%S') AS fin, fichiers_charges
    FROM executions ORDER BY execution_id DESC LIMIT 1`);
  const rejets = await warehouse.all<Inventory["rejets"][number]>(`
    SELECT r.chemin, r.ligne, r.colonne, r.valeur, r.motif FROM rejets r
    JOIN journal_import j USING (fichier_id) WHERE j.remplace_par IS NULL ORDER BY r.fichier_id, r.ligne LIMIT ${maxRejets}`);
  const total = await warehouse.one<{ n: number }>(
    "SELECT count(*)::INTEGER AS n FROM rejets r JOIN journal_import j USING (fichier_id) WHERE j.remplace_par IS NULL",
  );
  const ignores = derniere
    ? await warehouse.all<Inventory["ignores"][number]>(
        "SELECT dossier || '/' || chemin AS chemin, motif FROM fichiers_ignores WHERE execution_id = ? ORDER BY chemin",
        [derniere.execution_id],
      )
    : [];
  const refuses = derniere && (await warehouse.tableExists("fichiers_refuses"))
    ? await warehouse.all<Inventory["refuses"][number]>(
        "SELECT dossier || '/' || chemin AS chemin, ligne, colonne, motif FROM fichiers_refuses WHERE execution_id = ? ORDER BY chemin",
        [derniere.execution_id],
      )
    : [];
  const remplacements = (await warehouse.tableExists("remplacements_partiels"))
    ? await warehouse.all<Inventory["remplacements_partiels"][number]>(`
        SELECT a.dossier || '/' || a.chemin AS chemin, n.dossier || '/' || n.chemin AS remplace_par, r.lignes::INTEGER AS lignes
        FROM remplacements_partiels r JOIN journal_import a ON a.fichier_id = r.fichier_id JOIN journal_import n ON n.fichier_id = r.remplace_par
        WHERE a.remplace_par IS NULL ORDER BY chemin, remplace_par`)
    : [];
  const perimetres = (await warehouse.tableExists("perimetres"))
    ? await warehouse.all<Inventory["perimetres"][number]>(`
        SELECT p.perimetre, any_value(p.libelle) AS libelle, count(*)::INTEGER AS communes, any_value(j.dossier || '/' || j.chemin) AS chemin
        FROM perimetres p JOIN journal_import j USING (fichier_id) GROUP BY p.perimetre ORDER BY p.perimetre`)
    : [];
  return {
    entrepot: warehouse.path,
    territoire,
    derniere_execution: derniere ?? null,
    sources,
    rejets,
    rejets_total: total?.n ?? 0,
    ignores,
    refuses,
    remplacements_partiels: remplacements,
    perimetres,
    demo: sources.some((source) => source.demo),
  };
}
