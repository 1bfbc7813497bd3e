// `observatoire etat`: what the warehouse holds, for a person or (--json) for a script.
import type { Command } from "commander";
import { z } from "zod";
import path from "node:path";
import { describeLocation, UsageError } from "../../pipelines/core/errors.ts";
import { MANIFEST_NAME, readManifest, type ManifestRecord } from "../../pipelines/download/manifest.ts";
import { formatDateHeure, formatEntier, libelleNiveau } from "../../pipelines/core/format-fr.ts";
import { openExistingWarehouse } from "../../pipelines/core/atomic-build.ts";
import { readVariableLabels } from "../../pipelines/exports/variable-labels.ts";
import { readInventory, type Inventory } from "../../pipelines/ingest/inventory.ts";
import type { Warehouse } from "../../pipelines/core/warehouse.ts";
import { parseOptions, sortieOption, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";
import { alignColumns } from "../table.ts";

const etatOptionsSchema = z.object({
  sortie: sortieOption,
  json: z.boolean().default(false),
  /** true: every loaded variable; a text: those whose code or label contains it. */
  variables: z.union([z.boolean(), z.string()]).optional(),
});

export function registerEtat(program: Command): void {
  program
    .command("etat")
    .description("affiche le contenu de l'entrepôt : sources, millésimes, lignes, rejets, dernière exécution")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("--json", "sortie JSON pour les scripts")
    .option("--variables [filtre]", "liste les variables chargées avec leur libellé Insee (celles dont le code ou le libellé contient le filtre)")
    .action(async (raw, command: Command) => {
      const options = parseOptions(etatOptionsSchema, raw);
      const reporter = new Reporter(verbosityOf(command.optsWithGlobals()));
      const warehouse = await openExistingWarehouse(options.sortie);
      if (!warehouse) {
        throw new UsageError(`aucun entrepôt dans ${options.sortie}.`, "Lancez d'abord « observatoire importer --donnees <dossier> » ou « npm start ».");
      }
      try {
        if (options.variables !== undefined) {
          const variables = await readLoadedVariables(warehouse, typeof options.variables === "string" ? options.variables : "");
          reporter.result(options.json ? JSON.stringify(variables, null, 2) : describeVariables(variables));
          return;
        }
        const inventory = await readInventory(warehouse);
        const telechargements = await readDownloads(warehouse);
        reporter.result(options.json ? JSON.stringify({ ...inventory, telechargements }, null, 2) : [describeInventory(inventory), ...describeDownloads(telechargements)].join("\n"));
      } finally {
        warehouse.close();
      }
    });
}

function describeInventory(inventory: Inventory): string {
  const lines: string[] = [`Entrepôt : ${inventory.entrepot}`];
  if (inventory.demo) lines.push("⚠ Données de démonstration : ces chiffres ne sont pas des statistiques officielles.");
  if (inventory.territoire) {
    const t = inventory.territoire;
    lines.push(`Territoire : ${t.libelle} (${t.code_departement}), région ${t.libelle_region} — géographie COG ${t.geo_annee}`);
  }
  if (inventory.derniere_execution) {
    const run = inventory.derniere_execution;
    lines.push(`Dernière exécution : « ${run.commande} » du ${formatDateHeure(new Date(run.debut))}`);
  }
  lines.push("", "Sources chargées :");
  const table = inventory.sources.map((source) => [
    source.source_id, source.niveau ? libelleNiveau(source.niveau) : "—", source.millesimes_lignes?.join("–") ?? String(source.millesime ?? "?"), source.geo_annees_lignes?.join("–") ?? String(source.geo_annee ?? "—"),
    formatEntier(source.lignes_lues), formatEntier(source.lignes_chargees), formatEntier(source.lignes_rejetees),
  ]);
  lines.push(...alignColumns([["source", "niveau", "millésime", "géographie", "lues", "chargées", "rejetées"], ...table], [4, 5, 6]));
  if (inventory.perimetres.length) {
    lines.push("", `Périmètres d'étude (${inventory.perimetres.length}) :`);
    lines.push(...alignColumns([
      ["code", "libellé", "communes", "fichier"],
      ...inventory.perimetres.map((item) => [item.perimetre, item.libelle, formatEntier(item.communes), item.chemin]),
    ], [2]).map((line) => `  ${line}`));
  }
  if (inventory.rejets_total) {
    lines.push("", `Lignes rejetées (${formatEntier(inventory.rejets_total)} problème(s)${inventory.rejets_total > inventory.rejets.length ? `, ${inventory.rejets.length} premiers` : ""}) :`);
    for (const rejet of inventory.rejets) {
      lines.push(`  ${rejet.chemin}, ligne ${rejet.ligne}${rejet.colonne ? `, colonne ${rejet.colonne}` : ""}${rejet.valeur ? ` (« ${rejet.valeur} »)` : ""} : ${rejet.motif}`);
    }
  }
  if (inventory.refuses.length) {
    lines.push("", "Fichiers refusés lors de la dernière exécution (rien n'en est chargé) :");
    for (const refused of inventory.refuses) {
      lines.push(`  refusé   ${describeLocation({ fichier: refused.chemin, ligne: refused.ligne ?? undefined, colonne: refused.colonne ?? undefined })} : ${refused.motif}`);
    }
  }
  if (inventory.remplacements_partiels.length) {
    lines.push("", "Fichiers en partie remplacés (un fichier plus récent publie à nouveau certaines de leurs valeurs) :");
    for (const item of inventory.remplacements_partiels) {
      lines.push(`  ${item.chemin} : ${formatEntier(item.lignes)} valeur(s) remplacée(s) par ${item.remplace_par}`);
    }
  }
  if (inventory.ignores.length) {
    lines.push("", "Fichiers ignorés lors de la dernière exécution :");
    for (const ignored of inventory.ignores) lines.push(`  ${ignored.chemin} : ${ignored.motif}`);
  }
  return lines.join("\n");
}

interface FolderDownloads {
  manifeste: string;
  /** Null when the manifest cannot be read. */
  fichiers: ManifestRecord[] | null;
}

/**
 * What `telecharger` recorded in the data folders of the last import (their telechargements.json), so that a figure
 * can be traced to the file, URL and date it came from. Folders are as the import was given them, relative to the
 * folder `etat` runs in.
 */
async function readDownloads(warehouse: Warehouse): Promise<FolderDownloads[]> {
  const run = await warehouse.one<{ dossiers: string[] }>("SELECT dossiers FROM executions ORDER BY execution_id DESC LIMIT 1");
  return (run?.dossiers ?? []).flatMap((dossier) => {
    const manifest = readManifest(dossier);
    if (manifest === undefined) return [];
    return [{ manifeste: path.join(dossier, MANIFEST_NAME), fichiers: manifest === "illisible" ? null : manifest.fichiers }];
  });
}

function describeDownloads(downloads: FolderDownloads[]): string[] {
  return downloads.flatMap(({ manifeste, fichiers }) => {
    if (!fichiers) return ["", `Téléchargements : ${manifeste} est illisible.`];
    const rows = fichiers.map((record) => [record.source, record.fichier, formatDateHeure(new Date(record.date)), formatEntier(record.taille), record.sha256.slice(0, 16)]);
    return ["", `Téléchargements (${manifeste}, « observatoire telecharger ») :`, ...alignColumns([["source", "fichier", "reçu le", "octets", "SHA-256 (début)"], ...rows], [3])];
  });
}

interface LoadedVariable {
  variable: string;
  libelle: string | null;
  sources: string;
}

/** The variables of the data files in use, with INSEE's long label when a loaded dictionary gives it. */
async function readLoadedVariables(warehouse: Warehouse, filtre: string): Promise<LoadedVariable[]> {
  const labels = await readVariableLabels(warehouse);
  const rows = await warehouse.all<{ variable: string; racine: string; sources: string }>(`
    SELECT v.variable, any_value(v.racine) AS racine, string_agg(DISTINCT v.source_id, ', ' ORDER BY v.source_id) AS sources
    FROM variables_fichier v JOIN journal_import j USING (fichier_id) WHERE j.remplace_par IS NULL
    GROUP BY v.variable ORDER BY v.variable`);
  const wanted = filtre.toLowerCase();
  return rows
    .map(({ variable, racine, sources }) => ({ variable, libelle: labels.parVariable.get(variable) ?? labels.parRacine.get(racine) ?? null, sources }))
    .filter((row) => !wanted || `${row.variable} ${row.libelle ?? ""}`.toLowerCase().includes(wanted));
}

function describeVariables(variables: LoadedVariable[]): string {
  if (!variables.length) return "Aucune variable chargée ne correspond.";
  const described = variables.filter((row) => row.libelle).length;
  return [
    `${formatEntier(variables.length)} variable(s), dont ${formatEntier(described)} décrite(s) par un dictionnaire de l'Insee chargé (fichiers meta_…) :`,
    ...alignColumns([["variable", "libellé", "source"], ...variables.map((row) => [row.variable, row.libelle ?? "—", row.sources])]),
  ].join("\n");
}
