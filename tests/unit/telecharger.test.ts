// `observatoire telecharger` on loopback only: a local server replays fixture files and misbehaves on cue (redirects,
// 404, 5xx, cut connections, silence, wrong bytes), a local proxy checks HTTPS_PROXY/HTTP_PROXY and NO_PROXY, and a
// downloaded folder then feeds `observatoire importer`. Nothing here reaches the internet.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE, fillFichier, loadCatalogue, type CatalogueEntry } from "../pipelines/download/catalogue.ts";
import { partPath } from "../pipelines/download/fetch-file.ts";
import { DEFAULT_SETTINGS, type NetworkSettings } from "../pipelines/download/http.ts";
import { MANIFEST_NAME, readManifest, type Manifest } from "../pipelines/download/manifest.ts";
import { runDownloads, type SourceResult } from "../pipelines/download/run-downloads.ts";
import { isContoursFile } from "../pipelines/ingest/load-contours.ts";
import { SOURCES } from "../sources/registry.ts";
import { cutAfter, serveFile, startProxy, startServer, type Handler, type LoopbackServer } from "./support/loopback-http.ts";

const run = promisify(execFile);
const BIN = path.resolve("bin/observatoire.js");
const TIMEOUT = { timeout: 60_000 };

const FAST: NetworkSettings = { connectTimeoutMs: 2_000, readTimeoutMs: 400, attempts: 3, backoffMs: 10, maxRetryAfterMs: 50, allowLoopbackHttp: true };

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");
/** Bytes that no two tests share, large enough to be cut half-way. */
const payload = (seed: string, size = 64 * 1024) => {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index++) bytes[index] = (index * 31 + seed.charCodeAt(index % seed.length)) % 251;
  return bytes;
};

function entry(id: string, url: string, overrides: Partial<CatalogueEntry> = {}): CatalogueEntry {
  return {
    id, producteur: "Test", jeu: `Jeu ${id}`, page: "https://www.example.org/jeu", url, millesime: "2024", format: "csv", fichier: `${id}.csv`,
    membres: [], licence: "Licence Ouverte", taille: null, sha256: null, md5: null, parDepartement: false, filtreDepartement: null,
    preuve: ["test"], confirme: true, notes: null, ...overrides,
  };
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `observatoire-${prefix}-`));
}

/** Written then loaded: the test catalogue goes through the same validation as the real one. */
function writeCatalogue(dir: string, sources: CatalogueEntry[]): string {
  const file = path.join(dir, "catalogue.json");
  fs.writeFileSync(file, JSON.stringify({ description: "catalogue de test", sources }, null, 2));
  return file;
}

interface Captured {
  results: SourceResult[];
  messages: string[];
  errors: string[];
  manifest: Manifest;
  donnees: string;
}

async function download(sources: CatalogueEntry[], options: { donnees?: string; settings?: Partial<NetworkSettings>; env?: NodeJS.ProcessEnv } = {}): Promise<Captured> {
  const donnees = options.donnees ?? tempDir("donnees");
  const catalogue = loadCatalogue(writeCatalogue(tempDir("catalogue"), sources), { allowLoopbackHttp: true });
  const messages: string[] = [];
  const errors: string[] = [];
  const log = { info: (text: string) => messages.push(text), detail: (text: string) => messages.push(text), success: (text: string) => messages.push(text), warn: (text: string) => messages.push(text), error: (text: string) => errors.push(text) };
  const results = await runDownloads(
    {
      donnees, territoire: "32", sources: catalogue.sources, settings: { ...FAST, ...options.settings }, env: options.env ?? {},
      progress: { stream: { write: (text: string) => messages.push(text), isTTY: false }, mode: "lignes" },
    },
    log,
  );
  const manifest = readManifest(donnees);
  return { results, messages, errors, manifest: manifest && manifest !== "illisible" ? manifest : { description: "", fichiers: [] }, donnees };
}

