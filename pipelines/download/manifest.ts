// The manifest `telechargements.json` in the data folder: what each downloaded file is, where and when it came from,
// and its SHA-256, so that anyone can check later that a file is the one fetched. The importer skips it.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export const MANIFEST_NAME = "telechargements.json";

const recordSchema = z.object({
  source: z.string(),
  /** Path under the data folder. */
  fichier: z.string(),
  /** The URL asked for (after {dep} and resolution). */
  url: z.string(),
  /** Where the file was finally served from, when a redirect led elsewhere. */
  urlFinale: z.string().optional(),
  /** When the file was received (ISO 8601). */
  date: z.string(),
  /** When the server last confirmed the file had not changed (304), if it did. */
  verifieLe: z.string().optional(),
  taille: z.number().int().nonnegative(),
  sha256: z.string(),
  statutHttp: z.number().int(),
  etag: z.string().optional(),
  derniereModification: z.string().optional(),
});
export type ManifestRecord = z.infer<typeof recordSchema>;

const manifestSchema = z.object({ description: z.string(), fichiers: z.array(recordSchema) });
export type Manifest = z.infer<typeof manifestSchema>;

const DESCRIPTION = "Fichiers téléchargés par « observatoire telecharger » : source du catalogue, adresse, date, taille et SHA-256 (docs/telechargement.md).";

export function emptyManifest(): Manifest {
  return { description: DESCRIPTION, fichiers: [] };
}

/** The folder's manifest; undefined when there is none, "illisible" when it cannot be read as one. */
export function readManifest(dossier: string): Manifest | "illisible" | undefined {
  const file = path.join(dossier, MANIFEST_NAME);
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    return parsed.success ? parsed.data : "illisible";
  } catch {
    return "illisible";
  }
}

/** One record per source: a new download of a source replaces its record. */
export function upsert(manifest: Manifest, record: ManifestRecord): Manifest {
  const fichiers = manifest.fichiers.filter((existing) => existing.source !== record.source);
  fichiers.push(record);
  fichiers.sort((a, b) => a.source.localeCompare(b.source));
  return { ...manifest, fichiers };
}

/** Written beside and renamed, so that an interruption never leaves half a manifest. */
export function writeManifest(dossier: string, manifest: Manifest): void {
  const file = path.join(dossier, MANIFEST_NAME);
  const temporary = path.join(dossier, `.${MANIFEST_NAME}.tmp`);
  fs.writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(temporary, file);
}
