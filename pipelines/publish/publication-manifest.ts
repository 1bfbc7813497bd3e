// The list of what a built site holds (portraits, commune sheets), written beside its pages: the PDF step prints
// exactly the site that was swapped in, not whatever the staging area holds after a failed build.
import fs from "node:fs";
import path from "node:path";

export const MANIFEST_FILE = "publication.json";

export interface PublicationManifest {
  genere_le: string;
  demo: boolean;
  territoire: { code_departement: string; libelle: string };
  epcis: { code: string; libelle: string; rattachement: "territoire" | "limitrophe" }[];
  communes: { code: string; libelle: string; code_epci: string | null }[];
  /** Perimeters drawn by the GIP (absent from manifests written before them). */
  perimetres?: { code: string; libelle: string }[];
}

export function writeManifest(siteDir: string, manifest: PublicationManifest): void {
  fs.writeFileSync(path.join(siteDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
}

export function readManifest(siteDir: string): PublicationManifest | undefined {
  const file = path.join(siteDir, MANIFEST_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as PublicationManifest) : undefined;
}
