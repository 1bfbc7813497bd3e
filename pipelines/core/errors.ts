// Typed errors: every data problem names its file, line and column, in French, with a suggestion.

export interface DataLocation {
  fichier?: string;
  ligne?: number;
  colonne?: string;
}

/** A problem in the user's input data: the run stops with exit code 1. */
export class DataError extends Error {
  constructor(
    message: string,
    readonly location: DataLocation = {},
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = "DataError";
  }

  /** The full French message, location first, as printed by the CLI. */
  describe(): string {
    const where = describeLocation(this.location);
    const text = where ? `${where} : ${this.message}` : this.message;
    return this.suggestion ? `${text}\n  → ${this.suggestion}` : text;
  }
}

/** A wrong command-line usage: exit code 2. */
export class UsageError extends Error {
  constructor(message: string, readonly suggestion?: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function describeLocation({ fichier, ligne, colonne }: DataLocation): string {
  const parts: string[] = [];
  if (fichier) parts.push(fichier);
  if (ligne !== undefined) parts.push(`ligne ${ligne}`);
  if (colonne) parts.push(`colonne ${colonne}`);
  return parts.join(", ");
}

/**
 * The run finished and committed what it could, but some files were refused (each already reported with its location):
 * exit code 3, so that scripts notice.
 */
export class PartialRunError extends Error {
  constructor(readonly refuses: number) {
    super(`${refuses} fichier(s) refusé(s)`);
    this.name = "PartialRunError";
  }
}

/**
 * Some downloads failed (each already reported with its URL and reason) while the others were still attempted:
 * exit code 1, so that scripts notice.
 */
export class FailedDownloadsError extends Error {
  constructor(
    readonly echecs: number,
    readonly total: number,
  ) {
    super(`${echecs} téléchargement(s) en échec sur ${total}`);
    this.name = "FailedDownloadsError";
  }
}
