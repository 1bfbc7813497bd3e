// Commune contours shipped with the observatory (data/contours/): the demo copies them next to its generated files
// and places its fictitious equipments inside the real communes, so maps and distances work out of the box.
// The files are built once by scripts/build-contours.ts from a published GeoJSON and committed as generated.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import { topology } from "topojson-server";
import type { GeometryCollection, Topology } from "topojson-specification";

/** data/contours/ of the project, wherever the command is run from. */
export const EMBEDDED_CONTOURS_DIR = fileURLToPath(new URL("../../data/contours/", import.meta.url));

/** The name states the département and the geography year, so the importer dates the file even without its property. */
const FILE_NAME = /^communes-(\d{2,3}|2[AB])-(\d{4})\.topojson$/;
/** The only object of an embedded topology. */
export const EMBEDDED_OBJECT = "communes";
/**
 * 1e6 steps over the Gers (≈ 1.7° wide) is ≈ 0.15 m: below the 5-decimal (≈ 1 m) precision of the published source,
 * so quantizing only shortens the coordinates; shared borders are stored once as arcs.
 */
export const EMBEDDED_QUANTIZATION = 1e6;

export type CommuneShape = Polygon | MultiPolygon;

export interface EmbeddedContoursFile {
  departement: string;
  anneeCog: number;
  fichier: string;
  nom: string;
}

export interface EmbeddedProperties {
  code: string;
  nom: string;
  annee_cog: number;
}

/** The embedded contour files of these départements (none for most: only the Gers ships its contours today). */
export function embeddedContoursFiles(departements: readonly string[], dossier = EMBEDDED_CONTOURS_DIR): EmbeddedContoursFile[] {
  if (!fs.existsSync(dossier)) return [];
  const wanted = new Set(departements);
  return fs
    .readdirSync(dossier)
    .map((nom) => ({ nom, match: FILE_NAME.exec(nom) }))
    .filter(({ match }) => match && wanted.has(match[1]!))
    .map(({ nom, match }) => ({ departement: match![1]!, anneeCog: Number(match![2]), fichier: path.join(dossier, nom), nom }))
    .sort((a, b) => (a.nom < b.nom ? -1 : a.nom > b.nom ? 1 : 0));
}

/** Commune polygons by code, as published (older codes included), from an embedded topology. */
export function readEmbeddedShapes(fichier: string): Map<string, CommuneShape> {
  const document = JSON.parse(fs.readFileSync(fichier, "utf8")) as Topology<{ communes: GeometryCollection<EmbeddedProperties> }>;
  const collection = feature(document, document.objects[EMBEDDED_OBJECT]) as FeatureCollection<CommuneShape, EmbeddedProperties>;
  return new Map(collection.features.map((item) => [item.properties.code, item.geometry]));
}

/** The polygons of every embedded file of these départements, by commune code. */
export function embeddedShapes(departements: readonly string[], dossier = EMBEDDED_CONTOURS_DIR): Map<string, CommuneShape> {
  const shapes = new Map<string, CommuneShape>();
  for (const file of embeddedContoursFiles(departements, dossier)) for (const [code, shape] of readEmbeddedShapes(file.fichier)) shapes.set(code, shape);
  return shapes;
}

/**
 * The embedded topology of a published commune GeoJSON: only `code` and `nom` are kept, each commune states the
 * geography year (`annee_cog`), geometries are not simplified further. Refuses anything but commune polygons.
 */
export function buildEmbeddedTopology(source: FeatureCollection, anneeCog: number): Topology {
  const communes: Feature<CommuneShape, EmbeddedProperties>[] = source.features.map((item, index) => {
    const code = item.properties?.code;
    const nom = item.properties?.nom;
    if (typeof code !== "string" || !/^(\d{5}|2[AB]\d{3})$/.test(code)) throw new Error(`entité ${index + 1} : code commune absent ou invalide (${String(code)})`);
    if (typeof nom !== "string" || !nom) throw new Error(`commune ${code} : nom absent`);
    if (!item.geometry || (item.geometry.type !== "Polygon" && item.geometry.type !== "MultiPolygon")) throw new Error(`commune ${code} : géométrie non surfacique`);
    return { type: "Feature", properties: { code, nom, annee_cog: anneeCog }, geometry: item.geometry };
  });
  const codes = new Set(communes.map((item) => item.properties.code));
  if (codes.size !== communes.length) throw new Error("code commune en double dans la source");
  const collection: FeatureCollection<CommuneShape, EmbeddedProperties> = { type: "FeatureCollection", features: communes };
  return topology({ [EMBEDDED_OBJECT]: collection }, EMBEDDED_QUANTIZATION);
}
