// Resolvers turn a catalogue URL that names no file (a dataset API) into the file to fetch. The catalogue declares
// which kind an entry uses; each kind is implemented here once, and the type below makes a declared kind without
// an implementation a compile error.
import path from "node:path";
import { z } from "zod";
import type { CatalogueEntry, Resolution } from "./catalogue.ts";
import { discard, DownloadFailure, get, statusFailure, type HttpClient } from "./http.ts";
import { withRetries, type RetryListener } from "./retry.ts";

export interface Resolved {
  /** The file's own URL. */
  url: string;
  /** The file's own name, for the catalogue's {ressource}. */
  ressource: string;
}

type Resolver<R extends Resolution> = (entry: CatalogueEntry, url: string, resolution: R, client: HttpClient, onRetry?: RetryListener) => Promise<Resolved>;

const RESOLVERS: { [K in Resolution["type"]]: Resolver<Extract<Resolution, { type: K }>> } = {
  "datagouv-derniere-ressource": latestDatagouvResource,
};

export function resolve(entry: CatalogueEntry, url: string, client: HttpClient, onRetry?: RetryListener): Promise<Resolved> {
  const resolution = entry.resolution!;
  const resolver = RESOLVERS[resolution.type] as Resolver<Resolution>;
  return resolver(entry, url, resolution, client, onRetry);
}

/** A dataset API answer is small; anything larger is not what was asked for. */
const MAX_API_BYTES = 20 * 1024 * 1024;

const datagouvDataset = z.object({
  resources: z.array(z.object({
    title: z.string().nullish(),
    url: z.string(),
    last_modified: z.string().nullish(),
  })),
});

/**
 * data.gouv.fr publishes some lists as a new resource per extraction (liste-fs-20240910.csv…): the dataset API
 * lists them, and the file wanted is the most recent one whose name matches the declared pattern, ordered by the
 * pattern's first group (the extraction date), then by the resource's modification date.
 */
async function latestDatagouvResource(
  entry: CatalogueEntry, url: string, resolution: Extract<Resolution, { type: "datagouv-derniere-ressource" }>, client: HttpClient, onRetry?: RetryListener,
): Promise<Resolved> {
  const document = await withRetries(client.settings, async () => {
    const response = await get(url, { accept: "application/json" }, client);
    if (response.status !== 200) {
      await discard(response.body);
      throw statusFailure(response, client.settings);
    }
    const text = await readLimited(response.body, MAX_API_BYTES);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new DownloadFailure("la réponse de l'API data.gouv.fr n'est pas un JSON valide", true);
    }
  }, onRetry);
  const parsed = datagouvDataset.safeParse(document);
  if (!parsed.success) throw new DownloadFailure("la réponse de l'API data.gouv.fr n'a pas la forme attendue (liste « resources »)", false);
  const motif = new RegExp(resolution.motif);
  const candidates = parsed.data.resources.flatMap((resource) => {
    const ressource = [fileNameOf(resource.url), resource.title ?? ""].find((name) => motif.test(name));
    return ressource ? [{ url: resource.url, ressource, cle: ressource.match(motif)?.[1] ?? "", modifie: resource.last_modified ?? "" }] : [];
  });
  if (!candidates.length) {
    const seen = parsed.data.resources.slice(0, 5).map((resource) => resource.title ?? fileNameOf(resource.url)).join(", ");
    throw new DownloadFailure(`aucune ressource du jeu ne correspond au motif ${resolution.motif} de l'entrée « ${entry.id} »${seen ? ` (ressources : ${seen}…)` : ""}`, false);
  }
  candidates.sort((a, b) => b.cle.localeCompare(a.cle) || b.modifie.localeCompare(a.modifie));
  const chosen = candidates[0]!;
  // The name becomes a path under the data folder: only a plain file name is accepted.
  if (chosen.ressource !== path.posix.basename(chosen.ressource) || chosen.ressource.startsWith(".")) {
    throw new DownloadFailure(`nom de ressource inattendu « ${chosen.ressource} »`, false);
  }
  return { url: new URL(chosen.url, url).toString(), ressource: chosen.ressource };
}

function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(path.posix.basename(new URL(url).pathname));
  } catch {
    return "";
  }
}

async function readLimited(body: AsyncIterable<Buffer>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw new DownloadFailure("réponse de l'API trop volumineuse", false);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
