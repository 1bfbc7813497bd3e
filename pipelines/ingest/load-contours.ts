// Commune contours (GeoJSON or TopoJSON, e.g. an IGN ADMIN EXPRESS extract), recognised by content and stored
// as published: one row per file × commune code. Mapping onto the current COG happens downstream, so a 2018
// contour file stays a faithful copy of what the user gave.
import crypto from "node:crypto";
import path from "node:path";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { Topology } from "topojson-specification";
import { DataError } from "../core/errors.ts";
import type { Warehouse } from "../core/warehouse.ts";
import { readAll } from "./byte-source.ts";
import type { Candidate } from "./discover.ts";
import { yearIn } from "../../sources/variable-names.ts";
import type { FileReport, Ignored } from "./file-outcomes.ts";
import { findLoaded, nextValue, recordImport } from "./import-journal.ts";
import { describeReplacements, replaceEarlierRows, REPLACEMENT_KEYS } from "./replacement.ts";

export const CONTOURS_SOURCE_ID = "contours_communes";
/** A contour file is parsed whole: beyond this size (national contours at full resolution) it would not fit in memory. */
const MAX_CONTOURS_BYTES = 400 * 2 ** 20;
const TOO_LARGE = `fichier JSON de plus de ${MAX_CONTOURS_BYTES / 2 ** 20} Mo, non lu : prenez des contours simplifiés ou limités au département (par exemple ceux de « observatoire telecharger »)`;
export const CONTOURS_TABLE = "contours_communes";
const CONTOURS_LABEL = "Contours des communes (GeoJSON ou TopoJSON, IGN ADMIN EXPRESS)";

/** Property names under which producers publish the commune code, the name and the geography year. */
const CODE_PROPERTIES = ["code", "INSEE_COM", "insee_com", "insee", "INSEE", "code_insee", "CODE_INSEE", "codgeo", "CODGEO", "com", "COM"];
const NAME_PROPERTIES = ["nom", "NOM", "NOM_COM", "nom_com", "libelle", "LIBELLE", "name", "NOM_M"];
const YEAR_PROPERTIES = ["geo_annee", "annee_cog", "millesime_cog", "annee", "millesime"];
const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;

export interface ContoursCandidate {
  candidate: Candidate;
  demo: boolean;
}

export interface CommuneContour {
  code: string;
  nom: string | null;
  geometrie: Geometry;
}

export interface ParsedContours {
  contours: CommuneContour[];
  geoAnnee?: number;
}

export function isContoursFile(nom: string): boolean {
  return /\.(geojson|topojson|json)$/i.test(nom);
}

/** Commune contours in the file, or the reason why it is not a commune contour file. */
export function parseContours(bytes: Buffer, chemin: string): ParsedContours | { motif: string } {
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    return { motif: `JSON illisible (${(error as Error).message})` };
  }
  const collections = featureCollections(document);
  if (!collections.length) return { motif: "fichier JSON qui n'est ni un GeoJSON ni un TopoJSON" };
  for (const collection of collections) {
    const polygons = collection.features.filter((item) => item.geometry && /Polygon$/.test(item.geometry.type));
    if (!polygons.length || polygons.length < collection.features.length) continue;
    const codeKey = CODE_PROPERTIES.find((key) => polygons.every((item) => COMMUNE_CODE.test(String(item.properties?.[key] ?? ""))));
    if (!codeKey) continue;
    const nameKey = NAME_PROPERTIES.find((key) => polygons.every((item) => typeof item.properties?.[key] === "string"));
    return {
      contours: polygons.map((item) => ({
        code: String(item.properties![codeKey]),
        nom: nameKey ? String(item.properties![nameKey]) : null,
        geometrie: item.geometry,
      })),
      geoAnnee: yearOf(polygons[0]!, chemin),
    };
  }
  return { motif: "contours sans code commune à 5 caractères (propriété code, INSEE_COM ou insee) : contours non communaux" };
}

function featureCollections(document: unknown): FeatureCollection[] {
  if (!document || typeof document !== "object") return [];
  const typed = document as { type?: unknown };
  if (typed.type === "FeatureCollection" && Array.isArray((document as FeatureCollection).features)) return [document as FeatureCollection];
  if (typed.type === "Feature") return [{ type: "FeatureCollection", features: [document as Feature] }];
  if (typed.type === "Topology") {
    const topology = document as Topology;
    return Object.values(topology.objects ?? {}).map((object) => {
      const converted = feature(topology, object) as Feature | FeatureCollection;
      return converted.type === "FeatureCollection" ? converted : { type: "FeatureCollection", features: [converted] };
    });
  }
  return [];
}

/** A year stated by the producer: a property, else a year in the file's path (ADMIN-EXPRESS-COG_2024…). */
function yearOf(sample: Feature, chemin: string): number | undefined {
  for (const key of YEAR_PROPERTIES) {
    const value = Number(sample.properties?.[key]);
    if (Number.isInteger(value) && value >= 1990 && value <= 2100) return value;
  }
  return yearIn(chemin, /(?<!\d)(?:199\d|20\d{2})(?!\d)/g);
}

