// The centroid of a commune's polygons, for its distance to the places of the offer and to place demo places.
import type { Geometry, Position } from "geojson";

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
