// One file, fetched so that what sits under its name is always whole and checked: bytes go to a hidden ".part"
// file, kept when the transfer breaks and resumed with a Range request next time; only a complete file whose size
// and checksum match what the catalogue knows is renamed into place.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { discard, DownloadFailure, get, header, statusFailure, type HttpClient, type HttpResponse } from "./http.ts";
import { withRetries, type RetryListener } from "./retry.ts";

export interface DownloadJob {
  url: string;
  /** Where the file ends up. */
  destination: string;
  expected: { taille: number | null; sha256: string | null; md5: string | null };
  /** What the manifest recorded of the file in place, for a conditional request. */
  previous?: { sha256: string; etag?: string; lastModified?: string };
}

export interface FileOutcome {
  etat: "telecharge" | "inchange";
  urlFinale: string;
  statut: number;
  taille: number;
  sha256: string;
  etag?: string;
  lastModified?: string;
}

export interface TransferListener {
  /** A response is about to be written: `from` bytes already on disk, `total` the full size when known. */
  start(from: number, total: number | undefined): void;
  advance(bytes: number): void;
  /** The file is complete (or unchanged): the live display can end. */
  end(): void;
  /** Something the user may want to know (a resume, a restart), in French. */
  note(message: string): void;
  retry: RetryListener;
}

/** Hidden, so that the importer never reads a partial file; beside the destination, so that the rename is atomic. */
export function partPath(destination: string): string {
  return path.join(path.dirname(destination), `.${path.basename(destination)}.part`);
}

/** Validators of the response the .part file was started from: a resume must ask for the same file. */
const partMetaPath = (destination: string) => `${partPath(destination)}.json`;

interface PartMeta {
  url: string;
  etag?: string;
  lastModified?: string;
}

export async function fetchFile(job: DownloadJob, client: HttpClient, listener: TransferListener): Promise<FileOutcome> {
  fs.mkdirSync(path.dirname(job.destination), { recursive: true });
  return withRetries(client.settings, () => attempt(job, client, listener), listener.retry);
}

async function attempt(job: DownloadJob, client: HttpClient, listener: TransferListener): Promise<FileOutcome> {
  const part = partPath(job.destination);
  let from = fs.existsSync(part) ? fs.statSync(part).size : 0;
  const meta = readPartMeta(job.destination);
  if (from > 0 && meta?.url !== job.url) {
    // Started from another URL (the catalogue changed): its bytes cannot be continued.
    discardPart(job.destination);
    from = 0;
  }
  const headers: Record<string, string> = { "accept-encoding": "identity" };
  if (from > 0) {
    headers.range = `bytes=${from}-`;
    // A weak ETag cannot guard a range: the modification date then does.
    const validator = meta?.etag && !meta.etag.startsWith("W/") ? meta.etag : meta?.lastModified;
    if (validator) headers["if-range"] = validator;
  } else if (job.previous && fs.existsSync(job.destination)) {
    if (job.previous.etag) headers["if-none-match"] = job.previous.etag;
    if (job.previous.lastModified) headers["if-modified-since"] = job.previous.lastModified;
  }
  const response = await get(job.url, headers, client);
  if (response.status === 304 && job.previous && !headers.range) {
    await discard(response.body);
    listener.end();
    return unchanged(job, response);
  }
  if (response.status === 416 && from > 0) {
    await discard(response.body);
    discardPart(job.destination);
    listener.note("reprise refusée par le serveur : le téléchargement reprend du début");
    throw new DownloadFailure("plage d'octets refusée", true, 0);
  }
  if (response.status !== 200 && response.status !== 206) {
    await discard(response.body);
    throw statusFailure(response, client.settings);
  }
  let append = false;
  if (response.status === 206) {
    const range = parseContentRange(header(response.headers, "content-range"));
    if (!headers.range || range?.start !== from) {
      await discard(response.body);
      discardPart(job.destination);
      listener.note("réponse partielle inattendue : le téléchargement reprend du début");
      throw new DownloadFailure("réponse partielle inattendue", true, 0);
    }
    append = true;
    listener.note(`reprise à partir de ${from} octets déjà reçus`);
  } else if (from > 0) {
    listener.note("le serveur ne sait pas reprendre un transfert : le téléchargement recommence du début");
    from = 0;
  }
  const etag = header(response.headers, "etag");
  const lastModified = header(response.headers, "last-modified");
  if (!append) writePartMeta(job.destination, { url: job.url, etag, lastModified });
  const total = expectedTotal(response, from);
  listener.start(from, total);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      listener.advance(chunk.length);
      callback(null, chunk);
    },
  });
  await pipeline(response.body, counter, fs.createWriteStream(part, { flags: append ? "a" : "w" }));
  const taille = fs.statSync(part).size;
  if (total !== undefined && taille !== total) {
    throw new DownloadFailure(`transfert incomplet : ${taille} octets reçus sur ${total}`, true);
  }
  listener.end();
  const digests = await digest(part, Boolean(job.expected.md5));
  const mismatch = verify(job, taille, digests);
  if (mismatch) {
    const aside = `${job.destination}.invalide`;
    fs.renameSync(part, aside);
    fs.rmSync(partMetaPath(job.destination), { force: true });
    throw new DownloadFailure(`${mismatch} ; le fichier reçu est mis de côté sous ${aside} et n'est pas utilisé`, false);
  }
  fs.renameSync(part, job.destination);
  fs.rmSync(partMetaPath(job.destination), { force: true });
  return {
    etat: "telecharge", urlFinale: response.url, statut: response.status, taille, sha256: digests.sha256,
    ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}),
  };
}

