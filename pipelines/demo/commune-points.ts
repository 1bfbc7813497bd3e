// Where the demo puts a commune's fictitious places when the real commune polygon is known (embedded contours):
// at a point inside the commune, so that the distances of the social-offer analysis mean something. Plane
// geometry on longitude/latitude is enough at commune scale, and everything is deterministic.
import type { Position } from "geojson";
import type { CommuneShape } from "../geography/embedded-contours.ts";
import { centroidOf } from "../geography/centroid.ts";

type Point = [number, number];

function polygonsOf(shape: CommuneShape): Position[][][] {
  return shape.type === "Polygon" ? [shape.coordinates] : shape.coordinates;
}

/** Even-odd rule over every ring of each polygon: a point in a hole is outside. */
export function insideShape(shape: CommuneShape, [x, y]: Point): boolean {
  return polygonsOf(shape).some((rings) => {
    let inside = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
        const [xi, yi] = ring[i] as Point;
        const [xj, yj] = ring[j] as Point;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  });
}

/**
 * The commune's point: its centroid when that falls inside (almost always), else the middle of the widest stretch
 * of the commune along the centroid's parallel (a crescent-shaped commune's centroid lies outside it).
 */
export function interiorPoint(shape: CommuneShape): Point {
  const centroid = centroidOf([shape])!;
  const point: Point = [centroid.longitude, centroid.latitude];
  if (insideShape(shape, point)) return point;
  const y = point[1];
  let best: { width: number; x: number } | undefined;
  for (const rings of polygonsOf(shape)) {
    const crossings: number[] = [];
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
        const [xi, yi] = ring[i] as Point;
        const [xj, yj] = ring[j] as Point;
        if (yi > y !== yj > y) crossings.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const width = crossings[k + 1]! - crossings[k]!;
      if (!best || width > best.width) best = { width, x: (crossings[k]! + crossings[k + 1]!) / 2 };
    }
  }
  // No polygon spans the centroid's parallel: only a degenerate shape; its first vertex is still in the commune.
  return best ? [best.x, y] : (polygonsOf(shape)[0]![0]![0] as Point);
}

/**
 * A place drawn at `offset` from the commune's point, pulled back towards that point until it lies inside the
 * commune: the offset comes from the caller's random stream, so the number of draws never depends on the shape.
 */
export function placeInside(shape: CommuneShape | undefined, [x, y]: Point, [dx, dy]: Point): Point {
  if (!shape) return [x + dx, y + dy];
  for (let scale = 1; scale > 0.01; scale /= 2) {
    const candidate: Point = [x + dx * scale, y + dy * scale];
    if (insideShape(shape, candidate)) return candidate;
  }
  return [x, y];
}
