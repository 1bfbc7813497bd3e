// The published site, built once from a demo warehouse through the CLI (demo, then pipeline): pages, offline
// guarantee, downloads, per-page data budget, last-good-site on failure, and in the browser the figures and maps shown.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRenderedPage, openBrowser, type BrowserSession } from "../../pipelines/publish/browser.ts";
import { formatEntier, formatNombre } from "../../pipelines/core/format-fr.ts";
import { findOutsideUrls } from "../../pipelines/publish/outside-urls.ts";
import { startStaticServer, type StaticServer } from "../../pipelines/publish/static-server.ts";
import { SANS_NAVIGATEUR, SKIP_BROWSER, observatoire, plainSpaces, warnSkipped } from "../support/site-fixture.ts";
import { readExportRows, SHARED_RUN_TIMEOUT, sharedDemoSite, type ExportRow } from "./shared-run.ts";


const AUCH = "200066926";
let demo: Awaited<ReturnType<typeof sharedDemoSite>>;
let rows: ExportRow[];
let decimals: Map<string, number>;

beforeAll(async () => {
  demo = await sharedDemoSite();
  rows = readExportRows(path.join(demo.sortie, "exports/indicateurs.csv"));
  const catalogue = JSON.parse(fs.readFileSync(path.join(demo.sortie, "exports/catalogue.json"), "utf8")) as { id_indicateur: string; decimales: number }[];
  decimals = new Map(catalogue.map((entry) => [entry.id_indicateur, entry.decimales]));
}, SHARED_RUN_TIMEOUT);

/** Screenshots kept for a human eye (git-ignored): the acceptance asks to see real French-formatted figures. */
const CAPTURES = path.resolve("tests/captures");
function capture(name: string): string {
  fs.mkdirSync(CAPTURES, { recursive: true });
  return path.join(CAPTURES, name);
}

const htmlIn = (folder: string) => fs.readdirSync(path.join(demo.site, folder)).filter((name) => name.endsWith(".html"));

