// `observatoire telecharger` as a user runs it, on loopback only: the catalogue listed without network, usage errors,
// plain http refused, and a downloaded folder that then feeds `observatoire importer`. Nothing reaches the internet.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE, loadCatalogue } from "../../pipelines/download/catalogue.ts";
import { MANIFEST_NAME, readManifest, type Manifest } from "../../pipelines/download/manifest.ts";
import { serveFile, startServer, type Handler, type LoopbackServer } from "../support/loopback-http.ts";
import { download, entry, payload, sha256, tempDir, writeCatalogue } from "../support/telecharger-fixtures.ts";

const run = promisify(execFile);
const BIN = path.resolve("bin/observatoire.js");
const TIMEOUT = { timeout: 60_000 };

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment without proxies, so that the machine's settings never redirect a loopback test. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/_proxy$/i.test(name)));
  return { ...env, NO_COLOR: "1", ...extra };
}

async function observatoire(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(env) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("observatoire telecharger (commande)", TIMEOUT, () => {
  it("--liste prints one line per source with its https URL, producer, millésime and confirmation, without network", async () => {
    const work = tempDir("liste");
    // A dead proxy: any attempt to go online would fail.
    const { code, stdout } = await observatoire(["telecharger", "--liste", "--territoire", "2A"], work, { HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9" });
    expect(code).toBe(0);
    const catalogue = loadCatalogue(DEFAULT_CATALOGUE);
    for (const source of catalogue.sources) {
      const line = stdout.split("\n").find((text) => text.trimStart().startsWith(`${source.id} `));
      expect(line, source.id).toBeDefined();
      expect(line).toContain(source.producteur);
      expect(line).toContain(source.millesime);
      expect(line).toMatch(/https:\/\//);
      expect(line).toContain(source.confirme ? "confirmée" : "NON CONFIRMÉE");
    }
    expect(stdout).toContain("https://geo.api.gouv.fr/departements/2A/communes?format=geojson&geometry=contour → communes-2A-");
    expect(fs.readdirSync(work)).toEqual([]);
  });

  it("refuses an unknown --sources id with the list of valid ones (exit 2)", async () => {
    const { code, stderr } = await observatoire(["telecharger", "--sources", "insee-bpe-xy,inconnue"], tempDir("usage"));
    expect(code).toBe(2);
    expect(stderr).toMatch(/source inconnue dans --sources : inconnue\.\n {2}→ Sources du catalogue : insee-comparateur-territoires, /);
  });

  it("refuses a catalogue pointing at plain http unless the test-only option allows loopback", async () => {
    const dir = tempDir("catalogue-http");
    const file = writeCatalogue(dir, [entry("local", "http://127.0.0.1:9/local.csv")]);
    const { code, stderr } = await observatoire(["telecharger", "--liste"], dir, { OBSERVATOIRE_CATALOGUE: file });
    expect(code).toBe(1);
    expect(stderr).toMatch(/catalogue\.json : catalogue des téléchargements invalide :\n {2}entrée 1 \(« local »\), champ url : adresse http non chiffrée refusée/);
    expect((await observatoire(["telecharger", "--liste", "--autoriser-http-local"], dir, { OBSERVATOIRE_CATALOGUE: file })).code).toBe(0);
  });

  it("exits 1 when a download fails, after attempting the others, each failure with its URL and reason", async () => {
    const bytes = payload("commande");
    const server = await startServer({ "/present.csv": serveFile(bytes) });
    try {
      const dir = tempDir("commande");
      const file = writeCatalogue(dir, [entry("absent", `${server.base}/absent.csv`), entry("present", `${server.base}/present.csv`)]);
      const { code, stderr } = await observatoire(["telecharger", "--donnees", "sortie-donnees", "--autoriser-http-local"], dir, { OBSERVATOIRE_CATALOGUE: file });
      expect(code).toBe(1);
      expect(stderr).toContain(`Erreur : absent : échec du téléchargement de ${server.base}/absent.csv : le serveur a répondu HTTP 404 (fichier introuvable).`);
      expect(stderr).toContain("1 téléchargement(s) sur 2 en échec");
      expect(stderr).not.toMatch(/\bat .*\.ts:\d+|Error:/);
      expect(fs.readFileSync(path.join(dir, "sortie-donnees", "present.csv")).equals(bytes)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe("un dossier téléchargé alimente l'import sans étape manuelle", TIMEOUT, () => {
  const REEL = path.resolve("tests/fixtures/reel");
  const CAF = path.resolve("tests/fixtures/caf-cafdata");
  const zip = (member: string, file: string) => Buffer.from(zipSync({ [member]: new Uint8Array(fs.readFileSync(file)) }));
  /** Two Gers communes shaped as the API Géo answers (properties nom, code, codeDepartement). */
  const contours = Buffer.from(JSON.stringify({
    type: "FeatureCollection",
    features: [["32013", "Auch", 0.58], ["32107", "Condom", 0.37]].map(([code, nom, x]) => ({
      type: "Feature",
      properties: { nom, code, codeDepartement: "32" },
      geometry: { type: "Polygon", coordinates: [[[x, 43.6], [Number(x) + 0.05, 43.6], [Number(x) + 0.05, 43.65], [x, 43.65], [x, 43.6]]] },
    })),
  }));

  let server: LoopbackServer;
  let work: string;

  beforeAll(async () => {
    const real = loadCatalogue(DEFAULT_CATALOGUE);
    const served: Record<string, Buffer> = {
      "insee-comparateur-territoires": zip("base_cc_comparateur.csv", path.join(REEL, "insee-comparateur/base_cc_comparateur.csv")),
      "insee-filosofi-2021-cc": zip("cc_filosofi_2021_COM.csv", path.join(REEL, "insee-filosofi/cc_filosofi_2021_COM.csv")),
      "insee-filosofi-2021-iris-dec": zip("BASE_TD_FILO_IRIS_2021_DEC.csv", path.join(REEL, "insee-filosofi/BASE_TD_FILO_IRIS_2021_DEC.csv")),
      "insee-populations-reference": zip("donnees_communes.csv", path.join(REEL, "insee-pop/donnees_communes.csv")),
      "cnaf-s-ben-com-f": fs.readFileSync(path.join(CAF, "s_ben_com_f.csv")),
      "cnaf-txcouv-pe-com": fs.readFileSync(path.join(CAF, "txcouv_pe_com.csv")),
      "cnaf-txcouv-pe-epci": fs.readFileSync(path.join(CAF, "txcouv_pe_epci.csv")),
      "cnaf-txcouv-pe-dep": fs.readFileSync(path.join(CAF, "txcouv_pe_dep.csv")),
      "cnaf-txcouv-pe-nat": fs.readFileSync(path.join(CAF, "txcouv_pe_nat.csv")),
      "geo-api-communes-departement": contours,
    };
    const routes: Record<string, Handler> = {};
    server = await startServer(routes);
    const local = (url: string) => url.replace(/^https:\/\/[^/]+/, server.base);
    // The real catalogue's entries, only moved onto the loopback server; sizes and checksums describe the real
    // files, not these extracts, so they are left out.
    const sources = real.sources
      .filter((source) => source.id in served || source.id === "anct-france-services")
      .map((source) => ({ ...source, url: local(source.url), taille: null, sha256: null, md5: null }));
    for (const source of sources) {
      const pathname = new URL(source.url.replaceAll("{dep}", "32")).pathname;
      if (source.id in served) routes[pathname] = serveFile(served[source.id]!);
    }
    // The data.gouv.fr dataset API: older and newer lists, and the per-commune list that must not be taken.
    const api = new URL(sources.find((source) => source.id === "anct-france-services")!.url).pathname;
    routes[api] = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({
        resources: [
          { title: "liste-fs-20240307.csv", url: `${server.base}/resources/20240307/liste-fs-20240307.csv`, last_modified: "2024-03-07T10:00:00" },
          { title: "liste-fs-20240801.csv", url: `${server.base}/resources/20240801/liste-fs-20240801.csv`, last_modified: "2024-08-01T10:00:00" },
          { title: "liste-fs-com2024-20240910.csv", url: `${server.base}/resources/20240910/liste-fs-com2024-20240910.csv`, last_modified: "2024-09-10T10:00:00" },
        ],
      }));
    };
    routes["/resources/20240801/liste-fs-20240801.csv"] = serveFile(fs.readFileSync(path.join(REEL, "anct-france-services/liste-fs-20240801.csv")));
    work = tempDir("alimente");
    writeCatalogue(work, sources);
  });
  afterAll(() => server?.close());

  it("telecharger then importer: exit 0, every downloaded source loaded, the downloads shown by etat", async () => {
    const env = { OBSERVATOIRE_CATALOGUE: path.join(work, "catalogue.json") };
    const fetched = await observatoire(["telecharger", "--donnees", "data/reel", "--autoriser-http-local"], work, env);
    expect(fetched.code, fetched.stderr).toBe(0);
    const year = new Date().getFullYear();
    const donnees = path.join(work, "data/reel");
    expect(fs.readdirSync(donnees).sort()).toEqual([
      "BASE_TD_FILO_IRIS_2021_DEC_CSV.zip", "base-cc-filosofi-2021-geo2024_csv.zip", "base_cc_comparateur_csv.zip", `communes-32-${year}.geojson`,
      "liste-fs-20240801.csv", "populations-legales-2023", "s_ben_com_f.csv", MANIFEST_NAME,
      "txcouv_pe_com.csv", "txcouv_pe_dep.csv", "txcouv_pe_epci.csv", "txcouv_pe_nat.csv",
    ].sort());
    const manifest = readManifest(donnees) as Manifest;
    expect(manifest.fichiers.find((record) => record.source === "anct-france-services")).toMatchObject({
      fichier: "liste-fs-20240801.csv", url: `${server.base}/resources/20240801/liste-fs-20240801.csv`,
    });

    const imported = await observatoire(["importer", "--donnees", "data/reel"], work);
    expect(imported.code, imported.stderr).toBe(0);
    // The manifest is listed as what it is, never taken for a data file; nothing downloaded is left aside.
    expect(imported.stderr).toContain("11 fichier(s) chargé(s), 0 déjà chargé(s), 0 refusé(s), 1 ignoré(s)");
    expect(imported.stderr).toContain(`ignoré   ${path.join("data/reel", MANIFEST_NAME)} : journal des téléchargements (observatoire telecharger), pas une source`);
    const etat = await observatoire(["etat", "--json"], work);
    const inventory = JSON.parse(etat.stdout) as { sources: { source_id: string; millesime: number | null; geo_annee: number | null }[]; telechargements: { manifeste: string; fichiers: unknown[] }[] };
    expect([...new Set(inventory.sources.map((source) => source.source_id))].sort()).toEqual([
      "anct_france_services", "caf_accueil_jeune_enfant", "caf_prestations", "contours_communes", "insee_comparateur", "insee_filosofi", "insee_filosofi_iris", "insee_populations_legales",
    ]);
    // Dated by what the download named: the populations by their folder, the contours by the download year.
    expect(inventory.sources.find((source) => source.source_id === "insee_populations_legales")!.millesime).toBe(2023);
    expect(inventory.sources.find((source) => source.source_id === "contours_communes")!.geo_annee).toBe(year);
    expect(inventory.telechargements).toEqual([{ manifeste: path.join("data/reel", MANIFEST_NAME), fichiers: manifest.fichiers }]);
    const text = await observatoire(["etat"], work);
    expect(text.stdout).toMatch(/Téléchargements \(data\/reel\/telechargements\.json, « observatoire telecharger »\) :\n.*source.*fichier.*reçu le/);
    expect(text.stdout).toMatch(/insee-populations-reference +populations-legales-2023\/ensemble\.zip/);
  });
});