function unchanged(job: DownloadJob, response: HttpResponse): FileOutcome {
  return {
    etat: "inchange", urlFinale: response.url, statut: 304, taille: fs.statSync(job.destination).size, sha256: job.previous!.sha256,
    ...(job.previous!.etag ? { etag: job.previous!.etag } : {}), ...(job.previous!.lastModified ? { lastModified: job.previous!.lastModified } : {}),
  };
}

function verify(job: DownloadJob, taille: number, digests: { sha256: string; md5?: string }): string | undefined {
  const { expected } = job;
  if (expected.taille !== null && taille !== expected.taille) return `taille inattendue : ${taille} octets reçus, ${expected.taille} attendus d'après le catalogue`;
  if (expected.sha256 !== null && digests.sha256 !== expected.sha256) {
    return `somme de contrôle SHA-256 différente de celle du catalogue (reçue ${digests.sha256}, attendue ${expected.sha256})`;
  }
  if (expected.md5 !== null && digests.md5 !== expected.md5) return `somme de contrôle MD5 différente de celle du catalogue (reçue ${digests.md5}, attendue ${expected.md5})`;
  return undefined;
}

/** The size the file will have once complete, when the server tells it. */
function expectedTotal(response: HttpResponse, from: number): number | undefined {
  if (response.status === 206) {
    const range = parseContentRange(header(response.headers, "content-range"));
    if (range?.total !== undefined) return range.total;
  }
  const length = Number(header(response.headers, "content-length"));
  return header(response.headers, "content-length") !== undefined && Number.isInteger(length) ? from + length : undefined;
}

function parseContentRange(value: string | undefined): { start: number; total?: number } | undefined {
  const match = value?.match(/^bytes (\d+)-(\d+)\/(\d+|\*)$/);
  if (!match) return undefined;
  return { start: Number(match[1]), total: match[3] === "*" ? undefined : Number(match[3]) };
}

async function digest(file: string, withMd5: boolean): Promise<{ sha256: string; md5?: string }> {
  const sha256 = crypto.createHash("sha256");
  const md5 = withMd5 ? crypto.createHash("md5") : undefined;
  for await (const chunk of fs.createReadStream(file)) {
    sha256.update(chunk as Buffer);
    md5?.update(chunk as Buffer);
  }
  return { sha256: sha256.digest("hex"), ...(md5 ? { md5: md5.digest("hex") } : {}) };
}

/** The SHA-256 of a file already in place, to tell whether the manifest still describes it. */
export async function sha256Of(file: string): Promise<string> {
  return (await digest(file, false)).sha256;
}

function readPartMeta(destination: string): PartMeta | undefined {
  try {
    const meta = JSON.parse(fs.readFileSync(partMetaPath(destination), "utf8")) as Partial<PartMeta>;
    return typeof meta.url === "string" ? (meta as PartMeta) : undefined;
  } catch {
    return undefined;
  }
}

function writePartMeta(destination: string, meta: PartMeta): void {
  fs.writeFileSync(partMetaPath(destination), JSON.stringify(meta));
}

function discardPart(destination: string): void {
  fs.rmSync(partPath(destination), { force: true });
  fs.rmSync(partMetaPath(destination), { force: true });
}
