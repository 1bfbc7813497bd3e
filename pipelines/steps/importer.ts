// Step « importer »: every known file of the data folders into the raw layer, with the reference geography of the
// current COG. Files already loaded (same content) are not read again.
import path from "node:path";
import { formatDuree, formatEntier, libelleNiveau } from "../core/format-fr.ts";
import { warehousePath } from "../core/paths.ts";
import { table, TABLES } from "../core/tables.ts";
import { importFiles, type FileReport, type ImportReport } from "../ingest/import-files.ts";
import { sha256 } from "./fingerprint.ts";
import type { Step } from "./step.ts";

const RAW_TABLES = [
  TABLES.executions, TABLES.journalImport, TABLES.signaturesFichiers, TABLES.rejets, TABLES.fichiersIgnores, TABLES.fichiersRefuses, TABLES.remplacementsPartiels,
  TABLES.variablesFichier, TABLES.valeursCellules, TABLES.valeursBrutes, TABLES.inseeDictionnaire, TABLES.inseeCogCommune,
  TABLES.bpeEquipements, TABLES.lieuxServices, TABLES.contoursCommunes, TABLES.perimetres, TABLES.cleIdentifiants,
  TABLES.gipAppels, TABLES.gipInteractions, TABLES.gipCourtoisie, TABLES.gipColis, TABLES.gipCampingCar, TABLES.gipViolences, TABLES.gipSiteWeb,
  TABLES.geoRegion, TABLES.geoDepartement, TABLES.geoEpci, TABLES.geoEpciMembre, TABLES.geoCommune, TABLES.geoPassageCommune,
  TABLES.geoArrondissementMunicipal, TABLES.geoTerritoire, TABLES.cogPassage,
] as const;

export const importer: Step<ImportReport> = {
  id: "importer",
  libelle: "Import des fichiers sources",
  lit: ["donnees"],
  ecrit: RAW_TABLES.map(table),
  code: ["pipelines/ingest", "pipelines/geography", "pipelines/download/manifest.ts", "sources", "indicators", "pipelines/core"],
  entrepot: true,
  creeEntrepot: true,
  acquisition: true,
  // The salt is never stored, only whether there is one and a hash of it: another salt gives other pseudonyms.
  entrees: (options) => [options.territoire, ...(options.donnees ?? []), options.pseudonymisation ? sha256(options.pseudonymisation.sel) : "sans sel"].join("\n"),
  // Refused files are examined again at the next run, which says again why they are refused.
  enregistrable: (report) => report.refuses.length === 0,
  async run({ options, journal, entrepot, force }) {
    const donnees = options.donnees ?? [];
    journal.info(`Import des données de ${donnees.join(", ")} (territoire ${options.territoire})…`);
    if (options.pseudonymisation) journal.info("  Pseudonymisation : les colonnes identifiantes des journaux d'activité sont remplacées par une empreinte salée.");
    const report = await importFiles(await entrepot(), {
      dossiers: donnees,
      territoire: options.territoire ?? "32",
      commande: options.commande,
      pseudonymisation: options.pseudonymisation,
      relire: force,
      onFichier: (file) => journal.info(describeFile(file)),
      onIgnore: (ignored) => journal.info(`  ignoré   ${path.join(ignored.dossier, ignored.chemin)} : ${ignored.motif}`),
      // Located like any data error; the file is left out and the others go on.
      onRefus: (refused) => journal.error(`fichier refusé : ${refused.erreur.describe()}`),
      onAvertissement: (message) => journal.warn(message),
    });
    const { territoire, fichiers } = report;
    const loaded = fichiers.filter((file) => file.etat === "charge");
    const rejected = fichiers.reduce((total, file) => total + file.lignesRejetees, 0);
    journal.success(
      `${territoire.libelle} (${territoire.code}) : ${territoire.communes} communes, ${territoire.epcis} EPCI, ${territoire.epcisLimitrophes} EPCI limitrophes, COG ${territoire.geoAnnee}.`,
    );
    const summary = `${loaded.length} fichier(s) chargé(s), ${fichiers.length - loaded.length} déjà chargé(s), ${report.refuses.length} refusé(s), ${report.ignores.length} ignoré(s)` +
      `${rejected ? `, ${formatEntier(rejected)} ligne(s) rejetée(s) (voir « observatoire etat »)` : ""}. Entrepôt : ${warehousePath(options.sortie)}`;
    if (report.refuses.length) journal.warn(summary);
    else journal.success(summary);
    if (!fichiers.length && !report.refuses.length) {
      journal.warn(
        `aucun fichier de données reconnu dans ${donnees.join(", ")} : l'entrepôt ne contient que la géographie. ` +
          "Déposez les fichiers officiels tels quels (voir le tableau « Travailler sur les vraies données » du README).",
      );
    }
    if (fichiers.some((file) => file.demo)) journal.warn("Données de démonstration : ces chiffres ne sont pas des statistiques officielles.");
    return report;
  },
};

function describeFile(file: FileReport): string {
  const what = [file.libelle, file.niveau && file.niveau !== "commune" ? `niveau ${libelleNiveau(file.niveau)}` : undefined]
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
