// Commune centroids from the loaded contours, on the current COG: the polygons of older communes are merged into
// the commune that absorbed them. Since the parts of a commune never overlap, the centroid of their union is the
// area-weighted mean of their centroids: no polygon needs dissolving.
import type { Geometry, Position } from "geojson";
import { CONTOURS_TABLE } from "../ingest/load-contours.ts";
import type { Warehouse } from "../core/warehouse.ts";

export const CENTROIDS_TABLE = "offre_centroides";

export interface Point {
  longitude: number;
  latitude: number;
}

interface Moments {
  aire: number;
  x: number;
  y: number;
}

/**
 * Area-weighted centroid of polygons in longitude/latitude, computed on a local equirectangular plane (longitudes
 * scaled by the cosine of the first vertex's latitude): at commune scale the error is a few metres. Winding-free:
 * the first ring of a polygon adds its area, the others (holes) remove theirs, whatever their orientation.
 */
export function centroidOf(geometries: Geometry[]): Point | undefined {
  const polygons = geometries.flatMap((geometry) =>
    geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [],
  );
  const origin = polygons[0]?.[0]?.[0];
  if (!origin) return undefined;
  const [lon0, lat0] = origin as [number, number];
  const scale = Math.cos((lat0 * Math.PI) / 180);
  const project = (position: Position): [number, number] => [(position[0]! - lon0) * scale, position[1]! - lat0];
  const total: Moments = { aire: 0, x: 0, y: 0 };
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      const moments = ringMoments(ring.map(project));
      const sign = (index === 0 ? 1 : -1) * Math.sign(moments.aire);
      total.aire += sign * moments.aire;
      total.x += sign * moments.x;
      total.y += sign * moments.y;
    });
  }
  if (!(Math.abs(total.aire) > 0)) {
    // A degenerate contour (a line, a point): the mean of its vertices still places the commune.
    const vertices = polygons.flat(2);
    return {
      longitude: vertices.reduce((sum, position) => sum + position[0]!, 0) / vertices.length,
      latitude: vertices.reduce((sum, position) => sum + position[1]!, 0) / vertices.length,
    };
  }
  return { longitude: lon0 + total.x / total.aire / scale, latitude: lat0 + total.y / total.aire };
}

/** Shoelace area and first moments of a ring (signed by its orientation). */
function ringMoments(ring: [number, number][]): Moments {
  const moments: Moments = { aire: 0, x: 0, y: 0 };
  for (let index = 0; index < ring.length; index += 1) {
    const [x1, y1] = ring[index]!;
    const [x2, y2] = ring[(index + 1) % ring.length]!;
    const cross = x1 * y2 - x2 * y1;
    moments.aire += cross / 2;
    moments.x += ((x1 + x2) * cross) / 6;
    moments.y += ((y1 + y2) * cross) / 6;
  }
  return moments;
}

/**
 * Builds `offre_centroides` (one row per current commune with a contour). When several contour files cover a
 * commune, only the latest loaded is used, so a commune is never drawn twice from two vintages.
 */
export async function buildCentroids(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`
    CREATE OR REPLACE TABLE ${CENTROIDS_TABLE} (
      code_commune VARCHAR NOT NULL, longitude DOUBLE NOT NULL, latitude DOUBLE NOT NULL, codes_sources VARCHAR NOT NULL,
      fichier_id INTEGER NOT NULL, geo_annee INTEGER)`);
  if (!(await warehouse.tableExists(CONTOURS_TABLE))) return;
  const rows = await warehouse.all<{ code_actuel: string; code: string; fichier_id: number; geo_annee: number | null; geometrie: string }>(`
    SELECT p.code_actuel, c.code_commune AS code, c.fichier_id, j.geo_annee, c.geometrie
    FROM ${CONTOURS_TABLE} c
    JOIN journal_import j ON j.fichier_id = c.fichier_id AND j.remplace_par IS NULL
    JOIN cog_passage p ON p.code_ancien = c.code_commune
    WHERE p.code_actuel IN (SELECT code_commune FROM geo_commune)
    QUALIFY c.fichier_id = max(c.fichier_id) OVER (PARTITION BY p.code_actuel)
    ORDER BY code_actuel, code`);
  const groups = new Map<string, typeof rows>();
  for (const row of rows) groups.set(row.code_actuel, [...(groups.get(row.code_actuel) ?? []), row]);
  const appender = await warehouse.connection.createAppender(CENTROIDS_TABLE);
  for (const [code, parts] of groups) {
    const point = centroidOf(parts.map((part) => JSON.parse(part.geometrie) as Geometry));
    if (!point) continue;
    appender.appendVarchar(code);
    appender.appendDouble(point.longitude);
    appender.appendDouble(point.latitude);
    appender.appendVarchar([...new Set(parts.map((part) => part.code))].join(","));
    appender.appendInteger(parts[0]!.fichier_id);
    if (parts[0]!.geo_annee === null) appender.appendNull();
    else appender.appendInteger(parts[0]!.geo_annee);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}
