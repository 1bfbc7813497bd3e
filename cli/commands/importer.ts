// `observatoire importer`: loads every known source file under the data folders into the warehouse.
import path from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { PartialRunError, UsageError } from "../../pipelines/core/errors.ts";
import { importFiles, type FileReport, type ImportReport } from "../../pipelines/ingest/import-files.ts";
import { lireSel } from "../../pipelines/ingest/pseudonymise.ts";
import { formatDuree, formatEntier } from "../../pipelines/core/format-fr.ts";
import { PROJECT_ROOT, warehousePath } from "../../pipelines/core/paths.ts";
import { withWarehouseBuild } from "../../pipelines/core/atomic-build.ts";
import { collect, donneesOption, parseOptions, sortieOption, territoireOption, verbosityOf } from "../options.ts";
import { locked } from "../locked.ts";
import { Reporter } from "../output.ts";

export const importOptionsSchema = z.object({
  donnees: donneesOption,
  sortie: sortieOption,
  territoire: territoireOption.default("32"),
  /** Activity logs: identifying columns replaced by a salted hash instead of refused. */
  pseudonymiser: z.boolean().default(false),
  sel: z.string().min(1).optional(),
});

export type ImportCommandOptions = z.infer<typeof importOptionsSchema>;

export function registerImporter(program: Command): void {
  program
    .command("importer")
    .description("charge dans l'entrepôt tous les fichiers sources reconnus des dossiers de données")
    .requiredOption("-d, --donnees <dossier>", "dossier de données (répétable : le dernier l'emporte)", collect)
    .option("-s, --sortie <dossier>", "dossier de sortie (défaut : sortie)")
    .option("-t, --territoire <code>", "code du département étudié (défaut : 32)")
    .option("--pseudonymiser", "journaux d'activité : remplace les colonnes identifiantes (nom, téléphone, courriel…) par une empreinte salée au lieu de refuser le fichier")
    .option("--sel <fichier>", "fichier du sel de --pseudonymiser, hors du projet (défaut : variable OBSERVATOIRE_SEL)")
    .action(async (raw, command: Command) => {
      const reporter = new Reporter(verbosityOf(command.optsWithGlobals()));
      const report = await runImport(parseOptions(importOptionsSchema, raw), reporter, "importer");
      if (report.refuses.length) throw new PartialRunError(report.refuses.length);
    });
}

export async function runImport(options: ImportCommandOptions, reporter: Reporter, commande: string): Promise<ImportReport> {
  return locked(options.sortie, "importer", reporter, async () => {
    if (options.sel && !options.pseudonymiser) throw new UsageError("--sel n'a d'effet qu'avec --pseudonymiser.");
    const pseudonymisation = options.pseudonymiser ? lireSel({ fichier: options.sel, projet: PROJECT_ROOT }) : undefined;
    reporter.info(`Import des données de ${options.donnees.join(", ")} (territoire ${options.territoire})…`);
    if (pseudonymisation) reporter.info("  Pseudonymisation : les colonnes identifiantes des journaux d'activité sont remplacées par une empreinte salée.");
    const report = await withWarehouseBuild(options.sortie, (warehouse) =>
      importFiles(warehouse, {
        dossiers: options.donnees,
        territoire: options.territoire,
        commande,
        pseudonymisation,
        onFichier: (file) => reporter.info(describeFile(file)),
        onIgnore: (ignored) => reporter.info(`  ignoré   ${path.join(ignored.dossier, ignored.chemin)} : ${ignored.motif}`),
        // Located like any data error; the file is left out and the others go on.
        onRefus: (refused) => reporter.error(`fichier refusé : ${refused.erreur.describe()}`),
        onAvertissement: (message) => reporter.warn(message),
      }),
    );
    const { territoire, fichiers } = report;
    const loaded = fichiers.filter((file) => file.etat === "charge");
    const rejected = fichiers.reduce((total, file) => total + file.lignesRejetees, 0);
    reporter.success(
      `${territoire.libelle} (${territoire.code}) : ${territoire.communes} communes, ${territoire.epcis} EPCI, ${territoire.epcisLimitrophes} EPCI limitrophes, COG ${territoire.geoAnnee}.`,
    );
    const summary = `${loaded.length} fichier(s) chargé(s), ${fichiers.length - loaded.length} déjà chargé(s), ${report.refuses.length} refusé(s), ${report.ignores.length} ignoré(s)` +
      `${rejected ? `, ${formatEntier(rejected)} ligne(s) rejetée(s) (voir « observatoire etat »)` : ""}. Entrepôt : ${warehousePath(options.sortie)}`;
    if (report.refuses.length) reporter.warn(summary);
    else reporter.success(summary);
    if (!fichiers.length && !report.refuses.length) {
      reporter.warn(
        `aucun fichier de données reconnu dans ${options.donnees.join(", ")} : l'entrepôt ne contient que la géographie. ` +
          "Déposez les fichiers officiels tels quels (voir le tableau « Travailler sur les vraies données » du README).",
      );
    }
    if (fichiers.some((file) => file.demo)) reporter.warn("Données de démonstration : ces chiffres ne sont pas des statistiques officielles.");
    return report;
  });
}


function describeFile(file: FileReport): string {
  const what = [file.libelle, file.niveau && file.niveau !== "commune" ? `niveau ${file.niveau}` : undefined]
    .filter(Boolean)
    .join(", ");
  const vintage = file.millesimesLignes
    ? `millésimes ${file.millesimesLignes[0]} à ${file.millesimesLignes[1]}`
    : `millésime ${file.millesime ?? "inconnu"}`;
  const when = `${vintage}, géographie ${file.geoAnnee ?? "—"}`;
  const counts = `${formatEntier(file.lignesLues)} lues / ${formatEntier(file.lignesChargees)} chargées / ${formatEntier(file.lignesRejetees)} rejetées`;
  const state = file.etat === "deja_charge" ? "déjà chargé" : formatDuree(file.dureeMs);
  return `  ${file.etat === "charge" ? "chargé  " : "inchangé"} ${path.join(file.dossier, file.chemin)}\n           ${what} · ${when} · ${counts} · ${state}`;
}
