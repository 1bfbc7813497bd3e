// Fetches the catalogue's sources one after the other into the data folder: a failure is reported with its URL and
// reason and the next source is still attempted; the manifest is rewritten after each file received.
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../core/errors.ts";
import { formatDateHeure, formatDuree } from "../core/format-fr.ts";
import { fillFichier, fillUrl, type Catalogue, type CatalogueEntry } from "./catalogue.ts";
import { fetchFile, sha256Of, type DownloadJob, type TransferListener } from "./fetch-file.ts";
import { createHttpClient, toFailure, type NetworkSettings } from "./http.ts";
import { emptyManifest, MANIFEST_NAME, readManifest, upsert, writeManifest, type Manifest } from "./manifest.ts";
import { FileProgress, formatDebit, formatOctets, type ProgressMode, type ProgressStream } from "./progress.ts";
import { resolve } from "./resolvers.ts";
import type { RetryEvent } from "./retry.ts";

/** What the run says, in French; the CLI's Reporter fits. */
export interface DownloadLog {
  info(text: string): void;
  detail(text: string): void;
  success(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

export interface DownloadRunOptions {
  donnees: string;
  territoire: string;
  sources: CatalogueEntry[];
  settings: NetworkSettings;
  /** Proxy variables are read from here. */
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  progress: { stream: ProgressStream; mode: ProgressMode; lineEveryMs?: number };
}

export interface SourceResult {
  id: string;
  url: string;
  fichier?: string;
  etat: "telecharge" | "inchange" | "echec";
  motif?: string;
  taille?: number;
  sha256?: string;
}

/** The entries named by --sources, in catalogue order; an unknown id is a usage error that lists the valid ones. */
export function selectSources(catalogue: Catalogue, ids: string[] | undefined): CatalogueEntry[] {
  if (!ids?.length) return catalogue.sources;
  const known = new Set(catalogue.sources.map((entry) => entry.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new UsageError(
      `source${unknown.length > 1 ? "s" : ""} inconnue${unknown.length > 1 ? "s" : ""} dans --sources : ${unknown.join(", ")}.`,
      `Sources du catalogue : ${[...known].join(", ")} (détail : « observatoire telecharger --liste »).`,
    );
  }
  return catalogue.sources.filter((entry) => ids.includes(entry.id));
}

export async function runDownloads(options: DownloadRunOptions, log: DownloadLog): Promise<SourceResult[]> {
  const now = options.now ?? (() => new Date());
  const client = createHttpClient(options.settings, options.env);
  fs.mkdirSync(options.donnees, { recursive: true });
  let manifest = loadManifest(options.donnees, log);
  const results: SourceResult[] = [];
  try {
    for (const entry of options.sources) {
      let url = fillUrl(entry, { dep: options.territoire });
      let progress: FileProgress | undefined;
      const say = (text: string) => {
        progress?.clear();
        log.info(text);
      };
      const onRetry = (event: RetryEvent) =>
        say(`    essai ${event.attempt}/${event.attempts} en échec (${event.motif}) : nouvel essai dans ${formatAttente(event.waitMs)}`);
      try {
        let ressource: string | undefined;
        if (entry.resolution) {
          log.detail(`  ${entry.id} : recherche du fichier le plus récent (${url})`);
          ({ url, ressource } = await resolve(entry, url, client, onRetry));
        }
        const fichier = fillFichier(entry, { dep: options.territoire, annee: now().getFullYear(), ressource });
        const destination = path.join(options.donnees, fichier);
        log.info(`↓ ${entry.id}${entry.confirme ? "" : " (adresse non confirmée)"} : ${url}\n    → ${destination}`);
        progress = new FileProgress(options.progress.stream, options.progress.mode, fichier, options.progress.lineEveryMs);
        const listener: TransferListener = {
          start: (from, total) => progress!.start(from, total),
          advance: (bytes) => progress!.advance(bytes),
          end: () => progress!.clear(),
          note: (message) => say(`    ${message}`),
          retry: onRetry,
        };
        const job: DownloadJob = { url, destination, expected: { taille: entry.taille, sha256: entry.sha256, md5: entry.md5 }, previous: await previousOf(manifest, entry, fichier, url, destination) };
        const outcome = await fetchFile(job, client, listener);
        const earlier = manifest.fichiers.find((record) => record.source === entry.id);
        const date = now().toISOString();
        manifest = upsert(manifest, {
          source: entry.id,
          fichier,
          url,
          ...(outcome.urlFinale !== url ? { urlFinale: outcome.urlFinale } : {}),
          date: outcome.etat === "inchange" && earlier ? earlier.date : date,
          ...(outcome.etat === "inchange" ? { verifieLe: date } : {}),
          taille: outcome.taille,
          sha256: outcome.sha256,
          statutHttp: outcome.etat === "inchange" && earlier ? earlier.statutHttp : outcome.statut,
          ...(outcome.etag ? { etag: outcome.etag } : {}),
          ...(outcome.lastModified ? { derniereModification: outcome.lastModified } : {}),
        });
        writeManifest(options.donnees, manifest);
        const { octets, ms } = progress.summary();
        log.success(
          outcome.etat === "inchange"
            ? `${fichier} : inchangé depuis le téléchargement du ${formatDateHeure(new Date(earlier?.date ?? date))} (confirmé par le serveur), ${formatOctets(outcome.taille)}`
            : `${fichier} : ${formatOctets(outcome.taille)} en ${formatAttente(ms)} (${formatDebit(octets, ms)}), SHA-256 ${outcome.sha256.slice(0, 16)}…`,
        );
        results.push({ id: entry.id, url, fichier, etat: outcome.etat, taille: outcome.taille, sha256: outcome.sha256 });
      } catch (error) {
        const failure = toFailure(error);
        if (!failure) throw error;
        progress?.clear();
        const hint = entry.confirme ? `page du jeu : ${entry.page}` : `adresse non confirmée dans le catalogue : vérifiez-la sur ${entry.page}`;
        log.error(`${entry.id} : échec du téléchargement de ${url} : ${failure.message}.\n  → ${hint}`);
        results.push({ id: entry.id, url, etat: "echec", motif: failure.message });
      }
    }
  } finally {
    await client.dispatcher.close();
  }
  return results;
}

function loadManifest(dossier: string, log: DownloadLog): Manifest {
  const manifest = readManifest(dossier);
  if (manifest === "illisible") {
    log.warn(`${path.join(dossier, MANIFEST_NAME)} est illisible : il est remplacé par un journal neuf (les fichiers déjà présents seront téléchargés à nouveau).`);
    return emptyManifest();
  }
  return manifest ?? emptyManifest();
}

/**
 * A file in place that the manifest still describes (same source, name, URL and SHA-256) is asked for only if
 * changed, when the server gave validators to ask with.
 */
async function previousOf(manifest: Manifest, entry: CatalogueEntry, fichier: string, url: string, destination: string): Promise<DownloadJob["previous"]> {
  const record = manifest.fichiers.find((item) => item.source === entry.id && item.fichier === fichier && item.url === url);
  if (!record || !(record.etag || record.derniereModification) || !fs.existsSync(destination)) return undefined;
  if ((await sha256Of(destination)) !== record.sha256) return undefined;
  return { sha256: record.sha256, etag: record.etag, lastModified: record.derniereModification };
}

function formatAttente(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}\u00a0ms` : formatDuree(ms);
}
