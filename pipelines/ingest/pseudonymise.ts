// The salt of --pseudonymiser: without it a hash of a name or a phone number could be recomputed by anyone,
// so it lives outside the project (an environment variable, or a file the officer keeps elsewhere).
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../core/errors.ts";
import { sqlString } from "../core/warehouse.ts";

export const VARIABLE_SEL = "OBSERVATOIRE_SEL";
const LONGUEUR_MINIMALE = 16;

export interface Pseudonymisation {
  sel: string;
}

/** The salt from --sel FILE, else from OBSERVATOIRE_SEL; refused when short or kept inside the project. */
export function lireSel(options: { fichier?: string; projet: string; env?: NodeJS.ProcessEnv }): Pseudonymisation {
  const env = options.env ?? process.env;
  let sel: string | undefined;
  if (options.fichier) {
    const fichier = path.resolve(options.fichier);
    const relative = path.relative(path.resolve(options.projet), fichier);
    if (!relative.startsWith("..") && !path.isAbsolute(relative)) {
      throw new UsageError(
        `--sel : le fichier du sel (${options.fichier}) est dans le dossier du projet.`,
        "Rangez-le hors du projet (il ne doit jamais être versionné ni copié avec les données), par exemple dans votre dossier personnel.",
      );
    }
    if (!fs.existsSync(fichier)) throw new UsageError(`--sel : fichier introuvable : ${options.fichier}.`);
    sel = fs.readFileSync(fichier, "utf8").trim();
  } else {
    sel = env[VARIABLE_SEL]?.trim();
  }
  if (!sel) {
    throw new UsageError(
      `--pseudonymiser demande un sel secret : définissez la variable d'environnement ${VARIABLE_SEL} ou indiquez un fichier avec --sel.`,
      `Le même sel doit servir d'une année à l'autre pour qu'une même personne garde le même pseudonyme ; conservez-le hors du projet.`,
    );
  }
  if (sel.length < LONGUEUR_MINIMALE) throw new UsageError(`le sel doit compter au moins ${LONGUEUR_MINIMALE} caractères (il en compte ${sel.length}).`);
  return { sel };
}

/** A salted SHA-256 of the values, in DuckDB: "PS-" and 16 hexadecimal digits. */
export function sqlEmpreinte(pseudonymisation: Pseudonymisation, valeurs: string[]): string {
  return `'PS-' || left(sha256(${sqlString(pseudonymisation.sel)} || '|' || concat_ws('|', ${valeurs.join(", ")})), 16)`;
}