describe("observatoire publier (site statique)", () => {
  it("builds the home, indicators and methodology pages, 15 + 2 portraits and 458 commune sheets, and says how to open them", () => {
    for (const page of ["index.html", "indicateurs.html", "methodologie.html", "epci/index.html", "communes/index.html"]) {
      expect(fs.existsSync(path.join(demo.site, page)), page).toBe(true);
    }
    expect(htmlIn("epci").filter((name) => name !== "index.html")).toHaveLength(17);
    expect(htmlIn("communes").filter((name) => name !== "index.html")).toHaveLength(458);
    expect(htmlIn("perimetres").sort()).toEqual(["32-CIAS.html", "32-COURONNE.html", "index.html"]);
    expect(fs.existsSync(path.join(demo.site, "comparer.html"))).toBe(true);
    expect(demo.pipeline.stdout).toContain("Pipeline terminé. Site : « npx observatoire apercu »");
    expect(demo.pipeline.stderr).toMatch(/Site construit dans sortie\/site : \d+ pages dont 17 portraits d'EPCI et 458 fiches communales/);
    const manifest = JSON.parse(fs.readFileSync(path.join(demo.site, "publication.json"), "utf8")) as { demo: boolean; epcis: { rattachement: string }[] };
    expect(manifest.demo).toBe(true);
    expect(manifest.epcis.filter((epci) => epci.rattachement === "territoire")).toHaveLength(15);
  });

  it("contains no outside address: no CDN, fonts, telemetry or vendor link (SVG namespaces excepted)", () => {
    expect(findOutsideUrls(demo.site)).toEqual([]);
    // An independent, cruder scan: any http(s) host other than the w3.org namespace names fails.
    const hosts = new Set<string>();
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(html|js|css|json)$/.test(entry.name)) {
          for (const match of fs.readFileSync(full, "utf8").matchAll(/https?:\/\/[a-z0-9.-]+/gi)) hosts.add(match[0].toLowerCase());
        }
      }
    };
    walk(demo.site);
    expect([...hosts].filter((host) => host !== "http://www.w3.org")).toEqual([]);
  });

  it("writes French pages: lang, skip link, no English vendor footer, French sidebar label", () => {
    for (const page of ["index.html", `epci/${AUCH}.html`, "communes/32013.html", "methodologie.html"]) {
      const html = fs.readFileSync(path.join(demo.site, page), "utf8");
      expect(html, page).toContain('<html lang="fr">');
      expect(html).toContain('<a class="lien-evitement" href="#observablehq-main">Aller au contenu</a>');
      expect(html).toContain('title="Afficher ou masquer le menu"');
      expect(html).not.toMatch(/Built with Observable|Toggle sidebar/);
    }
  });

  it("offers every indicator as a CSV file, cut from indicateurs.csv, next to the full export", () => {
    const downloads = path.join(demo.site, "telechargements");
    expect(fs.readFileSync(path.join(downloads, "indicateurs.csv"), "utf8")).toBe(fs.readFileSync(path.join(demo.sortie, "exports/indicateurs.csv"), "utf8"));
    // Each indicator twice: the standard CSV and its French-spreadsheet variant (`;`, decimal comma, BOM).
    const files = fs.readdirSync(path.join(downloads, "indicateurs"));
    expect(files.filter((name) => !name.endsWith("-excel-fr.csv"))).toHaveLength(40);
    expect(files.filter((name) => name.endsWith("-excel-fr.csv"))).toHaveLength(40);
    const chomage = readExportRows(path.join(downloads, "indicateurs/tx_chomage.csv"));
    expect(chomage).toEqual(rows.filter((row) => row.id_indicateur === "tx_chomage"));
  });

  it("keeps each page's own data small and leaves indicator 40 off the commune sheets", () => {
    const data = path.join(demo.sortie, ".publication/racine/data");
    const sizes = fs.readdirSync(path.join(data, "epci")).map((name) => fs.statSync(path.join(data, "epci", name)).size);
    expect(sizes).toHaveLength(17);
    expect(Math.max(...sizes)).toBeLessThan(300_000);
    const commune = JSON.parse(fs.readFileSync(path.join(data, "communes/32013.json"), "utf8")) as { valeurs: Record<string, unknown> };
    expect(Object.keys(commune.valeurs)).toHaveLength(39);
    expect(commune.valeurs.tx_fiches_violences).toBeUndefined();
    const site = JSON.parse(fs.readFileSync(path.join(data, "site.json"), "utf8")) as {
      demo: boolean;
      contours: { disponible: boolean; fichiers: string[]; geo_annee: number; communes: number; codes_inconnus: string[] };
    };
    expect(site.demo).toBe(true);
    // The demo copies the real Gers contours (2018), mapped onto the 458 current communes.
    expect(site.contours).toMatchObject({ disponible: true, geo_annee: 2018, communes: 458, codes_inconnus: [] });
    expect(site.contours.fichiers.some((fichier) => fichier.endsWith("communes-32-2018.topojson"))).toBe(true);
  });
});

