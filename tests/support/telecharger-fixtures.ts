// What the download tests share: a catalogue entry, written and loaded as the real one is, distinct payloads, and a
// run of the downloads against the loopback server with short timeouts.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadCatalogue, type CatalogueEntry } from "../../pipelines/download/catalogue.ts";
import type { NetworkSettings } from "../../pipelines/download/http.ts";
import { readManifest, type Manifest } from "../../pipelines/download/manifest.ts";
import { runDownloads, type SourceResult } from "../../pipelines/download/run-downloads.ts";

export const FAST: NetworkSettings = { connectTimeoutMs: 2_000, readTimeoutMs: 400, attempts: 3, backoffMs: 10, maxRetryAfterMs: 50, allowLoopbackHttp: true };

export const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");
/** Bytes that no two tests share, large enough to be cut half-way. */
export const payload = (seed: string, size = 64 * 1024) => {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index++) bytes[index] = (index * 31 + seed.charCodeAt(index % seed.length)) % 251;
  return bytes;
};

export function entry(id: string, url: string, overrides: Partial<CatalogueEntry> = {}): CatalogueEntry {
  return {
    id, producteur: "Test", jeu: `Jeu ${id}`, page: "https://www.example.org/jeu", url, millesime: "2024", format: "csv", fichier: `${id}.csv`,
    membres: [], licence: "Licence Ouverte", taille: null, sha256: null, md5: null, parDepartement: false, filtreDepartement: null,
    preuve: ["test"], confirme: true, notes: null, ...overrides,
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `observatoire-${prefix}-`));
}

/** Written then loaded: the test catalogue goes through the same validation as the real one. */
export function writeCatalogue(dir: string, sources: CatalogueEntry[]): string {
  const file = path.join(dir, "catalogue.json");
  fs.writeFileSync(file, JSON.stringify({ description: "catalogue de test", sources }, null, 2));
  return file;
}

export interface Captured {
  results: SourceResult[];
  messages: string[];
  errors: string[];
  manifest: Manifest;
  donnees: string;
}

export async function download(sources: CatalogueEntry[], options: { donnees?: string; settings?: Partial<NetworkSettings>; env?: NodeJS.ProcessEnv } = {}): Promise<Captured> {
  const donnees = options.donnees ?? tempDir("donnees");
  const catalogue = loadCatalogue(writeCatalogue(tempDir("catalogue"), sources), { allowLoopbackHttp: true });
  const messages: string[] = [];
  const errors: string[] = [];
  const log = { info: (text: string) => messages.push(text), detail: (text: string) => messages.push(text), success: (text: string) => messages.push(text), warn: (text: string) => messages.push(text), error: (text: string) => errors.push(text) };
  const results = await runDownloads(
    {
      donnees, territoire: "32", sources: catalogue.sources, settings: { ...FAST, ...options.settings }, env: options.env ?? {},
      progress: { stream: { write: (text: string) => messages.push(text), isTTY: false }, mode: "lignes" },
    },
    log,
  );
  const manifest = readManifest(donnees);
  return { results, messages, errors, manifest: manifest && manifest !== "illisible" ? manifest : { description: "", fichiers: [] }, donnees };
}

