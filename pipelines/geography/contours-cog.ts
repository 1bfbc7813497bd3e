// Contours on the current COG: older commune polygons are dissolved into the commune that absorbed them, and
// EPCIs and the département are dissolved from their communes (shared borders removed, not overdrawn).
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from "geojson";
import { merge } from "topojson-client";
import { topology } from "topojson-server";
import type { GeometryCollection, GeometryObject, Topology } from "topojson-specification";

type GeometryObjectWithCode = GeometryObject<{ code: string }> & { properties: { code: string } };

export interface RawContour {
  code: string;
  geometrie: Geometry;
}

export interface CurrentCommune {
  code: string;
  libelle: string;
  code_epci: string | null;
}

export interface ContoursCog {
  communes: FeatureCollection<Polygon | MultiPolygon, { code: string; nom: string; code_epci: string | null; codes_sources: string[] }>;
  epcis: FeatureCollection<Polygon | MultiPolygon, { code: string; nb_communes: number }>;
  /** Codes of the file that match no commune of the current COG (typo, other country): reported, not drawn. */
  inconnus: string[];
}

/** 5 decimals ≈ 1 m: finer than any simplified contour, and half the size of full precision. */
const DECIMALS = 5;
/** Quantizing snaps the near-identical vertices of neighbouring polygons together, so shared borders dissolve. */
const QUANTIZATION = 1e6;

export function contoursOnCurrentCog(raw: RawContour[], passage: Map<string, string>, communes: CurrentCommune[]): ContoursCog {
  const wanted = new Map(communes.map((commune) => [commune.code, commune]));
  const groups = new Map<string, RawContour[]>();
  const inconnus: string[] = [];
  for (const contour of raw) {
    const current = passage.get(contour.code) ?? contour.code;
    if (!wanted.has(current)) {
      if (!passage.has(contour.code)) inconnus.push(contour.code);
      continue;
    }
    groups.set(current, [...(groups.get(current) ?? []), contour]);
  }
  const features: Feature<Geometry, { code: string }>[] = [...groups.entries()].flatMap(([code, parts]) =>
    parts.map((part) => ({ type: "Feature" as const, properties: { code }, geometry: part.geometrie })),
  );
  const collection: FeatureCollection = { type: "FeatureCollection", features };
  const topo = topology({ communes: collection }, QUANTIZATION) as unknown as Topology<{ communes: GeometryCollection<{ code: string }> }>;
  const pieces = topo.objects.communes.geometries as (GeometryObjectWithCode)[];
  const dissolve = (filter: (code: string) => boolean) => round(merge(topo, pieces.filter((piece) => filter(piece.properties.code)) as never));

  const communeFeatures = [...groups.keys()].sort().map((code) => {
    const commune = wanted.get(code)!;
    return {
      type: "Feature" as const,
      properties: { code, nom: commune.libelle, code_epci: commune.code_epci, codes_sources: groups.get(code)!.map((part) => part.code).sort() },
      geometry: dissolve((candidate) => candidate === code),
    };
  });
  const byEpci = new Map<string, number>();
  for (const code of groups.keys()) {
    const epci = wanted.get(code)!.code_epci;
    if (epci) byEpci.set(epci, (byEpci.get(epci) ?? 0) + 1);
  }
  const epciFeatures = [...byEpci.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, count]) => ({
    type: "Feature" as const,
    properties: { code, nb_communes: count },
    geometry: dissolve((candidate) => wanted.get(candidate)!.code_epci === code),
  }));
  return {
    communes: { type: "FeatureCollection", features: communeFeatures },
    epcis: { type: "FeatureCollection", features: epciFeatures },
    inconnus: inconnus.sort(),
  };
}

function round(geometry: MultiPolygon): Polygon | MultiPolygon {
  const factor = 10 ** DECIMALS;
  const point = (position: Position): Position => position.map((value) => Math.round(value * factor) / factor);
  const polygons = geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(point)));
  return polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0]! } : { type: "MultiPolygon", coordinates: polygons };
}
