// `observatoire etat`: what the warehouse holds, for a person or (--json) for a script.
import type { Command } from "commander";
import { z } from "zod";
import { describeLocation, UsageError } from "../../pipelines/errors.ts";
import { formatDateHeure, formatEntier } from "../../pipelines/publish/format-fr.ts";
import { openExistingWarehouse } from "../../pipelines/warehouse/atomic-build.ts";
import { readInventory, type Inventory } from "../../pipelines/warehouse/inventory.ts";
import { parseOptions, sortieOption, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";
import { alignColumns } from "../table.ts";

const etatOptionsSchema = z.object({ sortie: sortieOption, json: z.boolean().default(false) });

export function registerEtat(program: Command): void {
  program
    .command("etat")
    .description("affiche le contenu de l'entrepôt : sources, millésimes, lignes, rejets, dernière exécution")
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("--json", "sortie JSON pour les scripts")
    .action(async (raw, command: Command) => {
      const options = parseOptions(etatOptionsSchema, raw);
      const reporter = new Reporter(verbosityOf(command.optsWithGlobals()));
      const warehouse = await openExistingWarehouse(options.sortie);
      if (!warehouse) {
        throw new UsageError(`aucun entrepôt dans ${options.sortie}.`, "Lancez d'abord « observatoire importer --donnees <dossier> » ou « npm start ».");
      }
      try {
        const inventory = await readInventory(warehouse);
        reporter.result(options.json ? JSON.stringify(inventory, null, 2) : describeInventory(inventory));
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
    source.source_id, source.niveau ?? "—", source.millesimes_lignes?.join("–") ?? String(source.millesime ?? "?"), source.geo_annees_lignes?.join("–") ?? String(source.geo_annee ?? "—"),
    formatEntier(source.lignes_lues), formatEntier(source.lignes_chargees), formatEntier(source.lignes_rejetees),
  ]);
  lines.push(...alignColumns([["source", "niveau", "millésime", "géographie", "lues", "chargées", "rejetées"], ...table], [4, 5, 6]));
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