describe.skipIf(SKIP_BROWSER)(`le site dans le navigateur${SKIP_BROWSER ? ` (${SANS_NAVIGATEUR})` : ""}`, () => {
  let browser: BrowserSession;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer(demo.site);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(chemin: string, { sansContours = false } = {}) {
    const page = await browser.context.newPage();
    if (sansContours) {
      // The contours file as a warehouse without contours exports it: the pages must then explain, not draw.
      await page.route(/\/_file\/data\/contours\.[0-9a-f]+\.json$/, (route) =>
        route.fulfill({ contentType: "application/json", body: JSON.stringify({ disponible: false, communes: { type: "FeatureCollection", features: [] }, epcis: { type: "FeatureCollection", features: [] } }) }));
    }
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console : ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`erreur : ${error.message}`));
    page.on("request", (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith("data:")) problems.push(`requête extérieure : ${request.url()}`);
    });
    await loadRenderedPage(page, `${server.url}${chemin}`);
    return { page, problems };
  }

  it("« Comparer » shows for the territories of its address exactly the figures of indicateurs.csv, and the perimeter portrait its own", async () => {
    const territories = [
      { niveau: "commune", code: "32013" }, { niveau: "epci", code: AUCH }, { niveau: "perimetre", code: "32-COURONNE" }, { niveau: "france", code: "FRANCE" },
    ];
    const { page, problems } = await open(`/comparer?territoires=${territories.map(({ niveau, code }) => `${niveau}:${code}`).join(",")}`);
    let compared = 0;
    for (const [id, decimales] of decimals) {
      for (const { niveau, code } of territories) {
        const row = rows.find((candidate) => candidate.id_indicateur === id && candidate.niveau === niveau && candidate.code_geo === code);
        const cell = plainSpaces((await page.locator(`tr[data-indicateur="${id}"] td[data-territoire="${niveau}:${code}"]`).textContent()) ?? "");
        if (!row) {
          expect(cell, `${id} ${niveau}`).toContain("manquant");
        } else if (row.statut === "ok") {
          expect(cell, `${id} ${niveau}`).toContain(plainSpaces(formatNombre(decimales)(Number(row.valeur))));
          compared += 1;
        } else {
          expect(cell, `${id} ${niveau}`).toContain({ secret: "secret", manquant: "manquant", non_applicable: "sans objet" }[row.statut]);
        }
      }
    }
    expect(compared).toBeGreaterThan(80);
    expect(new URL(page.url()).search).toBe(`?territoires=${territories.map(({ niveau, code }) => encodeURIComponent(`${niveau}:${code}`)).join(",")}`);
    expect(await page.locator("a.telecharger-csv").getAttribute("href")).toMatch(/^blob:/);
    expect(problems).toEqual([]);
    await page.close();
    const portrait = await open("/perimetres/32-COURONNE");
    expect(await portrait.page.locator("h1").textContent()).toBe("Auch et sa première couronne");
    const population = rows.find((row) => row.id_indicateur === "pop" && row.niveau === "perimetre" && row.code_geo === "32-COURONNE")!;
    expect(plainSpaces((await portrait.page.locator('dd[data-indicateur="pop"]').textContent()) ?? "")).toBe(`${plainSpaces(formatEntier(Number(population.valeur)))} habitants`);
    expect(plainSpaces((await portrait.page.locator('tr[data-indicateur="med_niveau_vie"] td[data-niveau="perimetre"]').textContent()) ?? "")).toContain("manquant");
    expect(portrait.problems).toEqual([]);
    await portrait.page.close();
  });

  it("shows on a portrait exactly the figures of indicateurs.csv, in French, without console error", async () => {
    const { page, problems } = await open(`/epci/${AUCH}`);
    expect(await page.locator("h1").textContent()).toBe("CA Grand Auch Coeur de Gascogne");
    expect(await page.title()).toContain("CA Grand Auch Coeur de Gascogne");
    // The banner opens the portrait and its last printed page.
    expect(await page.locator(".bandeau-demo").first().textContent()).toContain("Données de démonstration");
    const columns = [
      { niveau: "epci", code: AUCH },
      { niveau: "departement", code: "32" },
      { niveau: "region", code: "76" },
      { niveau: "france", code: "FRANCE" },
    ];
    let compared = 0;
    for (const [id, decimales] of decimals) {
      for (const { niveau, code } of columns) {
        const row = rows.find((candidate) => candidate.id_indicateur === id && candidate.niveau === niveau && candidate.code_geo === code)!;
        // The annex: every indicator against every reference (the key figures repeat a few of them on page 1).
        const cell = plainSpaces((await page.locator(`.annexe tr[data-indicateur="${id}"] td[data-niveau="${niveau}"]`).textContent()) ?? "");
        if (row.statut === "ok") {
          expect(cell, `${id} ${niveau}`).toContain(plainSpaces(formatNombre(decimales)(Number(row.valeur))));
          if (row.fiabilite === "fragile") expect(cell).toContain("fragile");
          compared += 1;
        } else {
          expect(cell, `${id} ${niveau}`).toContain({ secret: "secret", manquant: "manquant", non_applicable: "sans objet" }[row.statut]);
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    const population = rows.find((row) => row.id_indicateur === "pop" && row.niveau === "epci" && row.code_geo === AUCH)!;
    expect(plainSpaces((await page.locator('dd[data-indicateur="pop"]').textContent()) ?? "")).toBe(`${plainSpaces(formatEntier(Number(population.valeur)))} habitants`);
    expect(problems).toEqual([]);
    await page.setViewportSize({ width: 1200, height: 1000 });
    await page.screenshot({ path: capture("portrait-auch.png"), fullPage: true });
    await page.close();
  });

  it("labels the straddling EPCIs and ranks only the 15", async () => {
    const { page, problems } = await open("/epci/200030435");
    expect(plainSpaces((await page.locator(".note-limitrophe").textContent()) ?? "")).toContain("EPCI limitrophe : seules 10 communes sont dans le Gers");
    expect(await page.locator("th.col-rang").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows a commune sheet compared with its EPCI and the département, without indicator 40", async () => {
    const { page, problems } = await open("/communes/32013");
    expect(await page.locator("h1").textContent()).toBe("Auch");
    expect(await page.locator('tr[data-indicateur="tx_fiches_violences"]').count()).toBe(0);
    expect(await page.locator("table.fiche-compacte tr[data-indicateur]").count()).toBe(39);
    const chomage = rows.find((row) => row.id_indicateur === "tx_chomage" && row.niveau === "commune" && row.code_geo === "32013")!;
    const cell = plainSpaces((await page.locator('table.fiche-compacte tr[data-indicateur="tx_chomage"] td[data-niveau="commune"]').textContent()) ?? "");
    expect(cell).toContain(plainSpaces(`${formatNombre(1)(Number(chomage.valeur))} %`));
    expect(await page.locator('table.fiche-compacte tr[data-indicateur="tx_chomage"] td[data-niveau="epci"]').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.setViewportSize({ width: 1200, height: 1000 });
    await page.screenshot({ path: capture("fiche-auch.png"), fullPage: true });
    await page.close();
  });

  it("draws the maps from the shipped contours: EPCIs on the home page, communes on the indicators page, the offer map, the sheets", async () => {
    const home = await open("/");
    expect(await home.page.locator("figure.carte svg a").count()).toBe(15);
    expect(await home.page.locator(".note-contours").count()).toBe(0);
    expect(home.problems).toEqual([]);
    await home.page.close();
    const indicateurs = await open("/indicateurs");
    expect(await indicateurs.page.locator("figure.carte").count()).toBe(2);
    // The commune choropleth: one shape per current commune of the Gers.
    expect(await indicateurs.page.locator("figure.carte").nth(1).locator("svg a").count()).toBe(458);
    await indicateurs.page.close();
    const offre = await open("/offre");
    expect(await offre.page.locator("figure.carte").count()).toBeGreaterThan(0);
    expect(await offre.page.locator(".note-contours").count()).toBe(0);
    expect(offre.problems).toEqual([]);
    await offre.page.close();
    for (const chemin of [`/epci/${AUCH}`, "/communes/32365"]) {
      const { page, problems } = await open(chemin);
      expect(await page.locator("figure.carte svg path").count(), chemin).toBeGreaterThan(10);
      expect(await page.locator(".note-contours").count(), chemin).toBe(0);
      expect(problems, chemin).toEqual([]);
      await page.close();
    }
  });

  it("gives every chart a text alternative and shows the no-contours note instead of an empty map", async () => {
    const { page } = await open(`/epci/${AUCH}`, { sansContours: true });
    const labels = await page.$$eval("svg[role=img]", (nodes) => nodes.map((node) => node.getAttribute("aria-label") ?? ""));
    expect(labels.length).toBeGreaterThan(30);
    expect(labels.every((label) => label.length > 10)).toBe(true);
    expect(await page.locator("figure.carte").count()).toBe(0);
    const note = page.locator(".note-contours", { hasText: "Carte non disponible" });
    expect(await note.count()).toBe(1);
    expect(await note.textContent()).toContain("npx observatoire pipeline --donnees");
    await page.close();
  });

  it("can be used with the keyboard: skip link first, sortable headers as buttons, indicator picker", async () => {
    const { page, problems } = await open("/indicateurs");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Aller au contenu");
    await page.selectOption("#choix-indicateur", "tx_chomage");
    await page.waitForFunction(() => document.querySelector("#titre-indicateur")?.textContent?.includes("chômage"));
    const header = page.locator("th:has(button.tri)", { hasText: "Valeur" }).first();
    await header.locator("button").focus();
    await page.keyboard.press("Enter");
    expect(await header.getAttribute("aria-sort")).toMatch(/ascending|descending/);
    const auch = rows.find((row) => row.id_indicateur === "tx_chomage" && row.niveau === "epci" && row.code_geo === AUCH)!;
    const line = page.locator("table.tableau tr", { hasText: "CA Grand Auch Coeur de Gascogne" }).first();
    expect(plainSpaces((await line.textContent()) ?? "")).toContain(plainSpaces(formatNombre(1)(Number(auch.valeur))));
    expect(problems).toEqual([]);
    await page.close();
  });

  it("opens the other pages without error", async () => {
    for (const chemin of ["/", "/methodologie", "/epci/", "/communes/"]) {
      const { page, problems } = await open(chemin);
      expect(problems, chemin).toEqual([]);
      expect(await page.locator(".observablehq--error").count(), chemin).toBe(0);
      await page.close();
    }
  });
});

warnSkipped("Tests du site dans le navigateur");
