// The real IGN contours of the Gers (2018) as the shared demo run publishes them: mapped onto the 458 communes of
// the current COG, dissolved into EPCIs, and drawn in the browser.
import fs from "node:fs";
import path from "node:path";
import * as d3 from "d3";
import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRenderedPage, openBrowser } from "../../pipelines/publish/browser.ts";
import { startStaticServer } from "../../pipelines/publish/static-server.ts";
import { SANS_NAVIGATEUR, SKIP_BROWSER } from "../support/site-fixture.ts";
import { SHARED_RUN_TIMEOUT, sharedRun, type SharedRun } from "./shared-run.ts";

interface ContoursFile {
  disponible: boolean;
  communes: FeatureCollection<Polygon | MultiPolygon, { code: string; code_epci: string; codes_sources: string[] }>;
  epcis: FeatureCollection<Polygon | MultiPolygon, { code: string; nb_communes: number }>;
}

describe("contours réels du Gers dans le site", () => {
  let run: SharedRun;
  let contours: ContoursFile;
  let raw: FeatureCollection<Polygon | MultiPolygon, { code: string }>;

  beforeAll(async () => {
    run = await sharedRun();
    contours = JSON.parse(fs.readFileSync(path.join(run.sortie, ".publication/racine/data/contours.json"), "utf8")) as ContoursFile;
    raw = JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/contours-ign/communes-32-gers.geojson"), "utf8")) as typeof raw;
  }, SHARED_RUN_TIMEOUT);

  it("maps the 462 contours of 2018 onto the 458 communes of the current COG", () => {
    expect(contours.disponible).toBe(true);
    expect(contours.communes.features).toHaveLength(458);
    const byCode = new Map(contours.communes.features.map((feature) => [feature.properties.code, feature]));
    expect(byCode.get("32344")!.properties.codes_sources).toEqual(["32074", "32344"]);
    expect(byCode.get("32365")!.properties.codes_sources).toEqual(["32067", "32260", "32365", "32413"]);
    const area = (codes: string[]) => d3.sum(raw.features.filter((feature) => codes.includes(feature.properties.code)), (feature) => d3.geoArea(feature));
    expect(d3.geoArea(byCode.get("32365")!) / area(["32067", "32260", "32365", "32413"])).toBeCloseTo(1, 2);
    expect(d3.geoArea(byCode.get("32344")!) / area(["32074", "32344"])).toBeCloseTo(1, 2);
    for (const old of ["32067", "32260", "32413", "32074"]) {
      const centre = d3.geoCentroid(raw.features.find((feature) => feature.properties.code === old)!);
      const current = old === "32074" ? "32344" : "32365";
      expect(d3.geoContains(byCode.get(current)!, centre), `${old} dans ${current}`).toBe(true);
    }
  });

  it("dissolves each EPCI of the Gers so that it covers its communes", () => {
    expect(contours.epcis.features).toHaveLength(17);
    // A concave commune's centroid may fall outside it: those are not checked, but almost all communes are.
    let checked = 0;
    for (const epci of contours.epcis.features) {
      const members = contours.communes.features.filter((feature) => feature.properties.code_epci === epci.properties.code);
      expect(members).toHaveLength(epci.properties.nb_communes);
      expect(d3.geoArea(epci) / d3.sum(members, (feature) => d3.geoArea(feature)), epci.properties.code).toBeCloseTo(1, 2);
      for (const commune of members) {
        const centre = d3.geoCentroid(commune);
        if (!d3.geoContains(commune, centre)) continue;
        expect(d3.geoContains(epci, centre), `${commune.properties.code} dans ${epci.properties.code}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it.skipIf(SKIP_BROWSER)(`draws the maps on the home page and the portraits${SKIP_BROWSER ? ` (${SANS_NAVIGATEUR})` : ""}`, async () => {
    const server = await startStaticServer(run.site);
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await loadRenderedPage(page, `${server.url}/`);
      expect(await page.locator("figure.carte svg a").count()).toBe(15);
      await loadRenderedPage(page, `${server.url}/epci/200072320`);
      expect(await page.locator("figure.carte svg path").count()).toBeGreaterThan(10);
      expect(await page.locator(".note-contours", { hasText: "Carte non disponible" }).count()).toBe(0);
      await loadRenderedPage(page, `${server.url}/indicateurs#densite`);
      expect(await page.locator("figure.carte").count()).toBe(2);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
