// `observatoire telecharger`: fetches the official files of the catalogue (sources/telechargements.json) into the data
// folder, named as their producer names them, so that `importer` and `pipeline` read them without any manual step.
import path from "node:path";
import { Option, type Command } from "commander";
import { z } from "zod";
import { FailedDownloadsError } from "../../pipelines/core/errors.ts";
import { cataloguePath, fillUrl, loadCatalogue, type CatalogueEntry } from "../../pipelines/download/catalogue.ts";
import { DEFAULT_SETTINGS } from "../../pipelines/download/http.ts";
import { MANIFEST_NAME } from "../../pipelines/download/manifest.ts";
import { progressModeFor } from "../../pipelines/download/progress.ts";
import { runDownloads, selectSources, type SourceResult } from "../../pipelines/download/run-downloads.ts";
import { parseOptions, territoireOption, verbosityOf } from "../options.ts";
import { Reporter } from "../output.ts";
import { alignColumns } from "../table.ts";

export const DEFAULT_DOWNLOAD_DIR = path.join("data", "reel");

const telechargerOptionsSchema = z.object({
  territoire: territoireOption.default("32"),
  donnees: z.string().min(1).default(DEFAULT_DOWNLOAD_DIR),
  liste: z.boolean().default(false),
  sources: z
    .string()
    .transform((text) => text.split(",").map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(z.string()).min(1, "indiquez au moins un identifiant de source (voir --liste)"))
    .optional(),
  /** Tests only: lets the catalogue point at http://127.0.0.1 (docs/telechargement.md). */
  autoriserHttpLocal: z.boolean().default(false),
});

export function registerTelecharger(program: Command): void {
  program
    .command("telecharger")
    .description("télécharge les fichiers officiels lus par l'observatoire (catalogue sources/telechargements.json) dans le dossier de données")
    .option("-t, --territoire <code>", "code du département étudié, pour les fichiers publiés par département (défaut : 32)")
    .option("-d, --donnees <dossier>", `dossier où écrire les fichiers (défaut : ${DEFAULT_DOWNLOAD_DIR})`)
    .option("-l, --liste", "affiche ce qui serait téléchargé, sans aucun accès au réseau")
    .option("--sources <ids>", "seulement ces sources du catalogue, séparées par des virgules (voir --liste)")
    .addOption(new Option("--autoriser-http-local", "réservé aux tests : admet http://127.0.0.1 dans le catalogue").hideHelp())
    .action(async (raw, command: Command) => {
      const options = parseOptions(telechargerOptionsSchema, raw);
      const globals = command.optsWithGlobals();
      const reporter = new Reporter(verbosityOf(globals));
      const catalogue = loadCatalogue(cataloguePath(), { allowLoopbackHttp: options.autoriserHttpLocal });
      const sources = selectSources(catalogue, options.sources);
      if (options.liste) {
        reporter.result(describeCatalogue(sources, options.territoire, options.donnees, path.relative(process.cwd(), catalogue.chemin)));
        return;
      }
      reporter.info(`Téléchargement de ${sources.length} source(s) vers ${options.donnees} (territoire ${options.territoire})…`);
      const results = await runDownloads(
        {
          donnees: options.donnees,
          territoire: options.territoire,
          sources,
          settings: { ...DEFAULT_SETTINGS, allowLoopbackHttp: options.autoriserHttpLocal },
          progress: { stream: process.stderr, mode: progressModeFor(process.stderr, Boolean(globals.quiet)) },
        },
        reporter,
      );
      summarise(results, options.donnees, reporter);
      const failures = results.filter((result) => result.etat === "echec").length;
      if (failures) throw new FailedDownloadsError(failures, results.length);
    });
}

function summarise(results: SourceResult[], donnees: string, reporter: Reporter): void {
  const count = (etat: SourceResult["etat"]) => results.filter((result) => result.etat === etat).length;
  const text = `${count("telecharge")} fichier(s) téléchargé(s), ${count("inchange")} inchangé(s), ${count("echec")} en échec, dans ${donnees} (journal : ${path.join(donnees, MANIFEST_NAME)}).`;
  if (count("echec")) {
    reporter.warn(text);
    return;
  }
  reporter.success(text);
  reporter.info(`Étape suivante : npx observatoire pipeline --donnees ${donnees}`);
}

/** One line per source, read from the catalogue alone: nothing goes online. */
function describeCatalogue(sources: CatalogueEntry[], territoire: string, donnees: string, chemin: string): string {
  const annee = new Date().getFullYear();
  const rows = sources.map((entry) => {
    const fichier = entry.fichier
      .replaceAll("{dep}", territoire)
      .replaceAll("{annee}", String(annee))
      .replaceAll("{ressource}", `<la plus récente, ex. ${entry.resolution?.exemple ?? "?"}>`);
    const url = fillUrl(entry, { dep: territoire });
    return [entry.id, entry.producteur, entry.millesime, entry.confirme ? "confirmée" : "NON CONFIRMÉE", `${url}${entry.resolution ? " (API : le fichier est choisi parmi ses ressources)" : ""} → ${fichier}`];
  });
  const unconfirmed = sources.filter((entry) => !entry.confirme);
  return [
    `Catalogue ${chemin} : ${sources.length} source(s), à écrire dans ${donnees} (aucun accès au réseau pour cette liste).`,
    ...alignColumns([["source", "producteur", "millésime", "adresse", "URL https → fichier écrit"], ...rows]),
    unconfirmed.length
      ? `${unconfirmed.length} adresse(s) NON CONFIRMÉE(S) (${unconfirmed.map((entry) => entry.id).join(", ")}) : aucune preuve publique ne montre un téléchargement réussi de cette adresse exacte ; voir docs/telechargement.md.`
      : "Toutes les adresses sont confirmées par une preuve publique (docs/telechargement.md).",
  ].join("\n");
}
