// Commune contours: recognised by content, dated, mapped onto the current COG and dissolved into EPCIs, on small
// fixtures and on the real IGN GeoJSON of the Gers (the maps of the built site: tests/e2e/contours.test.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as d3 from "d3";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { topology } from "topojson-server";
import { describe, expect, it, onTestFinished } from "vitest";
import { importAndDerive } from "../support/import-and-derive.ts";
import { contoursOnCurrentCog } from "../../pipelines/geography/contours-cog.ts";
import { parseContours } from "../../pipelines/ingest/load-contours.ts";
import { memoryWarehouse } from "../support/memory-warehouse.ts";

/** A unit square at (x, y), wound clockwise as d3 expects for a small polygon. */
function square(code: string, x: number, y: number, key = "code"): Feature<Polygon> {
  const s = 0.01;
  return {
    type: "Feature",
    properties: { [key]: code, nom: `Commune ${code}` },
    geometry: { type: "Polygon", coordinates: [[[x, y], [x, y + s], [x + s, y + s], [x + s, y], [x, y]]] },
  };
}

const collection = (...features: Feature[]): FeatureCollection => ({ type: "FeatureCollection", features });
const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

describe("contours des communes (reconnaissance et COG)", () => {
  it("recognises commune contours by content: GeoJSON with code, INSEE_COM or insee, and TopoJSON", () => {
    for (const key of ["code", "INSEE_COM", "insee"]) {
      const parsed = parseContours(bytes(collection(square("32001", 0, 43, key), square("32002", 0.01, 43, key))), "contours.geojson");
      expect("contours" in parsed && parsed.contours.map((contour) => contour.code)).toEqual(["32001", "32002"]);
    }
    const topo = topology({ communes: collection(square("32001", 0, 43), square("32002", 0.01, 43)) });
    const parsed = parseContours(bytes(topo), "ADMIN-EXPRESS-COG_2024/communes.topojson");
    expect("contours" in parsed && parsed.contours).toHaveLength(2);
    expect("contours" in parsed && parsed.geoAnnee).toBe(2024);
  });

  it("explains why a JSON file is not commune contours", () => {
    expect(parseContours(Buffer.from("{ pas du json"), "x.json")).toMatchObject({ motif: expect.stringContaining("JSON illisible") });
    expect(parseContours(bytes({ type: "Feature", properties: { code: "32", nom: "Gers" }, geometry: square("32", 0, 43).geometry }), "dep.geojson")).toMatchObject({
      motif: expect.stringContaining("contours non communaux"),
    });
    expect(parseContours(bytes({ indicateurs: [] }), "catalogue.json")).toMatchObject({ motif: expect.stringContaining("ni un GeoJSON ni un TopoJSON") });
  });

  it("loads a contour file once, and lets a later run's file replace the communes it draws again", async () => {
    const folder = (name: string, value: unknown) => {
      const dossier = fs.mkdtempSync(path.join(os.tmpdir(), `contours-${name}-`));
      onTestFinished(() => fs.rmSync(dossier, { recursive: true, force: true }));
      fs.writeFileSync(path.join(dossier, "communes-2024.geojson"), JSON.stringify(value));
      return dossier;
    };
    const first = folder("a", collection(square("32013", 0.58, 43.64), square("32107", 0.6, 43.64)));
    const second = folder("b", collection(square("32013", 0.58, 43.64)));
    const warehouse = await memoryWarehouse();
    const load = (dossier: string) => importAndDerive(warehouse, { dossiers: [dossier], territoire: "32", commande: "test" });
    expect((await load(first)).fichiers).toMatchObject([{ etat: "charge", millesime: 2024, geoAnnee: 2024, lignesLues: 2, lignesChargees: 2 }]);
    const again = await load(first);
    expect(again.fichiers).toMatchObject([{ etat: "deja_charge", millesime: 2024, geoAnnee: 2024, lignesLues: 2, lignesChargees: 2, lignesRejetees: 0 }]);
    const replacing = await load(second);
    expect(replacing.avertissements).toEqual([
      `${path.join(first, "communes-2024.geojson")} (chargé précédemment) est remplacé par ${path.join(second, "communes-2024.geojson")} pour les communes que ce dernier dessine à nouveau ; ses autres contours restent en usage.`,
    ]);
    expect(await warehouse.all(
      "SELECT c.code_commune, j.dossier FROM contours_communes c JOIN journal_import j USING (fichier_id) ORDER BY c.code_commune",
    )).toEqual([{ code_commune: "32013", dossier: second }, { code_commune: "32107", dossier: first }]);
    const whole = await load(folder("c", collection(square("32013", 0.58, 43.64), square("32107", 0.6, 43.64))));
    expect(whole.avertissements).toHaveLength(2);
    expect(whole.avertissements.every((message) => message.endsWith("communes-2024.geojson.") || message.includes("restent en usage"))).toBe(true);
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM journal_import WHERE remplace_par IS NULL")).toEqual({ n: 1 });
  });

  it("dissolves merged communes into the current one and EPCIs from their communes", () => {
    const raw = [square("32001", 0, 43), square("32002", 0.01, 43), square("32003", 0.02, 43), square("99999", 5, 5)].map((feature) => ({
      code: String(feature.properties!.code),
      geometrie: feature.geometry,
    }));
    const passage = new Map([["32001", "32001"], ["32002", "32001"], ["32003", "32003"]]);
    const cog = contoursOnCurrentCog(raw, passage, [
      { code: "32001", libelle: "Nouvelle", code_epci: "E1" },
      { code: "32003", libelle: "Voisine", code_epci: "E1" },
    ]);
    expect(cog.communes.features.map((feature) => [feature.properties.code, feature.properties.codes_sources])).toEqual([["32001", ["32001", "32002"]], ["32003", ["32003"]]]);
    expect(cog.communes.features[0]!.geometry.type).toBe("Polygon");
    expect(d3.geoArea(cog.communes.features[0]!)).toBeCloseTo(2 * d3.geoArea(square("x", 0, 43)), 12);
    expect(cog.epcis.features).toHaveLength(1);
    expect(cog.epcis.features[0]!.geometry.type).toBe("Polygon");
    expect(cog.inconnus).toEqual(["99999"]);
  });
});

describe("contours réels sans année de géographie (GeoJSON IGN du Gers)", () => {
  it("dit que l'année manque et nomme les codes antérieurs au COG en vigueur qui la trahissent", async () => {
    const warehouse = await memoryWarehouse();
    const warnings: string[] = [];
    await importAndDerive(warehouse, { dossiers: [path.resolve("tests/fixtures/contours-ign")], territoire: "32", commande: "test", onAvertissement: (message) => warnings.push(message) });
    const warning = warnings.find((line) => line.includes("communes-32-gers.geojson : année de géographie des contours introuvable"));
    expect(warning).toContain("4 code(s) antérieur(s) au COG en vigueur (32067, 32074, 32260, 32413)");
  });
});