/** Loads every contour file; returns one report per file loaded and sends the others to `ignore`. */
export async function loadContours(
  warehouse: Warehouse,
  files: ContoursCandidate[],
  executionId: number,
  ignore: (ignored: Ignored) => void,
  warn: (message: string) => void,
): Promise<FileReport[]> {
  if (!files.length) return [];
  const reports: FileReport[] = [];
  for (const { candidate, demo } of files) {
    const started = new Date();
    const chemin = path.join(candidate.dossier, candidate.chemin);
    let bytes: Buffer;
    try {
      bytes = await readAll(candidate, chemin, MAX_CONTOURS_BYTES, TOO_LARGE);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      ignore({ dossier: candidate.dossier, chemin: candidate.chemin, motif: error.message });
      continue;
    }
    const report = { dossier: candidate.dossier, chemin: candidate.chemin, sourceId: CONTOURS_SOURCE_ID, libelle: CONTOURS_LABEL, niveau: "commune", encodage: "utf-8", demo };
    // Checked before parsing: a national contour file weighs hundreds of megabytes.
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    const same = await findLoaded(warehouse, sha256, CONTOURS_SOURCE_ID);
    if (same) {
      reports.push({
        ...report, millesime: same.millesime ?? undefined, geoAnnee: same.geo_annee ?? undefined,
        lignesLues: same.lignes_lues, lignesChargees: same.lignes_chargees, lignesRejetees: same.lignes_rejetees, dureeMs: 0, etat: "deja_charge",
      });
      continue;
    }
    const parsed = parseContours(bytes, candidate.chemin);
    if ("motif" in parsed) {
      ignore({ dossier: candidate.dossier, chemin: candidate.chemin, motif: parsed.motif });
      continue;
    }
    // One transaction per file, as for the tables: a failure half-way leaves nothing of the file.
    const lignes = await warehouse.transaction(async () => {
      const fichierId = await nextValue(warehouse, "seq_fichier");
      const appender = await warehouse.connection.createAppender(CONTOURS_TABLE);
      for (const contour of parsed.contours) {
        appender.appendInteger(fichierId);
        appender.appendVarchar(contour.code);
        if (contour.nom === null) appender.appendNull();
        else appender.appendVarchar(contour.nom);
        if (parsed.geoAnnee === undefined) appender.appendNull();
        else appender.appendInteger(parsed.geoAnnee);
        appender.appendVarchar(JSON.stringify(contour.geometrie));
        appender.endRow();
      }
      appender.flushSync();
      appender.closeSync();
      if (parsed.geoAnnee === undefined) await warnUndatedContours(warehouse, fichierId, chemin, warn);
      await recordImport(warehouse, {
        fichierId, executionId, dossier: candidate.dossier, chemin: candidate.chemin, sha256, taille: candidate.taille, sourceId: CONTOURS_SOURCE_ID,
        niveau: "commune", millesime: parsed.geoAnnee, geoAnnee: parsed.geoAnnee, encodage: "utf-8", separateur: "sans objet", demo,
        lignesLues: parsed.contours.length, lignesChargees: parsed.contours.length, lignesRejetees: 0, debut: started, fin: new Date(),
      });
      // A later file replaces the contours of the communes it draws again, whatever their year; the others stay.
      const replaced = await replaceEarlierRows(warehouse, { fichierId, sourceId: CONTOURS_SOURCE_ID }, REPLACEMENT_KEYS.filter(({ table }) => table === CONTOURS_TABLE));
      describeReplacements(replaced, chemin, { nouveau: "les communes que ce dernier dessine à nouveau", reste: "ses autres contours" }).forEach(warn);
      return parsed.contours.length;
    });
    const ended = new Date();
    reports.push({
      ...report, millesime: parsed.geoAnnee, geoAnnee: parsed.geoAnnee,
      lignesLues: lignes, lignesChargees: lignes, lignesRejetees: 0, dureeMs: ended.getTime() - started.getTime(), etat: "charge",
    });
  }
  return reports;
}

/**
 * Every figure states its geography year; undated contours still load, since the passage table maps old codes onto
 * the current COG, but the officer is told which codes gave away an older geography and how to date the file.
 */
async function warnUndatedContours(warehouse: Warehouse, fichierId: number, chemin: string, warn: (message: string) => void): Promise<void> {
  const former = await warehouse.all<{ code_commune: string }>(
    `SELECT DISTINCT code_commune FROM ${CONTOURS_TABLE}
     WHERE fichier_id = ? AND code_commune NOT IN (SELECT code_commune FROM geo_commune) ORDER BY code_commune`,
    [fichierId],
  );
  const older = former.length
    ? ` ; ${former.length} code(s) antérieur(s) au COG en vigueur (${former.slice(0, 5).map((row) => row.code_commune).join(", ")}${former.length > 5 ? "…" : ""}) sont rapportés à leur commune actuelle`
    : "";
  warn(`${chemin} : année de géographie des contours introuvable (ni propriété geo_annee ou annee_cog, ni année dans le nom)${older}. Indiquez l'année dans le nom du fichier (ex. « communes-2018.geojson »).`);
}
