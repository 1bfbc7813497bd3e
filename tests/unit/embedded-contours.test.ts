// The commune contours shipped in data/contours/: small, dated, read by the importer as they are, and rebuilt byte
// for byte from their published source by scripts/build-contours.ts. Then the demo's placing of points inside a
// commune, on shapes made to trip it (a crescent whose centroid lies outside, a hole).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as d3 from "d3";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { insideShape, interiorPoint, placeInside } from "../../pipelines/demo/commune-points.ts";
import { EMBEDDED_CONTOURS_DIR, embeddedContoursFiles, readEmbeddedShapes } from "../../pipelines/geography/embedded-contours.ts";
import { parseContours } from "../../pipelines/ingest/load-contours.ts";
import { centroidOf } from "../../pipelines/geography/centroid.ts";

const run = promisify(execFile);
const FILE = path.join(EMBEDDED_CONTOURS_DIR, "communes-32-2018.topojson");
const SOURCE = path.resolve("tests/fixtures/contours-ign/communes-32-gers.geojson");

describe("contours embarqués du Gers (data/contours)", () => {
  it("ships one dated file for the Gers, well under 1 MB, and none for other départements", () => {
    expect(embeddedContoursFiles(["32", "65"])).toEqual([{ departement: "32", anneeCog: 2018, fichier: FILE, nom: "communes-32-2018.topojson" }]);
    expect(embeddedContoursFiles(["65", "2A"])).toEqual([]);
    expect(fs.statSync(FILE).size).toBeLessThan(400_000);
    const readme = fs.readFileSync(path.join(EMBEDDED_CONTOURS_DIR, "README.md"), "utf8");
    for (const fact of ["5d34ee6d0140c29f785fdb047d9329f1aab58833", "Licence Ouverte", "Source : IGN", "ADMIN EXPRESS", "32074", "32365"]) expect(readme).toContain(fact);
  });

  it("is read by the importer as 462 commune contours of geography 2018, with their names", () => {
    const parsed = parseContours(fs.readFileSync(FILE), path.join("contours", "communes-sans-annee.topojson"));
    if ("motif" in parsed) throw new Error(parsed.motif);
    // Dated by its own property, whatever the file is renamed to.
    expect(parsed.geoAnnee).toBe(2018);
    expect(parsed.contours).toHaveLength(462);
    expect(new Set(parsed.contours.map((contour) => contour.code)).size).toBe(462);
    expect(parsed.contours.find((contour) => contour.code === "32013")).toMatchObject({ nom: "Auch" });
    expect(parsed.contours.filter((contour) => ["32067", "32074", "32260", "32413"].includes(contour.code))).toHaveLength(4);
  });

  it("is rebuilt byte for byte from the published GeoJSON, with the same communes and areas", async () => {
    expect(fs.existsSync(SOURCE), `${SOURCE} est absent`).toBe(true);
    const dossier = fs.mkdtempSync(path.join(os.tmpdir(), "contours-embarques-"));
    try {
      await run(process.execPath, ["--import", "tsx", "scripts/build-contours.ts", SOURCE, "--departement", "32", "--annee", "2018", "--dossier", dossier]);
      expect(fs.readFileSync(path.join(dossier, "communes-32-2018.topojson")).equals(fs.readFileSync(FILE))).toBe(true);
    } finally {
      fs.rmSync(dossier, { recursive: true, force: true });
    }
    const source = JSON.parse(fs.readFileSync(SOURCE, "utf8")) as FeatureCollection<Polygon | MultiPolygon, { code: string; nom: string }>;
    const shapes = readEmbeddedShapes(FILE);
    expect([...shapes.keys()].sort()).toEqual(source.features.map((feature) => feature.properties.code).sort());
    for (const feature of source.features) {
      const shipped = { type: "Feature" as const, properties: {}, geometry: shapes.get(feature.properties.code)! };
      expect(d3.geoArea(shipped) / d3.geoArea(feature), feature.properties.code).toBeCloseTo(1, 4);
    }
  });
});

describe("points de la démonstration dans leur commune", () => {
  // A "C" open to the east: its centroid falls in the opening, outside the commune.
  const crescent: Polygon = {
    type: "Polygon",
    coordinates: [[[0, 0], [3, 0], [3, 0.5], [0.5, 0.5], [0.5, 2.5], [3, 2.5], [3, 3], [0, 3], [0, 0]]],
  };
  const withHole: Polygon = {
    type: "Polygon",
    coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]],
  };

  it("finds a point inside a commune whose centroid lies outside it", () => {
    const centroid = centroidOf([crescent])!;
    expect(insideShape(crescent, [centroid.longitude, centroid.latitude])).toBe(false);
    const point = interiorPoint(crescent);
    expect(insideShape(crescent, point)).toBe(true);
    // The middle of the C's back, on the centroid's parallel.
    expect(point[0]).toBeCloseTo(0.25, 9);
  });

  it("treats a hole as outside, and pulls an offset place back inside the commune", () => {
    expect(insideShape(withHole, [2, 2])).toBe(false);
    expect(insideShape(withHole, [0.5, 2])).toBe(true);
    const placed = placeInside(crescent, interiorPoint(crescent), [2, 0]);
    expect(insideShape(crescent, placed)).toBe(true);
    // Without a polygon, the offset is applied as drawn.
    expect(placeInside(undefined, [1, 1], [0.25, -0.5])).toEqual([1.25, 0.5]);
  });
});