describe("le catalogue des téléchargements (sources/telechargements.json)", () => {
  const catalogue = loadCatalogue(DEFAULT_CATALOGUE);

  it("holds at least ten official sources, all over https, each with public evidence", () => {
    expect(catalogue.sources.length).toBeGreaterThanOrEqual(10);
    for (const source of catalogue.sources) {
      expect(source.url, source.id).toMatch(/^https:\/\//);
      expect(source.page, source.id).toMatch(/^https:\/\//);
      expect(source.preuve.length, source.id).toBeGreaterThan(0);
    }
    const ids = catalogue.sources.map((source) => source.id);
    for (const needed of ["insee-comparateur-territoires", "insee-rp2022-caract-emp", "insee-filosofi-2021-cc", "insee-filosofi-2021-iris-dec", "insee-populations-reference", "insee-cog-communes", "insee-bpe-xy", "cnaf-s-ben-com-f", "cnaf-txcouv-pe-com", "cnaf-txcouv-pe-epci", "cnaf-txcouv-pe-dep", "cnaf-txcouv-pe-nat", "anct-france-services", "geo-api-communes-departement"]) {
      expect(ids).toContain(needed);
    }
    // Cafdata through the Opendatasoft export API, technical field names (use_labels would rename the columns).
    for (const source of catalogue.sources.filter((item) => item.id.startsWith("cnaf-"))) {
      expect(source.url).toMatch(/^https:\/\/data\.caf\.fr\/api\/explore\/v2\.1\/catalog\/datasets\/[a-z_]+\/exports\/csv\?delimiter=%3B$/);
    }
  });

  it("names every file as the importer recognises it: by a source's name pattern, or by content for contours", () => {
    const recognised = (name: string) => SOURCES.some((source) => source.nom.test(name));
    for (const source of catalogue.sources) {
      const fichier = fillFichier(source, { dep: "32", annee: 2026, ressource: source.resolution?.exemple });
      const nom = path.posix.basename(fichier);
      if (source.format === "geojson" || source.format === "json") {
        // Documented exception: contours are recognised by their content; their name must carry the geography year.
        expect(isContoursFile(nom), source.id).toBe(true);
        expect(nom, source.id).toMatch(/(?<!\d)20\d{2}(?!\d)/);
        continue;
      }
      // A zip is read member by member: its name or one of its data members must be recognised.
      const names = source.format === "zip" ? [nom, ...source.membres] : [nom];
      expect(names.some(recognised), `${source.id} : ${names.join(", ")}`).toBe(true);
    }
    // donnees_communes.csv names no year: the folder it is written to must.
    const populations = catalogue.sources.find((source) => source.id === "insee-populations-reference")!;
    expect(populations.fichier).toMatch(/^populations-legales-(\d{4})\/ensemble\.zip$/);
    expect(populations.fichier).toContain(populations.millesime);
  });

  it("refuses plain http, unknown fields and placeholders, and duplicates, naming the entry in French", () => {
    const dir = tempDir("catalogue-invalide");
    const refused = (sources: CatalogueEntry[], options = {}) => {
      try {
        loadCatalogue(writeCatalogue(dir, sources), options);
      } catch (error) {
        return (error as Error).message;
      }
      return "accepté";
    };
    expect(refused([entry("a", "http://www.example.org/a.csv")])).toMatch(/entrée 1 \(« a »\), champ url : adresse http non chiffrée refusée/);
    // The test-only allowance is for the loopback address alone.
    expect(refused([entry("a", "http://www.example.org/a.csv")], { allowLoopbackHttp: true })).toMatch(/http non chiffrée refusée/);
    expect(refused([entry("a", "http://127.0.0.1:9/a.csv")])).toMatch(/http non chiffrée refusée/);
    expect(refused([entry("a", "http://127.0.0.1:9/a.csv")], { allowLoopbackHttp: true })).toBe("accepté");
    expect(refused([entry("a", "https://www.example.org/{annee}/a.csv")])).toMatch(/paramètre inconnu \{annee\}/);
    expect(refused([entry("a", "https://www.example.org/a.csv", { fichier: "../a.csv" })])).toMatch(/chemin relatif attendu/);
    expect(refused([{ ...entry("a", "https://www.example.org/a.csv"), tialle: 3 } as CatalogueEntry])).toMatch(/entrée 1 \(« a »\).*tialle/);
    expect(refused([entry("a", "https://www.example.org/a.csv"), entry("a", "https://www.example.org/b.csv", { fichier: "b.csv" })])).toMatch(/identifiant déjà utilisé/);
    expect(refused([entry("a", "https://www.example.org/a.csv", { sha256: "abc" })])).toMatch(/sha256 attendu/);
  });
});

describe("un téléchargement (serveur local)", TIMEOUT, () => {
  let server: LoopbackServer;
  const files = {
    simple: payload("simple"),
    redirige: payload("redirige"),
    reessai: payload("reessai"),
    coupe: payload("coupe"),
    reprise: payload("reprise"),
    sansRange: payload("sansRange"),
    controle: payload("controle"),
    conditionnel: payload("conditionnel"),
  };
  let retryCalls = 0;
  let resumeCalls = 0;
  let noRangeCalls = 0;

  beforeAll(async () => {
    const stalls: Handler = () => {
      // Never answers: the read timeout must give up.
    };
    server = await startServer({
      "/simple.csv": serveFile(files.simple, { etag: '"s1"', lastModified: "Wed, 01 Jan 2025 00:00:00 GMT" }),
      "/ancien/redirige.csv": (_request, response) => {
        response.writeHead(302, { location: "/nouveau/redirige.csv" });
        response.end();
      },
      "/nouveau/redirige.csv": serveFile(files.redirige),
      "/vers-http.csv": (_request, response) => {
        response.writeHead(301, { location: "http://fichiers.example.invalid/vers-http.csv" });
        response.end();
      },
      "/reessai.csv": (request, response, n) => {
        retryCalls = n;
        if (n === 1) {
          response.writeHead(500);
          response.end("erreur");
        } else if (n === 2) {
          response.writeHead(429, { "retry-after": "0" });
          response.end("trop");
        } else serveFile(files.reessai)(request, response, n);
      },
      "/coupe.csv": (request, response, n) => (n === 1 ? cutAfter(files.coupe, 20_000, { etag: '"c1"' }) : serveFile(files.coupe, { etag: '"c1"' }))(request, response, n),
      "/reprise.csv": (request, response, n) => {
        resumeCalls = n;
        (n === 1 ? cutAfter(files.reprise, 30_000, { etag: '"r1"' }) : serveFile(files.reprise, { etag: '"r1"' }))(request, response, n);
      },
      "/sans-range.csv": (request, response, n) => {
        noRangeCalls = n;
        (n === 1 ? cutAfter(files.sansRange, 25_000) : serveFile(files.sansRange, { ranges: false }))(request, response, n);
      },
      "/controle.csv": serveFile(files.controle),
      "/conditionnel.csv": serveFile(files.conditionnel, { etag: '"v7"' }),
      "/lent.csv": stalls,
    });
  });
  afterAll(() => server?.close());

  it("writes the file as served and records it in the manifest (URL, date, size, SHA-256, status, validators)", async () => {
    const { results, manifest, donnees } = await download([entry("simple", `${server.base}/simple.csv`)]);
    expect(results).toMatchObject([{ id: "simple", etat: "telecharge" }]);
    expect(fs.readFileSync(path.join(donnees, "simple.csv")).equals(files.simple)).toBe(true);
    expect(manifest.fichiers).toEqual([{
      source: "simple", fichier: "simple.csv", url: `${server.base}/simple.csv`, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      taille: files.simple.length, sha256: sha256(files.simple), statutHttp: 200, etag: '"s1"', derniereModification: "Wed, 01 Jan 2025 00:00:00 GMT",
    }]);
    // Nothing partial is left beside the file.
    expect(fs.readdirSync(donnees).sort()).toEqual(["simple.csv", MANIFEST_NAME]);
  });

  it("follows a redirect and records where the file was finally served from", async () => {
    const { results, manifest, donnees } = await download([entry("redirige", `${server.base}/ancien/redirige.csv`)]);
    expect(results[0]!.etat).toBe("telecharge");
    expect(fs.readFileSync(path.join(donnees, "redirige.csv")).equals(files.redirige)).toBe(true);
    expect(manifest.fichiers[0]).toMatchObject({ url: `${server.base}/ancien/redirige.csv`, urlFinale: `${server.base}/nouveau/redirige.csv` });
  });

  it("refuses a redirect to plain http, without following it", async () => {
    const { results, errors, donnees } = await download([entry("vers-http", `${server.base}/vers-http.csv`)]);
    expect(results[0]).toMatchObject({ etat: "echec", motif: expect.stringMatching(/redirection vers http:\/\/fichiers\.example\.invalid\/vers-http\.csv : adresse http non chiffrée refusée/) });
    expect(errors[0]).toContain(`${server.base}/vers-http.csv`);
    expect(fs.existsSync(path.join(donnees, "vers-http.csv"))).toBe(false);
  });

  it("reports a 404 in French with its URL, does not retry it, and goes on with the next source", async () => {
    const { results, errors, donnees } = await download([entry("absent", `${server.base}/absent.csv`), entry("simple", `${server.base}/simple.csv`)]);
    expect(results.map((result) => result.etat)).toEqual(["echec", "telecharge"]);
    expect(results[0]!.motif).toBe("le serveur a répondu HTTP 404 (fichier introuvable)");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^absent : échec du téléchargement de ${server.base}/absent\\.csv : le serveur a répondu HTTP 404`));
    expect(server.requestsTo("/absent.csv")).toHaveLength(1);
    expect(fs.existsSync(path.join(donnees, "simple.csv"))).toBe(true);
  });

  it("retries after a 500 and a 429, then succeeds", async () => {
    const { results, messages, donnees } = await download([entry("reessai", `${server.base}/reessai.csv`)]);
    expect(results[0]!.etat).toBe("telecharge");
    expect(retryCalls).toBe(3);
    expect(fs.readFileSync(path.join(donnees, "reessai.csv")).equals(files.reessai)).toBe(true);
    expect(messages.join("\n")).toMatch(/essai 1\/3 en échec \(le serveur a répondu HTTP 500 \(erreur du serveur\)\) : nouvel essai/);
    expect(messages.join("\n")).toMatch(/essai 2\/3 en échec \(le serveur a répondu HTTP 429 \(trop de requêtes\)\)/);
  });

  it("resumes a transfer cut half-way with a Range request guarded by the ETag", async () => {
    const { results, donnees } = await download([entry("coupe", `${server.base}/coupe.csv`)]);
    expect(results[0]!.etat).toBe("telecharge");
    const [first, second] = server.requestsTo("/coupe.csv");
    expect(first!.headers.range).toBeUndefined();
    const start = Number(second!.headers.range?.match(/^bytes=(\d+)-$/)?.[1]);
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThanOrEqual(20_000);
    expect(second!.headers["if-range"]).toBe('"c1"');
    expect(fs.readFileSync(path.join(donnees, "coupe.csv")).equals(files.coupe)).toBe(true);
    expect(fs.existsSync(partPath(path.join(donnees, "coupe.csv")))).toBe(false);
  });

  it("keeps the hidden .part of an interrupted run and resumes it next time", async () => {
    const donnees = tempDir("reprise");
    const source = entry("reprise", `${server.base}/reprise.csv`);
    const first = await download([source], { donnees, settings: { attempts: 1 } });
    expect(first.results[0]!.etat).toBe("echec");
    expect(first.results[0]!.motif).toMatch(/connexion interrompue|transfert incomplet/);
    const part = partPath(path.join(donnees, "reprise.csv"));
    expect(path.basename(part)).toBe(".reprise.csv.part");
    const kept = fs.statSync(part).size;
    expect(kept).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(donnees, "reprise.csv"))).toBe(false);

    const second = await download([source], { donnees, settings: { attempts: 1 } });
    expect(second.results[0]!.etat).toBe("telecharge");
    expect(resumeCalls).toBe(2);
    expect(server.requestsTo("/reprise.csv")[1]!.headers.range).toBe(`bytes=${kept}-`);
    expect(fs.readFileSync(path.join(donnees, "reprise.csv")).equals(files.reprise)).toBe(true);
    expect(fs.existsSync(part)).toBe(false);
  });

  it("starts again from the beginning when the server ignores Range", async () => {
    const donnees = tempDir("sans-range");
    const source = entry("sans-range", `${server.base}/sans-range.csv`);
    expect((await download([source], { donnees, settings: { attempts: 1 } })).results[0]!.etat).toBe("echec");
    const second = await download([source], { donnees });
    expect(noRangeCalls).toBe(2);
    expect(server.requestsTo("/sans-range.csv")[1]!.headers.range).toMatch(/^bytes=\d+-$/);
    expect(second.results[0]!.etat).toBe("telecharge");
    expect(second.messages.join("\n")).toMatch(/ne sait pas reprendre un transfert : le téléchargement recommence du début/);
    // Not the earlier bytes followed by the whole file: exactly the file.
    expect(fs.readFileSync(path.join(donnees, "sans-range.csv")).equals(files.sansRange)).toBe(true);
  });

  it("sets a file with the wrong checksum aside as .invalide, never under its name", async () => {
    const expected = sha256(Buffer.from("autre contenu"));
    const { results, errors, manifest, donnees } = await download([entry("controle", `${server.base}/controle.csv`, { sha256: expected })]);
    expect(results[0]!.etat).toBe("echec");
    expect(errors[0]).toContain(`somme de contrôle SHA-256 différente de celle du catalogue (reçue ${sha256(files.controle)}, attendue ${expected})`);
    expect(errors[0]).toContain(`mis de côté sous ${path.join(donnees, "controle.csv.invalide")}`);
    expect(fs.existsSync(path.join(donnees, "controle.csv"))).toBe(false);
    expect(fs.readFileSync(path.join(donnees, "controle.csv.invalide")).equals(files.controle)).toBe(true);
    expect(manifest.fichiers).toEqual([]);
    // The right checksum lets the same file through.
    const good = await download([entry("controle", `${server.base}/controle.csv`, { sha256: sha256(files.controle), taille: files.controle.length })]);
    expect(good.results[0]!.etat).toBe("telecharge");
  });

  it("gives up on a silent server after the read timeout, on every try, in French", async () => {
    const started = Date.now();
    const { results } = await download([entry("lent", `${server.base}/lent.csv`)], { settings: { attempts: 2 } });
    expect(results[0]).toMatchObject({ etat: "echec", motif: "le serveur ne répond pas (délai de réponse dépassé)" });
    expect(server.requestsTo("/lent.csv")).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("asks only whether a file in place changed (If-None-Match) and keeps it when the server says 304", async () => {
    const donnees = tempDir("conditionnel");
    const source = entry("conditionnel", `${server.base}/conditionnel.csv`);
    const first = await download([source], { donnees });
    const second = await download([source], { donnees });
    expect(second.results[0]!.etat).toBe("inchange");
    expect(server.requestsTo("/conditionnel.csv")[1]!.headers["if-none-match"]).toBe('"v7"');
    expect(second.manifest.fichiers[0]).toMatchObject({ date: first.manifest.fichiers[0]!.date, verifieLe: expect.any(String), sha256: sha256(files.conditionnel) });
    // A file edited by hand is no longer the one recorded: it is fetched again, unconditionally.
    fs.writeFileSync(path.join(donnees, "conditionnel.csv"), "modifié");
    const third = await download([source], { donnees });
    expect(third.results[0]!.etat).toBe("telecharge");
    expect(server.requestsTo("/conditionnel.csv")[2]!.headers["if-none-match"]).toBeUndefined();
    expect(fs.readFileSync(path.join(donnees, "conditionnel.csv")).equals(files.conditionnel)).toBe(true);
  });
});

describe("proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)", TIMEOUT, () => {
  let server: LoopbackServer;
  const bytes = payload("proxy");

  beforeAll(async () => {
    server = await startServer({ "/proxy.csv": serveFile(bytes) });
  });
  afterAll(() => server?.close());

  it("goes through the proxy the environment names, and around it for NO_PROXY hosts", async () => {
    const proxy = await startProxy();
    try {
      const port = new URL(server.base).port;
      const through = await download([entry("proxy", `${server.base}/proxy.csv`)], { env: { HTTP_PROXY: proxy.url } });
      expect(through.results[0]!.etat).toBe("telecharge");
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${port}`]);
      expect(fs.readFileSync(path.join(through.donnees, "proxy.csv")).equals(bytes)).toBe(true);

      const around = await download([entry("proxy", `${server.base}/proxy.csv`)], { env: { HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" } });
      expect(around.results[0]!.etat).toBe("telecharge");
      expect(proxy.seen).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it("sends https requests to HTTPS_PROXY (the proxy refuses to go out: nothing leaves the machine)", async () => {
    const proxy = await startProxy();
    try {
      const { results } = await download([entry("distant", "https://fichiers.example.invalid/distant.csv")], { env: { HTTPS_PROXY: proxy.url }, settings: { attempts: 1 } });
      expect(proxy.seen).toEqual(["CONNECT fichiers.example.invalid:443"]);
      expect(results[0]).toMatchObject({ etat: "echec", motif: "le proxy a refusé la connexion (HTTP 502)" });
    } finally {
      await proxy.close();
    }
  });
});

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
