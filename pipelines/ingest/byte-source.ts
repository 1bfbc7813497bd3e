// The bytes of a candidate file, always as a stream: a file on disk is read in pieces, a zip member is inflated in
// pieces (its size checked against the archive's directory as it comes, so a lying archive stops early). Nothing
// but the piece being read is held in memory.
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { Writable, type Readable } from "node:stream";
import yauzl from "yauzl";
import { DataError } from "../core/errors.ts";
import { systemReason, type Candidate } from "./discover.ts";

const CHUNK = 2 ** 20;

export async function* readChunks(candidate: Candidate, fichier: string): AsyncGenerator<Buffer> {
  const stream = await open(candidate, fichier);
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    throw readError(error, fichier);
  } finally {
    stream.destroy();
  }
}

/** The first bytes of a file (its header, to recognise it), stopping there. */
export async function readHead(candidate: Candidate, fichier: string, size = 64 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of readChunks(candidate, fichier)) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= size) break;
  }
  return Buffer.concat(chunks).subarray(0, size);
}

/** A whole file in memory (a contour file to parse), refused above `max` bytes. */
export async function readAll(candidate: Candidate, fichier: string, max: number, refusal: string): Promise<Buffer> {
  if (candidate.taille > max) throw new DataError(refusal, { fichier });
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of readChunks(candidate, fichier)) {
    length += chunk.length;
    if (length > max) throw new DataError(refusal, { fichier });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Streams the file through `transform` (or as is) into `destination`, a file of the private folder. */
export async function copyTo(candidate: Candidate, fichier: string, destination: string, transform?: (chunk: Buffer, last: boolean) => Buffer): Promise<void> {
  const out = fs.createWriteStream(destination, { mode: 0o600 });
  const source = readChunks(candidate, fichier);
  async function* transformed(): AsyncGenerator<Buffer> {
    for await (const chunk of source) yield transform ? transform(chunk, false) : chunk;
    if (transform) yield transform(Buffer.alloc(0), true);
  }
  try {
    await pipeline(transformed(), out as Writable);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`copie temporaire impossible (${systemReason(error)}).`, { fichier }, "Vérifiez la place libre dans le dossier temporaire du système.");
  }
}

async function open(candidate: Candidate, fichier: string): Promise<Readable> {
  const origin = candidate.origine;
  if (origin.kind === "fichier") {
    return new Promise((resolve, reject) => {
      const stream = fs.createReadStream(origin.chemin, { highWaterMark: CHUNK });
      stream.once("open", () => resolve(stream));
      stream.once("error", (error) => reject(readError(error, fichier)));
    });
  }
  return openMember(origin.archive, origin.membre, fichier);
}

function openMember(archive: string | Buffer, membre: Buffer, fichier: string): Promise<Readable> {
  return new Promise((resolve, reject) => {
    yauzl.open(archive as unknown as string, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(readError(error, fichier));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (!Buffer.from(entry.fileName as unknown as Buffer).equals(membre)) return zip.readEntry();
        zip.openReadStream(entry, (failure, stream) => {
          if (failure || !stream) {
            zip.close();
            return reject(readError(failure, fichier));
          }
          stream.once("close", () => zip.close());
          resolve(stream);
        });
      });
      zip.on("end", () => reject(new DataError("membre introuvable dans l'archive.", { fichier })));
      zip.on("error", (failure: Error) => reject(readError(failure, fichier)));
      zip.readEntry();
    });
  });
}

function readError(error: unknown, fichier: string): DataError {
  if (error instanceof DataError) return error;
  const message = (error as Error)?.message ?? "";
  if (/too many bytes in the stream|expected \d+ bytes/i.test(message)) {
    return new DataError(
      "membre d'archive plus grand que ce que l'archive annonce : décompression arrêtée.",
      { fichier },
      "L'archive est abîmée ou malveillante : téléchargez-la à nouveau depuis le site du producteur.",
    );
  }
  if (/invalid|inflate|unexpected end|incorrect header/i.test(message)) {
    return new DataError("archive abîmée : le membre ne se décompresse pas.", { fichier }, "Téléchargez l'archive à nouveau.");
  }
  return new DataError(`lecture impossible (${systemReason(error)}).`, { fichier }, "Vérifiez que le fichier est lisible (droits d'accès, disque).");
}
