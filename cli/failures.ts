// Every way a command can fail, as the officer reads it: a French message, a suggestion, an exit code. Library and
// system errors (Node, DuckDB) are recognised by their code or their message and said in French; none of their
// English text nor any stack trace reaches the terminal (OBSERVATOIRE_DEBUG=1 prints them, for developers).
import { DataError, FailedDownloadsError, PartialRunError, UsageError } from "../pipelines/core/errors.ts";
import { formatDateHeure } from "../pipelines/core/format-fr.ts";
import { OutputBusyError } from "../pipelines/core/output-lock.ts";

export const EXIT = { succes: 0, donnees: 1, usage: 2, partiel: 3 } as const;

export interface Failure {
  lignes: string[];
  code: number;
}

/** Each step writes all or nothing: what failed is as before; the steps finished before it keep their work. */
const INTERRUPTED = "le traitement est interrompu ; ce que l'étape en cours devait écrire reste dans son état précédent, intact.";

const SUGGEST_DEBUG = "Si le problème persiste, relancez avec OBSERVATOIRE_DEBUG=1 et transmettez le détail affiché à l'équipe de l'observatoire.";

export function describeFailure(error: unknown): Failure {
  if (error instanceof PartialRunError) {
    return {
      code: EXIT.partiel,
      lignes: [`${error.refuses} fichier(s) refusé(s), listé(s) ci-dessus avec leur motif ; les autres fichiers sont chargés et le traitement est allé à son terme.`],
    };
  }
  if (error instanceof FailedDownloadsError) {
    return {
      code: EXIT.donnees,
      lignes: [
        `${error.echecs} téléchargement(s) sur ${error.total} en échec, listé(s) ci-dessus avec l'adresse et le motif ; les autres fichiers sont en place. ` +
          "Relancez la commande : les transferts interrompus reprennent où ils se sont arrêtés.",
      ],
    };
  }
  if (error instanceof UsageError) return { code: EXIT.usage, lignes: [withSuggestion(error.message, error.suggestion)] };
  if (error instanceof OutputBusyError) {
    const { owner } = error;
    return {
      code: EXIT.donnees,
      lignes: [withSuggestion(
        `le dossier de sortie ${error.sortie} est utilisé par une autre exécution : « observatoire ${owner.commande} », lancée le ${formatDateHeure(new Date(owner.debut))} ` +
          `(processus ${owner.pid}${owner.hote ? ` sur ${owner.hote}` : ""}).`,
        "Attendez qu'elle se termine, ou choisissez un autre dossier avec --sortie.",
      )],
    };
  }
  const dataErrors = error instanceof AggregateError ? error.errors : [error];
  if (dataErrors.length && dataErrors.every((item) => item instanceof DataError)) {
    return {
      code: EXIT.donnees,
      lignes: [...(dataErrors as DataError[]).map((item) => item.describe()), INTERRUPTED],
    };
  }
  const system = systemFailure(error);
  if (system) return { code: EXIT.donnees, lignes: [system, INTERRUPTED] };
  const database = databaseFailure(error);
  if (database) return { code: EXIT.donnees, lignes: [database, INTERRUPTED] };
  return { code: EXIT.donnees, lignes: [withSuggestion(`erreur inattendue : ${INTERRUPTED}`, SUGGEST_DEBUG)] };
}

const withSuggestion = (message: string, suggestion?: string) => (suggestion ? `${message}\n  → ${suggestion}` : message);

/** Node's file-system errors carry a code and the path at fault. */
function systemFailure(error: unknown): string | undefined {
  const failure = error as NodeJS.ErrnoException;
  const code = typeof failure?.code === "string" ? failure.code : undefined;
  if (!code || !/^E[A-Z]+$/.test(code)) return undefined;
  const where = failure.path ? ` : ${failure.path}` : "";
  const text = SYSTEM_FAILURES[code];
  return text ? withSuggestion(`${text[0]}${where}.`, text[1]) : withSuggestion(`erreur du système (${code})${where}.`, SUGGEST_DEBUG);
}

const SYSTEM_FAILURES: Record<string, [string, string]> = {
  ENOSPC: ["disque plein : plus de place pour écrire", "Libérez de la place sur le disque (ou choisissez un autre dossier avec --sortie), puis relancez."],
  EDQUOT: ["quota de disque atteint", "Libérez de la place dans votre espace, puis relancez."],
  EROFS: ["écriture impossible : le disque est en lecture seule", "Choisissez un dossier de sortie où vous pouvez écrire, avec --sortie."],
  EACCES: ["permission refusée", "Vérifiez les droits d'accès du fichier ou du dossier (ou choisissez un autre dossier avec --sortie)."],
  EPERM: ["opération non permise", "Vérifiez les droits d'accès du fichier ou du dossier."],
  ENOENT: ["fichier ou dossier introuvable", "Vérifiez le chemin indiqué."],
  EEXIST: ["un fichier existe déjà à cet endroit", "Choisissez un autre nom ou un autre dossier."],
  ENOTDIR: ["un élément du chemin n'est pas un dossier", "Vérifiez le chemin indiqué (--sortie, --donnees)."],
  EISDIR: ["un dossier se trouve là où un fichier est attendu", "Vérifiez le chemin indiqué."],
  EMFILE: ["trop de fichiers ouverts", "Relancez ; si cela se reproduit, augmentez la limite du système (ulimit -n)."],
  EIO: ["erreur de lecture ou d'écriture du disque", "Vérifiez le disque, puis relancez."],
  ENAMETOOLONG: ["nom de fichier trop long", "Raccourcissez le chemin du dossier."],
};

/** DuckDB states the kind of error first (« IO Error: », « Out of Memory Error: »…), then details in English. */
function databaseFailure(error: unknown): string | undefined {
  const message = (error as Error)?.message ?? "";
  const kind = message.match(/^([A-Za-z ]+) Error: /)?.[1];
  if (!kind) return undefined;
  if (/No space left on device/i.test(message)) return withSuggestion("disque plein : l'entrepôt ne peut plus grandir.", SYSTEM_FAILURES.ENOSPC![1]);
  if (/Read-only file system/i.test(message)) return withSuggestion("écriture impossible : le disque de l'entrepôt est en lecture seule.", SYSTEM_FAILURES.EROFS![1]);
  if (/Permission denied/i.test(message)) return withSuggestion("permission refusée sur un fichier de l'entrepôt.", SYSTEM_FAILURES.EACCES![1]);
  if (/Could not set lock/i.test(message)) {
    return withSuggestion("l'entrepôt est ouvert par un autre programme.", "Fermez l'autre programme (un outil qui consulte l'entrepôt DuckDB), puis relancez.");
  }
  if (kind === "Out of Memory") {
    return withSuggestion("mémoire insuffisante pour ce traitement.", "Fermez d'autres programmes, ou réglez la mémoire de la base avec la variable OBSERVATOIRE_MEMOIRE_DUCKDB (par exemple 2GB).");
  }
  if (kind === "Catalog") {
    return withSuggestion("l'entrepôt ne contient pas ce que cette commande attend.", "Relancez tout le traitement : « observatoire pipeline --donnees <dossier> ».");
  }
  return withSuggestion("erreur de la base de données.", SUGGEST_DEBUG);
}
